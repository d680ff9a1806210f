/**
 * Donation lists and totals: filtering, ordering and grouping donations where the read model
 * holds them, as rows of columns (src/graph/fact-index.ts). Nothing is made into an object but the
 * page a response shows: a province's roll-up or a national total runs over typed arrays.
 */
import type { FactIndex } from '../graph/fact-index.js';
import { yieldToOthers } from './yield-to-others.js';

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
 * milliseconds at a million nodes. Other requests are answered between slices of this many rows
 * (a few milliseconds of work each: larger slices held the other queries of a mixed load up).
 */
const ROWS_BETWEEN_YIELDS = 20_000;

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

/** Whether any of a row's actors (in one role's arrays) is in the set. */
function names(arrays: { readonly offsets: Uint32Array; readonly items: Uint32Array }, row: number, set: Set<number>): boolean {
  for (let j = arrays.offsets[row]; j < arrays.offsets[row + 1]; j++) if (set.has(arrays.items[j])) return true;
  return false;
}

/** The rows of the donations matching the criteria, in row (id) order. */
export async function filterDonations(facts: FactIndex, c: DonationCriteria): Promise<number[]> {
  const { t, year, yuan, kind, countsOnce } = columnsOf(facts);
  const [donorsOf, recipientsOf] = [t.actorArrays('donorIds'), t.actorArrays('recipientIds')];
  const donors = actorNumbers(facts, c.donors);
  const recipients = actorNumbers(facts, c.recipients);
  const parties = actorNumbers(facts, c.parties);
  const kinds = c.kinds?.length ? new Set(c.kinds.map((k) => t.valueIndex(k))) : null;
  const [min, max] = [c.minYuan ?? null, c.maxYuan ?? null];
  const [onlyYear, yearFrom, yearTo] = [c.year ?? null, c.yearFrom ?? null, c.yearTo ?? null];
  const includeParts = c.includeParts ?? false;
  const candidates = facts.donationRows(c);
  const count = candidates ? candidates.length : t.size;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % ROWS_BETWEEN_YIELDS === 0) await yieldToOthers();
    const row = candidates ? candidates[i] : i;
    if (!includeParts && !countsOnce(row)) continue;
    const y = year[row];
    if (onlyYear !== null && y !== onlyYear) continue;
    if (yearFrom !== null && y < yearFrom) continue;
    if (yearTo !== null && y > yearTo) continue;
    if (kinds && !kinds.has(kind[row])) continue;
    // NaN (no amount) fails every comparison, as a donation without an amount fails any bound.
    if (min !== null && !(yuan[row] >= min)) continue;
    if (max !== null && !(yuan[row] <= max)) continue;
    if (donors && !names(donorsOf, row, donors)) continue;
    if (recipients && !names(recipientsOf, row, recipients)) continue;
    if (parties && !names(donorsOf, row, parties) && !names(recipientsOf, row, parties)) continue;
    out.push(row);
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

/** Group totals in typed arrays that grow as groups are met: a national total by donor has a hundred thousand groups. */
class Groups {
  size = 0;
  donor = new Int32Array(1024);
  recipient = new Int32Array(1024);
  combo = new Int32Array(1024);
  total = new Float64Array(1024);
  count = new Int32Array(1024);
  joint = new Int32Array(1024);

  add(d: number, r: number, combo: number): number {
    if (this.size === this.donor.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      [this.donor, this.recipient, this.combo, this.count, this.joint] = [
        grow(this.donor),
        grow(this.recipient),
        grow(this.combo),
        grow(this.count),
        grow(this.joint),
      ];
      this.total = grow(this.total);
    }
    const g = this.size++;
    [this.donor[g], this.recipient[g], this.combo[g]] = [d, r, combo];
    return g;
  }
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
  const [donorsOf, recipientsOf] = [t.actorArrays('donorIds'), t.actorArrays('recipientIds')];
  const by = new Set(groupBy.flatMap((k) => (k === 'PAIR' ? ['DONOR', 'RECIPIENT'] : [k])));
  const [byDonor, byRecipient, byYear, byKind] = [by.has('DONOR'), by.has('RECIPIENT'), by.has('YEAR'), by.has('KIND')];
  // Each (year, kind) pair met gets a dense number; a group is found by its actor and that number.
  const combos = new Map<number, number>();
  const comboYear: (number | null)[] = [];
  const comboKind: number[] = [];
  const groups = new Groups();
  const byKey = new Map<number | string, number>();
  const NONE = new Uint32Array([0xffffffff]);
  const single = { offsets: new Uint32Array([0, 1]), items: NONE };
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % ROWS_BETWEEN_YIELDS === 0) await yieldToOthers();
    const row = rows[i];
    if (!countsOnce(row)) continue;
    const year = byYear && !Number.isNaN(years[row]) ? years[row] : null;
    const kind = byKind && kinds[row] >= 0 ? kinds[row] : -1;
    const raw = ((year ?? -1) + 1) * 2 ** 22 + kind + 1;
    let combo = combos.get(raw);
    if (combo === undefined) {
      combos.set(raw, (combo = combos.size));
      comboYear.push(year);
      comboKind.push(kind);
    }
    const yuan = Number.isNaN(amounts[row]) ? 0 : amounts[row];
    const ds = byDonor ? donorsOf : single;
    const rs = byRecipient ? recipientsOf : single;
    const [dFrom, dTo] = byDonor ? [ds.offsets[row], ds.offsets[row + 1]] : [0, 1];
    const [rFrom, rTo] = byRecipient ? [rs.offsets[row], rs.offsets[row + 1]] : [0, 1];
    const joint = (byDonor && dTo - dFrom > 1) || (byRecipient && rTo - rFrom > 1);
    for (let j = dFrom; j < dTo; j++) {
      const d = byDonor ? ds.items[j] : -1;
      for (let k = rFrom; k < rTo; k++) {
        const r = byRecipient ? rs.items[k] : -1;
        const key = byDonor && byRecipient ? `${d},${r},${combo}` : ((byDonor ? d : r) + 1) * 4096 + combo;
        let g = byKey.get(key);
        if (g === undefined) byKey.set(key, (g = groups.add(d, r, combo)));
        groups.total[g] += yuan;
        groups.count[g] += 1;
        if (joint) groups.joint[g] += 1;
      }
    }
  }
  const { donor, recipient, total, count } = groups;
  // Ties by donor, then recipient (in id order), then year, then kind.
  const rank = facts.donationActorRank;
  const actorOrder = (x: number, y: number) => (x < 0 || y < 0 ? x - y : rank[x] - rank[y]);
  const stable = (a: number, b: number) => {
    const [ca, cb] = [groups.combo[a], groups.combo[b]];
    const [ka, kb] = [comboKind[ca], comboKind[cb]];
    return (
      actorOrder(donor[a], donor[b]) ||
      actorOrder(recipient[a], recipient[b]) ||
      (comboYear[ca] ?? -1) - (comboYear[cb] ?? -1) ||
      (ka === kb ? 0 : KEY_ORDER(ka < 0 ? '' : t.valueAt(ka), kb < 0 ? '' : t.valueAt(kb)))
    );
  };
  const cmp: Record<string, (a: number, b: number) => number> = {
    TOTAL_DESC: (a, b) => total[b] - total[a] || stable(a, b),
    TOTAL_ASC: (a, b) => total[a] - total[b] || stable(a, b),
    COUNT_DESC: (a, b) => count[b] - count[a] || total[b] - total[a] || stable(a, b),
  };
  const all = Array.from({ length: groups.size }, (_, g) => g);
  return firstK(all, first, cmp[order] ?? cmp.TOTAL_DESC).map((g) => {
    const c = groups.combo[g];
    return {
      donorId: donor[g] < 0 ? null : t.actorId(donor[g]),
      recipientId: recipient[g] < 0 ? null : t.actorId(recipient[g]),
      year: comboYear[c],
      kind: comboKind[c] < 0 ? null : t.valueAt(comboKind[c]),
      total: total[g],
      count: count[g],
      jointCount: groups.joint[g],
    };
  });
}
