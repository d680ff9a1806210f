/**
 * The dataset is read-only between loads, so the facts lists and totals filter (donations,
 * pairings, visits) are read from the store once and indexed by every actor they name: a query
 * about one actor then costs what that actor's own facts cost, whatever the size of the graph.
 * Of donations and visits only what lists filter, order and group on is held (see the fact queries
 * in `cypher/query/`), in columns outside the JavaScript heap (FactTable); their nodes are read
 * when a page shows them. Pairings, being relationships and few, keep all their properties as
 * objects. The index is dropped when the store is reloaded.
 */
import type { DonationFact, GraphStore, PairingFact, VisitFact } from '../store/graph-store.js';
import { FactTable, type Stored } from './fact-table.js';

function indexBy<T>(facts: T[], key: (f: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const f of facts) {
    const list = out.get(key(f));
    if (list) list.push(f);
    else out.set(key(f), [f]);
  }
  return out;
}

/** Facts that name any of the ids, each once, in the facts' own order. */
function gather<T extends { id: string }>(index: Map<string, T[]>, ids: Set<string>): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const id of ids) for (const f of index.get(id) ?? []) if (!seen.has(f.id)) { seen.add(f.id); out.push(f); }
  return out;
}

type DonationTable = FactTable<DonationFact, 'donorIds' | 'recipientIds'>;
type VisitTable = FactTable<VisitFact, 'visitorIds' | 'senderIds' | 'destinationIds'>;

const donationTable = (rows: DonationFact[]): DonationTable =>
  new FactTable(rows, { numbers: ['year', 'yuan'], strings: ['kind', 'dateStart', 'partOf', 'restates'], roles: ['donorIds', 'recipientIds'] });
const visitTable = (rows: VisitFact[]): VisitTable =>
  new FactTable(rows, { numbers: [], strings: ['dateStart', 'dateEnd'], roles: ['visitorIds', 'senderIds', 'destinationIds'] });

export class FactIndex {
  private readonly bySupporter: Map<string, PairingFact[]>;
  private readonly bySupported: Map<string, PairingFact[]>;

  private constructor(private readonly donations: DonationTable, readonly pairings: PairingFact[], private readonly visits: VisitTable) {
    this.bySupporter = indexBy(pairings, (p) => p.supporterId);
    this.bySupported = indexBy(pairings, (p) => p.supportedId);
    this.byId = new Map(pairings.map((p) => [p.id, p]));
  }

  private readonly byId: Map<string, PairingFact>;

  /** A pairing by its id, or null. */
  pairing(id: string): PairingFact | null {
    return this.byId.get(id) ?? null;
  }

  /** The three reads run together; each kind's rows are let go as soon as its columns are built. */
  static async build(store: GraphStore): Promise<FactIndex> {
    const [donations, pairings, visits] = await Promise.all([store.donationFacts().then(donationTable), store.pairingFacts(), store.visitFacts().then(visitTable)]);
    return new FactIndex(donations, pairings, visits);
  }

  get donationCount(): number {
    return this.donations.size;
  }

  get visitCount(): number {
    return this.visits.size;
  }

  /** The donations that can match: those of the fixed side's ids, or all. */
  donationCandidates(c: { donors?: Set<string> | null; recipients?: Set<string> | null; parties?: Set<string> | null }): Stored<DonationFact>[] {
    if (c.donors) return this.donations.naming(['donorIds'], c.donors);
    if (c.recipients) return this.donations.naming(['recipientIds'], c.recipients);
    if (c.parties) return this.donations.naming(['donorIds', 'recipientIds'], c.parties);
    return this.donations.all();
  }

  /** The ids of donations and visits by row: a kept list holds rows, and a page reads its ids. */
  donationId(row: number): string {
    return this.donations.idAt(row);
  }

  visitId(row: number): string {
    return this.visits.idAt(row);
  }

  pairingCandidates(c: { supporters?: Set<string> | null; supported?: Set<string> | null; sides?: Set<string> | null }): PairingFact[] {
    if (c.supporters) return gather(this.bySupporter, c.supporters);
    if (c.supported) return gather(this.bySupported, c.supported);
    if (c.sides) return [...new Map([...gather(this.bySupporter, c.sides), ...gather(this.bySupported, c.sides)].map((f) => [f.id, f])).values()];
    return this.pairings;
  }

  visitCandidates(c: { official?: string | null; destinations?: Set<string> | null; senders?: Set<string> | null }): Stored<VisitFact>[] {
    if (c.official) return this.visits.naming(['visitorIds'], [c.official]);
    if (c.destinations) return this.visits.naming(['destinationIds'], c.destinations);
    if (c.senders) return this.visits.naming(['senderIds'], c.senders);
    return this.visits.all();
  }
}
