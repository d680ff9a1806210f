/**
 * Who supported whom, year by year: the pairings in force in a year (pairing-query.ts's `inForce`),
 * and the changes between two years as the chapters report them. A change's year is the one the
 * text gives (a start for new and extended pairings, an end for replaced and ended ones), else the
 * year its chapter reports on, and says which.
 */
import type { PairingFact } from '../store/graph-store.js';
import { compareIds } from '../graph/id-order.js';
import type { PairingChangeKind, PairingChangeModel as PairingChange } from './models.js';
import { num, str } from './props.js';

const ORDER: Record<PairingChangeKind, number> = { replaced: 0, ended: 1, added: 2, extended: 3 };

/** The change a pairing record reports, if any: an `active` pairing with no start year reports none. */
export function changeOf(p: PairingFact, documentYears: Map<string, number>): Omit<PairingChange, 'pairing'> | null {
  const status = str(p.props, 'status');
  const reported = documentYears.get(str(p.props, 'sourceDoc') ?? '') ?? null;
  const at = (stated: number | null, kind: PairingChangeKind) => {
    const year = stated ?? reported;
    return year === null ? null : { kind, year, yearStated: stated !== null };
  };
  const from = num(p.props, 'fromYear');
  switch (status) {
    case 'new':
      return at(from, 'added');
    case 'extended':
      return at(from, 'extended');
    case 'replaced':
      return at(num(p.props, 'toYear'), 'replaced');
    case 'ended':
      return at(num(p.props, 'toYear'), 'ended');
    default:
      // In force, and the text says since when: that start is a change too.
      return from === null ? null : { kind: 'added', year: from, yearStated: true };
  }
}

/** Changes that took effect in the years from `from` to `to`, both included: by year, ends before starts, then id. */
export function pairingChanges(
  facts: readonly PairingFact[],
  from: number,
  to: number,
  documentYears: Map<string, number>,
): PairingChange[] {
  const out: PairingChange[] = [];
  for (const pairing of facts) {
    const change = changeOf(pairing, documentYears);
    if (change && change.year >= from && change.year <= to) out.push({ ...change, pairing });
  }
  return out.sort((a, b) => a.year - b.year || ORDER[a.kind] - ORDER[b.kind] || compareIds(a.pairing.id, b.pairing.id));
}
