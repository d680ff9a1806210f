/**
 * Donation lists and totals: filtering, ordering and grouping of the donation facts.
 * Pure functions of the facts, so that tests can check them against the dataset files.
 */
import type { DonationFact } from '../store/graph-store.js';
import { num, str } from './props.js';
import { compareIds } from '../graph/id-order.js';

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

/** Shares of stated totals and restatements of the same money are left out unless asked for. */
export function countsOnce(f: DonationFact): boolean {
  return !str(f.props, 'partOf') && !str(f.props, 'restates');
}

export function filterDonations<F extends DonationFact>(facts: F[], c: DonationCriteria): F[] {
  return facts.filter((f) => {
    const year = num(f.props, 'year')!;
    const yuan = num(f.props, 'yuan');
    if (!c.includeParts && !countsOnce(f)) return false;
    if (c.year != null && year !== c.year) return false;
    if (c.yearFrom != null && year < c.yearFrom) return false;
    if (c.yearTo != null && year > c.yearTo) return false;
    if (c.kinds?.length && !c.kinds.includes(str(f.props, 'kind')!)) return false;
    if (c.minYuan != null && (yuan === null || yuan < c.minYuan)) return false;
    if (c.maxYuan != null && (yuan === null || yuan > c.maxYuan)) return false;
    if (c.donors && !f.donorIds.some((d) => c.donors!.has(d))) return false;
    if (c.recipients && !f.recipientIds.some((r) => c.recipients!.has(r))) return false;
    if (c.parties && ![...f.donorIds, ...f.recipientIds].some((x) => c.parties!.has(x))) return false;
    return true;
  });
}

const dateKey = (f: DonationFact) => str(f.props, 'dateStart') ?? String(num(f.props, 'year'));

export function orderDonations<F extends DonationFact>(facts: F[], order: string): F[] {
  const byId = (a: DonationFact, b: DonationFact) => compareIds(a.id, b.id);
  const amount = (f: DonationFact) => num(f.props, 'yuan') ?? -1;
  const cmp: Record<string, (a: DonationFact, b: DonationFact) => number> = {
    DATE_ASC: (a, b) => dateKey(a).localeCompare(dateKey(b)) || byId(a, b),
    DATE_DESC: (a, b) => dateKey(b).localeCompare(dateKey(a)) || byId(a, b),
    AMOUNT_DESC: (a, b) => amount(b) - amount(a) || byId(a, b),
    AMOUNT_ASC: (a, b) => amount(a) - amount(b) || byId(a, b),
  };
  return [...facts].sort(cmp[order] ?? cmp.DATE_ASC);
}

export function sumYuan(facts: DonationFact[]): number {
  return facts.filter(countsOnce).reduce((n, f) => n + (num(f.props, 'yuan') ?? 0), 0);
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
export function donationTotals(facts: DonationFact[], groupBy: string[], order: string): DonationTotal[] {
  const by = new Set(groupBy.flatMap((k) => (k === 'PAIR' ? ['DONOR', 'RECIPIENT'] : [k])));
  const groups = new Map<string, DonationTotal>();
  for (const f of facts.filter(countsOnce)) {
    const donors = by.has('DONOR') ? f.donorIds : [null];
    const recipients = by.has('RECIPIENT') ? f.recipientIds : [null];
    const joint = (by.has('DONOR') && f.donorIds.length > 1) || (by.has('RECIPIENT') && f.recipientIds.length > 1);
    for (const donorId of donors) {
      for (const recipientId of recipients) {
        const year = by.has('YEAR') ? num(f.props, 'year') : null;
        const kind = by.has('KIND') ? str(f.props, 'kind') : null;
        const key = `${donorId}\u0001${recipientId}\u0001${year}\u0001${kind}`;
        const g = groups.get(key) ?? { donorId, recipientId, year, kind, total: 0, count: 0, jointCount: 0 };
        g.total += num(f.props, 'yuan') ?? 0;
        g.count += 1;
        if (joint) g.jointCount += 1;
        groups.set(key, g);
      }
    }
  }
  // Ties in order of the group's keys, each group's key text made once (not per comparison).
  const keyOf = new Map([...groups.values()].map((g) => [g, JSON.stringify([g.donorId, g.recipientId, g.year, g.kind])]));
  const stable = (a: DonationTotal, b: DonationTotal) => KEY_ORDER(keyOf.get(a)!, keyOf.get(b)!);
  const cmp: Record<string, (a: DonationTotal, b: DonationTotal) => number> = {
    TOTAL_DESC: (a, b) => b.total - a.total || stable(a, b),
    TOTAL_ASC: (a, b) => a.total - b.total || stable(a, b),
    COUNT_DESC: (a, b) => b.count - a.count || b.total - a.total || stable(a, b),
  };
  return [...groups.values()].sort(cmp[order] ?? cmp.TOTAL_DESC);
}
