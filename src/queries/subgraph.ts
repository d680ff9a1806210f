/**
 * Drawable subgraphs: actors (places, officials, organisations, enterprises, projects) as nodes,
 * and what connects them as edges — pairings, donations (donor → recipient), visits (visitor or
 * sender → destination), meetings (guest → host), agreements (party — party), titles (official →
 * place or organisation), place and organisation hierarchy, locations and sponsorships. Events,
 * stored as nodes of their own, become edges carrying their amount and date.
 *
 * Expansion is breadth-first from the seeds over the read model's topology: nothing is read from
 * the store. A seed's relationships are walked up to RAW_CAP each way, a node reached from the
 * seeds' only a few times the per-node limit, and at most EVENT_CAP events per node, so a node
 * with a million donations costs a bounded walk; what the caps leave out is counted in
 * `unreadRelationships`. An edge's label and quote, where they live only on its event's node,
 * are read by whoever shows them (`edgeDetails`).
 */
import type { GraphNode, PairingFact } from '../store/graph-store.js';
import type { ReadModel } from '../graph/read-model.js';
import { relTypeNumber } from '../graph/topology.js';
import { within as dateWithin } from './dates.js';
import { inForce } from './pairing-query.js';
import { num, provenance, str } from './props.js';
import type { ProvenanceModel } from './models.js';

export const VISUAL_RELATIONS = ['PAIRING', 'DONATION', 'VISIT', 'MEETING', 'AGREEMENT', 'TITLE', 'PART_OF', 'LOCATED_IN', 'SPONSOR'] as const;
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
export const NEIGHBOUR_READ_FACTOR = 5;
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
    id, source, target, type, label, eventId: null, yuan: null, shared: false, year: null, dateStart: null, dateEnd: null,
    fromYear: null, toYear: null, level: null, status: null, provenance: null,
  };
}

function pairingEdge(p: PairingFact): VisualEdge {
  return {
    ...blankEdge(p.id, p.supporterId, p.supportedId, 'PAIRING', `${str(p.props, 'level') ?? ''} pairing`.trim()),
    eventId: p.id, fromYear: num(p.props, 'fromYear'), toYear: num(p.props, 'toYear'),
    level: str(p.props, 'level'), status: str(p.props, 'status'), provenance: provenance(p.props),
  };
}

/**
 * What an edge shows that lives on its event's node (a donation's amount as written, a visit's
 * date as written, the quote): filled in by whoever shows it, from the node read from the store.
 */
export function edgeDetails(e: VisualEdge, event: GraphNode | null): { label: string; provenance: ProvenanceModel | null } {
  if (e.label !== null || !event) return { label: e.label ?? e.type.toLowerCase(), provenance: e.provenance };
  const p = event.props;
  const label = e.type === 'DONATION' ? (str(p, 'amountText') ?? str(p, 'items') ?? 'donation') : e.type === 'VISIT' ? (str(p, 'dateText') ?? 'visit') : e.type.toLowerCase();
  return { label, provenance: provenance(p) };
}

/** Edges whose label or quote is read from their event's node. */
export const needsDetails = (e: VisualEdge): boolean => e.label === null || (e.provenance === null && e.eventId !== null && e.type !== 'PAIRING');

const TYPE = {
  PART_OF: relTypeNumber('PART_OF'), LOCATED_IN: relTypeNumber('LOCATED_IN'), BASED_IN: relTypeNumber('BASED_IN'), SPONSORS: relTypeNumber('SPONSORS'),
  GAVE: relTypeNumber('GAVE'), TO: relTypeNumber('TO'), FUNDS: relTypeNumber('FUNDS'), WENT_ON: relTypeNumber('WENT_ON'), FROM: relTypeNumber('FROM'),
  HOSTED: relTypeNumber('HOSTED'), ATTENDED: relTypeNumber('ATTENDED'), PARTY_TO: relTypeNumber('PARTY_TO'), HAS_TITLE: relTypeNumber('HAS_TITLE'),
  TITLE_AT: relTypeNumber('TITLE_AT'), SUPPORTS: relTypeNumber('SUPPORTS'),
};

const TYPE_ORDER: Record<VisualRelation, number> = { PAIRING: 0, DONATION: 1, VISIT: 2, MEETING: 3, AGREEMENT: 4, TITLE: 5, PART_OF: 6, LOCATED_IN: 7, SPONSOR: 8 };

/** A candidate edge with the numbers it is ordered by: kind, then the event's (or source's) node number, then its ends. */
interface Candidate {
  edge: VisualEdge;
  order: number;
  primary: number;
  source: number;
  target: number;
}

const byOrder = (a: Candidate, b: Candidate) => a.order - b.order || a.primary - b.primary || a.source - b.source || a.target - b.target;

/** Lets other requests be answered during a large expansion (one with many seeds and hops). */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Relationships walked between two such pauses: a few milliseconds' work. */
const WALK_BETWEEN_YIELDS = 20_000;

export async function expandSubgraph(model: ReadModel, o: SubgraphOptions): Promise<VisualGraph> {
  const { topology: t, cards, facts } = model;
  const idOf = (n: number) => t.idAt(n);
  const visualNode = (n: number): VisualNode => ({
    id: idOf(n), type: t.labelAt(n), label: cards.str(n, 'name') ?? idOf(n), kind: cards.str(n, 'kind'), level: cards.str(n, 'level'), code: cards.str(n, 'code'),
  });
  const nodes = new Map<number, VisualNode>();
  const edges = new Map<string, Candidate>();
  const omittedNodes = new Set<number>();
  let omittedEdges = 0;
  let unread = 0;
  let walked = 0;
  const seeds = o.seeds.map((id) => t.indexOf(id)).filter((n) => n >= 0 && ACTOR_LABELS.has(t.labelAt(n)));
  for (const n of seeds) nodes.set(n, visualNode(n));
  let frontier = [...new Set(seeds)];
  const expanded = new Set<number>();
  const wanted = (type: VisualRelation) => !o.relations || o.relations.includes(type);

  /** The event's edges, from its own relationships. */
  const eventEdges = (e: number, out: Candidate[]) => {
    const ends = (type: number, direction: 'in' | 'out') => {
      const list: number[] = [];
      let k = 0;
      t.forEach(e, direction, (other, ty) => {
        if (ty === type) list.push(other);
        return ++k < EVENT_PARTIES_CAP;
      });
      return list;
    };
    const eventId = idOf(e);
    const label = t.labelAt(e);
    const dated = (edge: VisualEdge): VisualEdge => ({
      ...edge, eventId, year: cards.num(e, 'year') ?? (cards.str(e, 'dateStart') ? Number(cards.str(e, 'dateStart')!.slice(0, 4)) : null),
      dateStart: cards.str(e, 'dateStart'), dateEnd: cards.str(e, 'dateEnd'),
    });
    const add = (type: VisualRelation, a: number, b: number, edge: () => VisualEdge) => {
      if (wanted(type)) out.push({ edge: edge(), order: TYPE_ORDER[type], primary: e, source: a, target: b });
    };
    const key = (a: number, b: number) => `${eventId}:${idOf(a)}>${idOf(b)}`;
    switch (label) {
      case 'Donation': {
        const donors = ends(TYPE.GAVE, 'in');
        const recipients = [...ends(TYPE.TO, 'out'), ...ends(TYPE.FUNDS, 'out')];
        const shared = donors.length > 1 || recipients.length > 1;
        for (const d of donors) for (const r of recipients) add('DONATION', d, r, () => dated({ ...blankEdge(key(d, r), idOf(d), idOf(r), 'DONATION', null), yuan: cards.num(e, 'yuan'), shared }));
        break;
      }
      case 'Visit': {
        const goers = [...new Set([...ends(TYPE.WENT_ON, 'in'), ...ends(TYPE.FROM, 'out')])];
        for (const a of goers) for (const d of ends(TYPE.TO, 'out')) add('VISIT', a, d, () => dated(blankEdge(key(a, d), idOf(a), idOf(d), 'VISIT', null)));
        break;
      }
      case 'Meeting': {
        const name = cards.str(e, 'name') ?? cards.str(e, 'kind') ?? 'meeting';
        for (const g of ends(TYPE.ATTENDED, 'in')) for (const h of ends(TYPE.HOSTED, 'in')) {
          if (g !== h) add('MEETING', g, h, () => dated(blankEdge(key(g, h), idOf(g), idOf(h), 'MEETING', name)));
        }
        break;
      }
      case 'Agreement': {
        const parties = ends(TYPE.PARTY_TO, 'in');
        const name = cards.str(e, 'name') ?? 'agreement';
        for (let i = 0; i < parties.length; i++) for (let j = i + 1; j < parties.length; j++) {
          const [a, b] = [parties[i], parties[j]];
          add('AGREEMENT', a, b, () => dated(blankEdge(key(a, b), idOf(a), idOf(b), 'AGREEMENT', name)));
        }
        break;
      }
      case 'Title': {
        const name = cards.str(e, 'name') ?? 'title';
        for (const p of ends(TYPE.HAS_TITLE, 'in')) for (const at of ends(TYPE.TITLE_AT, 'out')) {
          add('TITLE', p, at, () => ({ ...blankEdge(`${eventId}>${idOf(at)}`, idOf(p), idOf(at), 'TITLE', name), eventId, year: cards.num(e, 'year') }));
        }
        break;
      }
    }
  };

  /** An actor's own relationship to another actor, as an edge (pairings come from the fact index). */
  const directEdge = (f: number, other: number, type: number, direction: 'out' | 'in', out: Candidate[]) => {
    const [a, b] = direction === 'out' ? [f, other] : [other, f];
    const make = (vt: VisualRelation, rel: string, label: string) => {
      if (wanted(vt)) out.push({ edge: blankEdge(`${rel}:${idOf(a)}>${idOf(b)}`, idOf(a), idOf(b), vt, label), order: TYPE_ORDER[vt], primary: a, source: a, target: b });
    };
    if (type === TYPE.PART_OF) make('PART_OF', 'PART_OF', 'part of');
    else if (type === TYPE.LOCATED_IN) make('LOCATED_IN', 'LOCATED_IN', 'located in');
    else if (type === TYPE.BASED_IN) make('LOCATED_IN', 'BASED_IN', 'located in');
    else if (type === TYPE.SPONSORS) make('SPONSOR', 'SPONSORS', 'sponsors');
  };

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
      const candidates: Candidate[] = [];
      let events = 0;
      for (const direction of ['out', 'in'] as const) {
        let read = 0;
        t.forEach(f, direction, (other, type) => {
          if (read++ >= readCap) return false;
          const label = t.labelAt(other);
          if (EVENT_LABELS.has(label)) {
            if (events++ < eventCap) eventEdges(other, candidates);
            else unread++;
          } else if (ACTOR_LABELS.has(label) && type !== TYPE.SUPPORTS) directEdge(f, other, type, direction, candidates);
        });
        walked += read;
        unread += Math.max(0, t.degree(f, direction) - readCap);
      }
      if (wanted('PAIRING')) {
        const id = idOf(f);
        for (const p of facts.pairingCandidates({ sides: new Set([id]) })) {
          const [a, b] = [t.indexOf(p.supporterId), t.indexOf(p.supportedId)];
          candidates.push({ edge: pairingEdge(p), order: TYPE_ORDER.PAIRING, primary: Math.min(a, b), source: a, target: b });
        }
      }
      // The edges this node shows: those that pass the filters, each once, in order.
      const seen = new Set<string>();
      const list = candidates.filter((c) => passes(c.edge, o) && !seen.has(c.edge.id) && (seen.add(c.edge.id), true)).sort(byOrder);
      let kept = 0;
      let skipped = 0;
      for (const c of list) {
        if (edges.has(c.edge.id) || (c.source !== f && c.target !== f)) continue;
        if (hop === 0 && skipped < o.perNodeOffset) {
          skipped++;
          continue;
        }
        const other = c.source === f ? c.target : c.source;
        if (kept >= o.perNodeLimit) {
          omittedEdges++;
          if (!nodes.has(other)) omittedNodes.add(other);
          continue;
        }
        kept++;
        edges.set(c.edge.id, c);
        if (!nodes.has(other)) next.add(other);
      }
    }
    const added = [...next].sort((a, b) => a - b);
    for (const n of added) {
      nodes.set(n, visualNode(n));
      omittedNodes.delete(n);
    }
    frontier = added.filter((n) => !expanded.has(n));
  }
  // Edges whose ends both made it in; a donation to several recipients may name some left out.
  const kept = [...edges.values()].filter((c) => nodes.has(c.source) && nodes.has(c.target));
  omittedEdges += edges.size - kept.length;
  return {
    nodes: [...nodes.keys()].sort((a, b) => a - b).map((n) => nodes.get(n)!),
    edges: kept.sort(byOrder).map((c) => c.edge),
    truncated: omittedEdges > 0 || unread > 0,
    omittedEdges,
    omittedNodes: omittedNodes.size,
    unreadRelationships: unread,
  };
}

function passes(e: VisualEdge, o: SubgraphOptions): boolean {
  if (e.type === 'PAIRING') {
    if (o.year == null) return true;
    return inForce({ id: e.id, supporterId: e.source, supportedId: e.target, props: { fromYear: e.fromYear, toYear: e.toYear, status: e.status, sourceDoc: e.provenance?.doc ?? null } }, o.year, o.documentYears);
  }
  if (o.year != null && e.year != null && e.year !== o.year) return false;
  if ((o.from || o.to) && e.dateStart && !dateWithin(e.dateStart, e.dateEnd, o.from, o.to)) return false;
  return true;
}
