/**
 * The facts lists and totals filter (donations, pairings, visits), indexed by every actor they
 * name: a query about one actor then costs what that actor's own facts cost, whatever the size of
 * the graph. Of donations and visits only what lists filter, order and group on is held, in
 * columns outside the JavaScript heap (FactTable); their nodes are read when a page shows them.
 * Pairings, being relationships and few, keep all their properties as objects.
 */
import type { DonationFact, PairingFact, VisitFact } from '../store/graph-store.js';
import type { NodeCards } from './node-cards.js';
import type { Topology } from './topology.js';
import { FactTable, type Stored } from './fact-table.js';
import { NodeIdSet } from './node-id-set.js';
import { sharedArray, sharedFrom } from './shared-memory.js';
import { amountCells, type AmountCells } from './amount-cells.js';

function indexBy<T, K>(facts: T[], key: (f: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const f of facts) {
    const list = out.get(key(f));
    if (list) list.push(f);
    else out.set(key(f), [f]);
  }
  return out;
}

/**
 * Facts that any of the nodes is the key of in any of the indexes, each once, in the order of the
 * indexes, then of the nodes, then of each node's facts.
 */
function gather<T extends { id: string }>(indexes: readonly Map<number, T[]>[], nodes: ArrayLike<number>): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const index of indexes)
    for (let i = 0; i < nodes.length; i++)
      for (const f of index.get(nodes[i]) ?? []) {
        if (seen.has(f.id)) continue;
        seen.add(f.id);
        out.push(f);
      }
  return out;
}

/** Each row's value as a slot in the sorted distinct values (slot 0 stands for none). */
function slots<V extends number | string>(
  size: number,
  value: (row: number) => V | null,
  order: (a: V, b: V) => number,
): [(V | null)[], Uint16Array] {
  const distinct = new Set<V>();
  for (let row = 0; row < size; row++) {
    const v = value(row);
    if (v !== null) distinct.add(v);
  }
  const values: (V | null)[] = [null, ...[...distinct].sort(order)];
  if (values.length > 0xffff) throw new Error(`fact index: ${values.length} distinct values to group on, more than 65,535`);
  const slotOf = new Map(values.map((v, k) => [v, k]));
  return [values, sharedFrom(Uint16Array, size, (row) => slotOf.get(value(row))!)];
}

/** Rows grouped by slot with a counting sort, each group in row order: the rows and each group's start. */
function groupRows(slotOf: Uint16Array, slotCount: number): [Int32Array, Int32Array] {
  const start = sharedArray(Int32Array, slotCount + 1);
  for (const k of slotOf) start[k + 1]++;
  for (let k = 0; k < slotCount; k++) start[k + 1] += start[k];
  const next = start.slice(0, slotCount);
  const rows = sharedArray(Int32Array, slotOf.length);
  slotOf.forEach((k, row) => (rows[next[k]++] = row));
  return [rows, start];
}

export type DonationTable = FactTable<DonationFact, 'donorIds' | 'recipientIds'>;

type Arrays = { readonly offsets: Uint32Array; readonly items: Uint32Array };

/**
 * What filtering and totalling donations reads, as plain data in shared memory: the serving
 * thread and a worker thread read the same arrays (see FactIndex for what each holds). Actors are
 * the donation table's actor numbers; years and kinds are slots of `years` and `kinds`.
 */
export interface DonationColumns {
  readonly size: number;
  readonly actorCount: number;
  readonly year: Float64Array;
  readonly yuan: Float64Array;
  /** Numbers of the table's string values (see FactTable.valueIndex), -1 for none. */
  readonly evidence: Int32Array;
  /**
   * What totals group by, as small numbers per donation: whether it counts once (not a share of a
   * stated total nor a restatement), and its year's and kind's slots in `years` and `kinds` (slot
   * 0: none). A national total then indexes arrays instead of hashing keys.
   */
  readonly once: Uint8Array;
  readonly yearSlot: Uint16Array;
  readonly years: readonly (number | null)[];
  readonly kindSlot: Uint16Array;
  readonly kinds: readonly (string | null)[];
  readonly donorsOf: Arrays;
  readonly recipientsOf: Arrays;
  /** Each donor's rows (the reverse of donorsOf). */
  readonly donorRows: Arrays;
  /**
   * The rows grouped by year slot, each group in row order: `rowsByYear` from `yearStart[slot]` to
   * `yearStart[slot + 1]`. A list or total of one year that names no actor goes through that
   * year's rows, not every donation.
   */
  readonly rowsByYear: Int32Array;
  readonly yearStart: Int32Array;
  /** Each actor's node, whose number ranks it in id order: how totals break ties. */
  readonly actorRank: Int32Array;
  /** The donations that count once by year, kind and reading, in amount order (null: totals go through the rows). */
  readonly cells: AmountCells | null;
}
type VisitTable = FactTable<VisitFact, 'visitorIds' | 'senderIds' | 'destinationIds'>;

// Rows come in id order (the topology numbers nodes so): a list ordered by rows is ordered by id.
const donationTable = (topology: Topology, cards: NodeCards): DonationTable =>
  new FactTable<DonationFact, 'donorIds' | 'recipientIds'>(topology.withLabel('Donation'), topology, {
    numbers: { year: (n) => cards.num(n, 'year'), yuan: (n) => cards.num(n, 'yuan') },
    strings: {
      kind: (n) => cards.str(n, 'kind'),
      dateStart: (n) => cards.str(n, 'dateStart'),
      // The whole a share is part of (a donation; a share of a commitment is not one of these).
      partOf: (n) => {
        const whole = topology.ends(n, 'out', 'PART_OF').find((m) => topology.labelAt(m) === 'Donation');
        return whole === undefined ? null : topology.idAt(whole);
      },
      restates: (n) => cards.str(n, 'restates'),
      evidence: (n) => cards.str(n, 'evidence'),
    },
    roles: { donorIds: (n) => topology.ends(n, 'in', 'GAVE'), recipientIds: (n) => topology.ends(n, 'out', 'TO') },
  });
const visitTable = (topology: Topology, cards: NodeCards): VisitTable =>
  new FactTable<VisitFact, 'visitorIds' | 'senderIds' | 'destinationIds'>(topology.withLabel('Visit'), topology, {
    numbers: {},
    strings: {
      dateStart: (n) => cards.str(n, 'dateStart'),
      dateEnd: (n) => cards.str(n, 'dateEnd'),
      evidence: (n) => cards.str(n, 'evidence'),
    },
    roles: {
      visitorIds: (n) => topology.ends(n, 'in', 'WENT_ON'),
      senderIds: (n) => topology.ends(n, 'out', 'FROM'),
      destinationIds: (n) => topology.ends(n, 'out', 'TO'),
    },
  });

export class FactIndex {
  /** Pairings by their supporter's and their supported's node numbers. */
  private readonly bySupporter: Map<number, PairingFact[]>;
  private readonly bySupported: Map<number, PairingFact[]>;

  /**
   * Each donation's place in date order (its dateStart, or its year where it has no date), as a
   * dense rank: ordering a list by date compares numbers.
   */
  readonly donationDateRank: Int32Array;
  /** What lists and totals of donations read, in shared memory (see DonationColumns). */
  readonly donationColumns: DonationColumns;

  private constructor(
    readonly donations: DonationTable,
    readonly pairings: PairingFact[],
    private readonly visits: VisitTable,
    private readonly numberOf: (id: string) => number,
  ) {
    const dateKey = (row: number) => donations.str('dateStart', row) ?? String(donations.num('year', row));
    const keys = [...new Set(Array.from({ length: donations.size }, (_, row) => dateKey(row)))].sort();
    const rank = new Map(keys.map((k, i) => [k, i]));
    this.donationDateRank = Int32Array.from({ length: donations.size }, (_, row) => rank.get(dateKey(row))!);
    const [partOf, restates] = [donations.stringColumn('partOf'), donations.stringColumn('restates')];
    const [years, yearSlot] = slots(
      donations.size,
      (row) => donations.num('year', row),
      (a, b) => a - b,
    );
    const [kinds, kindSlot] = slots(
      donations.size,
      (row) => donations.str('kind', row),
      (a, b) => (a < b ? -1 : 1),
    );
    const [rowsByYear, yearStart] = groupRows(yearSlot, years.length);
    const [yuan, evidence] = [donations.numberColumn('yuan'), donations.stringColumn('evidence')];
    const once = sharedFrom(Uint8Array, donations.size, (row) => (partOf[row] < 0 && restates[row] < 0 ? 1 : 0));
    this.donationColumns = {
      size: donations.size,
      actorCount: donations.actorCount,
      year: donations.numberColumn('year'),
      yuan,
      evidence,
      once,
      yearSlot,
      years,
      kindSlot,
      kinds,
      donorsOf: donations.actorArrays('donorIds'),
      recipientsOf: donations.actorArrays('recipientIds'),
      donorRows: donations.rowArrays('donorIds'),
      rowsByYear,
      yearStart,
      actorRank: sharedFrom(Int32Array, donations.actorCount, (k) => donations.actorNode(k)),
      cells: amountCells({ size: donations.size, once, yearSlot, kindSlot, evidence, yuan }),
    };
    this.bySupporter = indexBy(pairings, (p) => numberOf(p.supporterId));
    this.bySupported = indexBy(pairings, (p) => numberOf(p.supportedId));
    this.byId = new Map(pairings.map((p) => [p.id, p]));
  }

  private readonly byId: Map<string, PairingFact>;

  /** A pairing by its id, or null. */
  pairing(id: string): PairingFact | null {
    return this.byId.get(id) ?? null;
  }

  /**
   * Donations and visits from the topology (who gave, to whom, who went where) and the node cards
   * (years, amounts, dates); pairings, being relationships with properties of their own, as read.
   */
  static build(topology: Topology, cards: NodeCards, pairings: PairingFact[]): FactIndex {
    return new FactIndex(donationTable(topology, cards), pairings, visitTable(topology, cards), (id) => topology.indexOf(id));
  }

  get donationCount(): number {
    return this.donations.size;
  }

  get visitCount(): number {
    return this.visits.size;
  }

  /** The rows of the donations naming the fixed side's ids, in row order; null when no side is fixed. */
  donationRowsNaming(c: { donors?: Set<string> | null; recipients?: Set<string> | null; parties?: Set<string> | null }): number[] | null {
    if (c.donors) return this.donations.rowsNaming(['donorIds'], c.donors);
    if (c.recipients) return this.donations.rowsNaming(['recipientIds'], c.recipients);
    if (c.parties) return this.donations.rowsNaming(['donorIds', 'recipientIds'], c.parties);
    return null;
  }

  donationId(row: number): string {
    return this.donations.idAt(row);
  }

  /**
   * The node numbers of a set of ids: a NodeIdSet (a place and what lies inside it) hands its
   * numbers over as they are, other sets are looked up id by id (ids the graph lacks left out).
   */
  private numbersOf(ids: Set<string>): ArrayLike<number> {
    return ids instanceof NodeIdSet ? ids.nodes : Array.from(ids, this.numberOf).filter((n) => n >= 0);
  }

  pairingCandidates(c: { supporters?: Set<string> | null; supported?: Set<string> | null; sides?: Set<string> | null }): PairingFact[] {
    if (c.supporters) return gather([this.bySupporter], this.numbersOf(c.supporters));
    if (c.supported) return gather([this.bySupported], this.numbersOf(c.supported));
    if (c.sides) return gather([this.bySupporter, this.bySupported], this.numbersOf(c.sides));
    return this.pairings;
  }

  /** The pairings a node is either side of (as supporter first), each once: what a drawing shows of it. */
  pairingsOfNode(n: number): PairingFact[] {
    return gather([this.bySupporter, this.bySupported], [n]);
  }

  visitCandidates(c: { official?: string | null; destinations?: Set<string> | null; senders?: Set<string> | null }): Stored<VisitFact>[] {
    if (c.official) return this.visits.naming(['visitorIds'], [c.official]);
    if (c.destinations) return this.visits.naming(['destinationIds'], c.destinations);
    if (c.senders) return this.visits.naming(['senderIds'], c.senders);
    return this.visits.all();
  }
}
