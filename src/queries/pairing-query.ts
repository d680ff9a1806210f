/** Pairing lists: in force in a year, by level and status, on either side of a province. */
import type { PairingFact } from '../store/graph-store.js';
import { num, str } from './props.js';
import { compareIds } from '../graph/id-order.js';

export interface PairingCriteria {
  year?: number | null;
  levels?: string[] | null;
  statuses?: string[] | null;
  /** How the pairing was read: only these, when given. */
  evidence?: string[] | null;
  supporters?: Set<string> | null;
  supported?: Set<string> | null;
  /** Either side. */
  sides?: Set<string> | null;
  /** The reporting year of each source document, to date pairings replaced without a stated end. */
  documentYears: Map<string, number>;
}

/**
 * In force in `year`: begun by then (or no start stated) and not ended before it. A pairing the
 * texts report as replaced or ended, with no end year, stops the year its source reports on.
 */
export function inForce(p: PairingFact, year: number, documentYears: Map<string, number>): boolean {
  const from = num(p.props, 'fromYear');
  let to = num(p.props, 'toYear');
  const status = str(p.props, 'status');
  if (to === null && (status === 'replaced' || status === 'ended')) to = documentYears.get(str(p.props, 'sourceDoc') ?? '') ?? null;
  return (from === null || from <= year) && (to === null || to >= year);
}

export function filterPairings(facts: PairingFact[], c: PairingCriteria): PairingFact[] {
  return facts
    .filter((p) => c.year == null || inForce(p, c.year, c.documentYears))
    .filter((p) => !c.levels?.length || c.levels.includes(str(p.props, 'level')!))
    .filter((p) => !c.statuses?.length || c.statuses.includes(str(p.props, 'status')!))
    .filter((p) => !c.evidence?.length || c.evidence.includes(str(p.props, 'evidence') ?? 'stated'))
    .filter((p) => !c.supporters || c.supporters.has(p.supporterId))
    .filter((p) => !c.supported || c.supported.has(p.supportedId))
    .filter((p) => !c.sides || c.sides.has(p.supporterId) || c.sides.has(p.supportedId))
    .sort((a, b) => compareIds(a.id, b.id));
}
