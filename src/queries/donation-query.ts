/**
 * Donation lists and totals: filtering, ordering and grouping donations where the read model
 * holds them, as rows of columns (src/graph/fact-index.ts). Nothing is made into an object but the
 * page a response shows: a province's roll-up or a national total runs over typed arrays.
 */
import type { DonationColumns, FactIndex } from '../graph/fact-index.js';
import { yieldToOthers } from './yield-to-others.js';

export interface DonationCriteria {
  year?: number | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  kinds?: string[] | null;
  minYuan?: number | null;
  maxYuan?: number | null;
  /** How the donation was read (stated, section, list-order, inferred): only these, when given. */
  evidence?: string[] | null;
  /** Sets of ids (a place and what is inside it, when descendants are included). */
  donors?: Set<string> | null;
  recipients?: Set<string> | null;
  /** Either side. */
  parties?: Set<string> | null;
  includeParts?: boolean;
}

/**
 * A list or total naming no actor goes through every donation of the graph (four hundred thousand
 * at a million nodes, a few milliseconds). Other requests are answered between slices of this many
 * rows, so that a national total holds none of them up by more than about a millisecond.
 */
const ROWS_BETWEEN_YIELDS = 100_000;

/** Actor ids as the table's actor numbers (ids no donation names drop out). */
function actorNumbers(facts: FactIndex, ids: Set<string> | null | undefined): number[] | null {
  return ids ? facts.donations.actorNumbersOf(ids).filter((k) => k >= 0) : null;
}

/**
 * Criteria in the columns' numbers (see DonationColumns): plain data, which a worker thread is
 * handed with the columns. Absent bounds are infinite ones: one comparison per bound and row, and
 * NaN (no amount, no year) fails every comparison, as a donation without one fails any bound.
 */
export interface ColumnCriteria {
  /** A year asked for that falls outside the range also asked for: nothing matches. */
  none: boolean;
  yearFrom: number;
  yearTo: number;
  yearBounded: boolean;
  /** Kind slots allowed, or null for any. */
  kindSlots: number[] | null;
  /** Evidence values allowed (their numbers in the table), or null for any. */
  evidence: number[] | null;
  minYuan: number;
  maxYuan: number;
  yuanBounded: boolean;
  donors: number[] | null;
  recipients: number[] | null;
  parties: number[] | null;
  includeParts: boolean;
  /** The rows naming the fixed side, in row order; null when no side is fixed. */
  naming: Int32Array | null;
}

export function columnCriteria(facts: FactIndex, c: DonationCriteria): ColumnCriteria {
  const t = facts.donations;
  const bounded = (v: number | null | undefined, none: number) => (v === null || v === undefined ? none : v);
  const { year } = c;
  const naming = facts.donationRowsNaming(c);
  return {
    none: year != null && ((c.yearFrom != null && year < c.yearFrom) || (c.yearTo != null && year > c.yearTo)),
    yearFrom: bounded(year ?? c.yearFrom, -Infinity),
    yearTo: bounded(year ?? c.yearTo, Infinity),
    yearBounded: year != null || c.yearFrom != null || c.yearTo != null,
    kindSlots: c.kinds?.length ? c.kinds.map((k) => facts.donationColumns.kinds.indexOf(k)).filter((slot) => slot > 0) : null,
    evidence: c.evidence?.length ? c.evidence.map((v) => t.valueIndex(v)).filter((k) => k >= 0) : null,
    minYuan: bounded(c.minYuan, -Infinity),
    maxYuan: bounded(c.maxYuan, Infinity),
    yuanBounded: c.minYuan != null || c.maxYuan != null,
    donors: actorNumbers(facts, c.donors),
    recipients: actorNumbers(facts, c.recipients),
    parties: actorNumbers(facts, c.parties),
    includeParts: c.includeParts ?? false,
    naming: naming && Int32Array.from(naming),
  };
}

/**
 * The rows that can match, in row order: those naming the fixed side, else those of the years
 * asked for (grouped by year at start, see FactIndex), else null for every row.
 */
function candidateRows(cols: DonationColumns, cc: ColumnCriteria): Int32Array | null {
  if (cc.naming) return cc.naming;
  if (!cc.yearBounded) return null;
  const slots = yearSlots(cols, cc);
  const { rowsByYear, yearStart } = cols;
  if (slots.length === 1) return rowsByYear.subarray(yearStart[slots[0]], yearStart[slots[0] + 1]);
  const rows = new Int32Array(slots.reduce((n, k) => n + yearStart[k + 1] - yearStart[k], 0));
  let at = 0;
  for (const k of slots) {
    rows.set(rowsByYear.subarray(yearStart[k], yearStart[k + 1]), at);
    at += yearStart[k + 1] - yearStart[k];
  }
  return rows.sort();
}

/** How many rows a filter goes through: what decides whether a total is worth a worker thread. */
export function rowsToScan(cols: DonationColumns, cc: ColumnCriteria): number {
  if (cc.none) return 0;
  if (cc.naming) return cc.naming.length;
  if (!cc.yearBounded) return cols.size;
  return yearSlots(cols, cc).reduce((n, k) => n + cols.yearStart[k + 1] - cols.yearStart[k], 0);
}

/** The slots of the years within the criteria's bounds. */
function yearSlots(cols: DonationColumns, cc: ColumnCriteria): number[] {
  const slots: number[] = [];
  cols.years.forEach((y, slot) => {
    if (y !== null && y >= cc.yearFrom && y <= cc.yearTo) slots.push(slot);
  });
  return slots;
}

/** Whether any of a row's actors (in one role's arrays) is in the set. */
function names(arrays: { readonly offsets: Uint32Array; readonly items: Uint32Array }, row: number, set: Set<number>): boolean {
  for (let j = arrays.offsets[row]; j < arrays.offsets[row + 1]; j++) if (set.has(arrays.items[j])) return true;
  return false;
}

/** What a row must pass, as the scan of a slice reads it: the columns, the bounds and the sets. */
interface RowFilter {
  readonly cols: DonationColumns;
  readonly cc: ColumnCriteria;
  readonly candidates: Int32Array | null;
  readonly kinds: Uint8Array | null;
  readonly evidence: Set<number> | null;
  readonly donors: Set<number> | null;
  readonly recipients: Set<number> | null;
  readonly parties: Set<number> | null;
}

/**
 * The rows matching the criteria, in row (id) order. A step: it pauses (yields) between slices
 * of ROWS_BETWEEN_YIELDS rows, where the serving thread answers others (see `stepped`); a worker
 * thread runs it straight through (`straight`). Each slice is scanned by a plain function
 * (`matchSlice`): a loop inside a generator was deoptimised again and again as requests of other
 * shapes came, and ran several times slower.
 */
function* matchingRows(cols: DonationColumns, cc: ColumnCriteria): Generator<void, Int32Array> {
  const setOf = (xs: number[] | null) => (xs ? new Set(xs) : null);
  let kinds: Uint8Array | null = null;
  if (cc.kindSlots) {
    kinds = new Uint8Array(cols.kinds.length);
    for (const slot of cc.kindSlots) kinds[slot] = 1;
  }
  const candidates = candidateRows(cols, cc);
  const f: RowFilter = {
    cols,
    cc,
    candidates,
    kinds,
    evidence: setOf(cc.evidence),
    donors: setOf(cc.donors),
    recipients: setOf(cc.recipients),
    parties: setOf(cc.parties),
  };
  const count = candidates ? candidates.length : cols.size;
  const out = new Int32Array(cc.none ? 0 : count);
  let n = 0;
  for (let from = 0; from < out.length; from += ROWS_BETWEEN_YIELDS) {
    if (from > 0) yield;
    n = matchSlice(f, from, Math.min(count, from + ROWS_BETWEEN_YIELDS), out, n);
  }
  return out.subarray(0, n);
}

/** Scans candidates `from` to `to`, writing the rows that pass into `out` from `n`; how many are there then. */
function matchSlice(f: RowFilter, from: number, to: number, out: Int32Array, n: number): number {
  const { year, yuan, once, kindSlot, evidence: evidenceOf, donorsOf, recipientsOf } = f.cols;
  const { yearFrom, yearTo, yearBounded, minYuan, maxYuan, yuanBounded, includeParts } = f.cc;
  const { candidates, kinds, evidence, donors, recipients, parties } = f;
  for (let i = from; i < to; i++) {
    const row = candidates ? candidates[i] : i;
    if (!includeParts && once[row] === 0) continue;
    if (yearBounded && !(year[row] >= yearFrom && year[row] <= yearTo)) continue;
    if (kinds && kinds[kindSlot[row]] === 0) continue;
    if (evidence && !evidence.has(evidenceOf[row])) continue;
    if (yuanBounded && !(yuan[row] >= minYuan && yuan[row] <= maxYuan)) continue;
    if (donors && !names(donorsOf, row, donors)) continue;
    if (recipients && !names(recipientsOf, row, recipients)) continue;
    if (parties && !names(donorsOf, row, parties) && !names(recipientsOf, row, parties)) continue;
    out[n++] = row;
  }
  return n;
}

/** Runs a step on the serving thread, letting other requests be answered at each of its pauses. */
async function stepped<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await yieldToOthers();
  }
}

/** Runs a step straight through (on a worker thread, where nothing else waits). */
function straight<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The rows of the donations matching the criteria, in row (id) order. */
export function filterDonations(facts: FactIndex, c: DonationCriteria): Promise<Int32Array> {
  return stepped(matchingRows(facts.donationColumns, columnCriteria(facts, c)));
}

/**
 * The first `limit` rows in the order asked (date or amount, either way), ties in id order. A page
 * near the start of a national list needs its first few of hundreds of thousands, not all sorted.
 */
export function orderDonations(facts: FactIndex, rows: Int32Array, order: string, limit = rows.length): number[] {
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

/** The money of the rows, each share of a stated total and each restatement left out (the total counts it). */
export function sumYuan(facts: FactIndex, rows: Int32Array): number {
  const { yuan, once } = facts.donationColumns;
  let sum = 0;
  for (const row of rows) if (once[row] === 1 && !Number.isNaN(yuan[row])) sum += yuan[row];
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
  /** What the totals were asked over: with the group's own keys, what lists the donations it sums. */
  criteria?: DonationCriteria;
  /** Rolled up: what the donor and recipient keys stand for (a province and everything inside it). */
  donorSide?: Set<string>;
  recipientSide?: Set<string>;
}

/**
 * The donations a total sums: the criteria it was asked over, narrowed to its group's keys. Totals
 * count money once whatever `includeParts` says (see accumulate), so the list leaves parts out too.
 */
export function groupCriteria(t: DonationTotal): DonationCriteria {
  return {
    ...t.criteria,
    includeParts: false,
    ...(t.donorId ? { donors: t.donorSide ?? new Set([t.donorId]) } : {}),
    ...(t.recipientId ? { recipients: t.recipientSide ?? new Set([t.recipientId]) } : {}),
    ...(t.year !== null ? { year: t.year, yearFrom: null, yearTo: null } : {}),
    ...(t.kind ? { kinds: [t.kind] } : {}),
  };
}

/** As `localeCompare` without options, with one collator made once rather than one per comparison. */
const KEY_ORDER = new Intl.Collator().compare;

/** The `k` first items in `cmp` order, without sorting them all (a national grouping has a hundred thousand). */
function firstK(items: ArrayLike<number>, k: number, cmp: (a: number, b: number) => number): number[] {
  const out: number[] = [];
  if (k <= 0) return out;
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
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
 * Up to this many possible groups (actors × years × kinds) are found by their index in an array
 * (16 MB, for one request); beyond it, in a Map.
 */
const DENSE_GROUPS_MAX = 1 << 22;

/**
 * Totals by group, in typed arrays that grow as groups are met (a national total by donor and
 * year has a few hundred thousand). A group is found by its number: through a cell per possible
 * group, holding its position plus one (0: not met), when they are few enough to index; else
 * through a Map. A grouping by pair finds one donor's groups at a time and then forgets them, so
 * the cells need only span one side.
 */
export class GroupTotals {
  size = 0;
  donor = new Int32Array(1024);
  recipient = new Int32Array(1024);
  combo = new Int32Array(1024);
  total = new Float64Array(1024);
  count = new Int32Array(1024);
  joint = new Int32Array(1024);
  private readonly cells: Int32Array | null;
  private readonly map: Map<number, number> | null;
  private readonly met: number[] = [];

  /**
   * `possible`: how many groups could be met (keys run from 0 to possible - 1); `forgets`: whether
   * `forget` will be called (the keys met are then kept to clear their cells).
   */
  constructor(
    possible: number,
    private readonly forgets: boolean,
    denseMax = DENSE_GROUPS_MAX,
  ) {
    this.cells = possible <= denseMax ? new Int32Array(possible) : null;
    this.map = this.cells ? null : new Map();
  }

  /** Adds a donation's money to the group numbered `key` (donor `d`, recipient `r`, year and kind `combo`). */
  add(key: number, d: number, r: number, combo: number, yuan: number, joint: boolean): void {
    const g = this.group(key, d, r, combo);
    this.total[g] += yuan;
    this.count[g] += 1;
    if (joint) this.joint[g] += 1;
  }

  /** Adds `count` donations (none joint), `yuan` in all, to a group of no actor. */
  addMany(key: number, combo: number, yuan: number, count: number): void {
    const g = this.group(key, -1, -1, combo);
    this.total[g] += yuan;
    this.count[g] += count;
  }

  /** The position of the group numbered `key`, started if not met yet. */
  private group(key: number, d: number, r: number, combo: number): number {
    let g = this.cells ? this.cells[key] - 1 : (this.map!.get(key) ?? -1);
    if (g < 0) {
      g = this.grow();
      this.donor[g] = d;
      this.recipient[g] = r;
      this.combo[g] = combo;
      if (this.cells) this.cells[key] = g + 1;
      else this.map!.set(key, g);
      if (this.forgets) this.met.push(key);
    }
    return g;
  }

  /** Forgets where the groups met so far are (their totals stay). */
  forget(): void {
    if (this.cells) for (let i = 0; i < this.met.length; i++) this.cells[this.met[i]] = 0;
    else this.map!.clear();
    this.met.length = 0;
  }

  private grow(): number {
    if (this.size === this.donor.length) {
      const n = this.size * 2;
      const copy = <A extends Int32Array | Float64Array>(a: A, b: A): A => (b.set(a), b);
      this.donor = copy(this.donor, new Int32Array(n));
      this.recipient = copy(this.recipient, new Int32Array(n));
      this.combo = copy(this.combo, new Int32Array(n));
      this.count = copy(this.count, new Int32Array(n));
      this.joint = copy(this.joint, new Int32Array(n));
      this.total = copy(this.total, new Float64Array(n));
    }
    return this.size++;
  }
}

/** How rows are added to groups: the year-and-kind combinations, and the side grouped by, if any. */
interface GroupShape {
  /** Kind slots a combination spans (1 when not grouped by kind), and how many combinations there are. */
  readonly kindSlots: number;
  readonly combos: number;
  /** A row's (year, kind) combination is yearSlot × yearStep + kindSlot × kindStep. */
  readonly yearStep: number;
  readonly kindStep: number;
  /** By donor or by recipient (null: by neither): that side's actors of each row. */
  readonly side: { readonly offsets: Uint32Array; readonly items: Uint32Array } | null;
  readonly byDonor: boolean;
}

/**
 * Adds each matching row's money to its groups, row after row, reading the columns in order (at a
 * million nodes, going actor after actor through the index from actors to their rows read them
 * out of order and took twice as long). By pair, donor after donor: each donor's groups are found
 * among its recipients, years and kinds and then forgotten, so the cells span one side only. As in
 * matchingRows, the loops are plain functions the step calls between its pauses.
 */
function* accumulate(cols: DonationColumns, rows: Int32Array, by: Grouping): Generator<void, { groups: GroupTotals; kindSlots: number }> {
  const shape = groupShape(cols, by);
  const { kindSlots, combos, side } = shape;

  if (!(by.donor && by.recipient)) {
    const groups = new GroupTotals((side ? cols.actorCount + 1 : 1) * combos, false);
    for (let from = 0; from < rows.length; from += ROWS_BETWEEN_YIELDS) {
      if (from > 0) yield;
      addRows(cols, shape, rows, from, Math.min(rows.length, from + ROWS_BETWEEN_YIELDS), groups);
    }
    return { groups, kindSlots };
  }

  const groups = new GroupTotals((cols.actorCount + 1) * combos, true);
  const matched = new Uint8Array(cols.size);
  for (let i = 0; i < rows.length; i++) matched[rows[i]] = cols.once[rows[i]];
  for (let d = 0; d < cols.actorCount;) {
    if (d > 0) yield;
    d = addPairs(cols, shape, matched, d, groups);
  }
  return { groups, kindSlots };
}

function groupShape(cols: DonationColumns, by: Grouping): GroupShape {
  const kindSlots = by.kind ? cols.kinds.length : 1;
  return {
    kindSlots,
    combos: (by.year ? cols.years.length : 1) * kindSlots,
    yearStep: by.year ? kindSlots : 0,
    kindStep: by.kind ? 1 : 0,
    side: by.donor && !by.recipient ? cols.donorsOf : by.recipient && !by.donor ? cols.recipientsOf : null,
    byDonor: by.donor,
  };
}

/** Adds rows `from` to `to` of `rows` to their groups (by one side, or by year and kind only). */
function addRows(cols: DonationColumns, shape: GroupShape, rows: Int32Array, from: number, to: number, groups: GroupTotals): void {
  const { yearSlot, kindSlot, once, yuan: amounts } = cols;
  const { combos, yearStep, kindStep, side, byDonor } = shape;
  for (let i = from; i < to; i++) {
    const row = rows[i];
    if (once[row] === 0) continue;
    const combo = yearSlot[row] * yearStep + kindSlot[row] * kindStep;
    const yuan = Number.isNaN(amounts[row]) ? 0 : amounts[row];
    if (side === null) {
      groups.add(combo, -1, -1, combo, yuan, false);
      continue;
    }
    const aFrom = side.offsets[row];
    const aTo = side.offsets[row + 1];
    const joint = aTo - aFrom > 1;
    for (let j = aFrom; j < aTo; j++) {
      const a = side.items[j];
      if (byDonor) groups.add((a + 1) * combos + combo, a, -1, combo, yuan, joint);
      else groups.add((a + 1) * combos + combo, -1, a, combo, yuan, joint);
    }
  }
}

/**
 * Adds the matched rows of donors from `d` on to their (donor, recipient) groups, until about
 * ROWS_BETWEEN_YIELDS rows are gone through; the donor to go on from.
 */
function addPairs(cols: DonationColumns, shape: GroupShape, matched: Uint8Array, d: number, groups: GroupTotals): number {
  const { yearSlot, kindSlot, yuan: amounts, donorRows, donorsOf, recipientsOf } = cols;
  const { combos, yearStep, kindStep } = shape;
  let gone = 0;
  for (; d < cols.actorCount && gone < ROWS_BETWEEN_YIELDS; d++) {
    const from = donorRows.offsets[d];
    const to = donorRows.offsets[d + 1];
    gone += to - from;
    for (let j = from; j < to; j++) {
      const row = donorRows.items[j];
      if (matched[row] === 0) continue;
      const combo = yearSlot[row] * yearStep + kindSlot[row] * kindStep;
      const yuan = Number.isNaN(amounts[row]) ? 0 : amounts[row];
      const rFrom = recipientsOf.offsets[row];
      const rTo = recipientsOf.offsets[row + 1];
      const joint = donorsOf.offsets[row + 1] - donorsOf.offsets[row] > 1 || rTo - rFrom > 1;
      for (let k = rFrom; k < rTo; k++) {
        const r = recipientsOf.items[k];
        groups.add((r + 1) * combos + combo, d, r, combo, yuan, joint);
      }
    }
    groups.forget();
  }
  return d;
}

/**
 * Totals that group by no actor and name none, from the amount cells (src/graph/amount-cells.ts):
 * each cell of the years, kinds and readings asked for adds the money of its amounts within the
 * bounds, found by two binary searches. Null where the cells cannot answer (the rows are gone
 * through then): a grouping or filter by actor, or no cells.
 */
export function cellTotals(cols: DonationColumns, cc: ColumnCriteria, by: Grouping): { groups: GroupTotals; kindSlots: number } | null {
  const cells = cols.cells;
  if (!cells || !cellsAnswer(cols, cc, by)) return null;
  const { kindSlots, combos, yearStep, kindStep } = groupShape(cols, by);
  const groups = new GroupTotals(combos, false);
  if (cc.none) return { groups, kindSlots };
  const { yuan, sumBefore, start, unpriced } = cells;
  for (let c = 0; c < cells.size; c++) {
    const year = cols.years[cells.yearSlot[c]];
    if (cc.yearBounded && (year === null || !(year >= cc.yearFrom && year <= cc.yearTo))) continue;
    if (cc.kindSlots && !cc.kindSlots.includes(cells.kindSlot[c])) continue;
    if (cc.evidence && !cc.evidence.includes(cells.evidence[c])) continue;
    let [from, to] = [start[c], start[c + 1]];
    if (cc.yuanBounded) {
      from = firstAtLeast(yuan, from + unpriced[c], to, cc.minYuan);
      to = firstAbove(yuan, from, to, cc.maxYuan);
    }
    if (to <= from) continue;
    const combo = cells.yearSlot[c] * yearStep + cells.kindSlot[c] * kindStep;
    groups.addMany(combo, combo, sumBefore[to] - sumBefore[from], to - from);
  }
  return { groups, kindSlots };
}

/** Whether the amount cells answer a total: there are cells, and it groups by no actor and names none. */
function cellsAnswer(cols: DonationColumns, cc: ColumnCriteria, by: Grouping): boolean {
  return cols.cells !== null && !by.donor && !by.recipient && !cc.naming && !cc.donors && !cc.recipients && !cc.parties;
}

/** The first position in [from, to) of an ascending run whose amount is at least `min` (to, if none). */
function firstAtLeast(yuan: Float64Array, from: number, to: number, min: number): number {
  let [lo, hi] = [from, to];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (yuan[mid] < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position in [from, to) of an ascending run whose amount is above `max` (to, if none). */
function firstAbove(yuan: Float64Array, from: number, to: number, max: number): number {
  let [lo, hi] = [from, to];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (yuan[mid] <= max) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What totals group by (a pair is a donor and a recipient). */
export interface Grouping {
  donor: boolean;
  recipient: boolean;
  year: boolean;
  kind: boolean;
}

export function grouping(groupBy: readonly string[]): Grouping {
  const keys = new Set(groupBy.flatMap((k) => (k === 'PAIR' ? ['DONOR', 'RECIPIENT'] : [k])));
  return { donor: keys.has('DONOR'), recipient: keys.has('RECIPIENT'), year: keys.has('YEAR'), kind: keys.has('KIND') };
}

/** A total as the columns number it: actors by their number in the donation table (-1: not grouped by). */
export interface NumberedTotal {
  donor: number;
  recipient: number;
  year: number | null;
  kind: string | null;
  total: number;
  count: number;
  jointCount: number;
}

/** What a worker thread is handed to total donations: plain data, the columns shared, not copied. */
export interface TotalsTask {
  columns: DonationColumns;
  criteria: ColumnCriteria;
  by: Grouping;
  order: string;
  first: number;
}

/**
 * The first `first` totals of the matching donations grouped as asked, in `order`. A joint
 * donation counts in full for each of its donors (and each recipient), flagged in `jointCount`,
 * since the texts do not split it.
 */
function* totalSteps({ columns: cols, criteria, by, order, first }: TotalsTask): Generator<void, NumberedTotal[]> {
  const { groups, kindSlots } = cellTotals(cols, criteria, by) ?? (yield* accumulate(cols, yield* matchingRows(cols, criteria), by));
  return firstTotals(cols, groups, kindSlots, by, order, first);
}

/** The first `first` groups in `order`, ties by donor, then recipient (in id order), then year, then kind. */
function firstTotals(
  cols: DonationColumns,
  groups: GroupTotals,
  kindSlots: number,
  by: Grouping,
  order: string,
  first: number,
): NumberedTotal[] {
  const { donor, recipient, total, count } = groups;
  const yearOf = (combo: number) => (by.year ? cols.years[Math.floor(combo / kindSlots)] : null);
  const kindOf = (combo: number) => (by.kind ? cols.kinds[combo % kindSlots] : null);
  const rank = cols.actorRank;
  const actorOrder = (x: number, y: number) => (x < 0 || y < 0 ? x - y : rank[x] - rank[y]);
  const stable = (a: number, b: number) => {
    const [ca, cb] = [groups.combo[a], groups.combo[b]];
    const [ka, kb] = [kindOf(ca), kindOf(cb)];
    return (
      actorOrder(donor[a], donor[b]) ||
      actorOrder(recipient[a], recipient[b]) ||
      (yearOf(ca) ?? -1) - (yearOf(cb) ?? -1) ||
      (ka === kb ? 0 : KEY_ORDER(ka ?? '', kb ?? ''))
    );
  };
  const cmp: Record<string, (a: number, b: number) => number> = {
    TOTAL_DESC: (a, b) => total[b] - total[a] || stable(a, b),
    TOTAL_ASC: (a, b) => total[a] - total[b] || stable(a, b),
    COUNT_DESC: (a, b) => count[b] - count[a] || total[b] - total[a] || stable(a, b),
  };
  // Groups are numbered 0 to size - 1.
  const all = new Int32Array(groups.size);
  for (let g = 0; g < all.length; g++) all[g] = g;
  return firstK(all, first, cmp[order] ?? cmp.TOTAL_DESC).map((g) => ({
    donor: donor[g],
    recipient: recipient[g],
    year: yearOf(groups.combo[g]),
    kind: kindOf(groups.combo[g]),
    total: total[g],
    count: count[g],
    jointCount: groups.joint[g],
  }));
}

/** A totals task run straight through: what a worker thread does with it (work-tasks.ts). */
export const runTotals = (task: TotalsTask): NumberedTotal[] => straight(totalSteps(task));

/**
 * Below this many rows to go through, a total is worked out on the serving thread: handing it to
 * a worker thread and back costs a few tenths of a millisecond, about what this many rows cost.
 */
export const WORKER_ROWS_MIN = 20_000;

/**
 * The first `first` totals of the donations matching `c`, grouped by any of donor, recipient,
 * year, kind and pair. A total by year or kind that names no actor is read off the amount cells
 * (`cellTotals`). Any other that goes through many rows is handed to `elsewhere` (a worker
 * thread, when one is free: it answers null when none is) so that the serving thread goes on
 * answering others; otherwise it is worked out here, pausing between slices of rows.
 */
export async function donationTotals(
  facts: FactIndex,
  c: DonationCriteria,
  groupBy: string[],
  order: string,
  first: number,
  elsewhere: (task: TotalsTask) => Promise<NumberedTotal[]> | null = () => null,
): Promise<DonationTotal[]> {
  const task: TotalsTask = { columns: facts.donationColumns, criteria: columnCriteria(facts, c), by: grouping(groupBy), order, first };
  const there =
    !cellsAnswer(task.columns, task.criteria, task.by) && rowsToScan(task.columns, task.criteria) >= WORKER_ROWS_MIN
      ? elsewhere(task)
      : null;
  const totals = await (there ?? stepped(totalSteps(task)));
  const t = facts.donations;
  return totals.map((g) => ({
    donorId: g.donor < 0 ? null : t.actorId(g.donor),
    recipientId: g.recipient < 0 ? null : t.actorId(g.recipient),
    year: g.year,
    kind: g.kind,
    total: g.total,
    count: g.count,
    jointCount: g.jointCount,
  }));
}
