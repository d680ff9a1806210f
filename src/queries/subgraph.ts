/**
 * Drawable subgraphs: actors (places, officials, organisations, enterprises, projects) as nodes,
 * and what connects them as edges — pairings, donations (donor → recipient), visits (visitor or
 * sender → destination), meetings (guest → host), agreements (party — party), titles (official →
 * place or organisation), place and organisation hierarchy, locations and sponsorships. Events,
 * stored as nodes of their own, become edges carrying their amount and date.
 *
 * Expansion is breadth-first from the seeds over the read model's topology: nothing is read from
 * the store. A seed's relationships are walked up to RAW_CAP each way, a node reached from the
 * seeds' only twice the per-node limit (at least 50), and at most EVENT_CAP events per node, so a node
 * with a million donations costs a bounded walk; what the caps leave out is counted in
 * `unreadRelationships`. An edge's label and quote, where they live only on its event's node,
 * are read by whoever shows them (`edgeDetails`).
 */
import type { GraphNode, PairingFact } from '../store/graph-store.js';
import { yieldToOthers } from './yield-to-others.js';
import type { ReadModel } from '../graph/read-model.js';
import { relTypeNumber } from '../graph/topology.js';
import { within as dateWithin } from './dates.js';
import { inForce } from './pairing-query.js';
import { num, provenance, str } from './props.js';
import type { ProvenanceModel } from './models.js';

export const VISUAL_RELATIONS = [
  'PAIRING',
  'DONATION',
  'VISIT',
  'MEETING',
  'AGREEMENT',
  'TITLE',
  'PART_OF',
  'LOCATED_IN',
  'SPONSOR',
] as const;
export type VisualRelation = (typeof VISUAL_RELATIONS)[number];

const ACTOR_LABELS = new Set(['Place', 'Official', 'Organisation', 'Enterprise', 'Project']);
const EVENT_LABELS = new Set(['Donation', 'Visit', 'Meeting', 'Agreement', 'Title']);

export interface VisualNode {
  id: string;
  type: string;
  label: string;
  kind: string | null;
  level: string | null;
  code: string | null;
}

export interface VisualEdge {
  id: string;
  source: string;
  target: string;
  type: VisualRelation;
  /** null until read from the event's node (`edgeDetails`): only donations and visits keep theirs there. */
  label: string | null;
  /** The event node the edge stands for (donation:…, visit:…), or the pairing id. */
  eventId: string | null;
  yuan: number | null;
  /** A joint donation: the amount is the whole donation's, shared with other donors or recipients. */
  shared: boolean;
  /** False for a donation that is a share of a stated total or restates another: drawn, but not summed again. */
  countsOnce: boolean;
  year: number | null;
  dateStart: string | null;
  dateEnd: string | null;
  /** Pairings: first and last year in force as the text gives them. */
  fromYear: number | null;
  toYear: number | null;
  level: string | null;
  status: string | null;
  /** Pairings carry theirs; an event's is read from its node (`edgeDetails`); structural edges have none. */
  provenance: ProvenanceModel | null;
}

export interface VisualGraph {
  nodes: VisualNode[];
  edges: VisualEdge[];
  /** Whether the per-node limit left edges out. */
  truncated: boolean;
  omittedEdges: number;
  /** Neighbours that would have been added but for the limit. */
  omittedNodes: number;
  /** Relationships of expanded nodes not walked: a node is walked up to RAW_CAP relationships each way. */
  unreadRelationships: number;
}

/**
 * Relationships walked per expanded seed and direction: the seeds' busiest node (Zhejiang) has
 * 147 relationships, so this cuts nothing from the dataset, while a synthetic province with a
 * hundred thousand costs a bounded walk.
 */
export const RAW_CAP = 500;
/** Events (donations, visits, …) followed per expanded node: the rest count as unread. */
export const EVENT_CAP = 150;
/** Relationships walked per event (its donors, recipients, visitors, parties): events have a few. */
export const EVENT_PARTIES_CAP = 200;
/** About how many relationships an event has, for pricing (work-price.ts). */
export const ROWS_PER_EVENT = 6;
/**
 * Beyond the seeds, a node shows at most `perNodeLimit` edges, so it is walked only this many
 * times that (at least NEIGHBOUR_READ_MIN) each way: a 2-hop drawing then costs about the same at
 * any size of graph. A seed is walked up to RAW_CAP, so its edges can be paged with `perNodeOffset`.
 */
export const NEIGHBOUR_READ_FACTOR = 2;
export const NEIGHBOUR_READ_MIN = 50;

export interface SubgraphOptions {
  seeds: string[];
  hops: number;
  relations: VisualRelation[] | null;
  year: number | null;
  from: string | null;
  to: string | null;
  perNodeLimit: number;
  /** Skips this many of each seed's edges (the next page of a crowded node); later hops start at 0. */
  perNodeOffset: number;
  documentYears: Map<string, number>;
}

function blankEdge(id: string, source: string, target: string, type: VisualRelation, label: string | null): VisualEdge {
  return {
    id,
    source,
    target,
    type,
    label,
    eventId: null,
    yuan: null,
    shared: false,
    countsOnce: true,
    year: null,
    dateStart: null,
    dateEnd: null,
    fromYear: null,
    toYear: null,
    level: null,
    status: null,
    provenance: null,
  };
}

function pairingEdge(p: PairingFact): VisualEdge {
  return {
    ...blankEdge(p.id, p.supporterId, p.supportedId, 'PAIRING', `${str(p.props, 'level') ?? ''} pairing`.trim()),
    eventId: p.id,
    fromYear: num(p.props, 'fromYear'),
    toYear: num(p.props, 'toYear'),
    level: str(p.props, 'level'),
    status: str(p.props, 'status'),
    provenance: provenance(p.props),
  };
}

/**
 * What an edge shows that lives on its event's node (a donation's amount as written, a visit's
 * date as written, the quote): filled in by whoever shows it, from the node read from the store.
 */
export function edgeDetails(e: VisualEdge, event: GraphNode | null): { label: string; provenance: ProvenanceModel | null } {
  if (e.label !== null || !event) return { label: e.label ?? e.type.toLowerCase(), provenance: e.provenance };
  const p = event.props;
  const label =
    e.type === 'DONATION'
      ? (str(p, 'amountText') ?? str(p, 'items') ?? 'donation')
      : e.type === 'VISIT'
        ? (str(p, 'dateText') ?? 'visit')
        : e.type.toLowerCase();
  return { label, provenance: provenance(p) };
}

/** Edges whose label or quote is read from their event's node. */
export const needsDetails = (e: VisualEdge): boolean =>
  e.label === null || (e.provenance === null && e.eventId !== null && e.type !== 'PAIRING');

const TYPE = {
  PART_OF: relTypeNumber('PART_OF'),
  LOCATED_IN: relTypeNumber('LOCATED_IN'),
  BASED_IN: relTypeNumber('BASED_IN'),
  SPONSORS: relTypeNumber('SPONSORS'),
  GAVE: relTypeNumber('GAVE'),
  TO: relTypeNumber('TO'),
  FUNDS: relTypeNumber('FUNDS'),
  WENT_ON: relTypeNumber('WENT_ON'),
  FROM: relTypeNumber('FROM'),
  HOSTED: relTypeNumber('HOSTED'),
  ATTENDED: relTypeNumber('ATTENDED'),
  PARTY_TO: relTypeNumber('PARTY_TO'),
  HAS_TITLE: relTypeNumber('HAS_TITLE'),
  TITLE_AT: relTypeNumber('TITLE_AT'),
  SUPPORTS: relTypeNumber('SUPPORTS'),
};

const TYPE_ORDER: Record<VisualRelation, number> = {
  PAIRING: 0,
  DONATION: 1,
  VISIT: 2,
  MEETING: 3,
  AGREEMENT: 4,
  TITLE: 5,
  PART_OF: 6,
  LOCATED_IN: 7,
  SPONSOR: 8,
};

/**
 * An edge a node could show, as numbers: made into a VisualEdge only if it is kept. Ordered by
 * kind, then the event's (or source's) node number, then its ends: node numbers follow id order.
 */
interface Candidate {
  type: VisualRelation;
  order: number;
  primary: number;
  source: number;
  target: number;
  /**
   * What tells two candidates apart (the same event between the same two ends is one edge): for an
   * event's edge a number, the event's node number and the edge's place among the event's edges
   * (every walk lists an event's edges in the same order); for other edges a string.
   */
  key: number | string;
  /** The event node, or -1. */
  event: number;
  /** What a direct edge stands for: its kind, relationship type (PART_OF, BASED_IN…) and label. */
  direct: Direct | null;
  pairing: PairingFact | null;
  shared: boolean;
}

const byOrder = (a: Candidate, b: Candidate) => a.order - b.order || a.primary - b.primary || a.source - b.source || a.target - b.target;

/** An event's edges are numbered below this: its parties walked are capped, 400 × 200 at most. */
const EDGES_PER_EVENT = 2 ** 17;

/** Relationships walked between two pauses for other requests (a large expansion, with many seeds and hops): a few milliseconds' work. */
const WALK_BETWEEN_YIELDS = 20_000;

const NONE: readonly number[] = [];
const LABEL_TO_EDGE: Record<string, VisualRelation> = {
  Donation: 'DONATION',
  Visit: 'VISIT',
  Meeting: 'MEETING',
  Agreement: 'AGREEMENT',
  Title: 'TITLE',
};
type Direct = readonly [VisualRelation, string, string];
const DIRECT: Map<number, Direct> = new Map([
  [TYPE.PART_OF, ['PART_OF', 'PART_OF', 'part of']],
  [TYPE.LOCATED_IN, ['LOCATED_IN', 'LOCATED_IN', 'located in']],
  [TYPE.BASED_IN, ['LOCATED_IN', 'BASED_IN', 'located in']],
  [TYPE.SPONSORS, ['SPONSOR', 'SPONSORS', 'sponsors']],
]);

/**
 * The first `count` numbers of `list`, each once, in the order first met (an edge's key is its
 * place among its event's edges, so the same two parties must not come twice: one tied both ways,
 * or a store keeping a repeat). An event has a party or two of a kind: a short list is checked
 * pair by pair rather than through a Set.
 */
function firstOnce(list: readonly number[], count: number, out: number[] = []): number[] {
  if (count > 16) {
    const seen = new Set(out);
    for (let i = 0; i < count; i++) {
      if (seen.has(list[i])) continue;
      seen.add(list[i]);
      out.push(list[i]);
    }
    return out;
  }
  for (let i = 0; i < count; i++) if (!out.includes(list[i])) out.push(list[i]);
  return out;
}

/** One expansion's state: methods rather than closures, since it runs for every drawing. */
class Expansion {
  private readonly t: ReadModel['topology'];
  private readonly cards: ReadModel['cards'];
  private readonly out: ReturnType<ReadModel['topology']['adjacency']>;
  private readonly in: ReturnType<ReadModel['topology']['adjacency']>;
  /** Both directions, walked in turn (one array for the expansion, not one per walk). */
  private readonly sides: readonly ReturnType<ReadModel['topology']['adjacency']>[];

  constructor(
    private readonly model: ReadModel,
    private readonly o: SubgraphOptions,
  ) {
    this.t = model.topology;
    this.cards = model.cards;
    this.out = this.t.adjacency('out');
    this.in = this.t.adjacency('in');
    this.sides = [this.out, this.in];
  }

  wanted(type: VisualRelation): boolean {
    return !this.o.relations || this.o.relations.includes(type);
  }

  /**
   * An event's parties by the type of relationship that ties them to it (GAVE, TO, WENT_ON…),
   * indexed by the type's number, with their counts. The lists are written over from one event
   * to the next rather than emptied: an expansion walks thousands of events, and an emptied
   * array gives up its room.
   */
  private readonly parties: number[][] = [];
  private readonly partyCount: number[] = [];
  private readonly typesMet: number[] = [];

  private readParties(e: number): void {
    for (const type of this.typesMet) this.partyCount[type] = 0;
    this.typesMet.length = 0;
    for (const a of this.sides) {
      const end = Math.min(a.start[e + 1], a.start[e] + EVENT_PARTIES_CAP);
      for (let i = a.start[e]; i < end; i++) {
        const type = a.type[i];
        const list = (this.parties[type] ??= []);
        const count = this.partyCount[type] ?? 0;
        if (count === 0) this.typesMet.push(type);
        list[count] = a.other[i];
        this.partyCount[type] = count + 1;
      }
    }
  }

  /** The parties `readParties` found tied by one type of relationship (and, given, a second), each once. */
  private party(type: number, also = -1): number[] {
    const out = firstOnce(this.parties[type] ?? NONE, this.partyCount[type] ?? 0);
    return also < 0 ? out : firstOnce(this.parties[also] ?? NONE, this.partyCount[also] ?? 0, out);
  }

  /** The `index`th edge of event `e`, from `a` to `b`. */
  private candidate(type: VisualRelation, e: number, index: number, a: number, b: number, shared = false): Candidate {
    return {
      type,
      order: TYPE_ORDER[type],
      primary: e,
      source: a,
      target: b,
      key: e * EDGES_PER_EVENT + index,
      event: e,
      direct: null,
      pairing: null,
      shared,
    };
  }

  /**
   * The edges an event stands for, from its own relationships. Every type ties an event to its
   * parties in one direction only (GAVE and WENT_ON in, TO out…), so the lists need no direction.
   */
  eventEdges(e: number, out: Candidate[]): void {
    const type = LABEL_TO_EDGE[this.t.labelAt(e)];
    if (!type || !this.wanted(type)) return;
    this.readParties(e);
    let k = 0;
    switch (type) {
      case 'DONATION': {
        const donors = this.party(TYPE.GAVE);
        const recipients = this.party(TYPE.TO, TYPE.FUNDS);
        const shared = donors.length > 1 || recipients.length > 1;
        for (const d of donors) for (const r of recipients) out.push(this.candidate(type, e, k++, d, r, shared));
        break;
      }
      case 'VISIT': {
        const goers = this.party(TYPE.WENT_ON, TYPE.FROM);
        const destinations = this.party(TYPE.TO);
        for (const g of goers) for (const d of destinations) out.push(this.candidate(type, e, k++, g, d));
        break;
      }
      case 'MEETING': {
        const hosts = this.party(TYPE.HOSTED);
        for (const g of this.party(TYPE.ATTENDED)) for (const h of hosts) if (g !== h) out.push(this.candidate(type, e, k++, g, h));
        break;
      }
      case 'AGREEMENT': {
        const parties = this.party(TYPE.PARTY_TO).sort((x, y) => x - y);
        for (let i = 0; i < parties.length; i++)
          for (let j = i + 1; j < parties.length; j++) out.push(this.candidate(type, e, k++, parties[i], parties[j]));
        break;
      }
      case 'TITLE': {
        const at = this.party(TYPE.TITLE_AT);
        for (const x of this.party(TYPE.HAS_TITLE)) for (const y of at) out.push(this.candidate(type, e, k++, x, y));
        break;
      }
    }
  }

  /** An actor's own relationship to another actor (pairings come from the fact index). */
  directEdge(a: number, b: number, type: number, out: Candidate[]): void {
    const direct = DIRECT.get(type);
    if (!direct || !this.wanted(direct[0])) return;
    out.push({
      type: direct[0],
      order: TYPE_ORDER[direct[0]],
      primary: a,
      source: a,
      target: b,
      key: `${direct[1]}:${a}>${b}`,
      event: -1,
      direct,
      pairing: null,
      shared: false,
    });
  }

  pairingEdges(f: number, out: Candidate[]): void {
    if (!this.wanted('PAIRING')) return;
    const t = this.t;
    for (const p of this.model.facts.pairingsOfNode(f)) {
      const [a, b] = [t.indexOf(p.supporterId), t.indexOf(p.supportedId)];
      out.push({
        type: 'PAIRING',
        order: TYPE_ORDER.PAIRING,
        primary: Math.min(a, b),
        source: a,
        target: b,
        key: p.id,
        event: -1,
        direct: null,
        pairing: p,
        shared: false,
      });
    }
  }

  /** The year and dates a filter reads: an event's from its card; a title has a year only. */
  passes(c: Candidate): boolean {
    const o = this.o;
    if (o.year == null && !o.from && !o.to) return true;
    if (c.pairing) return o.year == null || inForce(c.pairing, o.year, o.documentYears);
    if (c.event < 0) return true;
    const dateStart = c.type === 'TITLE' ? null : this.cards.str(c.event, 'dateStart');
    const year = this.cards.num(c.event, 'year') ?? (dateStart ? Number(dateStart.slice(0, 4)) : null);
    if (o.year != null && year != null && year !== o.year) return false;
    if ((o.from || o.to) && dateStart && !dateWithin(dateStart, this.cards.str(c.event, 'dateEnd'), o.from, o.to)) return false;
    return true;
  }

  visualNode(n: number): VisualNode {
    const { t, cards } = this;
    const id = t.idAt(n);
    return {
      id,
      type: t.labelAt(n),
      label: cards.str(n, 'name') ?? id,
      kind: cards.str(n, 'kind'),
      level: cards.str(n, 'level'),
      code: cards.str(n, 'code'),
    };
  }

  /** The edge a kept candidate stands for, with what the read model holds of it. */
  edge(c: Candidate, ids: Map<number, string>): VisualEdge {
    if (c.pairing) return pairingEdge(c.pairing);
    const [source, target] = [ids.get(c.source)!, ids.get(c.target)!];
    if (c.direct) {
      const [, rel, label] = c.direct;
      return blankEdge(`${rel}:${source}>${target}`, source, target, c.type, label);
    }
    const { t, cards } = this;
    const e = c.event;
    const eventId = t.idAt(e);
    if (c.type === 'TITLE')
      return {
        ...blankEdge(`${eventId}>${target}`, source, target, 'TITLE', cards.str(e, 'name') ?? 'title'),
        eventId,
        year: cards.num(e, 'year'),
      };
    const dateStart = cards.str(e, 'dateStart');
    // Donations and visits keep their label (the amount or date as written) on their node.
    const label =
      c.type === 'MEETING'
        ? (cards.str(e, 'name') ?? cards.str(e, 'kind') ?? 'meeting')
        : c.type === 'AGREEMENT'
          ? (cards.str(e, 'name') ?? 'agreement')
          : null;
    return {
      ...blankEdge(`${eventId}:${source}>${target}`, source, target, c.type, label),
      eventId,
      year: cards.num(e, 'year') ?? (dateStart ? Number(dateStart.slice(0, 4)) : null),
      dateStart,
      dateEnd: cards.str(e, 'dateEnd'),
      yuan: c.type === 'DONATION' ? cards.num(e, 'yuan') : null,
      shared: c.shared,
      countsOnce: c.type !== 'DONATION' || (!cards.str(e, 'restates') && !this.t.ends(e, 'out', 'PART_OF').length),
    };
  }

  /** A node's candidate edges: its own relationships to actors, the events it takes part in, its pairings. */
  candidates(f: number, readCap: number, eventCap: number): { list: Candidate[]; unread: number; walked: number } {
    const list: Candidate[] = [];
    let unread = 0;
    let walked = 0;
    let events = 0;
    for (const a of this.sides) {
      const outgoing = a === this.out;
      const start = a.start[f];
      const end = Math.min(a.start[f + 1], start + readCap);
      unread += a.start[f + 1] - end;
      walked += end - start;
      for (let i = start; i < end; i++) {
        const other = a.other[i];
        const label = this.t.labelAt(other);
        if (EVENT_LABELS.has(label)) {
          if (events++ < eventCap) this.eventEdges(other, list);
          else unread++;
        } else if (ACTOR_LABELS.has(label) && a.type[i] !== TYPE.SUPPORTS) {
          this.directEdge(outgoing ? f : other, outgoing ? other : f, a.type[i], list);
        }
      }
    }
    this.pairingEdges(f, list);
    return { list, unread, walked };
  }
}

export async function expandSubgraph(model: ReadModel, o: SubgraphOptions): Promise<VisualGraph> {
  const t = model.topology;
  const x = new Expansion(model, o);
  const nodes = new Map<number, VisualNode>();
  const kept = new Map<number | string, Candidate>();
  const omittedNodes = new Set<number>();
  let omittedEdges = 0;
  let unread = 0;
  let walked = 0;
  const seeds = o.seeds.map((id) => t.indexOf(id)).filter((n) => n >= 0 && ACTOR_LABELS.has(t.labelAt(n)));
  for (const n of seeds) nodes.set(n, x.visualNode(n));
  let frontier = [...new Set(seeds)];
  const expanded = new Set<number>();

  for (let hop = 0; hop < o.hops && frontier.length; hop++) {
    for (const f of frontier) expanded.add(f);
    const readCap = hop === 0 ? RAW_CAP : Math.min(RAW_CAP, Math.max(NEIGHBOUR_READ_MIN, NEIGHBOUR_READ_FACTOR * o.perNodeLimit));
    const eventCap = Math.min(EVENT_CAP, readCap);
    const next = new Set<number>();
    for (const f of frontier) {
      if (walked > WALK_BETWEEN_YIELDS) {
        walked = 0;
        await yieldToOthers();
      }
      const found = x.candidates(f, readCap, eventCap);
      unread += found.unread;
      walked += found.walked;
      // The edges this node shows: those that pass the filters, each once, in order.
      const seen = new Set<number | string>();
      const list = found.list.filter((c) => !seen.has(c.key) && (seen.add(c.key), x.passes(c))).sort(byOrder);
      let shown = 0;
      let skipped = 0;
      for (const c of list) {
        if (kept.has(c.key) || (c.source !== f && c.target !== f)) continue;
        if (hop === 0 && skipped < o.perNodeOffset) {
          skipped++;
          continue;
        }
        const other = c.source === f ? c.target : c.source;
        if (shown >= o.perNodeLimit) {
          omittedEdges++;
          if (!nodes.has(other)) omittedNodes.add(other);
          continue;
        }
        shown++;
        kept.set(c.key, c);
        if (!nodes.has(other)) next.add(other);
      }
    }
    const added = [...next].sort((a, b) => a - b);
    for (const n of added) {
      nodes.set(n, x.visualNode(n));
      omittedNodes.delete(n);
    }
    frontier = added.filter((n) => !expanded.has(n));
  }
  // Edges whose ends both made it in; a donation to several recipients may name some left out.
  const drawn = [...kept.values()].filter((c) => nodes.has(c.source) && nodes.has(c.target)).sort(byOrder);
  omittedEdges += kept.size - drawn.length;
  const ids = new Map([...nodes].map(([n, v]) => [n, v.id]));
  return {
    nodes: [...nodes.keys()].sort((a, b) => a - b).map((n) => nodes.get(n)!),
    edges: drawn.map((c) => x.edge(c, ids)),
    truncated: omittedEdges > 0 || unread > 0,
    omittedEdges,
    omittedNodes: omittedNodes.size,
    unreadRelationships: unread,
  };
}
