/**
 * The dataset is read-only between loads, so the facts lists and totals filter (donations,
 * pairings, visits) are read from the store once and indexed by every actor they name: a query
 * about one actor then costs what that actor's own facts cost, whatever the size of the graph.
 * Of donations and visits only what lists filter, order and group on is held (see the fact queries
 * in `cypher/query/`); their nodes are read when a page shows them. Pairings, being relationships
 * and few, keep all their properties. The index is dropped when the store is reloaded.
 */
import type { DonationFact, GraphStore, PairingFact, VisitFact } from '../store/graph-store.js';

function indexBy<T>(facts: T[], keys: (f: T) => string[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const f of facts) for (const k of new Set(keys(f))) {
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}

/**
 * Strings read from the store arrive as separate copies, one per row: an actor named by a thousand
 * donations would be held a thousand times. One copy each keeps a national-scale index a third
 * smaller, and a smaller heap is a shorter pause at every young-generation collection.
 */
function interner(): <T extends string | null | undefined>(s: T) => T {
  const pool = new Map<string, string>();
  return (s) => {
    if (typeof s !== 'string') return s;
    const kept = pool.get(s);
    if (kept !== undefined) return kept as typeof s;
    pool.set(s, s);
    return s;
  };
}

function shareStrings(donations: DonationFact[], visits: VisitFact[]): void {
  const one = interner();
  const props = (p: Record<string, unknown>) => {
    for (const k of ['kind', 'dateStart', 'dateEnd']) if (typeof p[k] === 'string') p[k] = one(p[k] as string);
  };
  for (const d of donations) {
    d.donorIds = d.donorIds.map(one);
    d.recipientIds = d.recipientIds.map(one);
    props(d.props);
  }
  for (const v of visits) {
    v.visitorIds = v.visitorIds.map(one);
    v.senderIds = v.senderIds.map(one);
    v.destinationIds = v.destinationIds.map(one);
    props(v.props);
  }
}

/** Facts that name any of the ids, each once, in the facts' own order. */
function gather<T extends { id: string }>(index: Map<string, T[]>, ids: Set<string>): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const id of ids) for (const f of index.get(id) ?? []) if (!seen.has(f.id)) { seen.add(f.id); out.push(f); }
  return out;
}

export class FactIndex {
  readonly byDonor: Map<string, DonationFact[]>;
  readonly byRecipient: Map<string, DonationFact[]>;
  readonly bySupporter: Map<string, PairingFact[]>;
  readonly bySupported: Map<string, PairingFact[]>;
  readonly byVisitor: Map<string, VisitFact[]>;
  readonly bySender: Map<string, VisitFact[]>;
  readonly byDestination: Map<string, VisitFact[]>;

  constructor(readonly donations: DonationFact[], readonly pairings: PairingFact[], readonly visits: VisitFact[]) {
    shareStrings(donations, visits);
    this.byDonor = indexBy(donations, (d) => d.donorIds);
    this.byRecipient = indexBy(donations, (d) => d.recipientIds);
    this.bySupporter = indexBy(pairings, (p) => [p.supporterId]);
    this.bySupported = indexBy(pairings, (p) => [p.supportedId]);
    this.byVisitor = indexBy(visits, (v) => v.visitorIds);
    this.bySender = indexBy(visits, (v) => v.senderIds);
    this.byDestination = indexBy(visits, (v) => v.destinationIds);
  }

  static async build(store: GraphStore): Promise<FactIndex> {
    const [d, p, v] = await Promise.all([store.donationFacts(), store.pairingFacts(), store.visitFacts()]);
    return new FactIndex(d, p, v);
  }

  /** The donations that can match: those of the fixed side's ids, or all. */
  donationCandidates(c: { donors?: Set<string> | null; recipients?: Set<string> | null; parties?: Set<string> | null }): DonationFact[] {
    if (c.donors) return gather(this.byDonor, c.donors);
    if (c.recipients) return gather(this.byRecipient, c.recipients);
    if (c.parties) return [...new Map([...gather(this.byDonor, c.parties), ...gather(this.byRecipient, c.parties)].map((f) => [f.id, f])).values()];
    return this.donations;
  }

  pairingCandidates(c: { supporters?: Set<string> | null; supported?: Set<string> | null; sides?: Set<string> | null }): PairingFact[] {
    if (c.supporters) return gather(this.bySupporter, c.supporters);
    if (c.supported) return gather(this.bySupported, c.supported);
    if (c.sides) return [...new Map([...gather(this.bySupporter, c.sides), ...gather(this.bySupported, c.sides)].map((f) => [f.id, f])).values()];
    return this.pairings;
  }

  visitCandidates(c: { official?: string | null; destinations?: Set<string> | null; senders?: Set<string> | null }): VisitFact[] {
    if (c.official) return this.byVisitor.get(c.official) ?? [];
    if (c.destinations) return gather(this.byDestination, c.destinations);
    if (c.senders) return gather(this.bySender, c.senders);
    return this.visits;
  }
}
