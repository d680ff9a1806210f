/**
 * A place's stated total of aid for a year set against the sum of its itemised donations. The
 * chapters often state a province's or city's whole year ("Shanghai provided 255 million yuan")
 * and then itemise some of it; the ratio says how much of the stated money the records account for.
 */
import type { ReadModel } from '../graph/read-model.js';
import type { DonationCriteria } from './donation-query.js';

/** Statistics that state an amount of aid: financial or government aid, social donations, donations, relief funds. */
const AID_METRIC = /^(financial-aid|government-aid|social-donation|donations$|relief-funds)/;
/** …but not a change, a running total over years or a per-head figure. */
const NOT_A_YEAR_TOTAL = /(increase|growth|cumulative|per-)/;

export function statesAidTotal(metric: string | null, unit: string | null): boolean {
  return !!metric && unit === 'yuan' && AID_METRIC.test(metric) && !NOT_A_YEAR_TOTAL.test(metric);
}

/** An overall figure of a year's aid, rather than one of its parts (social donations in kind, aid for roads). */
export function statesOverallAid(metric: string | null): boolean {
  return metric === 'financial-aid' || metric === 'government-aid' || metric === 'donations';
}

export interface StatedTotalModel {
  totalId: string;
  totalYuan: number | null;
  partIds: string[];
  partsYuan: number;
}

/**
 * Donations stated as totals and itemised in parts (donations recorded as PART_OF them): among the
 * rows given, those with parts, each with the sum of its parts.
 */
export function statedTotals(model: ReadModel, rows: Iterable<string>): StatedTotalModel[] {
  const { topology: t, cards } = model;
  const out: StatedTotalModel[] = [];
  for (const id of rows) {
    const n = t.indexOf(id);
    const parts = t.ends(n, 'in', 'PART_OF').filter((p) => t.labelAt(p) === 'Donation');
    if (!parts.length) continue;
    out.push({
      totalId: id,
      totalYuan: cards.num(n, 'yuan'),
      partIds: parts.map((p) => t.idAt(p)),
      partsYuan: parts.reduce((s, p) => s + (cards.num(p, 'yuan') ?? 0), 0),
    });
  }
  return out;
}

export interface ItemisedModel {
  criteria: DonationCriteria;
  total: number;
  count: number;
  statedTotal: number | null;
}

export function coverage(itemised: { total: number }, statedTotal: number | null): number | null {
  return statedTotal ? Math.round((itemised.total / statedTotal) * 10_000) / 10_000 : null;
}

const yuan = (n: number) => `${n.toLocaleString('en')} yuan`;
const percent = (r: number) => `${(r * 100).toFixed(1)} %`;

export function reconciliationNote(
  name: string,
  year: number,
  statedTotal: number | null,
  given: ItemisedModel,
  received: ItemisedModel,
  totals: readonly StatedTotalModel[] = [],
): string {
  const parts = totals.map(
    (t) =>
      `${t.totalId}: ${t.totalYuan === null ? 'no amount' : yuan(t.totalYuan)} stated, ${yuan(t.partsYuan)} in ${t.partIds.length} itemised part(s)${t.totalYuan ? ` (${percent(t.partsYuan / t.totalYuan)})` : ''}`,
  );
  const itemised = `Itemised for ${name} in ${year}: ${yuan(given.total)} given in ${given.count} donation(s), ${yuan(received.total)} received in ${received.count}.${parts.length ? ` Totals stated and itemised in parts: ${parts.join('; ')}.` : ''}`;
  if (statedTotal === null) return `No chapter states an overall figure of aid for ${name} in ${year}. ${itemised}`;
  const shares = [given, received]
    .map((side, i) => (side.count ? `${i === 0 ? 'given' : 'received'} ${percent(coverage(side, statedTotal)!)}` : null))
    .filter(Boolean);
  return `The chapters state ${yuan(statedTotal)} of aid for ${name} in ${year}. ${itemised}${shares.length ? ` The itemised records account for ${shares.join(', ')} of the stated total.` : ''}`;
}
