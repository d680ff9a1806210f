/**
 * Time a researcher can cite: the pairings in force in a year, what changed between years (the
 * June 2010 adjustment above all), statistics by place, year and topic, and what the dataset
 * covers — checked against the dataset files, over real HTTP on the real store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_STORES, startTestServer, type TestServer } from '../helpers/server.js';
import { ds, placeAndBodiesInside, placeAndDescendants, texts } from '../helpers/dataset.js';
import { loadDocuments } from '../../src/dataset/sources.js';

const documents = loadDocuments();
const reportYear = (doc: string) => documents.find((d) => d.doc === doc)!.year;

/** The rule the API states, applied to the records: begun by then and not ended before. */
function inForceFromRecords(year: number): string[] {
  return ds.pairing
    .filter((p) => {
      const to = p.to ?? (p.status === 'replaced' || p.status === 'ended' ? reportYear(p.source.doc) : undefined);
      return (p.from === undefined || p.from <= year) && (to === undefined || to >= year);
    })
    .map((p) => p.id)
    .sort();
}

describe.each(API_STORES)('pairing history, statistics and coverage on %s', (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => server?.app.close());

  const data = async (query: string, variables?: Record<string, unknown>) => {
    const r = await server.gql(query, variables);
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    return r.body.data;
  };

  it('shows the June 2010 adjustment: who was moved from whom to whom, each with its sentence and a citation', async () => {
    const { pairingChanges } = await data(`{
      pairingChanges(from: 2010, to: 2010) {
        kind year yearStated
        pairing { id supporter { id } supported { id } }
        replacedBy { id supported { id } }
        provenance { quote start end citation document { id title year } }
      }
    }`);
    const replaced = ds.pairing.filter((p) => p.status === 'replaced' && (p.to ?? reportYear(p.source.doc)) === 2010);
    expect(replaced.length).toBeGreaterThan(2);
    for (const p of replaced) {
      const change = pairingChanges.find((c: any) => c.pairing.id === p.id);
      expect(change, p.id).toMatchObject({ kind: 'REPLACED', year: 2010, yearStated: p.to !== undefined });
      expect(change.replacedBy?.id ?? null).toBe(p.replacedBy ?? null);
      expect(change.provenance.quote).toBe(p.source.quote);
      expect(texts.get(p.source.doc)!.slice(change.provenance.start, change.provenance.end)).toBe(p.source.quote);
      expect(change.provenance.citation).toBe(
        `"${change.provenance.document.title}", chapter on ${change.provenance.document.year} (document ${p.source.doc}), characters ${p.source.start}–${p.source.end}`,
      );
    }
    // Shandong moved from Xinjiang to Chongqing: the replaced pairing names its successor, which is added the same year.
    const shandong = pairingChanges.find((c: any) => c.pairing.id === 'pairing:a-2');
    expect(shandong.pairing.supported.id).toBe('gb:650000@201210');
    expect(shandong.replacedBy).toMatchObject({ id: 'pairing:a-1', supported: { id: 'gb:500000@201210' } });
    expect(pairingChanges.find((c: any) => c.pairing.id === 'pairing:a-1')).toMatchObject({ kind: 'ADDED', year: 2010 });
    // Every record the rule dates to 2010 is there, and nothing else.
    const added2010 = ds.pairing.filter((p) => (p.status === 'new' || p.status === 'active') && p.from === 2010);
    const extended2010 = ds.pairing.filter((p) => p.status === 'extended' && (p.from ?? reportYear(p.source.doc)) === 2010);
    const newUndated = ds.pairing.filter((p) => p.status === 'new' && p.from === undefined && reportYear(p.source.doc) === 2010);
    const ended = ds.pairing.filter((p) => p.status === 'ended' && (p.to ?? reportYear(p.source.doc)) === 2010);
    expect(pairingChanges.map((c: any) => c.pairing.id).sort()).toEqual(
      [...replaced, ...added2010, ...extended2010, ...newUndated, ...ended].map((p) => p.id).sort(),
    );
    // In order: by year, then ends before starts.
    const kinds = pairingChanges.map((c: any) => c.kind);
    expect(kinds.lastIndexOf('REPLACED')).toBeLessThan(kinds.indexOf('ADDED'));
  });

  it('lists the pairings in force in a year by the stated rule, with a count, pages and coverage', async () => {
    for (const year of [2009, 2010, 2011, 2012]) {
      const query = `query Map($year: Int!, $after: String) { pairingMap(asOf: $year) { asOf count
          pairings(first: 100, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
          coverage { covered note documents { id } } } }`;
      const { pairingMap } = await data(query, { year });
      const ids: string[] = pairingMap.pairings.nodes.map((n: any) => n.id);
      for (let page = pairingMap.pairings.pageInfo; page.hasNextPage;) {
        const next = (await data(query, { year, after: page.endCursor })).pairingMap.pairings;
        ids.push(...next.nodes.map((n: any) => n.id));
        page = next.pageInfo;
      }
      const expected = inForceFromRecords(year);
      expect(pairingMap.count, String(year)).toBe(expected.length);
      expect(pairingMap.pairings.totalCount).toBe(expected.length);
      expect(ids.sort()).toEqual(expected);
      const reporting = documents.filter((d) => d.year === year).map((d) => d.doc);
      expect(pairingMap.coverage.covered).toBe(reporting.length > 0);
      expect(pairingMap.coverage.documents.map((d: any) => d.id)).toEqual(reporting);
    }
    const { pairingMap } = await data('{ pairingMap(asOf: 2009) { coverage { covered note } } }');
    expect(pairingMap.coverage.note).toMatch(/No chapter of the dataset reports on 2009: its chapters report on 2010, 2011, 2012/);
    // Replaced in 2010, so not in force in 2011; its successor is.
    const { pairingMap: y2011 } = await data('{ pairingMap(asOf: 2011) { pairings(first: 100) { nodes { id } } } }');
    const ids = y2011.pairings.nodes.map((n: any) => n.id);
    expect(ids).not.toContain('pairing:a-2');
    expect(ids).toContain('pairing:a-1');
  });

  it('refuses years that cannot be meant, naming the argument', async () => {
    const r = await server.gql('{ pairingChanges(from: 2012, to: 2010) { kind } }');
    expect(r.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(r.body.errors![0].message).toMatch(/from \(2012\) is after to \(2010\)/);
    const y = await server.gql('{ pairingMap(asOf: 20110) { count } }');
    expect(y.body.errors![0].message).toMatch(/asOf must be a year from 1949 to 2100 \(got 20110\)/);
  });

  it('lists statistics by topic, year and place, in year then id order, each with its quote', async () => {
    const words = (m: string) => m.split('-');
    const { statistics } = await data(
      `{ statistics(filter: {topic: "investment"}, first: 100) { totalCount nodes { id metric year provenance { quote } } } }`,
    );
    const expected = ds.statistic.filter((s) => words(s.metric).includes('investment'));
    expect(statistics.totalCount).toBe(expected.length);
    expect(statistics.nodes.map((n: any) => n.id).sort()).toEqual(expected.map((s) => s.id).sort());
    const years = statistics.nodes.map((n: any) => n.year);
    expect(years).toEqual([...years].sort((a: number, b: number) => a - b));
    for (const n of statistics.nodes) expect(n.provenance.quote).toBe(ds.statistic.find((s) => s.id === n.id)!.source.quote);

    // A place with its descendants: every statistic about Sichuan or a place inside it in 2012.
    const sichuan = placeAndDescendants('gb:510000@201210');
    const { statistics: inSichuan } = await data(
      `{ statistics(filter: {place: "gb:510000@201210", includeDescendants: true, year: 2012}, first: 100) { totalCount nodes { id scope { id } } } }`,
    );
    const aboutSichuan = ds.statistic.filter((s) => s.year === 2012 && s.scopeId && sichuan.has(s.scopeId));
    expect(aboutSichuan.length).toBeGreaterThan(0);
    expect(inSichuan.nodes.map((n: any) => n.id).sort()).toEqual(aboutSichuan.map((s) => s.id).sort());
    // Two words must both be in the metric.
    const { statistics: aid } = await data(`{ statistics(filter: {topic: "financial aid"}, first: 100) { nodes { metric } } }`);
    expect(aid.nodes.length).toBe(
      ds.statistic.filter((s) => words(s.metric).includes('financial') && words(s.metric).includes('aid')).length,
    );
  });

  it.each(['PROVINCE', 'PREFECTURE', 'COUNTY'])('says which chapters name a place or a place inside it (%s), in words', async (level) => {
    const { places } = await data(
      `{ places(filter: {level: ${level}}, first: 100) { nodes { id name coverage { covered note documents { id } } } } }`,
    );
    expect(places.nodes.length).toBeGreaterThan(10);
    for (const p of places.nodes) {
      const inside = placeAndDescendants(p.id);
      const naming = new Set(ds.placeMention.filter((m) => m.placeId && inside.has(m.placeId)).map((m) => m.source.doc));
      expect(p.coverage.covered, p.name).toBe(naming.size > 0);
      expect(p.coverage.documents.map((d: any) => d.id).sort(), p.name).toEqual([...naming].sort());
      expect(p.coverage.note).toBe(
        p.coverage.covered
          ? `${naming.size} chapter(s) of the dataset name ${p.name} or a place inside it.`
          : `No chapter of the dataset names ${p.name} or a place inside it: the dataset holds no report on it, which is not a report that it received or gave nothing.`,
      );
    }
  });

  it('rolls visits "from Shandong" up over its places and the bodies based there: its bureaus\' and colleges\' delegations too', async () => {
    const inside = placeAndBodiesInside('gb:370000@201210');
    const expected = ds.visit.filter((v) => v.fromId && inside.has(v.fromId));
    expect(expected.some((v) => v.fromId!.startsWith('org:'))).toBe(true);
    const { visits } = await data(
      '{ visits(filter: { sender: "gb:370000@201210", includeDescendants: true }, first: 100) { totalCount nodes { id } } }',
    );
    expect(visits.nodes.map((n: any) => n.id).sort()).toEqual(expected.map((v) => v.id).sort());
  });

  it('lists the chapters reporting on a pairing: the one it is read from and those naming both its sides', async () => {
    for (const p of ds.pairing.slice(0, 40)) {
      const inside = (id: string) => placeAndDescendants(id);
      const names = (doc: string, id: string) =>
        ds.placeMention.some((m) => m.source.doc === doc && m.placeId && inside(id).has(m.placeId));
      const expected = documents
        .filter((d) => d.doc === p.source.doc || (names(d.doc, p.supporterId) && names(d.doc, p.supportedId)))
        .map((d) => d.doc);
      const { documents: got } = await data('query D($id: ID!) { documents(pairing: $id) { id } }', { id: p.id });
      expect(
        got.map((d: any) => d.id),
        p.id,
      ).toEqual(expected);
    }
    const r = await server.gql('{ documents(pairing: "pairing:zz-999") { id } }');
    expect(r.body.errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});
