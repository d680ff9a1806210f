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
function actorNumbers(facts: FactIndex, ids: Set<string> | null | undefined): Set<number> | null {
  if (!ids) return null;
  const out = new Set<number>();
  for (const id of ids) {
    const k = facts.donations.actorIndex(id);
    if (k >= 0) out.add(k);
  }
  return out;
}

/** Strings as the numbers a fact table's string columns hold them by (strings no fact holds drop out). */
function valueSet(t: FactIndex['donations'], values: string[]): Set<number> {
  return new Set(values.map((v) => t.valueIndex(v)).filter((k) => k >= 0));
}

/** Whether any of a row's actors (in one role's arrays) is in the set. */
function names(arrays: { readonly offsets: Uint32Array; readonly items: Uint32Array }, row: number, set: Set<number>): boolean {
  for (let j = arrays.offsets[row]; j < arrays.offsets[row + 1]; j++) if (set.has(arrays.items[j])) return true;
  return false;
}

/** The rows of the donations matching the criteria, in row (id) order. */
export async function filterDonations(facts: FactIndex, c: DonationCriteria): Promise<Int32Array> {
  const t = facts.donations;
  const [year, yuan, once, kindSlot] = [t.numberColumn('year'), t.numberColumn('yuan'), facts.donationCountsOnce, facts.donationKindSlot];
  const [donorsOf, recipientsOf] = [t.actorArrays('donorIds'), t.actorArrays('recipientIds')];
  const donors = actorNumbers(facts, c.donors);
  const recipients = actorNumbers(facts, c.recipients);
  const parties = actorNumbers(facts, c.parties);
  let kinds: Uint8Array | null = null;
  if (c.kinds?.length) {
    kinds = new Uint8Array(facts.donationKinds.length);
    for (const k of c.kinds) {
      const slot = facts.donationKinds.indexOf(k);
      if (slot > 0) kinds[slot] = 1;
    }
  }
  const evidenceOf = t.stringColumn('evidence');
  const evidence = c.evidence?.length ? valueSet(t, c.evidence) : null;
  // Absent bounds become infinite ones: one comparison per bound and row, and NaN (no amount, no
  // year) fails every comparison, as a donation without one fails any bound.
  const bounded = (v: number | null | undefined, none: number) => (v === null || v === undefined ? none : v);
  const [minYuan, maxYuan] = [bounded(c.minYuan, -Infinity), bounded(c.maxYuan, Infinity)];
  const yuanBounded = c.minYuan != null || c.maxYuan != null;
  const [yearFrom, yearTo] = [bounded(c.year ?? c.yearFrom, -Infinity), bounded(c.year ?? c.yearTo, Infinity)];
  const yearBounded = c.year != null || c.yearFrom != null || c.yearTo != null;
  const { year: onlyYear } = c;
  const yearMismatch = onlyYear != null && ((c.yearFrom != null && onlyYear < c.yearFrom) || (c.yearTo != null && onlyYear > c.yearTo));
  const includeParts = c.includeParts ?? false;
  const candidates = facts.donationRows(c);
  const count = candidates ? candidates.length : t.size;
  const out = new Int32Array(yearMismatch ? 0 : count);
  let n = 0;
  for (let from = 0; from < out.length; from += ROWS_BETWEEN_YIELDS) {
    if (from > 0) await yieldToOthers();
    const to = Math.min(count, from + ROWS_BETWEEN_YIELDS);
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
  }
  return out.subarray(0, n);
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
  const [yuan, once] = [facts.donations.numberColumn('yuan'), facts.donationCountsOnce];
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
    this.total[g] += yuan;
    this.count[g] += 1;
    if (joint) this.joint[g] += 1;
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

/**
 * Adds each matching row's money to its groups, row after row, reading the columns in order (at a
 * million nodes, going actor after actor through the index from actors to their rows read them
 * out of order and took twice as long). By pair, donor after donor: each donor's groups are found
 * among its recipients, years and kinds and then forgotten, so the cells span one side only.
 */
async function accumulate(
  facts: FactIndex,
  rows: Int32Array,
  by: { donor: boolean; recipient: boolean; year: boolean; kind: boolean },
): Promise<{ groups: GroupTotals; kindSlots: number }> {
  const t = facts.donations;
  const { donationYearSlot: yearSlot, donationKindSlot: kindSlot, donationCountsOnce: once } = facts;
  const amounts = t.numberColumn('yuan');
  const kindSlots = by.kind ? facts.donationKinds.length : 1;
  const combos = (by.year ? facts.donationYears.length : 1) * kindSlots;
  // A row's (year, kind) combination is yearSlot × yearStep + kindSlot × kindStep.
  const [yearStep, kindStep] = [by.year ? kindSlots : 0, by.kind ? 1 : 0];

  if (!(by.donor && by.recipient)) {
    const side = by.donor ? t.actorArrays('donorIds') : by.recipient ? t.actorArrays('recipientIds') : null;
    const groups = new GroupTotals((side ? t.actorCount + 1 : 1) * combos, false);
    for (let from = 0; from < rows.length; from += ROWS_BETWEEN_YIELDS) {
      if (from > 0) await yieldToOthers();
      const to = Math.min(rows.length, from + ROWS_BETWEEN_YIELDS);
      for (let i = from; i < to; i++) {
        const row = rows[i];
        if (once[row] === 0) continue;
        const combo = yearSlot[row] * yearStep + kindSlot[row] * kindStep;
        const yuan = Number.isNaN(amounts[row]) ? 0 : amounts[row];
        if (side === null) {
          groups.add(combo, -1, -1, combo, yuan, false);
          continue;
        }
        const [aFrom, aTo] = [side.offsets[row], side.offsets[row + 1]];
        for (let j = aFrom; j < aTo; j++) {
          const a = side.items[j];
          if (by.donor) groups.add((a + 1) * combos + combo, a, -1, combo, yuan, aTo - aFrom > 1);
          else groups.add((a + 1) * combos + combo, -1, a, combo, yuan, aTo - aFrom > 1);
        }
      }
    }
    return { groups, kindSlots };
  }

  const donorRows = t.rowArrays('donorIds');
  const donorsOf = t.actorArrays('donorIds');
  const recipientsOf = t.actorArrays('recipientIds');
  const groups = new GroupTotals((t.actorCount + 1) * combos, true);
  const matched = new Uint8Array(t.size);
  for (let i = 0; i < rows.length; i++) matched[rows[i]] = once[rows[i]];
  let sinceYield = 0;
  for (let d = 0; d < t.actorCount; d++) {
    const [from, to] = [donorRows.offsets[d], donorRows.offsets[d + 1]];
    for (let j = from; j < to; j++) {
      const row = donorRows.items[j];
      if (matched[row] === 0) continue;
      const combo = yearSlot[row] * yearStep + kindSlot[row] * kindStep;
      const yuan = Number.isNaN(amounts[row]) ? 0 : amounts[row];
      const [rFrom, rTo] = [recipientsOf.offsets[row], recipientsOf.offsets[row + 1]];
      const joint = donorsOf.offsets[row + 1] - donorsOf.offsets[row] > 1 || rTo - rFrom > 1;
      for (let k = rFrom; k < rTo; k++) {
        const r = recipientsOf.items[k];
        groups.add((r + 1) * combos + combo, d, r, combo, yuan, joint);
      }
    }
    groups.forget();
    if ((sinceYield += to - from) >= ROWS_BETWEEN_YIELDS) {
      sinceYield = 0;
      await yieldToOthers();
    }
  }
  return { groups, kindSlots };
}

/**
 * The first `first` totals grouped by any of donor, recipient, year, kind and pair. A joint
 * donation counts in full for each of its donors (and each recipient), flagged in `jointCount`,
 * since the texts do not split it.
 */
export async function donationTotals(
  facts: FactIndex,
  rows: Int32Array,
  groupBy: string[],
  order: string,
  first: number,
): Promise<DonationTotal[]> {
  const t = facts.donations;
  const { donationYears: years, donationKinds: kinds } = facts;
  const keys = new Set(groupBy.flatMap((k) => (k === 'PAIR' ? ['DONOR', 'RECIPIENT'] : [k])));
  const [byYear, byKind] = [keys.has('YEAR'), keys.has('KIND')];
  const by = { donor: keys.has('DONOR'), recipient: keys.has('RECIPIENT'), year: byYear, kind: byKind };
  const { groups, kindSlots } = await accumulate(facts, rows, by);
  const { donor, recipient, total, count } = groups;
  const yearOf = (combo: number) => (byYear ? years[Math.floor(combo / kindSlots)] : null);
  const kindOf = (combo: number) => (byKind ? kinds[combo % kindSlots] : null);
  // Ties by donor, then recipient (in id order), then year, then kind.
  const rank = facts.donationActorRank;
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
  const all = new Int32Array(groups.size).map((_, g) => g);
  return firstK(all, first, cmp[order] ?? cmp.TOTAL_DESC).map((g) => {
    const c = groups.combo[g];
    return {
      donorId: donor[g] < 0 ? null : t.actorId(donor[g]),
      recipientId: recipient[g] < 0 ? null : t.actorId(recipient[g]),
      year: yearOf(c),
      kind: kindOf(c),
      total: total[g],
      count: count[g],
      jointCount: groups.joint[g],
    };
  });
}
