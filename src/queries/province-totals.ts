/**
 * Totals by province: donors and recipients rolled up to the province they lie in — a place
 * through the places above it, an organisation, enterprise or project through the place it is
 * based or located in. An actor with no place (an official, a national body) stays itself. A
 * donation counts once for a province however many of its donors or recipients lie there.
 */
import type { ReadModel } from '../graph/read-model.js';
import type { DonationTotal } from './donation-query.js';
import { compareIds } from '../graph/id-order.js';

export class ProvinceOf {
  private readonly memo = new Map<number, number>();
  constructor(private readonly model: ReadModel) {}

  /** The province an actor lies in (itself if it is one), or the actor itself when it lies in none. */
  of(id: string): string {
    const t = this.model.topology;
    const n = t.indexOf(id);
    if (n < 0) return id;
    const p = this.province(n, new Set());
    return t.idAt(p < 0 ? n : p);
  }

  private province(n: number, seen: Set<number>): number {
    const known = this.memo.get(n);
    if (known !== undefined) return known;
    if (seen.has(n)) return -1;
    seen.add(n);
    const { topology: t, cards } = this.model;
    let found = -1;
    if (t.labelAt(n) === 'Place') {
      if (cards.str(n, 'level') === 'province') found = n;
      else for (const up of t.ends(n, 'out', 'PART_OF')) if (found < 0 && t.labelAt(up) === 'Place') found = this.province(up, seen);
    } else {
      const based = [...t.ends(n, 'out', 'LOCATED_IN'), ...t.ends(n, 'out', 'BASED_IN')];
      for (const p of based) if (found < 0) found = this.province(p, seen);
      if (found < 0 && t.labelAt(n) === 'Organisation')
        for (const up of t.ends(n, 'out', 'PART_OF')) if (found < 0) found = this.province(up, seen);
    }
    this.memo.set(n, found);
    return found;
  }
}

/** The keys of a grouping by province, and the rows to sum. */
export interface ProvinceGrouping {
  donor: boolean;
  recipient: boolean;
  year: boolean;
  kind: boolean;
}

/** Donation totals with donors and recipients rolled up to their provinces, in `order`, the first `first`. */
export function provinceTotals(model: ReadModel, rows: Int32Array, by: ProvinceGrouping, order: string, first: number): DonationTotal[] {
  const facts = model.facts;
  const t = facts.donations;
  const { yuan: yuanOf, year: yearOf, donorsOf, recipientsOf, once, kinds, kindSlot } = facts.donationColumns;
  const provinces = new ProvinceOf(model);
  const rolled = new Map<number, string>();
  const roll = (k: number) => {
    let id = rolled.get(k);
    if (id === undefined) rolled.set(k, (id = provinces.of(t.actorId(k))));
    return id;
  };
  const ends = (arrays: { offsets: Uint32Array; items: Uint32Array }, row: number) => {
    const out = new Set<string>();
    for (let j = arrays.offsets[row]; j < arrays.offsets[row + 1]; j++) out.add(roll(arrays.items[j]));
    return [...out];
  };
  const groups = new Map<string, DonationTotal>();
  for (const row of rows) {
    // Totals count money once (see donation-query.ts's accumulate).
    if (once[row] === 0) continue;
    const donors = by.donor ? ends(donorsOf, row) : [null];
    const recipients = by.recipient ? ends(recipientsOf, row) : [null];
    const joint = donors.length > 1 || recipients.length > 1;
    const year = by.year && !Number.isNaN(yearOf[row]) ? yearOf[row] : null;
    const kind = by.kind ? kinds[kindSlot[row]] : null;
    const yuan = Number.isNaN(yuanOf[row]) ? 0 : yuanOf[row];
    for (const d of donors)
      for (const r of recipients) {
        const key = `${d}\u0000${r}\u0000${year}\u0000${kind}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { donorId: d, recipientId: r, year, kind, total: 0, count: 0, jointCount: 0 }));
        g.total += yuan;
        g.count++;
        if (joint) g.jointCount++;
      }
  }
  const stable = (a: DonationTotal, b: DonationTotal) =>
    compareIds(a.donorId ?? '', b.donorId ?? '') ||
    compareIds(a.recipientId ?? '', b.recipientId ?? '') ||
    (a.year ?? -1) - (b.year ?? -1) ||
    (a.kind ?? '').localeCompare(b.kind ?? '');
  const cmp: Record<string, (a: DonationTotal, b: DonationTotal) => number> = {
    TOTAL_DESC: (a, b) => b.total - a.total || stable(a, b),
    TOTAL_ASC: (a, b) => a.total - b.total || stable(a, b),
    COUNT_DESC: (a, b) => b.count - a.count || b.total - a.total || stable(a, b),
  };
  return [...groups.values()].sort(cmp[order] ?? cmp.TOTAL_DESC).slice(0, first);
}
