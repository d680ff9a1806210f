/** Visit lists: by date range, sender, destination and official, in time order. */
import type { VisitFact } from '../store/graph-store.js';
import { within } from './dates.js';
import { str } from './props.js';
import { compareIds } from '../graph/id-order.js';

export interface VisitCriteria {
  from?: string | null;
  to?: string | null;
  senders?: Set<string> | null;
  destinations?: Set<string> | null;
  official?: string | null;
  /** How the visit was read: only these, when given. */
  evidence?: string[] | null;
}

export function filterVisits<F extends VisitFact>(facts: F[], c: VisitCriteria): F[] {
  return facts
    .filter((v) => within(str(v.props, 'dateStart')!, str(v.props, 'dateEnd'), c.from, c.to))
    .filter((v) => !c.senders || v.senderIds.some((s) => c.senders!.has(s)))
    .filter((v) => !c.destinations || v.destinationIds.some((d) => c.destinations!.has(d)))
    .filter((v) => !c.official || v.visitorIds.includes(c.official))
    .filter((v) => !c.evidence?.length || c.evidence.includes(str(v.props, 'evidence') ?? 'stated'))
    .sort((a, b) => str(a.props, 'dateStart')!.localeCompare(str(b.props, 'dateStart')!) || compareIds(a.id, b.id));
}
