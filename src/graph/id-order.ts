/**
 * The order ids are listed in: as a person reads them, numbers by value (donation:a-9 before
 * donation:a-10). One collator made once: `localeCompare` with options builds one per call, which
 * made sorting a few thousand edges cost tens of milliseconds.
 */
export const compareIds: (a: string, b: string) => number = new Intl.Collator('en', { numeric: true }).compare;
