/** Partial dates ("2012", "2012-08", "2012-08-05") as the first and last day they can mean. */

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function earliest(d: string): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}

export function latest(d: string): string {
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) return `${d}-${String(lastDayOfMonth(Number(d.slice(0, 4)), Number(d.slice(5, 7)))).padStart(2, '0')}`;
  return d;
}

/**
 * Whether the span [start, end ?? start], as precisely as it is known, lies within [from, to]
 * (either bound may be open): a visit dated only "2012" is not within August 2012.
 */
export function within(start: string, end: string | null, from?: string | null, to?: string | null): boolean {
  if (from && earliest(start) < earliest(from)) return false;
  if (to && latest(end ?? start) > latest(to)) return false;
  return true;
}
