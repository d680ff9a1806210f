/**
 * Commitments — money planned, agreed or signed — by giver, recipient, year, kind and evidence,
 * read off the read model: a commitment's year, kind and evidence are on its node card, its givers
 * and recipients are its PROMISED and PROMISED_TO relationships. Its stage is not on the card: the
 * `commitments` resolver reads it with the node, since commitments are few and a card column would
 * cost every node.
 */
import type { ReadModel } from '../graph/read-model.js';

export interface CommitmentCriteria {
  /** Promised by one of these actors (ids), when given. */
  givers?: Set<string> | null;
  /** Promised to one of these actors or projects (ids), when given. */
  recipients?: Set<string> | null;
  year?: number | null;
  kinds?: string[] | null;
  evidence?: string[] | null;
}

/** Node numbers of the commitments some actor of `ids` is at the far end of, through `relation`. */
function reached(model: ReadModel, ids: Set<string>, direction: 'in' | 'out', relation: 'PROMISED' | 'PROMISED_TO'): Set<number> {
  const { topology: t } = model;
  const found = new Set<number>();
  for (const id of ids) {
    const n = t.indexOf(id);
    if (n >= 0) for (const c of t.ends(n, direction, relation)) found.add(c);
  }
  return found;
}

/** Node numbers of the matching commitments, by year and then id. */
export function filterCommitments(model: ReadModel, c: CommitmentCriteria): number[] {
  const { cards } = model;
  const byGiver = c.givers ? reached(model, c.givers, 'out', 'PROMISED') : null;
  const byRecipient = c.recipients ? reached(model, c.recipients, 'in', 'PROMISED_TO') : null;
  const out: number[] = [];
  for (const n of model.commitments) {
    if (byGiver && !byGiver.has(n)) continue;
    if (byRecipient && !byRecipient.has(n)) continue;
    if (c.year != null && cards.num(n, 'year') !== c.year) continue;
    if (c.kinds?.length && !c.kinds.includes(cards.str(n, 'kind') ?? 'other')) continue;
    if (c.evidence?.length && !c.evidence.includes(cards.str(n, 'evidence') ?? 'stated')) continue;
    out.push(n);
  }
  const year = (n: number) => cards.num(n, 'year') ?? 0;
  return out.sort((a, b) => year(a) - year(b) || a - b);
}
