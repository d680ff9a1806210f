/** The API over real HTTP on the real store and dataset: pages, filters, totals, search, paths, errors, batching. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_STORES, startTestServer, type TestServer } from '../helpers/server.js';
import { countedAid, countedDonations, ds, placeAndBodiesInside, placeAndDescendants, texts } from '../helpers/dataset.js';

describe.each(API_STORES)('GraphQL API on %s', (store) => {
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
  const errorCode = async (query: string, variables?: Record<string, unknown>) => {
    const r = await server.gql(query, variables);
    return r.body.errors?.[0]?.extensions?.code;
  };

  describe('pagination', () => {
    const page = `query($after: String) { donations(first: 7, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }`;

    it('walks every donation once, in a stable order, with a totalCount that does not depend on the page', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const d: any = (await data(page, { after })).donations;
        expect(d.totalCount).toBe(countedDonations().length);
        expect(d.pageInfo.hasPreviousPage).toBe(pages > 0);
        seen.push(...d.edges.map((e: any) => e.node.id));
        pages++;
        if (!d.pageInfo.hasNextPage) break;
        after = d.pageInfo.endCursor;
      }
      expect(seen.length).toBe(countedDonations().length);
      expect(new Set(seen)).toEqual(new Set(countedDonations().map((x) => x.id)));
      const again: any = await data(page, { after: null });
      expect(again.donations.edges.map((e: any) => e.node.id)).toEqual(seen.slice(0, 7));
    });

    it('gives an empty last page past the end, and zero items for first: 0', async () => {
      const all: any = await data(`{ donations(first: 100) { totalCount edges { cursor } } }`);
      const lastCursor = all.donations.edges.at(-1).cursor;
      const past: any = await data(
        `query($a: String) { donations(first: 100, after: $a) { edges { cursor } pageInfo { hasNextPage endCursor } } }`,
        { a: lastCursor },
      );
      if (all.donations.totalCount <= 100) {
        expect(past.donations.edges).toEqual([]);
        expect(past.donations.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
      }
      const none: any = await data(`{ donations(first: 0) { totalCount nodes { id } } }`);
      expect(none.donations.nodes).toEqual([]);
      expect(none.donations.totalCount).toBe(countedDonations().length);
    });

    it.each([
      ['first over 100', `{ donations(first: 101) { totalCount } }`],
      ['negative first', `{ donations(first: -1) { totalCount } }`],
      ['a cursor it never gave out', `{ donations(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }`],
    ])('refuses %s with BAD_USER_INPUT', async (_what, q) => {
      expect(await errorCode(q)).toBe('BAD_USER_INPUT');
    });

    it('refuses a non-integer first as invalid input', async () => {
      expect(await errorCode(`{ donations(first: 2.5) { totalCount } }`)).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('filters and totals', () => {
    it('filters donations by year, kind, amount range and counterpart', async () => {
      const q = `query($f: DonationFilter) { donations(filter: $f, first: 100) { totalCount totalYuan nodes { id } } }`;
      const cases: Array<[Record<string, unknown>, (d: (typeof ds.donation)[number]) => boolean]> = [
        [{ year: 2011 }, (d) => d.year === 2011],
        // A span of years is read from the rows of each year in it (fact-index.ts).
        [{ yearFrom: 2011 }, (d) => d.year >= 2011],
        [
          { yearFrom: 2010, yearTo: 2011, kind: ['GOVERNMENT_AID', 'INVESTMENT'] },
          (d) => d.year <= 2011 && ['government-aid', 'investment'].includes(d.kind),
        ],
        [{ yearTo: 2009 }, (d) => d.year <= 2009],
        [{ kind: ['GOVERNMENT_AID'] }, (d) => d.kind === 'government-aid'],
        [{ minYuan: '1000000', maxYuan: '10000000' }, (d) => !!d.amount && d.amount.yuan >= 1e6 && d.amount.yuan <= 1e7],
        [
          { counterpart: 'gb:330000@201210' },
          (d) => d.donorIds.includes('gb:330000@201210') || d.recipientIds.includes('gb:330000@201210'),
        ],
      ];
      for (const [filter, keep] of cases) {
        const expected = countedDonations().filter(keep);
        const got: any = (await data(q, { f: filter })).donations;
        expect(got.totalCount, JSON.stringify(filter)).toBe(expected.length);
        expect(got.totalYuan).toBe(String(expected.reduce((n, d) => n + (d.amount?.yuan ?? 0), 0)));
        if (expected.length <= 100) expect(got.nodes.map((d: { id: string }) => d.id).sort()).toEqual(expected.map((d) => d.id).sort());
      }
    });

    it('rolls a province up over everything inside it: its places and the bodies based in them', async () => {
      const inside = placeAndBodiesInside('gb:330000@201210');
      // Zhejiang's own bodies give too: the roll-up has more than places to take in.
      expect(countedDonations().some((d) => d.donorIds.some((x) => inside.has(x) && !x.startsWith('gb:')))).toBe(true);
      const expected = countedDonations().filter((d) => d.donorIds.some((x) => inside.has(x)));
      const got: any = await data(
        `{ place(id: "gb:330000@201210") { donationsGiven(first: 1, filter: { includeDescendants: true }) { totalCount totalYuan } } }`,
      );
      expect(got.place.donationsGiven.totalCount).toBe(expected.length);
      expect(got.place.donationsGiven.totalYuan).toBe(String(expected.reduce((n, d) => n + (d.amount?.yuan ?? 0), 0)));
    });

    it('includes shares of stated totals only when asked', async () => {
      const all: any = await data(`{ donations(first: 1, filter: { includeParts: true }) { totalCount } }`);
      expect(all.donations.totalCount).toBe(ds.donation.length);
    });

    it('totals by year and by kind equal the sums of the dataset, sorted by total', async () => {
      for (const key of ['YEAR', 'KIND'] as const) {
        const got: any = await data(`{ donationTotals(groupBy: [${key}], first: 100) { year kind total count } }`);
        const sums = new Map<string, { total: number; count: number }>();
        // By kind, investment is a group of its own; otherwise it is kept out of the totals.
        for (const d of key === 'KIND' ? countedDonations() : countedAid()) {
          const k = key === 'YEAR' ? String(d.year) : d.kind.toUpperCase().replace(/-/g, '_');
          const s = sums.get(k) ?? { total: 0, count: 0 };
          s.total += d.amount?.yuan ?? 0;
          s.count++;
          sums.set(k, s);
        }
        expect(got.donationTotals.length).toBe(sums.size);
        for (const t of got.donationTotals) {
          const s = sums.get(key === 'YEAR' ? String(t.year) : t.kind)!;
          expect(Number(t.total)).toBe(s.total);
          expect(t.count).toBe(s.count);
        }
        const totals = got.donationTotals.map((t: any) => Number(t.total));
        expect(totals).toEqual([...totals].sort((a, b) => b - a));
      }
    });

    it('totals by donor, recipient, pair and donor and year equal the sums of the dataset, joint donations counted in full for each', async () => {
      const kindOf = (k: string) => k.toUpperCase().replace(/-/g, '_');
      const groupings: Array<{ groupBy: string; keys: (d: ReturnType<typeof countedDonations>[number]) => string[] }> = [
        { groupBy: 'DONOR', keys: (d) => d.donorIds },
        { groupBy: 'RECIPIENT', keys: (d) => d.recipientIds },
        { groupBy: 'PAIR', keys: (d) => d.donorIds.flatMap((a) => d.recipientIds.map((b) => `${a}|${b}`)) },
        { groupBy: 'DONOR, YEAR', keys: (d) => d.donorIds.map((a) => `${a}|${d.year}`) },
        { groupBy: 'RECIPIENT, KIND', keys: (d) => d.recipientIds.map((b) => `${b}|${kindOf(d.kind)}`) },
      ];
      for (const { groupBy, keys } of groupings) {
        const got: any = await data(
          `{ donationTotals(groupBy: [${groupBy}], first: 100) { donor { id } recipient { ... on Node { id } } year kind total count jointCount } }`,
        );
        const sums = new Map<string, { total: number; count: number; joint: number }>();
        for (const d of groupBy.includes('KIND') ? countedDonations() : countedAid()) {
          const ks = keys(d);
          for (const k of ks) {
            const s = sums.get(k) ?? { total: 0, count: 0, joint: 0 };
            s.total += d.amount?.yuan ?? 0;
            s.count++;
            if (ks.length > 1 || (groupBy === 'PAIR' && (d.donorIds.length > 1 || d.recipientIds.length > 1))) s.joint++;
            sums.set(k, s);
          }
        }
        const list = got.donationTotals;
        expect(list.length, groupBy).toBe(Math.min(100, sums.size));
        for (const t of list) {
          const key = [t.donor?.id, t.recipient?.id, t.year, t.kind].filter((x) => x != null).join('|');
          const s = sums.get(key)!;
          expect(s, `${groupBy} ${key}`).toBeDefined();
          expect([Number(t.total), t.count, t.jointCount], `${groupBy} ${key}`).toEqual([s.total, s.count, s.joint]);
        }
        // The first hundred by total: none left out is larger than the last one shown.
        const totals = list.map((t: any) => Number(t.total));
        expect(totals).toEqual([...totals].sort((a, b) => b - a));
        const shown = [...sums.values()].map((s) => s.total).sort((a, b) => b - a);
        expect(totals).toEqual(shown.slice(0, totals.length));
      }
    });

    it('keeps amounts exact beyond float precision limits of everyday sums', async () => {
      const got: any = await data(`{ donationTotals(groupBy: [YEAR], first: 10) { year total } }`);
      for (const t of got.donationTotals) expect(t.total).toMatch(/^\d+$/);
    });

    it('lists enterprises and projects by region, rolled up over the places inside it', async () => {
      const inside = placeAndDescendants('gb:520000@201210');
      const got: any = await data(
        `{ enterprises(within: "gb:520000@201210", first: 100) { totalCount } projects(within: "gb:520000@201210", first: 100) { totalCount nodes { place { id } } } }`,
      );
      expect(got.enterprises.totalCount).toBe(ds.enterprise.filter((e) => e.homePlaceId && inside.has(e.homePlaceId)).length);
      expect(got.projects.totalCount).toBe(ds.project.filter((p) => p.placeId && inside.has(p.placeId)).length);
      for (const n of got.projects.nodes) expect(inside.has(n.place.id)).toBe(true);
    });

    it('resolves any id through node and nodes, pairings and titles included', async () => {
      const pairing = ds.pairing[0];
      const official = ds.official[0];
      const got: any = await data(
        `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Pairing { supporter { id } } ... on Title { title } } }`,
        { ids: [pairing.id, `${official.id}#title-1`, ds.donation[0].id, 'gb:510822@201210', 'person:nobody'] },
      );
      expect(got.nodes.map((n: any) => n?.__typename ?? null)).toEqual(['Pairing', 'Title', 'Donation', 'Place', null]);
      expect(got.nodes[0].supporter.id).toBe(pairing.supporterId);
      expect(got.nodes[1].title).toBe(official.titles[0].title);
    });

    it('lists pairings by level and status', async () => {
      const got: any = await data(
        `{ pairings(filter: { level: [PROVINCE], status: [ACTIVE] }, first: 100) { totalCount nodes { level status } } }`,
      );
      expect(got.pairings.totalCount).toBe(ds.pairing.filter((p) => p.level === 'province' && p.status === 'active').length);
    });
  });

  describe('how facts were read', () => {
    const asEnum = (e: string) => e.toUpperCase().replace(/-/g, '_');

    /** Every node of a list, page after page. */
    async function everyNode(field: string, filter = '') {
      const out: any[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = (
          await data(
            `query($after: String) { list: ${field}(first: 100, after: $after${filter}) { pageInfo { hasNextPage endCursor } nodes { id evidence evidenceNote } } }`,
            {
              after,
            },
          )
        ).list;
        out.push(...page.nodes);
        if (!page.pageInfo.hasNextPage) return out;
        after = page.pageInfo.endCursor;
      }
    }

    it('gives every donation, pairing and visit its evidence and note as the dataset records them', async () => {
      const lists: [any[], { id: string; evidence: string; evidenceNote?: string }[]][] = [
        [await everyNode('donations', ', filter: { includeParts: true }'), ds.donation],
        [await everyNode('pairings'), ds.pairing],
        [await everyNode('visits'), ds.visit],
      ];
      for (const [nodes, records] of lists) {
        expect(nodes.length).toBe(records.length);
        const byId = new Map(records.map((r) => [r.id, r]));
        for (const n of nodes) {
          const r = byId.get(n.id)!;
          expect([n.id, n.evidence, n.evidenceNote]).toEqual([r.id, asEnum(r.evidence), r.evidenceNote ?? null]);
        }
      }
    });

    it('gives meetings, agreements and statistics theirs too', async () => {
      const records = [...ds.meeting.slice(0, 10), ...ds.agreement.slice(0, 10), ...ds.statistic.slice(0, 10)];
      const got: any = await data(
        `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Meeting { evidence evidenceNote } ... on Agreement { evidence evidenceNote } ... on Statistic { evidence evidenceNote } } }`,
        {
          ids: records.map((r) => r.id),
        },
      );
      expect(got.nodes.map((n: any) => [n.id, n.evidence, n.evidenceNote])).toEqual(
        records.map((r) => [r.id, asEnum(r.evidence), r.evidenceNote ?? null]),
      );
    });

    it('keeps lists and totals to stated facts when asked, and says how many it left out', async () => {
      const stated = countedDonations().filter((d) => d.evidence === 'stated');
      // The dataset has facts read from their section or inferred: the filter has something to leave out.
      expect(stated.length).toBeLessThan(countedDonations().length);
      const got: any = await data(`{
        donations(first: 1, filter: { evidence: [STATED] }) { totalCount totalYuan }
        other: donations(first: 1, filter: { evidence: [SECTION, LIST_ORDER, INFERRED] }) { totalCount }
        donationTotals(groupBy: [YEAR], filter: { evidence: [STATED] }, first: 100) { year total count }
        pairings(first: 1, filter: { evidence: [STATED] }) { totalCount }
        visits(first: 1, filter: { evidence: [STATED] }) { totalCount }
      }`);
      expect(got.donations.totalCount).toBe(stated.length);
      expect(got.other.totalCount).toBe(countedDonations().length - stated.length);
      expect(Number(got.donations.totalYuan)).toBe(stated.reduce((a, d) => a + (d.amount?.yuan ?? 0), 0));
      const byYear = new Map<number, { total: number; count: number }>();
      for (const d of stated.filter((x) => x.kind !== 'investment')) {
        const y = byYear.get(d.year) ?? { total: 0, count: 0 };
        byYear.set(d.year, { total: y.total + (d.amount?.yuan ?? 0), count: y.count + 1 });
      }
      expect(new Map(got.donationTotals.map((t: any) => [t.year, { total: Number(t.total), count: t.count }]))).toEqual(byYear);
      expect(got.pairings.totalCount).toBe(ds.pairing.filter((p) => p.evidence === 'stated').length);
      expect(got.visits.totalCount).toBe(ds.visit.filter((v) => v.evidence === 'stated').length);
    });
  });

  describe('search', () => {
    it('ignores case, spaces and apostrophes (straight or curly)', async () => {
      const q = `query($q: String!) { search(query: $q, types: [PLACE], first: 1) { node { ... on Place { id } } } }`;
      const ids = new Set<string>();
      for (const s of ["Ping'an", 'Ping’an', 'pingan', 'PING AN', 'ping-an']) ids.add((await data(q, { q: s })).search[0]?.node.id);
      expect(ids).toEqual(new Set(['gb:632121@201210']));
    });

    it('finds by prefix and by a misspelling, ranking the exact name first', async () => {
      const q = `query($q: String!) { search(query: $q, first: 5) { score matched node { ... on Place { id } } } }`;
      expect((await data(q, { q: 'Qingchuan' })).search[0]).toMatchObject({ node: { id: 'gb:510822@201210' } });
      expect((await data(q, { q: 'Qingchu' })).search.map((h: any) => h.node.id)).toContain('gb:510822@201210');
      expect((await data(q, { q: 'Qingchaun' })).search.map((h: any) => h.node.id)).toContain('gb:510822@201210');
      const scores = (await data(q, { q: 'Guangyuan' })).search.map((h: any) => h.score);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    });
  });

  describe('paths and provenance', () => {
    it('finds a path no longer than the hop limit, or none', async () => {
      const q = `query($from: ID!, $to: ID!, $max: Int) { path(from: $from, to: $to, maxHops: $max) { length nodes { id } } }`;
      const p: any = await data(q, { from: 'gb:510822@201210', to: 'gb:510000@201210', max: 4 });
      expect(p.path.length).toBe(2);
      expect(p.path.nodes.map((n: any) => n.id)).toEqual(['gb:510822@201210', 'gb:510800@201210', 'gb:510000@201210']);
      expect((await data(q, { from: 'gb:510822@201210', to: 'gb:510000@201210', max: 1 })).path).toBeNull();
    });

    it('gives a pairing step of a path the quote that stands at its offsets', async () => {
      const pairings: any = await data(`{ pairings(first: 1) { nodes { supporter { id } supported { id } } } }`);
      const [{ supporter, supported }] = pairings.pairings.nodes;
      const p: any = await data(
        `query($from: ID!, $to: ID!) { path(from: $from, to: $to, maxHops: 1) { steps { relation forward provenance { document { id } start end quote } } } }`,
        { from: supported.id, to: supporter.id },
      );
      const [step] = p.path.steps;
      expect(step).toMatchObject({ relation: 'SUPPORTS', forward: false });
      expect(texts.get(step.provenance.document.id)!.slice(step.provenance.start, step.provenance.end)).toBe(step.provenance.quote);
    });

    it('gives every donation, visit and pairing a quote that stands at its offsets', async () => {
      const got: any = await data(`{
        donations(first: 100) { nodes { provenance { document { id year } start end quote } } }
        visits(first: 100) { nodes { provenance { document { id } start end quote } } }
        pairings(first: 100) { nodes { provenance { document { id } start end quote } } }
      }`);
      const all = [...got.donations.nodes, ...got.visits.nodes, ...got.pairings.nodes];
      expect(all.length).toBeGreaterThan(200);
      for (const n of all)
        expect(texts.get(n.provenance.document.id)!.slice(n.provenance.start, n.provenance.end)).toBe(n.provenance.quote);
    });
  });

  describe('errors', () => {
    it('names a malformed id as bad input, and gives null for an id that names nothing', async () => {
      const r = await server.gql(`{ node(id: "'; DROP TABLE x") { id } }`);
      expect(r.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(r.body.errors![0].message).toContain('is not an id');
      expect((await data(`{ node(id: "gb:999999@201210") { id } }`)).node).toBeNull();
    });

    it('answers NOT_FOUND for a path from a node that does not exist', async () => {
      expect(await errorCode(`{ path(from: "person:nobody", to: "gb:510000@201210") { length } }`)).toBe('NOT_FOUND');
    });

    it('refuses a query nested past the depth limit', async () => {
      let q = 'id';
      for (let i = 0; i < 14; i++) q = `parent { ${q} }`;
      q = `{ place(id: "gb:510822@201210") { children { children { ${q} } } } }`;
      const r = await server.gql(q);
      expect(r.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.body.errors![0].message).toMatch(/depth/);
    });

    it('refuses a query over the cost limit, saying its cost', async () => {
      const r = await server.gql(
        `{ donations(first: 100) { nodes { donors { donationsGiven(first: 100) { nodes { recipients { __typename } } } } } } }`,
      );
      expect(r.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY' });
      expect(r.body.errors![0].extensions!.cost).toBeGreaterThan(r.body.errors![0].extensions!.maxCost);
    });

    it('refuses batched requests', async () => {
      const r = await server.post(JSON.stringify([{ query: '{ documents { id } }' }, { query: '{ documents { id } }' }]));
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text).errors[0].extensions.code).toBe('BATCH_NOT_SUPPORTED');
    });
  });

  describe('landing page', () => {
    it('serves Apollo Sandbox to a browser outside production', async () => {
      const res = await fetch(`${server.app.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/apollo/i);
    });
  });

  describe('store round trips', () => {
    it('costs one store round trip per nesting level, not one per object, every time it is asked', async () => {
      // Lists, hierarchy and who gave what come from the read model; the store is asked for the
      // entities shown: level 1 the 50 donations, level 2 their donors and recipients, level 3 the donors' parents.
      const query = `{ donations(first: 50) { nodes { id amount { yuan } donors { name ... on Place { parent { name } } } recipients { __typename ... on Place { name } } } } }`;
      const before = server.app.store.calls;
      const got: any = await data(query);
      const calls = server.app.store.calls - before;
      expect(got.donations.nodes.length).toBe(50);
      const donors = new Set(got.donations.nodes.flatMap((n: any) => n.donors.map((d: any) => d.name)));
      expect(donors.size).toBeGreaterThan(10);
      expect(calls).toBe(3);
      // Nothing is kept between requests: the same question costs the same round trips again.
      const again = server.app.store.calls;
      expect(await data(query)).toEqual(got);
      expect(server.app.store.calls - again).toBe(3);
    });
  });
});
