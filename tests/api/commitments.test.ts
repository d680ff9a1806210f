/**
 * Money promised — planned, agreed or signed — kept apart from money given, and read beside what
 * the text says came of it. Expected answers are computed from the dataset files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { countedDonations, ds, placeAndBodiesInside, texts } from '../helpers/dataset.js';

const FIELDS = `id stage kind year byYear yearly amount { yuan text }
  givers { id } recipients { ... on Node { id } } partOf { id }
  realised { ... on Donation { id amount { yuan } } ... on Statistic { id value unit } } realisedYuan
  evidence evidenceNote provenance { quote start end document { id } }`;
const enumOf = (v: string) => v.toUpperCase().replace(/-/g, '_');

describe('commitments', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.app.close());

  const list = async (filter: string) => {
    const r = await server.gql(`{ commitments(filter: ${filter}, first: 100) { totalCount totalYuan nodes { ${FIELDS} } } }`);
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    return r.body.data.commitments;
  };

  it('lists every commitment of the dataset with its stage, sides, outcome and quote', async () => {
    expect(ds.commitment.length).toBeGreaterThanOrEqual(10);
    const all = await list('{}');
    expect(all.totalCount).toBe(ds.commitment.length);
    // A share of a larger commitment counts once, in the whole.
    expect(ds.commitment.some((c) => c.partOfId)).toBe(true);
    const wholes = ds.commitment.filter((c) => !c.partOfId);
    expect(all.totalYuan).toBe(String(wholes.reduce((s, c) => s + c.amount.yuan, 0)));
    for (const c of all.nodes) {
      const record = ds.commitment.find((x) => x.id === c.id)!;
      expect(c).toMatchObject({
        stage: enumOf(record.stage),
        kind: enumOf(record.kind),
        year: record.year,
        byYear: record.byYear ?? null,
        yearly: record.yearly ?? false,
        amount: { yuan: String(record.amount.yuan), text: record.amount.text },
        evidence: enumOf(record.evidence),
        partOf: record.partOfId ? { id: record.partOfId } : null,
      });
      expect(c.givers.map((g: { id: string }) => g.id).sort()).toEqual([...record.giverIds].sort());
      expect(c.recipients.map((g: { id: string }) => g.id).sort()).toEqual([...record.recipientIds].sort());
      expect(c.realised.map((g: { id: string }) => g.id).sort()).toEqual([...(record.realisedIds ?? [])].sort());
      expect(texts.get(c.provenance.document.id)!.slice(c.provenance.start, c.provenance.end)).toBe(c.provenance.quote);
      expect(c.provenance.quote).toContain(record.amount.text);
    }
    // In year order.
    const years = all.nodes.map((c: { year: number }) => c.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('gives what came of a commitment where the text says so, in yuan', async () => {
    const linked = ds.commitment.filter((c) => c.realisedIds?.length);
    expect(linked.length).toBeGreaterThan(0);
    const all = (await list('{}')).nodes;
    for (const record of linked) {
      const c = all.find((x: { id: string }) => x.id === record.id);
      const yuan = record.realisedIds!.flatMap((id) => {
        const d = ds.donation.find((x) => x.id === id);
        if (d) return d.amount ? [d.amount.yuan] : [];
        const s = ds.statistic.find((x) => x.id === id)!;
        return s.unit === 'yuan' ? [s.value] : [];
      });
      expect(c.realisedYuan).toBe(yuan.length ? String(yuan.reduce((a, b) => a + b, 0)) : null);
    }
    for (const c of all.filter((x: { realised: unknown[] }) => !x.realised.length)) expect(c.realisedYuan).toBeNull();
  });

  it('filters by giver and recipient, with the places inside them, by stage, kind and year', async () => {
    const givers = [...new Set(ds.commitment.flatMap((c) => c.giverIds))];
    for (const giver of givers) {
      const got = await list(`{ giver: "${giver}" }`);
      const expected = ds.commitment.filter((c) => c.giverIds.includes(giver)).map((c) => c.id);
      expect(got.nodes.map((c: { id: string }) => c.id).sort()).toEqual(expected.sort());
    }
    const provinces = [...new Set(ds.commitment.flatMap((c) => c.recipientIds))]
      .map((id) => ds.place.find((p) => p.id === id))
      .flatMap((p) => (p?.parentId ? [p.parentId] : []));
    expect(provinces.length).toBeGreaterThan(0);
    for (const province of new Set(provinces)) {
      const inside = placeAndBodiesInside(province);
      const got = await list(`{ recipient: "${province}", includeDescendants: true }`);
      const expected = ds.commitment.filter((c) => c.recipientIds.some((r) => inside.has(r))).map((c) => c.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(got.nodes.map((c: { id: string }) => c.id).sort()).toEqual(expected.sort());
    }
    for (const stage of ['planned', 'agreed', 'signed'] as const) {
      const got = await list(`{ stage: [${enumOf(stage)}] }`);
      expect(got.totalCount).toBe(ds.commitment.filter((c) => c.stage === stage).length);
    }
    const signedInvestment = await list('{ stage: [SIGNED], kind: [INVESTMENT], evidence: [STATED, INFERRED] }');
    expect(signedInvestment.totalCount).toBe(
      ds.commitment.filter((c) => c.stage === 'signed' && c.kind === 'investment' && ['stated', 'inferred'].includes(c.evidence)).length,
    );
    const year = ds.commitment[0].year;
    expect((await list(`{ year: ${year} }`)).totalCount).toBe(ds.commitment.filter((c) => c.year === year).length);
  });

  it('never counts money promised as money given', async () => {
    const givers = [...new Set(ds.commitment.flatMap((c) => c.giverIds))];
    for (const giver of givers) {
      const r = await server.gql(
        `query($id: ID!) {
          given: donationTotals(groupBy: [DONOR], filter: { donor: $id }, first: 1, investment: COMBINED) { total }
          listed: donations(filter: { donor: $id }, first: 100) { nodes { id } }
          promised: commitments(filter: { giver: $id }, first: 100) { totalYuan }
        }`,
        { id: giver },
      );
      expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
      const given = countedDonations()
        .filter((d) => d.donorIds.includes(giver))
        .reduce((s, d) => s + (d.amount?.yuan ?? 0), 0);
      expect(Number(r.body.data.given[0]?.total ?? 0)).toBe(given);
      for (const d of r.body.data.listed.nodes) expect(d.id).toMatch(/^donation:/);
      expect(r.body.data.promised.totalYuan).toBe(
        String(ds.commitment.filter((c) => c.giverIds.includes(giver) && !c.partOfId).reduce((s, c) => s + c.amount.yuan, 0)),
      );
    }
  });

  it('is a node like any other fact, found by its id', async () => {
    const c = ds.commitment[0];
    const r = await server.gql(`{ node(id: "${c.id}") { __typename ... on Commitment { stage amount { text } } } }`);
    expect(r.body.data.node).toEqual({ __typename: 'Commitment', stage: enumOf(c.stage), amount: { text: c.amount.text } });
  });

  it('refuses a filter that would do nothing, and ids that name nothing, saying where', async () => {
    const noop = await server.gql('{ commitments(filter: { includeDescendants: true }, first: 5) { totalCount } }');
    expect(noop.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(noop.body.errors![0].message).toMatch(/includeDescendants/);
    const bad = await server.gql('{ commitments(filter: { giver: "Shenzhen" }, first: 5) { totalCount } }');
    expect(bad.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(bad.body.errors![0])).toMatch(/filter\.giver/);
    const tooMany = await server.gql('{ commitments(first: 1000) { totalCount } }');
    expect(tooMany.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
