/**
 * Contract tests: every query file runs on the store loaded with the real dataset and returns
 * what the dataset files say, computed here from the records themselves (never from the store,
 * nor from the loader's own mapping).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawDataset, toDataset } from '../../src/dataset/read.js';
import type { Dataset } from '../../src/dataset/schema.js';
import { loadDataset } from '../../src/store/load.js';
import { CypherGraphStore } from '../../src/store/graph-store.js';
import { statement, statementsIn } from '../../src/store/cypher-files.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CypherSession } from '../../src/store/session.js';
import { STORE_KINDS } from '../helpers/stores.js';

const ds: Dataset = toDataset(readRawDataset().records);

describe('the contract suite', () => {
  it('covers every query file in cypher/query', () => {
    const suite = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    // A query is covered when a test's title names it ("query/<name>: …").
    const titles = [...suite.matchAll(/it\((['"])(.*?)\1/g)].map((m) => m[2]).join(' ');
    const missing = statementsIn('query')
      .map((s) => s.name)
      .filter((name) => !new RegExp(`${name}(?![\\w-])`).test(titles));
    expect(missing).toEqual([]);
  });
});

/** Relationship triples "from|TYPE|to" as the dataset states them. */
function expectedTriples(d: Dataset): Set<string> {
  const t = new Set<string>();
  const add = (from: string, type: string, to: string | undefined) => {
    if (to) t.add(`${from}|${type}|${to}`);
  };
  for (const p of d.place) add(p.id, 'PART_OF', p.parentId ?? undefined);
  for (const o of d.official)
    o.titles.forEach((ti, i) => {
      const title = `${o.id}#title-${i + 1}`;
      add(o.id, 'HAS_TITLE', title);
      add(title, 'TITLE_AT', ti.placeId);
      add(title, 'TITLE_AT', ti.organisationId);
    });
  for (const o of d.organisation) {
    add(o.id, 'LOCATED_IN', o.placeId ?? undefined);
    add(o.id, 'PART_OF', o.parentId);
  }
  for (const e of d.enterprise) add(e.id, 'BASED_IN', e.homePlaceId ?? undefined);
  for (const p of d.project) {
    add(p.id, 'LOCATED_IN', p.placeId ?? undefined);
    for (const s of p.sponsorIds ?? []) add(s, 'SPONSORS', p.id);
  }
  for (const p of d.pairing) add(p.supporterId, 'SUPPORTS', p.supportedId);
  for (const x of d.donation) {
    for (const a of x.donorIds) add(a, 'GAVE', x.id);
    for (const r of x.recipientIds) add(x.id, 'TO', r);
    add(x.id, 'FUNDS', x.projectId);
    add(x.id, 'PART_OF', x.partOfId);
  }
  for (const c of d.commitment) {
    for (const g of c.giverIds) add(g, 'PROMISED', c.id);
    for (const r of c.recipientIds) add(c.id, 'PROMISED_TO', r);
    for (const r of c.realisedIds ?? []) add(c.id, 'REALISED_AS', r);
    add(c.id, 'PART_OF', c.partOfId);
  }
  for (const v of d.visit) {
    for (const o of [...v.visitorIds, ...(v.headId ? [v.headId] : [])]) add(o, 'WENT_ON', v.id);
    add(v.id, 'FROM', v.fromId);
    for (const p of v.destinationIds) add(v.id, 'TO', p);
  }
  for (const m of d.meeting) {
    for (const h of m.hostIds) add(h, 'HOSTED', m.id);
    for (const g of m.guestIds) add(g, 'ATTENDED', m.id);
    add(m.id, 'AT', m.placeId);
    add(m.id, 'DURING', m.visitId);
  }
  for (const a of d.agreement) for (const p of a.partyIds) add(p, 'PARTY_TO', a.id);
  for (const s of d.statistic) add(s.id, 'ABOUT', s.scopeId ?? undefined);
  return t;
}

/** Pairings between the same two actors stay separate relationships: one per pairing record. */
function expectedRelationshipCounts(d: Dataset): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of expectedTriples(d)) {
    const type = t.split('|')[1];
    if (type !== 'SUPPORTS') counts[type] = (counts[type] ?? 0) + 1;
  }
  counts.SUPPORTS = d.pairing.length;
  return counts;
}

function expectedNodeCounts(d: Dataset): Record<string, number> {
  const counts: Record<string, number> = {
    Place: d.place.length,
    Official: d.official.length,
    Title: d.official.reduce((n, o) => n + o.titles.length, 0),
    Organisation: d.organisation.length,
    Enterprise: d.enterprise.length,
    Project: d.project.length,
    Donation: d.donation.length,
    Commitment: d.commitment.length,
    Visit: d.visit.length,
    Meeting: d.meeting.length,
    Agreement: d.agreement.length,
    Statistic: d.statistic.length,
    DatasetInfo: 1,
  };
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

describe.each(STORE_KINDS)('Cypher contract on $name', (kind) => {
  let session: CypherSession;
  let store: CypherGraphStore;
  const triples = expectedTriples(ds);
  const allIds = [
    ...ds.place,
    ...ds.official,
    ...ds.organisation,
    ...ds.enterprise,
    ...ds.project,
    ...ds.donation,
    ...ds.commitment,
    ...ds.visit,
    ...ds.meeting,
    ...ds.agreement,
    ...ds.statistic,
  ].map((r) => r.id);

  beforeAll(async () => {
    session = kind.open();
    await loadDataset(session, ds);
    store = new CypherGraphStore(session);
  });
  afterAll(async () => session?.close());

  it('query/count-nodes-by-label: one node per record (and per title)', async () => {
    expect((await store.counts()).nodes).toEqual(expectedNodeCounts(ds));
  });

  it('query/count-relationships-by-type: one relationship per stated link', async () => {
    expect((await store.counts()).relationships).toEqual(expectedRelationshipCounts(ds));
  });

  it('query/nodes-by-ids: properties as the records give them, exact amounts included', async () => {
    const donation = ds.donation.filter((d) => d.amount).sort((a, b) => b.amount!.yuan - a.amount!.yuan)[0];
    const place = ds.place.find((p) => p.id === 'gb:510822@201210') ?? ds.place[0];
    const official = ds.official[0];
    const nodes = await store.nodes([donation.id, place.id, official.id, 'gb:000000@000000']);
    expect(nodes.size).toBe(3);
    expect(nodes.get(donation.id)).toMatchObject({
      label: 'Donation',
      props: {
        yuan: donation.amount!.yuan,
        amountText: donation.amount!.text,
        kind: donation.kind,
        year: donation.year,
        quote: donation.source.quote,
        sourceStart: donation.source.start,
      },
    });
    expect(nodes.get(place.id)).toMatchObject({ label: 'Place', props: { name: place.name, code: place.code, aliases: place.aliases } });
    expect(nodes.get(official.id)).toMatchObject({ label: 'Official', props: { name: official.name } });
  });

  it("query/edges-out and query/edges-in: every node's relationships, both ways", async () => {
    const out = await store.edges(allIds, 'out');
    const got = new Set<string>();
    for (const [id, edges] of out) for (const e of edges) got.add(`${id}|${e.type}|${e.otherId}`);
    const titleIds = ds.official.flatMap((o) => o.titles.map((_, i) => `${o.id}#title-${i + 1}`));
    for (const [id, edges] of await store.edges(titleIds, 'out')) for (const e of edges) got.add(`${id}|${e.type}|${e.otherId}`);
    expect(got).toEqual(triples);

    const inbound = await store.edges([...allIds, ...titleIds], 'in');
    const gotIn = new Set<string>();
    for (const [id, edges] of inbound) for (const e of edges) gotIn.add(`${e.otherId}|${e.type}|${id}`);
    expect(gotIn).toEqual(triples);
  });

  it("query/edges-out filters by relationship type and carries a pairing's provenance", async () => {
    const pairing = ds.pairing[0];
    const edges = (await store.edges([pairing.supporterId], 'out', ['SUPPORTS'])).get(pairing.supporterId)!;
    expect(edges.every((e) => e.type === 'SUPPORTS')).toBe(true);
    expect(edges.length).toBe(ds.pairing.filter((p) => p.supporterId === pairing.supporterId).length);
    const edge = edges.find((e) => e.props.id === pairing.id)!;
    expect(edge.props).toMatchObject({
      level: pairing.level,
      status: pairing.status,
      quote: pairing.source.quote,
      sourceDoc: pairing.source.doc,
    });
  });

  it('query/search-candidates: every nameable actor with its names', async () => {
    const got = await store.searchCandidates();
    const expected = [...ds.place, ...ds.official, ...ds.organisation, ...ds.enterprise, ...ds.project].map((r) => r.id).sort();
    expect(got.map((c) => c.id).sort()).toEqual(expected);
    const p = ds.place.find((x) => x.aliases.length > 0)!;
    expect(got.find((c) => c.id === p.id)).toMatchObject({ label: 'Place', name: p.name, aliases: p.aliases });
  });

  it('query/pairing-facts: every pairing with its sides and properties', async () => {
    const facts = await store.pairingFacts();
    expect(facts.map((f) => `${f.id}|${f.supporterId}|${f.supportedId}`).sort()).toEqual(
      ds.pairing.map((p) => `${p.id}|${p.supporterId}|${p.supportedId}`).sort(),
    );
    const byId = new Map(facts.map((f) => [f.id, f]));
    for (const p of ds.pairing)
      expect(byId.get(p.id)!.props).toMatchObject({ level: p.level, quote: p.source.quote, sourceDoc: p.source.doc });
  });

  it('query/relationship-index: every relationship as its ends and type, as the dataset states them', async () => {
    const got = await store.relationships();
    expect(new Set(got.map((r) => `${r.fromId}|${r.type}|${r.toId}`))).toEqual(triples);
    // Pairings between the same two places are separate relationships.
    expect(got.filter((r) => r.type === 'SUPPORTS').length).toBe(ds.pairing.length);
  });

  it('query/node-cards: every node with its label, names, codes, years, amounts and dates', async () => {
    const got = new Map((await store.nodeCards()).map((r) => [r.id, r]));
    const n = Object.values(expectedNodeCounts(ds)).reduce((a, b) => a + b, 0);
    expect(got.size).toBe(n);
    for (const p of ds.place)
      expect(got.get(p.id)).toMatchObject({ label: 'Place', name: p.name, kind: p.kind, level: p.level, code: p.code ?? null });
    for (const d of ds.donation)
      expect(got.get(d.id), d.id).toMatchObject({
        label: 'Donation',
        year: d.year,
        yuan: d.amount?.yuan ?? null,
        dateStart: d.date?.start ?? null,
      });
    for (const c of ds.commitment)
      expect(got.get(c.id), c.id).toMatchObject({ label: 'Commitment', year: c.year, yuan: c.amount.yuan, kind: c.kind });
    for (const v of ds.visit)
      expect(got.get(v.id), v.id).toMatchObject({ label: 'Visit', dateStart: v.date.start, dateEnd: v.date.end ?? null });
    for (const o of ds.official) expect(got.get(o.id)).toMatchObject({ label: 'Official', name: o.name });
  });

  it('query/dataset-info: the checksum the load recorded', async () => {
    expect(await store.datasetInfo()).toEqual({ checksum: 'unknown' });
  });

  it('query/dump-nodes and query/dump-relationships: the whole graph, in order', async () => {
    const nodes = await session.run(statement('query/dump-nodes').text);
    const rels = await session.run(statement('query/dump-relationships').text);
    const n = Object.values(expectedNodeCounts(ds)).reduce((a, b) => a + b, 0);
    expect(nodes.length).toBe(n);
    expect(nodes.map((r) => r.id)).toEqual([...nodes.map((r) => r.id as string)].sort());
    expect(rels.length).toBe(Object.values(expectedRelationshipCounts(ds)).reduce((a, b) => a + b, 0));
  });
});
