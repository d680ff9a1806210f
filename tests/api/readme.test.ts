/** Every GraphQL example in the README runs against the bundled dataset and answers what the dataset says. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ROOT } from '../../src/dataset/paths.js';
import { API_STORES, startTestServer, type TestServer } from '../helpers/server.js';
import { countedAid, countedDonations, ds, placeAndBodiesInside, placeAndDescendants, texts } from '../helpers/dataset.js';
import { createRequire } from 'node:module';
import { schema } from '../../src/graphql/apollo.js';
import { loadDocuments } from '../../src/dataset/sources.js';
import { createContext } from '../../src/graphql/context.js';

// The schema is built by @graphql-tools, which loads graphql's CommonJS build: its executor must be that one.
const { execute, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const examples = [...readFileSync(`${ROOT}/README.md`, 'utf8').matchAll(/```graphql\n([^]*?)```/g)].map((m) => m[1]);

describe.each(API_STORES)('README examples on %s', (store) => {
  let server: TestServer;
  const results: any[] = [];

  beforeAll(async () => {
    server = await startTestServer(store);
    for (const q of examples) results.push((await server.gql(q)).body);
  });
  afterAll(async () => server?.app.close());

  it('has examples, and every one answers without errors and reports its cost', () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
    for (const r of results) {
      expect(r.errors).toBeUndefined();
      expect(r.extensions.cost).toBeGreaterThan(0);
    }
  });

  // The compiled executor passes built-in scalars and enums through as the resolvers return them
  // (src/graphql/operations.ts): graphql-js's own executor, which serialises every leaf, must agree.
  it('every example answers exactly what graphql-js itself executes, and the same again when asked again', async () => {
    for (const [i, q] of examples.entries()) {
      const reference = await execute({ schema, document: parse(q), contextValue: createContext(server.app.services) });
      expect(reference.errors).toBeUndefined();
      const expected = JSON.parse(JSON.stringify(reference.data));
      expect(results[i].data).toEqual(expected);
      expect((await server.gql(q)).body.data).toEqual(expected);
    }
  });

  it('who supports Sichuan: every pairing whose supported side lies in Sichuan and is in force in 2012', () => {
    const inside = placeAndBodiesInside('gb:510000@201210');
    const years = new Map([
      ['000_2a7b28f720b6fe8f', 2010],
      ['001_d1619baa944e1ca8', 2011],
      ['002_0682eb31a52f5446', 2010],
      ['003_65d85575d23a51b4', 2011],
      ['004_f2551533dc273a48', 2012],
    ]);
    const expected = ds.pairing.filter((p) => {
      const ended = p.to ?? (p.status === 'replaced' || p.status === 'ended' ? years.get(p.source.doc) : undefined);
      return inside.has(p.supportedId) && (p.from ?? 0) <= 2012 && (ended ?? 9999) >= 2012;
    });
    const got = results[0].data.place.supportedBy;
    expect(got.totalCount).toBe(expected.length);
    for (const n of got.nodes) expect(ds.pairing.some((p) => p.source.quote === n.provenance.quote)).toBe(true);
  });

  it("Shanghai's totals: grouped by recipient and summed exactly", () => {
    const given = countedDonations().filter((d) => d.donorIds.includes('gb:310000@201210') && d.year === 2012);
    const byRecipient = new Map<string, number>();
    for (const d of given.filter((x) => x.kind !== 'investment'))
      for (const r of d.recipientIds) byRecipient.set(r, (byRecipient.get(r) ?? 0) + (d.amount?.yuan ?? 0));
    const top = [...byRecipient.values()].sort((a, b) => b - a);
    expect(results[1].data.donationTotals.map((t: any) => Number(t.total))).toEqual(top.slice(0, 5));
    expect(results[1].data.donations.totalCount).toBe(given.length);
    expect(results[1].data.donations.totalYuan).toBe(String(given.reduce((n, d) => n + (d.amount?.yuan ?? 0), 0)));
    const amounts = results[1].data.donations.nodes.map((n: any) => Number(n.amount.yuan));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  it('what the texts state: totals by donor of stated donations, and the donations read otherwise, each with its note', () => {
    const stated = countedAid().filter((d) => d.year === 2012 && d.evidence === 'stated');
    const byDonor = new Map<string, number>();
    for (const d of stated) for (const g of d.donorIds) byDonor.set(g, (byDonor.get(g) ?? 0) + (d.amount?.yuan ?? 0));
    const top = [...byDonor.values()].sort((a, b) => b - a);
    expect(results[2].data.donationTotals.map((t: any) => Number(t.total))).toEqual(top.slice(0, 5));
    const other = countedDonations().filter((d) => d.evidence === 'section' || d.evidence === 'inferred');
    expect(results[2].data.donations.totalCount).toBe(other.length);
    for (const n of results[2].data.donations.nodes) {
      expect(['SECTION', 'INFERRED']).toContain(n.evidence);
      expect(n.evidenceNote).toBe(ds.donation.find((d) => d.id === n.id)!.evidenceNote);
    }
  });

  it("an official's titles and visits, in time order", () => {
    const official = ds.official.find((o) => o.id === 'person:wang-sanyun')!;
    const r = results[3].data.node;
    expect(r.titles.length).toBe(official.titles.length);
    const visits = ds.visit.filter((v) => v.visitorIds.includes(official.id) || v.headId === official.id);
    expect(r.visits.nodes.length).toBe(visits.length);
    const starts = r.visits.nodes.map((v: any) => v.date.start);
    expect(starts).toEqual([...starts].sort());
  });

  it('delegations between two regions in a date range', () => {
    const gansu = placeAndDescendants('gb:620000@201210');
    const tianjin = placeAndDescendants('gb:120000@201210');
    const expected = ds.visit.filter(
      (v) =>
        v.fromId &&
        gansu.has(v.fromId) &&
        v.destinationIds.some((d) => tianjin.has(d)) &&
        v.date.start >= '2012-08' &&
        (v.date.end ?? v.date.start) <= '2012-08-31',
    );
    expect(results[4].data.visits.totalCount).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('search finds a place by its misspelling', () => {
    expect(results[5].data.search[0].node.id).toBe('gb:210000@201210');
  });

  it('a drawable subgraph over the chosen relations, with a GEXF export of the same graph', () => {
    const g = results[7].data.subgraph;
    expect(g.nodes.map((n: any) => n.id)).toContain('gb:510822@201210');
    for (const e of g.edges) expect(['PAIRING', 'DONATION', 'PART_OF']).toContain(e.type);
    expect(g.gexf).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect((g.gexf.match(/<edge /g) ?? []).length).toBe(g.edges.length);
  });

  it('a path over chosen relations, each step a relationship the dataset states', () => {
    const path = results[6].data.path;
    expect(path.length).toBeGreaterThan(0);
    for (const s of path.steps) {
      expect(['SUPPORTS', 'PART_OF']).toContain(s.relation);
      const [a, b] = s.forward ? [s.from.id, s.to.id] : [s.to.id, s.from.id];
      const stated =
        s.relation === 'SUPPORTS'
          ? ds.pairing.some((p) => p.supporterId === a && p.supportedId === b)
          : ds.place.some((p) => p.id === a && p.parentId === b);
      expect(stated).toBe(true);
      if (s.provenance)
        expect(texts.get(ds.pairing.find((p) => p.source.quote === s.provenance.quote)!.source.doc)).toContain(s.provenance.quote);
    }
  });
  it('the changes of 2010, each with its sentence, and the pairings in force in 2011, as the records say', () => {
    const years = new Map(loadDocuments().map((d) => [d.doc, d.year]));
    const { pairingChanges, pairingMap } = results[8].data;
    const replaced = ds.pairing.filter((p) => p.status === 'replaced' && (p.to ?? years.get(p.source.doc)) === 2010);
    expect(pairingChanges.filter((c: any) => c.kind === 'REPLACED')).toHaveLength(replaced.length);
    for (const c of pairingChanges) {
      const record = ds.pairing.find((p) => p.source.quote === c.provenance.quote)!;
      expect(record).toBeDefined();
      expect(c.provenance.citation).toContain(`characters ${record.source.start}–${record.source.end}`);
    }
    const inForce = ds.pairing.filter((p) => {
      const to = p.to ?? (p.status === 'replaced' || p.status === 'ended' ? years.get(p.source.doc) : undefined);
      return (p.from ?? 0) <= 2011 && (to ?? 9999) >= 2011;
    });
    expect(pairingMap.count).toBe(inForce.length);
    expect(pairingMap.coverage.covered).toBe(true);
  });

  it('statistics about Sichuan and the places inside it on investment, and the chapters naming Qingchuan', () => {
    const inside = placeAndDescendants('gb:510000@201210');
    const expected = ds.statistic.filter((s) => s.scopeId && inside.has(s.scopeId) && s.metric.split('-').includes('investment'));
    const { statistics, place } = results[9].data;
    expect(statistics.totalCount).toBe(expected.length);
    for (const n of statistics.nodes) expect(expected.map((s) => s.source.quote)).toContain(n.provenance.quote);
    const naming = new Set(ds.placeMention.filter((m) => m.placeId === 'gb:510822@201210').map((m) => m.source.doc));
    expect(place.coverage.documents).toHaveLength(naming.size);
  });
  it("the panel of Zhejiang's province-level pairs: the donations of each year between the two sides", () => {
    const { panel } = results[10].data;
    expect(panel.totalCount).toBeGreaterThan(0);
    for (const row of panel.nodes) {
      expect(row.supporter.name).toBe('Zhejiang Province');
      const ids = row.amounts.flatMap((a: any) => a.donationIds);
      const sum = ds.donation.filter((d) => ids.includes(d.id) && d.kind !== 'investment').reduce((s, d) => s + (d.amount?.yuan ?? 0), 0);
      expect(Number(row.aidYuan)).toBe(sum);
      for (const id of ids) expect(ds.donation.find((d) => d.id === id)!.year).toBe(row.year);
    }
  });
  it("Shanghai's stated 2012 total for Yunnan beside its itemised parts", () => {
    const rec = results[11].data.reconciliation;
    const totals = countedDonations().filter(
      (d) => d.year === 2012 && d.donorIds.includes('gb:310000@201210') && ds.donation.some((p) => p.partOfId === d.id),
    );
    expect(rec.totals).toHaveLength(totals.length);
    for (const t of rec.totals) {
      const total = totals.find((d) => d.source.quote === t.total.provenance.quote)!;
      const parts = ds.donation.filter((p) => p.partOfId === total.id);
      expect(Number(t.partsYuan)).toBe(parts.reduce((s, p) => s + (p.amount?.yuan ?? 0), 0));
      expect(t.parts).toHaveLength(parts.length);
    }
  });
  it("Shenzhen's planned ten billion kept apart from what it gave; Guangdong's signed deals beside what was invested", () => {
    const shenzhen = 'gb:440300@201210';
    const { promised, given, signed } = results[12].data;
    const planned = ds.commitment.filter((c) => c.giverIds.includes(shenzhen));
    expect(planned.some((c) => c.amount.yuan === 10_000_000_000 && c.stage === 'planned')).toBe(true);
    expect(promised.totalYuan).toBe(String(planned.reduce((s, c) => s + c.amount.yuan, 0)));
    const gave = countedDonations().filter((d) => d.donorIds.includes(shenzhen));
    expect(Number(given[0].total)).toBe(gave.reduce((s, d) => s + (d.amount?.yuan ?? 0), 0));
    expect(Number(given[0].total)).toBeLessThan(10_000_000_000);
    const deals = ds.commitment.filter((c) => c.giverIds.includes('gb:440000@201210') && c.stage === 'signed');
    expect(signed.nodes).toHaveLength(deals.length);
    const realised = signed.nodes.find((n: any) => n.realised.length);
    expect(realised.realised[0].text).toBe('198.28 billion yuan');
    expect(realised.realisedYuan).toBe('198280000000');
  });
});
