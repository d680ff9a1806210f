/**
 * Drawable subgraphs: actors (places, officials, organisations, enterprises, projects) as nodes,
 * and what connects them as edges — pairings, donations (donor → recipient), visits (visitor or
 * sender → destination), meetings (guest → host), agreements (party — party), titles (official →
 * place or organisation), place and organisation hierarchy, locations and sponsorships. Events,
 * stored as nodes of their own, become edges carrying their amount, date and quote.
 *
 * Expansion is breadth-first from the seeds, two store round trips per hop for the actors' own
 * relationships (at most RAW_CAP each way for a seed, a few times the per-node limit for a node
 * reached from the seeds, so a node with a million donations is not read whole) and two for the
 * events they take part in (at most EVENT_CAP per node), through the per-request loaders. What the
 * caps leave out is counted in `unreadRelationships`.
 */
import type { GraphEdge, GraphNode } from '../store/graph-store.js';
import type { Loaders } from '../graphql/loaders.js';
import { within as dateWithin } from './dates.js';
import { inForce } from './pairing-query.js';
import { num, provenance, str } from './props.js';
import type { ProvenanceModel } from './models.js';
import { compareIds } from './id-order.js';

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
  label: string;
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
  /** Relationships of expanded nodes never read: a node is read up to RAW_CAP relationships each way. */
  unreadRelationships: number;
}

/**
 * Relationships read per expanded node and direction: a node with more is not read whole. At most
 * 100 edges per node are drawn; the seeds' busiest node (Zhejiang) has 147 relationships, so
 * neither cap cuts anything from the seeds, while a synthetic province with a hundred thousand
 * costs a bounded read.
 */
export const RAW_CAP = 500;
/** Events (donations, visits, …) followed per expanded node, in the store's order: the rest count as unread. */
export const EVENT_CAP = 150;
/**
 * Relationships read per event (its donors, recipients, visitors, parties): events have a few;
 * read without the far ends' properties, since only the ends that are drawn are read whole.
 */
export const EVENT_PARTIES_CAP = 200;
/** About how many relationships an event has (its donors, recipients and the like), for reading them in batches. */
export const ROWS_PER_EVENT = 6;
/**
 * Beyond the seeds, a node shows at most `perNodeLimit` edges, so it is read only this many times
 * that (at least NEIGHBOUR_READ_MIN) each way: a 2-hop drawing then reads about the same at any
 * size of graph. A seed is read up to RAW_CAP, so its edges can be paged with `perNodeOffset`.
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

function visualNode(n: GraphNode): VisualNode {
  return { id: n.id, type: n.label, label: str(n.props, 'name') ?? n.id, kind: str(n.props, 'kind'), level: str(n.props, 'level'), code: str(n.props, 'code') };
}

function blankEdge(id: string, source: string, target: string, type: VisualRelation, label: string): VisualEdge {
  return {
    id, source, target, type, label, eventId: null, yuan: null, shared: false, year: null, dateStart: null, dateEnd: null,
    fromYear: null, toYear: null, level: null, status: null, provenance: null,
  };
}

/** Visual edges an event node stands for, from its own relationships. */
function eventEdges(event: GraphNode, edges: GraphEdge[]): VisualEdge[] {
  const ends = (type: string, direction: 'in' | 'out') => edges.filter((e) => e.type === type && e.direction === direction).map((e) => e.otherId);
  const p = event.props;
  const dated = (e: VisualEdge): VisualEdge => ({
    ...e, eventId: event.id, year: num(p, 'year') ?? (str(p, 'dateStart') ? Number(str(p, 'dateStart')!.slice(0, 4)) : null),
    dateStart: str(p, 'dateStart'), dateEnd: str(p, 'dateEnd'), provenance: provenance(p),
  });
  const out: VisualEdge[] = [];
  switch (event.label) {
    case 'Donation': {
      const donors = ends('GAVE', 'in');
      const recipients = [...ends('TO', 'out'), ...ends('FUNDS', 'out')];
      for (const d of donors) for (const r of recipients) {
        out.push(dated({ ...blankEdge(`${event.id}:${d}>${r}`, d, r, 'DONATION', str(p, 'amountText') ?? str(p, 'items') ?? 'donation'),
          yuan: num(p, 'yuan'), shared: donors.length > 1 || recipients.length > 1 }));
      }
      break;
    }
    case 'Visit': {
      const goers = [...new Set([...ends('WENT_ON', 'in'), ...ends('FROM', 'out')])];
      for (const a of goers) for (const d of ends('TO', 'out')) {
        out.push(dated(blankEdge(`${event.id}:${a}>${d}`, a, d, 'VISIT', str(p, 'dateText') ?? 'visit')));
      }
      break;
    }
    case 'Meeting': {
      for (const g of ends('ATTENDED', 'in')) for (const h of ends('HOSTED', 'in')) {
        if (g !== h) out.push(dated(blankEdge(`${event.id}:${g}>${h}`, g, h, 'MEETING', str(p, 'name') ?? str(p, 'kind') ?? 'meeting')));
      }
      break;
    }
    case 'Agreement': {
      const parties = ends('PARTY_TO', 'in').sort();
      for (let i = 0; i < parties.length; i++) for (let j = i + 1; j < parties.length; j++) {
        out.push(dated(blankEdge(`${event.id}:${parties[i]}>${parties[j]}`, parties[i], parties[j], 'AGREEMENT', str(p, 'name') ?? 'agreement')));
      }
      break;
    }
    case 'Title': {
      for (const o of ends('HAS_TITLE', 'in')) for (const t of ends('TITLE_AT', 'out')) {
        out.push({ ...blankEdge(`${event.id}>${t}`, o, t, 'TITLE', str(p, 'name') ?? 'title'), eventId: event.id, year: num(p, 'year'), provenance: provenance(p) });
      }
      break;
    }
  }
  return out;
}

/** Visual edges an actor's own relationship stands for (the others go through events). */
function directEdge(id: string, e: GraphEdge): VisualEdge | null {
  const [source, target] = e.direction === 'out' ? [id, e.otherId] : [e.otherId, id];
  const key = `${e.type}:${source}>${target}`;
  switch (e.type) {
    case 'SUPPORTS':
      return {
        ...blankEdge(str(e.props, 'id') ?? key, source, target, 'PAIRING', `${str(e.props, 'level') ?? ''} pairing`.trim()),
        eventId: str(e.props, 'id'), fromYear: num(e.props, 'fromYear'), toYear: num(e.props, 'toYear'),
        level: str(e.props, 'level'), status: str(e.props, 'status'), provenance: provenance(e.props),
      };
    case 'PART_OF':
      return blankEdge(key, source, target, 'PART_OF', 'part of');
    case 'LOCATED_IN':
    case 'BASED_IN':
      return blankEdge(key, source, target, 'LOCATED_IN', 'located in');
    case 'SPONSORS':
      return blankEdge(key, source, target, 'SPONSOR', 'sponsors');
    default:
      return null;
  }
}

function passes(e: VisualEdge, o: SubgraphOptions): boolean {
  if (o.relations && !o.relations.includes(e.type)) return false;
  if (e.type === 'PAIRING') {
    if (o.year == null) return true;
    return inForce({ id: e.id, supporterId: e.source, supportedId: e.target, props: { fromYear: e.fromYear, toYear: e.toYear, status: e.status, sourceDoc: e.provenance?.doc ?? null } }, o.year, o.documentYears);
  }
  if (o.year != null && e.year != null && e.year !== o.year) return false;
  if ((o.from || o.to) && e.dateStart && !dateWithin(e.dateStart, e.dateEnd, o.from, o.to)) return false;
  return true;
}

/**
 * Lets other requests be answered between one expanded node and the next: a crowded node's
 * relationships take milliseconds to sort through, and a request for 20 of them would otherwise
 * hold the serving thread for all of it at once.
 */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Events turned into edges between two such pauses. */
const EVENTS_BETWEEN_YIELDS = 200;

const TYPE_ORDER: Record<VisualRelation, number> = { PAIRING: 0, DONATION: 1, VISIT: 2, MEETING: 3, AGREEMENT: 4, TITLE: 5, PART_OF: 6, LOCATED_IN: 7, SPONSOR: 8 };

export async function expandSubgraph(loaders: Loaders, o: SubgraphOptions): Promise<VisualGraph> {
  const nodes = new Map<string, VisualNode>();
  const edges = new Map<string, VisualEdge>();
  let omittedEdges = 0;
  let unread = 0;
  const omittedNodes = new Set<string>();
  const seeds = (await loaders.node.loadMany(o.seeds)).filter((n): n is GraphNode => !!n && !(n instanceof Error) && ACTOR_LABELS.has(n.label));
  for (const s of seeds) nodes.set(s.id, visualNode(s));
  let frontier = seeds.map((s) => s.id);
  const expanded = new Set<string>();

  for (let hop = 0; hop < o.hops && frontier.length; hop++) {
    for (const f of frontier) expanded.add(f);
    const readCap = hop === 0 ? RAW_CAP : Math.min(RAW_CAP, Math.max(NEIGHBOUR_READ_MIN, NEIGHBOUR_READ_FACTOR * o.perNodeLimit));
    const eventCap = Math.min(EVENT_CAP, readCap);
    const [outs, ins] = await Promise.all([loaders.edgesLimited('out', readCap).loadMany(frontier), loaders.edgesLimited('in', readCap).loadMany(frontier)]);
    // Crowded nodes: count what the cap left unread.
    const capped = frontier.filter((_f, i) => [outs[i], ins[i]].some((l) => !(l instanceof Error) && l.length >= readCap));
    const degrees = await loaders.degree.loadMany(capped);
    capped.forEach((f, i) => {
      const read = frontier.indexOf(f);
      const got = [outs[read], ins[read]].reduce((n, l) => n + (l instanceof Error ? 0 : l.length), 0);
      const d = degrees[i];
      if (typeof d === 'number') unread += Math.max(0, d - got);
    });
    const candidates = new Map<string, VisualEdge[]>(frontier.map((f) => [f, []]));
    const eventIds = new Set<string>();
    for (const [i, f] of frontier.entries()) {
      if (i > 0) await yieldToOthers();
      let events = 0;
      for (const list of [outs[i], ins[i]]) {
        if (list instanceof Error) throw list;
        for (const e of list) {
          if (EVENT_LABELS.has(e.otherLabel)) {
            if (events++ < eventCap) eventIds.add(e.otherId);
            else unread++;
          } else if (ACTOR_LABELS.has(e.otherLabel)) {
            const v = directEdge(f, e);
            if (v) candidates.get(f)!.push(v);
          }
        }
      }
    }
    // Events the frontier takes part in, with all their participants: one more pair of round trips.
    const events = [...eventIds].sort();
    const [eventNodes, eventOuts, eventIns] = await Promise.all([
      loaders.node.loadMany(events), loaders.edgesLimited('out', EVENT_PARTIES_CAP, ROWS_PER_EVENT).loadMany(events), loaders.edgesLimited('in', EVENT_PARTIES_CAP, ROWS_PER_EVENT).loadMany(events),
    ]);
    for (let i = 0; i < events.length; i++) {
      if (i > 0 && i % EVENTS_BETWEEN_YIELDS === 0) await yieldToOthers();
      const node = eventNodes[i];
      const out = eventOuts[i];
      const inn = eventIns[i];
      if (!node || node instanceof Error || out instanceof Error || inn instanceof Error) continue;
      for (const v of eventEdges(node, [...out, ...inn])) {
        for (const f of [v.source, v.target]) if (candidates.has(f)) candidates.get(f)!.push(v);
      }
    }
    const next = new Set<string>();
    for (const [i, f] of frontier.entries()) {
      if (i > 0) await yieldToOthers();
      const list = [...new Map(candidates.get(f)!.filter((v) => passes(v, o)).map((v) => [v.id, v])).values()]
        .sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || compareIds(a.id, b.id));
      let kept = 0;
      let skipped = 0;
      for (const v of list) {
        if (edges.has(v.id)) continue;
        if (hop === 0 && skipped < o.perNodeOffset) { skipped++; continue; }
        const other = v.source === f ? v.target : v.source;
        if (kept >= o.perNodeLimit) {
          omittedEdges++;
          if (!nodes.has(other)) omittedNodes.add(other);
          continue;
        }
        kept++;
        edges.set(v.id, v);
        if (!nodes.has(other)) next.add(other);
      }
    }
    const added = (await loaders.node.loadMany([...next].sort())).filter((n): n is GraphNode => !!n && !(n instanceof Error));
    for (const n of added) { nodes.set(n.id, visualNode(n)); omittedNodes.delete(n.id); }
    frontier = added.map((n) => n.id).filter((id) => !expanded.has(id));
  }
  // Edges whose ends both made it in; a donation to several recipients may name some left out.
  const kept = [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target));
  omittedEdges += edges.size - kept.length;
  return {
    nodes: [...nodes.values()].sort((a, b) => compareIds(a.id, b.id)),
    edges: kept.sort((a, b) => compareIds(a.id, b.id)),
    truncated: omittedEdges > 0 || unread > 0,
    omittedEdges,
    omittedNodes: omittedNodes.size,
    unreadRelationships: unread,
  };
}
