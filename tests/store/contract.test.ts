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
    const titles = [...suite.matchAll(/it\('([^']*)'/g)].map((m) => m[1]).join(' ');
    const missing = statementsIn('query').map((s) => s.name).filter((name) => !new RegExp(`${name}(?![\\w-])`).test(titles));
    expect(missing).toEqual([]);
  });
});

/** Relationship triples "from|TYPE|to" as the dataset states them. */
function expectedTriples(d: Dataset): Set<string> {
  const t = new Set<string>();
  const add = (from: string, type: string, to: string | undefined) => { if (to) t.add(`${from}|${type}|${to}`); };
  for (const p of d.place) add(p.id, 'PART_OF', p.parentId ?? undefined);
  for (const o of d.official) o.titles.forEach((ti, i) => {
    const title = `${o.id}#title-${i + 1}`;
    add(o.id, 'HAS_TITLE', title);
    add(title, 'TITLE_AT', ti.placeId);
    add(title, 'TITLE_AT', ti.organisationId);
  });
  for (const o of d.organisation) { add(o.id, 'LOCATED_IN', o.placeId ?? undefined); add(o.id, 'PART_OF', o.parentId); }
  for (const e of d.enterprise) add(e.id, 'BASED_IN', e.homePlaceId ?? undefined);
  for (const p of d.project) { add(p.id, 'LOCATED_IN', p.placeId ?? undefined); for (const s of p.sponsorIds ?? []) add(s, 'SPONSORS', p.id); }
  for (const p of d.pairing) add(p.supporterId, 'SUPPORTS', p.supportedId);
  for (const x of d.donation) {
    for (const a of x.donorIds) add(a, 'GAVE', x.id);
    for (const r of x.recipientIds) add(x.id, 'TO', r);
    add(x.id, 'FUNDS', x.projectId);
    add(x.id, 'PART_OF', x.partOfId);
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
    Place: d.place.length, Official: d.official.length, Title: d.official.reduce((n, o) => n + o.titles.length, 0),
    Organisation: d.organisation.length, Enterprise: d.enterprise.length, Project: d.project.length,
    Donation: d.donation.length, Visit: d.visit.length, Meeting: d.meeting.length, Agreement: d.agreement.length,
    Statistic: d.statistic.length, DatasetInfo: 1,
  };
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

describe.each(STORE_KINDS)('Cypher contract on $name', (kind) => {
  let session: CypherSession;
  let store: CypherGraphStore;
  const triples = expectedTriples(ds);
  const allIds = [
    ...ds.place, ...ds.official, ...ds.organisation, ...ds.enterprise, ...ds.project, ...ds.donation,
    ...ds.visit, ...ds.meeting, ...ds.agreement, ...ds.statistic,
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
      props: { yuan: donation.amount!.yuan, amountText: donation.amount!.text, kind: donation.kind, year: donation.year, quote: donation.source.quote, sourceStart: donation.source.start },
    });
    expect(nodes.get(place.id)).toMatchObject({ label: 'Place', props: { name: place.name, code: place.code, aliases: place.aliases } });
    expect(nodes.get(official.id)).toMatchObject({ label: 'Official', props: { name: official.name } });
  });

  it('query/edges-out and query/edges-in: every node\'s relationships, both ways', async () => {
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

  it('query/edges-out filters by relationship type and carries a pairing\'s provenance', async () => {
    const pairing = ds.pairing[0];
    const edges = (await store.edges([pairing.supporterId], 'out', ['SUPPORTS'])).get(pairing.supporterId)!;
    expect(edges.every((e) => e.type === 'SUPPORTS')).toBe(true);
    expect(edges.length).toBe(ds.pairing.filter((p) => p.supporterId === pairing.supporterId).length);
    const edge = edges.find((e) => e.props.id === pairing.id)!;
    expect(edge.props).toMatchObject({ level: pairing.level, status: pairing.status, quote: pairing.source.quote, sourceDoc: pairing.source.doc });
  });

  it('query/edges-out-limited, query/edges-in-limited and query/degrees: capped reads of a crowded node, and its full degree', async () => {
    const degree = new Map<string, number>();
    for (const t of triples) {
      const [a, , b] = t.split('|');
      degree.set(a, (degree.get(a) ?? 0) + 1);
      degree.set(b, (degree.get(b) ?? 0) + 1);
    }
    const [busiest] = [...degree].sort((x, y) => y[1] - x[1]);
    const pairingCounts = ds.pairing.filter((p) => p.supporterId === busiest[0] || p.supportedId === busiest[0]).length;
    // Pairings between the same two places are separate relationships; the triples count them once.
    const supportsTriples = [...triples].filter((t) => t.startsWith(`${busiest[0]}|SUPPORTS|`) || t.endsWith(`|SUPPORTS|${busiest[0]}`)).length;
    const expected = busiest[1] - supportsTriples + pairingCounts;
    expect((await store.degrees([busiest[0]])).get(busiest[0])).toBe(expected);
    const full = [...(await store.edges([busiest[0]], 'out')).get(busiest[0])!, ...(await store.edges([busiest[0]], 'in')).get(busiest[0])!];
    const limit = 3;
    const capped = [...(await store.edgesLimited([busiest[0]], 'out', limit)).get(busiest[0])!, ...(await store.edgesLimited([busiest[0]], 'in', limit)).get(busiest[0])!];
    expect(capped.length).toBeLessThanOrEqual(2 * limit);
    expect(capped.length).toBeGreaterThan(0);
    const key = (e: { type: string; direction: string; otherId: string }) => `${e.type}|${e.direction}|${e.otherId}`;
    const all = new Set(full.map(key));
    for (const e of capped) expect(all.has(key(e))).toBe(true);
    const wide = [...(await store.edgesLimited([busiest[0]], 'out', 100_000)).get(busiest[0])!, ...(await store.edgesLimited([busiest[0]], 'in', 100_000)).get(busiest[0])!];
    expect(wide.map(key).sort()).toEqual(full.map(key).sort());
  });

  it('query/place-descendants: everything below a province, through prefectures', async () => {
    const parent = new Map(ds.place.map((p) => [p.id, p.parentId]));
    const provinces = ds.place.filter((p) => p.level === 'province').map((p) => p.id);
    const got = await store.descendants(provinces);
    for (const prov of provinces) {
      const expected = ds.place.filter((p) => {
        for (let a = parent.get(p.id); a; a = parent.get(a)) if (a === prov) return true;
        return false;
      }).map((p) => p.id).sort();
      expect([...got.get(prov)!].sort()).toEqual(expected);
    }
  });

  it('query/search-candidates: every nameable actor with its names', async () => {
    const got = await store.searchCandidates();
    const expected = [...ds.place, ...ds.official, ...ds.organisation, ...ds.enterprise, ...ds.project].map((r) => r.id).sort();
    expect(got.map((c) => c.id).sort()).toEqual(expected);
    const p = ds.place.find((x) => x.aliases.length > 0)!;
    expect(got.find((c) => c.id === p.id)).toMatchObject({ label: 'Place', name: p.name, aliases: p.aliases });
  });

  it('query/shortest-path: a path as short as a breadth-first search over the dataset finds', async () => {
    // Undirected adjacency from the dataset's own links.
    const adj = new Map<string, Set<string>>();
    for (const t of triples) {
      const [a, , b] = t.split('|');
      if (!adj.has(a)) adj.set(a, new Set());
      if (!adj.has(b)) adj.set(b, new Set());
      adj.get(a)!.add(b); adj.get(b)!.add(a);
    }
    const bfs = (from: string, to: string): number => {
      const dist = new Map([[from, 0]]);
      const queue = [from];
      while (queue.length) {
        const x = queue.shift()!;
        if (x === to) return dist.get(x)!;
        for (const y of adj.get(x) ?? []) if (!dist.has(y)) { dist.set(y, dist.get(x)! + 1); queue.push(y); }
      }
      return Infinity;
    };
    const donation = ds.donation[0];
    const pairs: Array<[string, string]> = [
      ['gb:510822@201210', 'gb:510000@201210'],
      [donation.donorIds[0], donation.recipientIds[0]],
      [ds.official[0].id, ds.pairing[0].supportedId],
    ];
    for (const [from, to] of pairs) {
      const expected = bfs(from, to);
      const path = await store.shortestPath(from, to, 8);
      if (expected > 8) { expect(path).toBeNull(); continue; }
      expect(path).not.toBeNull();
      expect(path!.nodeIds.length - 1).toBe(expected);
      expect(path!.nodeIds[0]).toBe(from);
      expect(path!.nodeIds.at(-1)).toBe(to);
      path!.types.forEach((type, i) => {
        const [a, b] = [path!.nodeIds[i], path!.nodeIds[i + 1]];
        const start = path!.startIds[i];
        const end = start === a ? b : a;
        expect(triples.has(`${start}|${type}|${end}`)).toBe(true);
      });
      expect(path!.props).toHaveLength(path!.types.length);
    }
    // A pairing's relationship comes with its properties: the path shows its source without reading more.
    const pairing = ds.pairing[0];
    const direct = await store.shortestPath(pairing.supporterId, pairing.supportedId, 1);
    expect(direct!.types).toEqual(['SUPPORTS']);
    const between = ds.pairing.filter((p) => p.supporterId === pairing.supporterId && p.supportedId === pairing.supportedId);
    expect(between.map((p) => p.id)).toContain(direct!.props[0].id);
    expect(direct!.props[0].sourceDoc).toBe(between.find((p) => p.id === direct!.props[0].id)!.source.doc);
    expect(await store.shortestPath('gb:510822@201210', 'gb:510000@201210', 1)).toBeNull();
  });

  it('query/nodes-with-label: every node of a type, in name order', async () => {
    const officials = await store.nodesWithLabel('Official');
    expect(officials.map((o) => o.id).sort()).toEqual(ds.official.map((o) => o.id).sort());
    const names = officials.map((o) => o.props.name as string);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await store.nodesWithLabel('Place')).length).toBe(ds.place.length);
  });

  it('query/donation-facts: every donation with its donors and recipients', async () => {
    const facts = await store.donationFacts();
    expect(facts.length).toBe(ds.donation.length);
    const byId = new Map(facts.map((f) => [f.id, f]));
    for (const d of ds.donation) {
      const f = byId.get(d.id)!;
      expect(new Set(f.donorIds), d.id).toEqual(new Set(d.donorIds));
      expect(new Set(f.recipientIds), d.id).toEqual(new Set(d.recipientIds));
      expect(f.props.yuan ?? null).toBe(d.amount?.yuan ?? null);
      expect(f.props.partOf ?? null).toBe(d.partOfId ?? null);
      // Only what lists filter, order and group on: the index that holds these stays small.
      expect(f.props.quote, d.id).toBeUndefined();
    }
  });

  it('query/pairing-facts and query/pairings-by-ids: every pairing with its sides', async () => {
    const facts = await store.pairingFacts();
    expect(facts.map((f) => `${f.id}|${f.supporterId}|${f.supportedId}`).sort())
      .toEqual(ds.pairing.map((p) => `${p.id}|${p.supporterId}|${p.supportedId}`).sort());
    const some = ds.pairing.slice(0, 5);
    const byIds = await store.pairings([...some.map((p) => p.id), 'pairing:none']);
    expect(byIds.size).toBe(some.length);
    for (const p of some) expect(byIds.get(p.id)).toMatchObject({ supporterId: p.supporterId, supportedId: p.supportedId, props: { level: p.level, quote: p.source.quote } });
  });

  it('query/visit-facts: every visit with visitors, sender and destinations', async () => {
    const facts = new Map((await store.visitFacts()).map((f) => [f.id, f]));
    expect(facts.size).toBe(ds.visit.length);
    for (const v of ds.visit) {
      const f = facts.get(v.id)!;
      expect(new Set(f.visitorIds), v.id).toEqual(new Set([...v.visitorIds, ...(v.headId ? [v.headId] : [])]));
      expect(f.senderIds).toEqual(v.fromId ? [v.fromId] : []);
      expect(new Set(f.destinationIds)).toEqual(new Set(v.destinationIds));
      expect(f.props.dateStart).toBe(v.date.start);
      expect(f.props.quote, v.id).toBeUndefined();
    }
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
