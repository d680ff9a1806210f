/**
 * The pair × year panel, read back as its users read it: the CSV with a CSV library, the JSON as
 * data, the GraphQL rows — each row's facts checked against a re-reading of the dataset files by
 * the rule the codebook states.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/dataset/paths.js';
import { PANEL_COLUMNS, panelCodebookDocument } from '../../src/queries/panel-table.js';
import { ds } from '../helpers/dataset.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** The sides an actor stands on, from the records: itself, the places above it, and for a body or official the places it is based in or posted to. */
function sidesOf(id: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>([id]);
  if (seen.has(id)) return out;
  seen.add(id);
  const add = (other: string | null | undefined) => {
    if (other) for (const s of sidesOf(other, seen)) out.add(s);
  };
  const place = ds.place.find((p) => p.id === id);
  if (place) add(place.parentId);
  const org = ds.organisation.find((o) => o.id === id);
  if (org) {
    add(org.placeId);
    add(org.parentId);
  }
  add(ds.enterprise.find((e) => e.id === id)?.homePlaceId);
  add(ds.project.find((p) => p.id === id)?.placeId);
  for (const t of ds.official.find((o) => o.id === id)?.titles ?? []) {
    add(t.placeId);
    add(t.organisationId);
  }
  return out;
}
const onSide = (actors: readonly string[], side: string) => actors.some((a) => sidesOf(a).has(side));
const yearOf = (date: { start: string } | undefined) => (date ? Number(date.start.slice(0, 4)) : null);

describe('the pair × year panel', () => {
  let server: TestServer;
  let csv: { status: number; type: string | null; text: string };
  beforeAll(async () => {
    server = await startTestServer();
    const res = await fetch(`${server.app.url}/export/panel.csv?level=province,city,county,mixed`);
    csv = { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  });
  afterAll(async () => server?.app.close());

  const rowsOf = (text: string): Record<string, string>[] => parse(text, { columns: true, skip_empty_lines: true });

  it("is a CSV a library reads back, with the codebook's columns, GB codes as text and one row per pair and year", () => {
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv; charset=utf-8/);
    const header = parse(csv.text, { to_line: 1 })[0];
    expect(header).toEqual(PANEL_COLUMNS.map((c) => c.name));
    const rows = rowsOf(csv.text);
    expect(rows.length).toBeGreaterThan(50);
    const keys = rows.map((r) => `${r.supporter_id}|${r.supported_id}|${r.year}`);
    expect(new Set(keys).size).toBe(rows.length);
    for (const r of rows) {
      if (r.supporter_id.startsWith('gb:')) expect(r.supporter_code).toBe(r.supporter_id.slice(3, 9));
      expect(['true', 'false']).toContain(r.in_force);
      expect(Number(r.year)).toBeGreaterThanOrEqual(2010);
      expect(Number(r.year)).toBeLessThanOrEqual(2012);
      expect(Number(r.yuan_aid_total) + Number(r.yuan_investment)).toBe(
        PANEL_COLUMNS.filter((c) => /^yuan_/.test(c.name) && !['yuan_aid_total', 'yuan_promised'].includes(c.name)).reduce(
          (s, c) => s + Number(r[c.name]),
          0,
        ),
      );
    }
  });

  it('gives each pair and year exactly the facts the records join between its two sides', () => {
    const counted = ds.donation.filter((d) => !d.partOfId && !d.restatesId);
    for (const r of rowsOf(csv.text)) {
      const year = Number(r.year);
      const [east, west] = [r.supporter_id, r.supported_id];
      const donations = counted.filter((d) => d.year === year && onSide(d.donorIds, east) && onSide(d.recipientIds, west));
      const label = `${east} → ${west} ${year}`;
      expect(r.donation_ids.split(' ').filter(Boolean).sort(), label).toEqual(donations.map((d) => d.id).sort());
      expect(Number(r.yuan_aid_total), label).toBe(
        donations.filter((d) => d.kind !== 'investment').reduce((s, d) => s + (d.amount?.yuan ?? 0), 0),
      );
      // Money promised, apart: commitments between the two sides that year, shares of a larger one left out.
      const promised = ds.commitment.filter(
        (c) => c.year === year && !c.partOfId && onSide(c.giverIds, east) && onSide(c.recipientIds, west),
      );
      expect(r.commitment_ids.split(' ').filter(Boolean).sort(), label).toEqual(promised.map((c) => c.id).sort());
      expect(Number(r.yuan_promised), label).toBe(promised.reduce((s, c) => s + c.amount.yuan, 0));
      const visits = ds.visit.filter((v) => yearOf(v.date) === year);
      const from = (v: (typeof visits)[number]) => [...(v.fromId ? [v.fromId] : []), ...v.visitorIds];
      expect(r.visit_ids_east_to_west.split(' ').filter(Boolean).sort(), label).toEqual(
        visits
          .filter((v) => onSide(from(v), east) && onSide(v.destinationIds, west))
          .map((v) => v.id)
          .sort(),
      );
      expect(r.visit_ids_west_to_east.split(' ').filter(Boolean).sort(), label).toEqual(
        visits
          .filter((v) => onSide(from(v), west) && onSide(v.destinationIds, east))
          .map((v) => v.id)
          .sort(),
      );
      const present = (m: (typeof ds.meeting)[number]) => [...m.hostIds, ...m.guestIds, ...(m.placeId ? [m.placeId] : [])];
      expect(r.meeting_ids.split(' ').filter(Boolean).sort(), label).toEqual(
        ds.meeting
          .filter((m) => yearOf(m.date) === year && onSide(present(m), east) && onSide(present(m), west))
          .map((m) => m.id)
          .sort(),
      );
      expect(r.agreement_ids.split(' ').filter(Boolean).sort(), label).toEqual(
        ds.agreement
          .filter((a) => yearOf(a.date) === year && onSide(a.partyIds, east) && onSide(a.partyIds, west))
          .map((a) => a.id)
          .sort(),
      );
    }
  });

  it('shows Zhejiang → Sichuan: money, visits both ways, meetings and agreements in 2012, each traceable', async () => {
    const rows = rowsOf(csv.text).filter((r) => r.supporter_id === 'gb:330000@201210' && r.supported_id === 'gb:510000@201210');
    expect(rows.map((r) => r.year)).toEqual(['2010', '2011', '2012']);
    const y2012 = rows[2];
    expect(y2012.in_force).toBe('true');
    expect(Number(y2012.yuan_aid_total)).toBeGreaterThan(0);
    expect(Number(y2012.visits_west_to_east)).toBeGreaterThan(0);
    expect(Number(y2012.meetings)).toBeGreaterThan(0);
    expect(Number(y2012.agreements)).toBeGreaterThan(0);
    // Zhejiang's signed investment in Sichuan that year is promised money, not given.
    expect(Number(y2012.yuan_promised)).toBeGreaterThan(Number(y2012.yuan_aid_total));
    expect(y2012.commitment_ids).not.toBe('');
    // The same row through GraphQL.
    const r =
      await server.gql(`{ panel(filter: { supporter: "gb:330000@201210", supported: "gb:510000@201210", yearFrom: 2012, yearTo: 2012 }, first: 5) {
      totalCount nodes { year inForce aidYuan investmentYuan promisedYuan commitmentIds donationIds visitsWestToEast meetingIds agreementIds amounts { kind yuan donationIds } } } }`);
    expect(r.body.errors).toBeUndefined();
    const row = r.body.data.panel.nodes[0];
    expect(r.body.data.panel.totalCount).toBe(1);
    expect(row.aidYuan).toBe(y2012.yuan_aid_total);
    expect(row.donationIds.join(' ')).toBe(y2012.donation_ids);
    expect(row.meetingIds.join(' ')).toBe(y2012.meeting_ids);
    expect(row.promisedYuan).toBe(y2012.yuan_promised);
    expect(row.commitmentIds.join(' ')).toBe(y2012.commitment_ids);
    for (const a of row.amounts) expect(a.yuan).toBe(y2012[`yuan_${a.kind.toLowerCase()}`]);
  });

  it("as JSON: the same rows with typed values and the codebook's column descriptions", async () => {
    const res = await fetch(`${server.app.url}/export/panel.json?supporter=gb:330000@201210`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body.columns).toEqual(PANEL_COLUMNS.map(({ name, type, description }) => ({ name, type, description })));
    const fromCsv = rowsOf(csv.text).filter((r) => r.supporter_id === 'gb:330000@201210');
    expect(body.rows).toHaveLength(fromCsv.length);
    for (const [i, row] of body.rows.entries()) {
      for (const c of PANEL_COLUMNS) {
        const value = row[c.name];
        if (c.type === 'integer') expect(typeof value).toBe('number');
        if (c.type === 'boolean') expect(typeof value).toBe('boolean');
        expect(String(value ?? '')).toBe(fromCsv[i][c.name]);
      }
    }
  });

  it('has its codebook in docs/, written from the columns (npm run docs:tables)', () => {
    expect(readFileSync(`${ROOT}/docs/PANEL-CODEBOOK.md`, 'utf8')).toBe(panelCodebookDocument());
    for (const c of PANEL_COLUMNS) expect(panelCodebookDocument()).toContain(`| \`${c.name}\` |`);
  });

  it('refuses a bad parameter with 400, naming it', async () => {
    for (const [query, pattern] of [
      ['yearFrom=20x', /yearFrom must be a four-digit year/],
      ['level=planet', /level must be among province, city, county, mixed \(got "planet"\)/],
      ['yearFrom=2012&yearTo=2010', /yearFrom \(2012\) is after yearTo \(2010\)/],
      ['supporter=nonsense', /supporter: "nonsense" is not an id of this API/],
    ] as const) {
      const res = await fetch(`${server.app.url}/export/panel.csv?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error).toMatch(pattern);
    }
    expect((await fetch(`${server.app.url}/export/panel.csv?supporter=gb:999999@201210`)).status).toBe(404);
  });
});
