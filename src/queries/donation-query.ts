/**
 * Donation lists and totals: filtering, ordering and grouping donations where the read model
 * holds them, as rows of columns (src/graph/fact-index.ts). Nothing is made into an object but the
 * page a response shows: a province's roll-up or a national total runs over typed arrays.
 */
import type { FactIndex } from '../graph/fact-index.js';

export interface DonationCriteria {
  year?: number | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  kinds?: string[] | null;
  minYuan?: number | null;
  maxYuan?: number | null;
  /** Sets of ids (a place and what is inside it, when descendants are included). */
  donors?: Set<string> | null;
  recipients?: Set<string> | null;
  /** Either side. */
  parties?: Set<string> | null;
  includeParts?: boolean;
}

/** Actor ids as the table's actor numbers (ids no donation names drop out). */
function actorNumbers(facts: FactIndex, ids: Set<string> | null | undefined): Set<number> | null {
  if (!ids) return null;
  const out = new Set<number>();
  for (const id of ids) {
    const k = facts.donations.actorIndex(id);
    if (k >= 0) out.add(k);
  }
  return out;
}

/** The columns a filter or a total reads, fetched once per request rather than once per row. */
function columnsOf(facts: FactIndex) {
  const t = facts.donations;
  const partOf = t.stringColumn('partOf');
  const restates = t.stringColumn('restates');
  return {
    t,
    year: t.numberColumn('year'),
    yuan: t.numberColumn('yuan'),
    kind: t.stringColumn('kind'),
    /** Shares of stated totals and restatements of the same money are left out unless asked for. */
    countsOnce: (row: number) => partOf[row] < 0 && restates[row] < 0,
  };
}

/** The rows of the donations matching the criteria, in row (id) order. */
export function filterDonations(facts: FactIndex, c: DonationCriteria): number[] {
  const { t, year, yuan, kind, countsOnce } = columnsOf(facts);
  const donors = actorNumbers(facts, c.donors);
  const recipients = actorNumbers(facts, c.recipients);
  const parties = actorNumbers(facts, c.parties);
  const kinds = c.kinds?.length ? new Set(c.kinds.map((k) => t.valueIndex(k))) : null;
  const some = (list: number[], set: Set<number>) => list.some((a) => set.has(a));
  const [min, max] = [c.minYuan ?? null, c.maxYuan ?? null];
  const candidates = facts.donationRows(c);
  const out: number[] = [];
  const test = (row: number) => {
    if (!c.includeParts && !countsOnce(row)) return;
    const y = year[row];
    if (c.year != null && y !== c.year) return;
    if (c.yearFrom != null && y < c.yearFrom) return;
    if (c.yearTo != null && y > c.yearTo) return;
    if (kinds && !kinds.has(kind[row])) return;
    // NaN (no amount) fails every comparison, as a donation without an amount fails any bound.
    if (min !== null && !(yuan[row] >= min)) return;
    if (max !== null && !(yuan[row] <= max)) return;
    if (donors && !some(t.actorsAt('donorIds', row), donors)) return;
    if (recipients && !some(t.actorsAt('recipientIds', row), recipients)) return;
    if (parties && !some(t.actorsAt('donorIds', row), parties) && !some(t.actorsAt('recipientIds', row), parties)) return;
    out.push(row);
  };
  if (candidates) for (const row of candidates) test(row);
  else for (let row = 0; row < t.size; row++) test(row);
  return out;
}

/** The rows in the order asked (date or amount, either way), ties in id order. */
export function orderDonations(facts: FactIndex, rows: number[], order: string): number[] {
  const date = facts.donationDateRank;
  const yuan = facts.donations.numberColumn('yuan');
  const amount = (row: number) => (Number.isNaN(yuan[row]) ? -1 : yuan[row]);
  const cmp: Record<string, (a: number, b: number) => number> = {
    DATE_ASC: (a, b) => date[a] - date[b] || a - b,
    DATE_DESC: (a, b) => date[b] - date[a] || a - b,
    AMOUNT_DESC: (a, b) => amount(b) - amount(a) || a - b,
    AMOUNT_ASC: (a, b) => amount(a) - amount(b) || a - b,
  };
  return [...rows].sort(cmp[order] ?? cmp.DATE_ASC);
}

export function sumYuan(facts: FactIndex, rows: number[]): number {
  const { yuan, countsOnce } = columnsOf(facts);
  let sum = 0;
  for (const row of rows) if (countsOnce(row) && !Number.isNaN(yuan[row])) sum += yuan[row];
  return sum;
}

export interface DonationTotal {
  donorId: string | null;
  recipientId: string | null;
  year: number | null;
  kind: string | null;
  total: number;
  count: number;
  jointCount: number;
}

/** As `localeCompare` without options, with one collator made once rather than one per comparison. */
const KEY_ORDER = new Intl.Collator().compare;

/**
 * Totals grouped by any of donor, recipient, year, kind and pair. A joint donation counts in full
 * for each of its donors (and each recipient), flagged in `jointCount`, since the texts do not split it.
 */
export function donationTotals(facts: FactIndex, rows: number[], groupBy: string[], order: string): DonationTotal[] {
  const { t, year: years, yuan: amounts, kind: kinds, countsOnce } = columnsOf(facts);
  const by = new Set(groupBy.flatMap((k) => (k === 'PAIR' ? ['DONOR', 'RECIPIENT'] : [k])));
  const [byDonor, byRecipient, byYear, byKind] = [by.has('DONOR'), by.has('RECIPIENT'), by.has('YEAR'), by.has('KIND')];
  // Keyed by numbers: (donor, recipient) then (year, kind), so no key text is made per donation.
  const groups = new Map<number, Map<number, DonationTotal>>();
  const none = [-1];
  for (const row of rows) {
    if (!countsOnce(row)) continue;
    const donors = byDonor ? t.actorsAt('donorIds', row) : none;
    const recipients = byRecipient ? t.actorsAt('recipientIds', row) : none;
    const joint = (byDonor && donors.length > 1) || (byRecipient && recipients.length > 1);
    const year = byYear && !Number.isNaN(years[row]) ? years[row] : null;
    const kind = byKind && kinds[row] >= 0 ? kinds[row] : -1;
    const inner = (year ?? 0) * 2 ** 22 + kind + 1;
    const yuan = Number.isNaN(amounts[row]) ? 0 : amounts[row];
    for (const d of donors) {
      for (const r of recipients) {
        const outer = (d + 1) * 2 ** 26 + (r + 1);
        let level = groups.get(outer);
        if (!level) groups.set(outer, (level = new Map()));
        let g = level.get(inner);
        if (!g) {
          g = {
            donorId: d < 0 ? null : t.actorId(d),
            recipientId: r < 0 ? null : t.actorId(r),
            year,
            kind: kind < 0 ? null : t.valueAt(kind),
            total: 0,
            count: 0,
            jointCount: 0,
          };
          level.set(inner, g);
        }
        g.total += yuan;
        g.count += 1;
        if (joint) g.jointCount += 1;
      }
    }
  }
  const all = [...groups.values()].flatMap((level) => [...level.values()]);
  // Ties in order of the group's keys (made only for groups that tie).
  const keyOf = new Map<DonationTotal, string>();
  const key = (g: DonationTotal) => {
    let k = keyOf.get(g);
    if (k === undefined) keyOf.set(g, (k = JSON.stringify([g.donorId, g.recipientId, g.year, g.kind])));
    return k;
  };
  const stable = (a: DonationTotal, b: DonationTotal) => KEY_ORDER(key(a), key(b));
  const cmp: Record<string, (a: DonationTotal, b: DonationTotal) => number> = {
    TOTAL_DESC: (a, b) => b.total - a.total || stable(a, b),
    TOTAL_ASC: (a, b) => a.total - b.total || stable(a, b),
    COUNT_DESC: (a, b) => b.count - a.count || b.total - a.total || stable(a, b),
  };
  return all.sort(cmp[order] ?? cmp.TOTAL_DESC);
}
