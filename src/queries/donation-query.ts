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

/**
 * A list or total naming no actor goes through every donation of the graph: hundreds of
 * milliseconds at a million nodes. Other requests are answered between slices of this many rows.
 */
const ROWS_BETWEEN_YIELDS = 20_000;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

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
export async function filterDonations(facts: FactIndex, c: DonationCriteria): Promise<number[]> {
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
  const all = candidates ?? t.size;
  const count = typeof all === 'number' ? all : all.length;
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % ROWS_BETWEEN_YIELDS === 0) await yieldToOthers();
    test(typeof all === 'number' ? i : all[i]);
  }
  return out;
}

/**
 * The first `limit` rows in the order asked (date or amount, either way), ties in id order. A page
 * near the start of a national list needs its first few of hundreds of thousands, not all sorted.
 */
export function orderDonations(facts: FactIndex, rows: number[], order: string, limit = rows.length): number[] {
  const date = facts.donationDateRank;
  const yuan = facts.donations.numberColumn('yuan');
  const amount = (row: number) => (Number.isNaN(yuan[row]) ? -1 : yuan[row]);
  const cmp: Record<string, (a: number, b: number) => number> = {
    DATE_ASC: (a, b) => date[a] - date[b] || a - b,
    DATE_DESC: (a, b) => date[b] - date[a] || a - b,
    AMOUNT_DESC: (a, b) => amount(b) - amount(a) || a - b,
    AMOUNT_ASC: (a, b) => amount(a) - amount(b) || a - b,
  };
  const by = cmp[order] ?? cmp.DATE_ASC;
  return limit <= PARTIAL_ORDER_MAX && limit * 8 < rows.length ? firstK(rows, limit, by) : [...rows].sort(by);
}

/** Up to this many first rows are picked without sorting the whole list (deeper pages sort it all). */
const PARTIAL_ORDER_MAX = 2000;

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

/** A group while totals are summed: actors and kind as numbers, made into ids only if it is returned. */
interface Group {
  d: number;
  r: number;
  year: number | null;
  kind: number;
  total: number;
  count: number;
  jointCount: number;
}

/** The `k` first items in `cmp` order, without sorting them all (a national grouping has a hundred thousand). */
function firstK<T>(items: Iterable<T>, k: number, cmp: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  if (k <= 0) return out;
  for (const x of items) {
    if (out.length === k && cmp(x, out[k - 1]) >= 0) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(out[mid], x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, x);
    if (out.length > k) out.pop();
  }
  return out;
}

/**
 * The first `first` totals grouped by any of donor, recipient, year, kind and pair. A joint
 * donation counts in full for each of its donors (and each recipient), flagged in `jointCount`,
 * since the texts do not split it.
 */
export async function donationTotals(
  facts: FactIndex,
  rows: number[],
  groupBy: string[],
  order: string,
  first: number,
): Promise<DonationTotal[]> {
  const { t, year: years, yuan: amounts, kind: kinds, countsOnce } = columnsOf(facts);
  const by = new Set(groupBy.flatMap((k) => (k === 'PAIR' ? ['DONOR', 'RECIPIENT'] : [k])));
  const [byDonor, byRecipient, byYear, byKind] = [by.has('DONOR'), by.has('RECIPIENT'), by.has('YEAR'), by.has('KIND')];
  // Each (year, kind) pair seen gets a dense number.
  const combos = new Map<number, number>();
  // One actor's groups in an array indexed by (year, kind); a pair of actors needs a text key.
  // Sized up front: an array filled at indexes far past its end turns into a slow dictionary.
  const byActor: Group[][] = new Array(t.actorCount + 1);
  const byPair = new Map<string, Group>();
  const all: Group[] = [];
  const none = [-1];
  const [donorList, recipientList]: number[][] = [[], []];
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % ROWS_BETWEEN_YIELDS === 0) await yieldToOthers();
    const row = rows[i];
    if (!countsOnce(row)) continue;
    const donors = byDonor ? t.actorsInto('donorIds', row, donorList) : none;
    const recipients = byRecipient ? t.actorsInto('recipientIds', row, recipientList) : none;
    const joint = (byDonor && donors.length > 1) || (byRecipient && recipients.length > 1);
    const year = byYear && !Number.isNaN(years[row]) ? years[row] : null;
    const kind = byKind && kinds[row] >= 0 ? kinds[row] : -1;
    const raw = ((year ?? -1) + 1) * 2 ** 22 + kind + 1;
    let combo = combos.get(raw);
    if (combo === undefined) combos.set(raw, (combo = combos.size));
    const yuan = Number.isNaN(amounts[row]) ? 0 : amounts[row];
    for (const d of donors) {
      for (const r of recipients) {
        let g: Group | undefined;
        if (byDonor && byRecipient) {
          const key = `${d},${r},${combo}`;
          g = byPair.get(key);
          if (!g) byPair.set(key, (g = { d, r, year, kind, total: 0, count: 0, jointCount: 0 }));
        } else {
          const list = (byActor[(byDonor ? d : r) + 1] ??= []);
          g = list[combo];
          if (!g) list[combo] = g = { d, r, year, kind, total: 0, count: 0, jointCount: 0 };
        }
        if (g.count === 0) all.push(g);
        g.total += yuan;
        g.count += 1;
        if (joint) g.jointCount += 1;
      }
    }
  }
  // Ties by donor, then recipient (in id order), then year, then kind.
  const rank = facts.donationActorRank;
  const actorOrder = (x: number, y: number) => (x < 0 || y < 0 ? x - y : rank[x] - rank[y]);
  const stable = (a: Group, b: Group) =>
    actorOrder(a.d, b.d) ||
    actorOrder(a.r, b.r) ||
    (a.year ?? -1) - (b.year ?? -1) ||
    (a.kind === b.kind ? 0 : KEY_ORDER(t.valueAt(a.kind) ?? '', t.valueAt(b.kind) ?? ''));
  const cmp: Record<string, (a: Group, b: Group) => number> = {
    TOTAL_DESC: (a, b) => b.total - a.total || stable(a, b),
    TOTAL_ASC: (a, b) => a.total - b.total || stable(a, b),
    COUNT_DESC: (a, b) => b.count - a.count || b.total - a.total || stable(a, b),
  };
  return firstK(all, first, cmp[order] ?? cmp.TOTAL_DESC).map((g) => ({
    donorId: g.d < 0 ? null : t.actorId(g.d),
    recipientId: g.r < 0 ? null : t.actorId(g.r),
    year: g.year,
    kind: g.kind < 0 ? null : t.valueAt(g.kind),
    total: g.total,
    count: g.count,
    jointCount: g.jointCount,
  }));
}
