/** Reading typed fields out of a node's or relationship's property map. */
import type { Value } from '../store/session.js';
import type { DateSpanModel, MoneyModel, ProvenanceModel } from './models.js';

type Props = Record<string, Value>;

export const str = (p: Props, k: string): string | null => (typeof p[k] === 'string' ? (p[k] as string) : null);
export const num = (p: Props, k: string): number | null => (typeof p[k] === 'number' ? (p[k] as number) : null);
export const strings = (p: Props, k: string): string[] => (Array.isArray(p[k]) ? (p[k] as string[]) : []);

export function provenance(p: Props): ProvenanceModel | null {
  const doc = str(p, 'sourceDoc');
  if (!doc) return null;
  return { doc, start: num(p, 'sourceStart')!, end: num(p, 'sourceEnd')!, quote: str(p, 'quote')! };
}

export function money(p: Props, yuanKey = 'yuan', textKey = 'amountText'): MoneyModel | null {
  const yuan = num(p, yuanKey);
  return yuan === null ? null : { yuan, text: str(p, textKey) ?? String(yuan) };
}

export function dateSpan(p: Props): DateSpanModel | null {
  const start = str(p, 'dateStart');
  if (!start) return null;
  return { start, end: str(p, 'dateEnd'), precision: str(p, 'datePrecision') ?? 'year', text: str(p, 'dateText') ?? start };
}

/** kind strings of the dataset ("government-aid") as GraphQL enum values ("GOVERNMENT_AID"), and back. */
export const fromEnum = (s: string): string => s.toLowerCase().replace(/_/g, '-');
