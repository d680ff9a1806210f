/** Explain this number: every total lists the donations it sums, and they add up to it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { countedAid, countedDonations, ds, placeAndBodiesInside, texts } from '../helpers/dataset.js';

describe('totals that explain themselves', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.app.close());

  it.each([
    ['by donor', '[DONOR]', '{}'],
    ['by recipient and year', '[RECIPIENT, YEAR]', '{ yearFrom: 2011 }'],
    ['by kind', '[KIND]', '{ evidence: [STATED] }'],
    ['by pair, inside Zhejiang', '[PAIR]', '{ donor: "gb:330000@201210", includeDescendants: true }'],
    ['by donor and year, stated only', '[DONOR, YEAR]', '{ evidence: [STATED] }'],
  ])('%s: each total is the sum of the donations it lists, and each has its quote', async (_name, groupBy, filter) => {
    const r = await server.gql(`{ donationTotals(groupBy: ${groupBy}, filter: ${filter}, first: 25) {
      donor { id } recipient { ... on Place { id } ... on Organisation { id } ... on Project { id } ... on Enterprise { id } ... on Official { id } }
      year kind total count
      donations(first: 100) { totalCount totalYuan nodes { id year kind amount { yuan } provenance { quote start end citation document { id } } } }
    } }`);
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    const totals = r.body.data.donationTotals;
    expect(totals.length).toBeGreaterThan(0);
    for (const t of totals) {
      expect(t.donations.totalCount).toBe(t.count);
      expect(t.donations.totalYuan).toBe(t.total);
      const listed = t.donations.nodes;
      if (t.count <= 100) expect(listed.reduce((s: number, d: any) => s + Number(d.amount?.yuan ?? 0), 0)).toBe(Number(t.total));
      for (const d of listed) {
        const record = ds.donation.find((x) => x.id === d.id)!;
        if (t.year !== null) expect(d.year).toBe(t.year);
        if (t.kind !== null) expect(d.kind).toBe(t.kind);
        if (t.donor) expect(record.donorIds).toContain(t.donor.id);
        if (t.recipient) expect(record.recipientIds).toContain(t.recipient.id);
        expect(texts.get(d.provenance.document.id)!.slice(d.provenance.start, d.provenance.end)).toBe(d.provenance.quote);
        expect(d.provenance.citation).toContain(`characters ${d.provenance.start}–${d.provenance.end}`);
      }
    }
  });

  it("keeps business investment apart from aid unless asked: Shanghai's aid, its investment, and both", async () => {
    const shanghai = 'gb:310000@201210';
    const given = countedDonations().filter((d) => d.donorIds.includes(shanghai));
    const sum = (list: typeof given) => list.reduce((s, d) => s + (d.amount?.yuan ?? 0), 0);
    const investment = given.filter((d) => d.kind === 'investment');
    // The dataset's case: business investment dwarfs the aid.
    expect(sum(investment)).toBeGreaterThan(5 * sum(given.filter((d) => d.kind !== 'investment')));
    const r = await server.gql(
      `query Shanghai($id: ID!) {
      apart: donationTotals(groupBy: [DONOR], filter: { donor: $id }, first: 1) { total count }
      combined: donationTotals(groupBy: [DONOR], filter: { donor: $id }, first: 1, investment: COMBINED) { total count }
      only: donationTotals(groupBy: [DONOR], filter: { donor: $id }, first: 1, investment: ONLY) { total count donations(first: 10) { nodes { kind } } }
      byKind: donationTotals(groupBy: [KIND], filter: { donor: $id }, first: 20) { kind total }
    }`,
      { id: shanghai },
    );
    expect(r.body.errors).toBeUndefined();
    const { apart, combined, only, byKind } = r.body.data;
    expect(Number(apart[0].total)).toBe(sum(given.filter((d) => d.kind !== 'investment')));
    expect(Number(combined[0].total)).toBe(sum(given));
    expect(Number(only[0].total)).toBe(sum(investment));
    expect(only[0].donations.nodes.every((d: any) => d.kind === 'INVESTMENT')).toBe(true);
    // Grouped by kind, investment is a group of its own.
    expect(Number(byKind.find((t: any) => t.kind === 'INVESTMENT').total)).toBe(sum(investment));
  });

  it.each([
    ['Shanghai', 'gb:310000@201210', 2012],
    ['Zhejiang', 'gb:330000@201210', 2011],
    ['Fujian', 'gb:350000@201210', 2012],
    ['Xiamen', 'gb:350200@201210', 2012],
  ])(
    'reconciles %s (%s) in %s: stated totals beside their itemised parts and the itemised sums, with quotes on both sides',
    async (_name, place, year) => {
      const r = await server.gql(
        `query R($place: ID!, $year: Int!) { reconciliation(place: $place, year: $year) {
        totals { total { id amount { yuan } provenance { quote } } parts { id provenance { quote } } partsYuan coverage }
        stated { id metric value unit provenance { quote } } statedTotal
        given { total count coverage donations(first: 100) { totalCount nodes { id } } }
        received { total count coverage }
        note
      } }`,
        { place, year },
      );
      expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
      const rec = r.body.data.reconciliation;
      const inside = placeAndBodiesInside(place);
      const yuan = (list: { amount?: { yuan: number } }[]) => list.reduce((s, d) => s + (d.amount?.yuan ?? 0), 0);
      // Itemised: counted once, investment apart, the place and the places inside it.
      const given = countedAid().filter((d) => d.year === year && d.donorIds.some((id) => inside.has(id)));
      const received = countedAid().filter((d) => d.year === year && d.recipientIds.some((id) => inside.has(id)));
      expect([Number(rec.given.total), rec.given.count]).toEqual([yuan(given), given.length]);
      expect([Number(rec.received.total), rec.received.count]).toEqual([yuan(received), received.length]);
      expect(rec.given.donations.nodes.map((n: any) => n.id).sort()).toEqual(given.map((d) => d.id).sort());
      // Stated totals: the counted donations of the place that year that are itemised in parts.
      const involving = countedDonations().filter(
        (d) => d.year === year && [...d.donorIds, ...d.recipientIds].some((id) => inside.has(id)),
      );
      const withParts = involving.filter((d) => ds.donation.some((p) => p.partOfId === d.id));
      expect(rec.totals.map((t: any) => t.total.id).sort()).toEqual(withParts.map((d) => d.id).sort());
      for (const t of rec.totals) {
        const parts = ds.donation.filter((p) => p.partOfId === t.total.id);
        expect(t.parts.map((p: any) => p.id).sort()).toEqual(parts.map((p) => p.id).sort());
        expect(Number(t.partsYuan)).toBe(yuan(parts));
        if (t.total.amount) expect(t.coverage).toBeCloseTo(yuan(parts) / Number(t.total.amount.yuan), 4);
        for (const p of t.parts) expect(p.provenance.quote.length).toBeGreaterThan(0);
      }
      // The overall figure stated for the place itself, and the share the itemised gifts make of it.
      const overall = ds.statistic
        .filter(
          (s) =>
            s.scopeId === place &&
            s.year === year &&
            s.unit === 'yuan' &&
            ['financial-aid', 'government-aid', 'donations'].includes(s.metric),
        )
        .sort((a, b) => b.value - a.value)[0];
      expect(rec.statedTotal === null ? null : Number(rec.statedTotal)).toBe(overall?.value ?? null);
      if (overall) {
        expect(rec.stated.map((s: any) => s.id)).toContain(overall.id);
        expect(rec.given.coverage).toBeCloseTo(yuan(given) / overall.value, 4);
      } else expect(rec.given.coverage).toBeNull();
      for (const s of rec.stated) expect(s.unit).toBe('yuan');
      expect(rec.note).toContain(String(year));
    },
  );

  it.each([
    ['donors by province', '[DONOR]', '{}'],
    ['recipients by province and year', '[RECIPIENT, YEAR]', '{}'],
    ['pairs of provinces', '[PAIR]', '{ year: 2012 }'],
  ])('rolls %s up, each donation once per province, and explains each total', async (_name, groupBy, filter) => {
    const r = await server.gql(`{ donationTotals(groupBy: ${groupBy}, filter: ${filter}, rollUp: PROVINCE, first: 60) {
      donor { id } recipient { ... on Node { id } } year total count
      donations(first: 1) { totalCount totalYuan }
    } }`);
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    const totals = r.body.data.donationTotals;
    // The province of an actor from the records: up the places, or through where a body is based.
    const placeOf = new Map<string, string>();
    for (const o of ds.organisation) if (o.placeId) placeOf.set(o.id, o.placeId);
    for (const o of ds.organisation) if (!o.placeId && o.parentId && placeOf.has(o.parentId)) placeOf.set(o.id, placeOf.get(o.parentId)!);
    for (const e of ds.enterprise) if (e.homePlaceId) placeOf.set(e.id, e.homePlaceId);
    for (const p of ds.project) if (p.placeId) placeOf.set(p.id, p.placeId);
    const province = (id: string): string => {
      let place = ds.place.find((p) => p.id === (placeOf.get(id) ?? id));
      while (place && place.level !== 'province' && place.parentId) place = ds.place.find((p) => p.id === place!.parentId);
      return place?.level === 'province' ? place.id : id;
    };
    const year = /2012/.test(filter) ? 2012 : null;
    const sums = new Map<string, { total: number; count: number }>();
    for (const d of countedAid().filter((x) => year === null || x.year === year)) {
      const donors = groupBy.includes('DONOR') || groupBy.includes('PAIR') ? [...new Set(d.donorIds.map(province))] : [''];
      const recipients = groupBy.includes('RECIPIENT') || groupBy.includes('PAIR') ? [...new Set(d.recipientIds.map(province))] : [''];
      for (const a of donors)
        for (const b of recipients) {
          const key = [a, b, groupBy.includes('YEAR') ? d.year : ''].join('|');
          const s = sums.get(key) ?? { total: 0, count: 0 };
          sums.set(key, { total: s.total + (d.amount?.yuan ?? 0), count: s.count + 1 });
        }
    }
    expect(totals.length).toBe(Math.min(60, sums.size));
    for (const t of totals) {
      const key = [t.donor?.id ?? '', t.recipient?.id ?? '', t.year ?? ''].join('|');
      expect([Number(t.total), t.count], key).toEqual([sums.get(key)?.total, sums.get(key)?.count]);
      expect(t.donations.totalCount, key).toBe(t.count);
      expect(t.donations.totalYuan, key).toBe(t.total);
    }
    // The largest groups, in order.
    const shown = totals.map((t: any) => Number(t.total));
    expect(shown).toEqual(
      [...sums.values()]
        .map((s) => s.total)
        .sort((a, b) => b - a)
        .slice(0, shown.length),
    );
    // Rolled up: provinces, not their cities.
    if (groupBy.includes('DONOR')) expect(totals.some((t: any) => t.donor.id === 'gb:330000@201210')).toBe(true);
  });

  it('refuses filter fields that would do nothing, naming them and what to use', async () => {
    for (const [query, field, hint] of [
      [
        '{ donationTotals(groupBy: [DONOR], filter: { includeParts: true }, first: 1) { total } }',
        'filter.includeParts',
        /list those with donations/,
      ],
      [
        '{ place(id: "gb:330000@201210") { donationsGiven(filter: { donor: "gb:310000@201210" }, first: 1) { totalCount } } }',
        'filter.donor',
        /counterpart/,
      ],
      [
        '{ place(id: "gb:510822@201210") { donationsReceived(filter: { recipient: "gb:510000@201210" }, first: 1) { totalCount } } }',
        'filter.recipient',
        /counterpart/,
      ],
      [
        '{ place(id: "gb:510822@201210") { visitsReceived(filter: { destination: "gb:510000@201210" }, first: 1) { totalCount } } }',
        'filter.destination',
        /sender/,
      ],
      [
        '{ node(id: "person:zhao-hongzhu") { ... on Official { visits(filter: { official: "person:zhao-hongzhu" }, first: 1) { totalCount } } } }',
        'filter.official',
        /sender or destination/,
      ],
    ] as const) {
      const r = await server.gql(query);
      const e = r.body.errors?.[0];
      expect(e?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(e?.message).toContain(field);
      expect(e?.message).toMatch(hint);
    }
  });
});
