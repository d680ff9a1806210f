/**
 * What the heavy operations cost, in the units of the query cost limit (one unit is about 100 µs
 * of worst-case work on a two-core machine; see SECURITY.md for the calibration). Priced from the
 * request's own arguments before anything runs, and capped by the size of the loaded graph: a
 * neighbourhood cannot hold more actors than the graph has. Used by the GraphQL cost walk
 * (cost.ts) and by the export downloads, so both are held to the same limit.
 */

import { EVENT_CAP, NEIGHBOUR_READ_FACTOR, NEIGHBOUR_READ_MIN, RAW_CAP, ROWS_PER_EVENT } from './subgraph.js';
import { BARNES_HUT_ABOVE, MAX_DEFAULT_ITERATIONS } from './graph-analysis.js';

import type { GraphSize } from '../graph/read-model.js';

export type { GraphSize };

/**
 * Reading one relationship row while expanding a neighbourhood (about 11 µs on a million-node
 * graph: the row is read, turned into an object and sorted through on the serving thread).
 */
export const EXPAND_UNITS_PER_ROW = 0.11;
/** At most how many rows expanding can read on a graph: each relationship from both ends, and again through its event. */
const ROWS_PER_RELATIONSHIP = 3;
/**
 * One ForceAtlas2 iteration over one node of a drawing of more than BARNES_HUT_ABOVE nodes, where
 * far nodes are taken in groups (5 to 7 µs at one to four thousand nodes, 9 to 12 µs at ten to
 * twenty thousand, which the limit leaves only a few iterations). In a smaller drawing each node
 * meets every other (about 5 ns each), so a node-iteration is priced at nodes ÷ BARNES_HUT_ABOVE
 * of this.
 */
export const LAYOUT_UNITS_PER_NODE_ITERATION = 0.09;
/**
 * The radial placement, communities, PageRank and yuan totals, per node and edge (1 to 3 µs: most
 * in Louvain, on graphs with no community structure).
 */
export const ANALYSIS_UNITS_PER_ELEMENT = 0.03;
/** Writing one node or edge into an export file (GEXF and GraphML are the slowest formats). */
export const EXPORT_UNITS_PER_ELEMENT = 1;
/**
 * Lists and totals that name no actor go through every fact of their kind, over the read model's
 * columns (measured on the million-node graph, per fact, about half of each price): totals by
 * year or kind about 0.24 µs; by donor or recipient up to 0.74 µs; by pair 3.2 µs; a donation
 * list, filtered and ordered, 0.41 µs; a visit list 3.2 µs (its facts are made into objects).
 */
export const SCAN_UNITS_PER_FACT = {
  totals: 0.005,
  totalsByActor: 0.015,
  totalsByPair: 0.07,
  /** Rolled up to provinces: each row's ends looked up and grouped under string keys (province-totals.ts). */
  totalsByProvince: 0.1,
  donations: 0.01,
  visits: 0.06,
  pairings: 0.03,
  statistics: 0.01,
  /** Each commitment's card read, and its stage with the node when the filter names stages. */
  commitments: 0.01,
  /** Per donation and visit: each is matched to pairs through its ends' places (panel.ts). */
  panel: 0.1,
} as const;

/** Following one level of a path search over chosen relations (reads every relationship of the frontier). */
export const PATH_UNITS_PER_HOP = 150;
/** The store's own shortest path over every relation, per hop. */
export const STORE_PATH_UNITS_PER_HOP = 100;

export interface SubgraphArgs {
  seeds?: unknown;
  hops?: unknown;
  perNodeLimit?: unknown;
  layoutIterations?: unknown;
}

export interface SubgraphBounds {
  seeds: number;
  /** Nodes whose relationships are read. */
  expanded: number;
  /** Relationship rows read at most: each node's read is capped (subgraph.ts). */
  rows: number;
  nodes: number;
  edges: number;
  /** As asked, or the most the default gives (it follows the size of the graph read). */
  layoutIterations: number;
}

/**
 * An integer argument as the resolver will read it. Out of its range it prices as the minimum:
 * the resolver refuses it before any work, with a message naming the range.
 */
function intArg(v: unknown, fallback: number, min: number, max: number): number {
  const n = v == null ? fallback : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : min;
}

/**
 * At most how many nodes and edges a subgraph request can draw: each expanded node keeps at most
 * `perNodeLimit` edges, so hop h reaches at most seeds × perNodeLimit^h new nodes.
 */
export function subgraphBounds(args: SubgraphArgs, size?: GraphSize): SubgraphBounds {
  const seeds = Array.isArray(args.seeds) ? Math.min(20, Math.max(1, new Set(args.seeds).size)) : 1;
  const hops = intArg(args.hops, 1, 1, 3);
  const perNode = intArg(args.perNodeLimit, 25, 1, 100);
  const layoutIterations = intArg(args.layoutIterations, MAX_DEFAULT_ITERATIONS, 0, 1000);
  let level = seeds;
  let expanded = 0;
  let nodes = seeds;
  for (let h = 0; h < hops; h++) {
    expanded += level;
    level *= perNode;
    nodes += level;
  }
  const actors = size?.actors ?? Infinity;
  const relationships = size?.relationships ?? Infinity;
  const rowsOf = (cap: number) => 2 * cap + Math.min(EVENT_CAP, cap) * ROWS_PER_EVENT;
  const beyondSeeds = Math.min(RAW_CAP, Math.max(NEIGHBOUR_READ_MIN, NEIGHBOUR_READ_FACTOR * perNode));
  return {
    seeds,
    expanded: Math.min(expanded, actors),
    rows: Math.min(seeds * rowsOf(RAW_CAP) + (expanded - seeds) * rowsOf(beyondSeeds), ROWS_PER_RELATIONSHIP * relationships),
    nodes: Math.min(nodes, actors),
    edges: Math.min(expanded * perNode, relationships),
    layoutIterations,
  };
}

/**
 * Reading a subgraph's neighbourhood, priced before the request runs. Its layout and exports are
 * priced on the graph actually read, before they run (`layoutUnits`, `exportUnits`).
 */
export function expansionUnits(b: SubgraphBounds): number {
  return Math.ceil(b.rows * EXPAND_UNITS_PER_ROW);
}

/** Laying out and measuring a graph of this size. */
export function layoutUnits(nodes: number, edges: number, iterations: number): number {
  const perNodeIteration = LAYOUT_UNITS_PER_NODE_ITERATION * Math.min(1, nodes / BARNES_HUT_ABOVE);
  return Math.ceil(nodes * iterations * perNodeIteration + (nodes + edges) * ANALYSIS_UNITS_PER_ELEMENT);
}

/** Writing a graph of this size to a file. */
export function exportUnits(nodes: number, edges: number): number {
  return Math.ceil((nodes + edges) * EXPORT_UNITS_PER_ELEMENT);
}

/** An export priced before the request runs: the graph holds its seeds at least (it is priced again on the graph read). */
export function exportFloorUnits(b: SubgraphBounds): number {
  return exportUnits(b.seeds, 0);
}

/** A shortest-path search: over chosen relations it reads level by level, otherwise the store searches. */
export function pathUnits(maxHops: unknown, relations: unknown): number {
  const hops = intArg(maxHops, 4, 1, 6);
  return hops * (Array.isArray(relations) && relations.length ? PATH_UNITS_PER_HOP : STORE_PATH_UNITS_PER_HOP);
}

/** A list or total over every fact of a kind: what scanning `facts` of them costs (nothing while the size is unknown). */
/** The panel goes through every donation, visit, meeting and agreement. */
export function panelUnits(size: GraphSize | undefined): number {
  return scanUnits((size?.donations ?? 0) + (size?.visits ?? 0), 'panel');
}

export function scanUnits(facts: number | undefined, rate: keyof typeof SCAN_UNITS_PER_FACT): number {
  return Math.ceil((facts ?? 0) * SCAN_UNITS_PER_FACT[rate]);
}
