/**
 * Layout and measures for a drawable subgraph: a radial placement from the seeds (the neighbours
 * each node reaches first placed around it), refined by ForceAtlas2 (force-atlas2-step.ts, or
 * graphology's for the largest drawings); degree and yuan given and received; and, when asked
 * for, graphology's Louvain communities (seeded) and PageRank, which cost more than the rest of a
 * small drawing. Deterministic: the same graph, seeds and layout seed give the same drawing.
 * Small layouts run on the serving thread, larger ones on the worker pool (work-pool.ts).
 */
import { createRequire } from 'node:module';
import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import louvainModule from 'graphology-communities-louvain';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import seedrandom from 'seedrandom';
import { linearForceAtlas2Step, linearStepCovers, PER_EDGE, PER_NODE } from './force-atlas2-step.js';
import type { VisualEdge, VisualGraph, VisualNode } from './subgraph.js';

// The package is CommonJS whose module object is the function itself; its typings describe an ES
// default export, so the value is re-typed here once.
const forceAtlas2 = forceAtlas2Module as unknown as typeof import('graphology-layout-forceatlas2').default;
const louvain = louvainModule as unknown as typeof import('graphology-communities-louvain').default;
const pagerankOf = pagerankModule as unknown as typeof import('graphology-metrics/centrality/pagerank.js').default;
// One ForceAtlas2 step over the library's own node and edge matrices: building a graphology graph
// only to hand it to the layout would cost more than a small layout itself. Drawings compared pair
// by pair take a step of the project's own with the same forces (force-atlas2-step.ts).
type ForceAtlas2Step = (settings: object, nodes: Float32Array, edges: Float32Array) => void;
const forceAtlas2Step = createRequire(import.meta.url)('graphology-layout-forceatlas2/iterate.js') as ForceAtlas2Step;

export interface AnalysedNode extends VisualNode {
  x: number;
  y: number;
  community: number;
  degree: number;
  pagerank: number;
  yuanReceived: number;
  yuanGiven: number;
  /** A size for drawing: grows with degree. */
  size: number;
}

export interface AnalysedGraph {
  nodes: AnalysedNode[];
  edges: VisualEdge[];
  truncated: boolean;
  omittedEdges: number;
  omittedNodes: number;
  unreadRelationships: number;
  seed: number;
}

export interface LayoutOptions {
  seed: number;
  iterations: number;
  /** The actors the drawing starts from: the middle of the radial placement. */
  seeds: readonly string[];
  /** Whether to work out communities and PageRank. */
  measures: boolean;
}

/** Positions and measures go out to three decimals. */
const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * ForceAtlas2 iterations when the request names none: about this many node-iterations shared
 * among the nodes, at most MAX_DEFAULT_ITERATIONS. A drawing that would get fewer than
 * MIN_REFINING_ITERATIONS keeps its radial placement: a few steps only start moving it.
 */
export const DEFAULT_LAYOUT_NODE_ITERATIONS = 2_000;
export const MAX_DEFAULT_ITERATIONS = 200;
export const MIN_REFINING_ITERATIONS = 10;

export function defaultLayoutIterations(nodes: number): number {
  const iterations = Math.min(MAX_DEFAULT_ITERATIONS, Math.floor(DEFAULT_LAYOUT_NODE_ITERATIONS / Math.max(1, nodes)));
  return iterations >= MIN_REFINING_ITERATIONS ? iterations : 0;
}

/** ForceAtlas2 takes far nodes in groups (Barnes-Hut) above this many nodes: below, comparing every pair is as fast. */
export const BARNES_HUT_ABOVE = 1000;

/** What the layout needs of a graph: ids, edges as positions in that list, and the seeds' positions. */
export interface LayoutInput {
  ids: string[];
  sources: Int32Array;
  targets: Int32Array;
  seeds: Int32Array;
  seed: number;
  iterations: number;
  /** Whether to work out communities and PageRank (a response or a file that shows them). */
  measures: boolean;
}

/** Positions and measures per node, in the order of `ids`. */
export interface LayoutResult {
  x: Float64Array;
  y: Float64Array;
  community: Int32Array;
  degree: Int32Array;
  pagerank: Float64Array;
}

/** Each node's neighbours, once each and never itself: `next[start[v]]` to `next[start[v + 1] - 1]`. */
interface Neighbours {
  start: Int32Array;
  next: Int32Array;
}

function neighbours(n: number, sources: Int32Array, targets: Int32Array): Neighbours {
  // Every edge both ways, then each node's list with repeats and self-loops dropped in place.
  const all = new Int32Array(n + 1);
  for (let i = 0; i < sources.length; i++) {
    all[sources[i] + 1]++;
    all[targets[i] + 1]++;
  }
  for (let v = 0; v < n; v++) all[v + 1] += all[v];
  const fill = all.slice(0, n);
  const ends = new Int32Array(all[n]);
  for (let i = 0; i < sources.length; i++) {
    ends[fill[sources[i]]++] = targets[i];
    ends[fill[targets[i]]++] = sources[i];
  }
  const start = new Int32Array(n + 1);
  const next = new Int32Array(all[n]);
  const lastSeenBy = new Int32Array(n).fill(-1);
  let k = 0;
  for (let v = 0; v < n; v++) {
    start[v] = k;
    for (let j = all[v]; j < all[v + 1]; j++) {
      const w = ends[j];
      if (w === v || lastSeenBy[w] === v) continue;
      lastSeenBy[w] = v;
      next[k++] = w;
    }
  }
  start[n] = k;
  return { start, next: next.subarray(0, k) };
}

// The radial placement is drawn in ForceAtlas2's own units (its repulsion with the scaling ratio
// below sets an edge's length), so that refining it starts near where the layout settles.
const NODE_RADIUS = 3;
const GAP = 1;
const SCALING_RATIO = 10;
const PARENT_SLOT = 2 * NODE_RADIUS + GAP;

interface Placement {
  x: Float64Array;
  y: Float64Array;
}

/**
 * A balloon tree: breadth-first from the seeds, each node's children (the neighbours first reached
 * through it) on a circle around it, each child given an arc as wide as its own subtree's disc, a
 * slot left towards the node's parent; the seeds around the middle. Subtrees never overlap;
 * edges that are not in the tree (a node reached two ways) are left to ForceAtlas2 to shorten.
 */
function radialPlacement(n: number, { start, next }: Neighbours, mass: Float32Array, seeds: Int32Array, turn: number): Placement {
  const parent = new Int32Array(n).fill(-2);
  const order = new Int32Array(n);
  const roots: number[] = [];
  let head = 0;
  let tail = 0;
  const reach = (from: Iterable<number>) => {
    for (const r of from) {
      if (parent[r] !== -2) continue;
      parent[r] = -1;
      roots.push(r);
      order[tail++] = r;
    }
    while (head < tail) {
      const v = order[head++];
      for (let j = start[v]; j < start[v + 1]; j++) {
        if (parent[next[j]] !== -2) continue;
        parent[next[j]] = v;
        order[tail++] = next[j];
      }
    }
  };
  reach(seeds);
  // Parts not connected to a seed (none, when the graph was expanded from them) start their own tree.
  for (let v = 0; v < n; v++) if (parent[v] === -2) reach([v]);

  const childStart = new Int32Array(n + 2);
  for (let v = 0; v < n; v++) if (parent[v] >= 0) childStart[parent[v] + 2]++;
  for (let v = 0; v < n; v++) childStart[v + 2] += childStart[v + 1];
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) if (parent[order[i]] >= 0) children[childStart[parent[order[i]] + 1]++] = order[i];
  const childrenOf = (v: number) => children.subarray(childStart[v], childStart[v + 1]);

  /** Radius of the disc holding a node's subtree, and how far its children stand from it. */
  const disc = new Float64Array(n);
  const reachOut = new Float64Array(n);
  const width = (c: number) => 2 * disc[c] + GAP;
  /** The smallest distance at which `list` fits around `hub` (-1: the middle) without overlapping. */
  const ringRadius = (list: ArrayLike<number>, hub: number, slot: number): number => {
    let total = slot;
    let ideal = 0;
    let widest = 0;
    for (let i = 0; i < list.length; i++) {
      total += width(list[i]);
      widest = Math.max(widest, disc[list[i]]);
      if (hub >= 0) ideal += Math.sqrt(SCALING_RATIO * mass[hub] * mass[list[i]]);
    }
    let d = Math.max(ideal / list.length, total / (2 * Math.PI), widest + NODE_RADIUS + GAP);
    // Each child's disc must fit within its arc.
    for (let i = 0; i < list.length; i++) {
      const arc = (2 * Math.PI * width(list[i])) / total;
      if (arc < Math.PI) d = Math.max(d, width(list[i]) / (2 * Math.sin(arc / 2)));
    }
    return d;
  };
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i];
    const list = childrenOf(v);
    if (!list.length) {
      disc[v] = NODE_RADIUS;
      continue;
    }
    reachOut[v] = ringRadius(list, v, parent[v] >= 0 || roots.length > 1 ? PARENT_SLOT : 0);
    let widest = 0;
    for (const c of list) widest = Math.max(widest, disc[c]);
    disc[v] = reachOut[v] + widest;
  }

  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const heading = new Float64Array(n);
  /** Places `list` around (cx, cy), the slot (if any) centred on angle `from`. */
  const around = (list: ArrayLike<number>, d: number, cx: number, cy: number, from: number, slot: number) => {
    let total = slot;
    for (let i = 0; i < list.length; i++) total += width(list[i]);
    let angle = from + (Math.PI * slot) / total;
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      const arc = (2 * Math.PI * width(c)) / total;
      heading[c] = angle + arc / 2;
      x[c] = cx + d * Math.cos(heading[c]);
      y[c] = cy + d * Math.sin(heading[c]);
      angle += arc;
    }
  };
  if (roots.length > 1) around(roots, ringRadius(roots, -1, 0), 0, 0, turn, 0);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    const list = childrenOf(v);
    if (!list.length) continue;
    if (parent[v] < 0 && roots.length === 1) around(list, reachOut[v], x[v], y[v], turn, 0);
    else around(list, reachOut[v], x[v], y[v], heading[v] + Math.PI, PARENT_SLOT);
  }
  return { x, y };
}

/**
 * graphology's Louvain communities (seeded) and PageRank, over the simple undirected graph:
 * parallel events between two actors collapse to one tie. Communities are numbered in the order
 * of their first node.
 */
function communitiesAndRanks(n: number, { start, next }: Neighbours, seed: number): { community: Int32Array; ranks: Float64Array } {
  const g = new UndirectedGraph();
  for (let v = 0; v < n; v++) g.addNode(v);
  for (let v = 0; v < n; v++) for (let j = start[v]; j < start[v + 1]; j++) if (v < next[j]) g.addEdge(v, next[j]);
  const found = louvain(g, { rng: seedrandom(`${seed}:louvain`), getEdgeWeight: null });
  const renumber = new Map<number, number>();
  const community = Int32Array.from({ length: n }, (_, v) => {
    const c = found[String(v)];
    if (!renumber.has(c)) renumber.set(c, renumber.size);
    return renumber.get(c)!;
  });
  const rank = n > 0 ? pagerankOf(g, { getEdgeWeight: null }) : {};
  return { community, ranks: Float64Array.from({ length: n }, (_, v) => rank[String(v)] ?? 0) };
}

const FA2_DEFAULTS = {
  linLogMode: false,
  outboundAttractionDistribution: false,
  adjustSizes: false,
  edgeWeightInfluence: 1,
  barnesHutTheta: 0.5,
};

/** Placement, ForceAtlas2, Louvain and PageRank over a graph given as index arrays. */
export function layoutGraph({ ids, sources, targets, seeds, seed, iterations, measures }: LayoutInput): LayoutResult {
  const n = ids.length;
  const degree = new Int32Array(n);
  for (let i = 0; i < sources.length; i++) {
    degree[sources[i]]++;
    degree[targets[i]]++;
  }
  // ForceAtlas2's mass: one more than the degree.
  const mass = Float32Array.from(degree, (d) => d + 1);
  const simple = neighbours(n, sources, targets);
  const start = radialPlacement(n, simple, mass, seeds, seedrandom(String(seed))() * 2 * Math.PI);

  const nodes = new Float32Array(n * PER_NODE);
  for (let v = 0; v < n; v++) {
    const row = v * PER_NODE;
    nodes[row] = start.x[v];
    nodes[row + 1] = start.y[v];
    nodes[row + 6] = mass[v];
    nodes[row + 7] = 1; // convergence
    nodes[row + 8] = 1; // size
  }
  if (n > 1 && iterations > 0) {
    const edges = new Float32Array(sources.length * PER_EDGE);
    for (let i = 0; i < sources.length; i++) {
      edges[i * PER_EDGE] = sources[i] * PER_NODE;
      edges[i * PER_EDGE + 1] = targets[i] * PER_NODE;
      edges[i * PER_EDGE + 2] = 1;
    }
    const settings = { ...FA2_DEFAULTS, ...forceAtlas2.inferSettings(n), barnesHutOptimize: n > BARNES_HUT_ABOVE };
    const step = linearStepCovers(settings) ? linearForceAtlas2Step : forceAtlas2Step;
    for (let i = 0; i < iterations; i++) step(settings, nodes, edges);
  }

  const { community, ranks } = measures
    ? communitiesAndRanks(n, simple, seed)
    : { community: new Int32Array(n), ranks: new Float64Array(n) };
  return {
    x: Float64Array.from({ length: n }, (_, v) => round(nodes[v * PER_NODE])),
    y: Float64Array.from({ length: n }, (_, v) => round(nodes[v * PER_NODE + 1])),
    community,
    degree,
    pagerank: Float64Array.from(ranks, round),
  };
}

/** The graph as the layout needs it: ids, and edge ends and seeds as positions. */
export function layoutInput(g: VisualGraph, { seed, iterations, seeds, measures }: LayoutOptions): LayoutInput {
  const ids = g.nodes.map((n) => n.id);
  const at = new Map(ids.map((id, i) => [id, i]));
  const drawnSeeds = seeds.filter((s) => at.has(s));
  return {
    ids,
    sources: Int32Array.from(g.edges, (e) => at.get(e.source)!),
    targets: Int32Array.from(g.edges, (e) => at.get(e.target)!),
    seeds: Int32Array.from(drawnSeeds, (s) => at.get(s)!),
    seed,
    iterations,
    measures,
  };
}

/**
 * The subgraph with its layout and measures, and the yuan each node gave and received: each
 * donation once per node (a joint donation draws an edge per donor and recipient), shares of
 * stated totals and restatements left out, as in the API's totals.
 */
export function withLayout(g: VisualGraph, seed: number, r: LayoutResult): AnalysedGraph {
  const received = new Map<string, number>();
  const given = new Map<string, number>();
  const counted = new Set<string>();
  const add = (sums: Map<string, number>, node: string, e: VisualEdge) => {
    const key = `${sums === received ? 'r' : 'g'}\u0000${node}\u0000${e.eventId}`;
    if (counted.has(key)) return;
    counted.add(key);
    sums.set(node, (sums.get(node) ?? 0) + e.yuan!);
  };
  for (const e of g.edges) {
    if (e.type !== 'DONATION' || e.yuan === null || !e.countsOnce) continue;
    add(received, e.target, e);
    add(given, e.source, e);
  }
  return {
    // The node's own fields are copied into the measures, not spread before them: in this V8,
    // properties added after a spread give every object a shape of its own, about a hundred
    // times slower over a few hundred nodes.
    nodes: g.nodes.map((n, i) =>
      Object.assign(
        {
          x: r.x[i],
          y: r.y[i],
          community: r.community[i],
          degree: r.degree[i],
          pagerank: r.pagerank[i],
          yuanReceived: received.get(n.id) ?? 0,
          yuanGiven: given.get(n.id) ?? 0,
          size: round(4 + 3 * Math.sqrt(r.degree[i])),
        },
        n,
      ),
    ),
    edges: g.edges,
    truncated: g.truncated,
    omittedEdges: g.omittedEdges,
    omittedNodes: g.omittedNodes,
    unreadRelationships: g.unreadRelationships,
    seed,
  };
}
