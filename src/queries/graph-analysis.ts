/**
 * Layout and measures for a drawable subgraph, all from graphology's standard library (the
 * layout runs on a worker thread, see work-pool.ts):
 * ForceAtlas2 positions (deterministic: seeded start positions, nodes added in id order),
 * Louvain communities (seeded), degree, PageRank, and yuan given and received.
 */
import { MultiDirectedGraph, UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import louvainModule from 'graphology-communities-louvain';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import seedrandom from 'seedrandom';
import type { VisualEdge, VisualGraph, VisualNode } from './subgraph.js';

// These packages are CommonJS whose module object is the function itself; their typings describe
// an ES default export, so the values are re-typed here once.
const forceAtlas2 = forceAtlas2Module as unknown as typeof import('graphology-layout-forceatlas2').default;
const louvain = louvainModule as unknown as typeof import('graphology-communities-louvain').default;
const pagerank = pagerankModule as unknown as typeof import('graphology-metrics/centrality/pagerank.js').default;

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
}

/** Positions and measures go out to three decimals. */
const round = (v: number) => Math.round(v * 1000) / 1000;

/** What the layout needs of a graph: ids, and edges as positions in that list. */
export interface LayoutInput {
  ids: string[];
  sources: Int32Array;
  targets: Int32Array;
  seed: number;
  iterations: number;
}

/** Positions and measures per node, in the order of `ids`. */
export interface LayoutResult {
  x: Float64Array;
  y: Float64Array;
  community: Int32Array;
  degree: Int32Array;
  pagerank: Float64Array;
}

/** ForceAtlas2, Louvain and PageRank over a graph given as index arrays (run on a worker thread). */
export function layoutGraph({ ids, sources, targets, seed, iterations }: LayoutInput): LayoutResult {
  const directed = new MultiDirectedGraph();
  const rng = seedrandom(String(seed));
  for (const id of ids) directed.addNode(id, { x: rng() * 100 - 50, y: rng() * 100 - 50 });
  for (let i = 0; i < sources.length; i++) directed.addEdge(ids[sources[i]], ids[targets[i]], { weight: 1 });

  if (directed.order > 1 && iterations > 0) {
    const settings = { ...forceAtlas2.inferSettings(directed), barnesHutOptimize: directed.order > 500 };
    forceAtlas2.assign(directed, { iterations, settings });
  }
  // Communities and PageRank on the simple undirected skeleton (parallel events collapse to one tie).
  const simple = new UndirectedGraph();
  for (const id of ids) simple.addNode(id);
  for (let i = 0; i < sources.length; i++) {
    const [a, b] = [ids[sources[i]], ids[targets[i]]];
    if (a !== b && !simple.hasEdge(a, b)) simple.addEdge(a, b);
  }
  const communities = simple.size > 0 ? louvain(simple, { rng: seedrandom(`${seed}:louvain`) }) : {};
  const ranks = simple.order > 0 ? pagerank(simple, { getEdgeWeight: null }) : {};
  return {
    x: Float64Array.from(ids, (id) => round(directed.getNodeAttribute(id, 'x'))),
    y: Float64Array.from(ids, (id) => round(directed.getNodeAttribute(id, 'y'))),
    community: Int32Array.from(ids, (id) => communities[id] ?? 0),
    degree: Int32Array.from(ids, (id) => directed.degree(id)),
    pagerank: Float64Array.from(ids, (id) => round(ranks[id] ?? 0)),
  };
}

/** The graph as the layout needs it: ids and edge ends as positions. */
export function layoutInput(g: VisualGraph, { seed, iterations }: LayoutOptions): LayoutInput {
  const ids = g.nodes.map((n) => n.id);
  const at = new Map(ids.map((id, i) => [id, i]));
  return {
    ids,
    sources: Int32Array.from(g.edges, (e) => at.get(e.source)!),
    targets: Int32Array.from(g.edges, (e) => at.get(e.target)!),
    seed,
    iterations,
  };
}

/** The subgraph with its layout and measures, and the yuan each node gave and received. */
export function withLayout(g: VisualGraph, seed: number, r: LayoutResult): AnalysedGraph {
  const received = new Map<string, number>();
  const given = new Map<string, number>();
  for (const e of g.edges) {
    if (e.type !== 'DONATION' || e.yuan === null) continue;
    received.set(e.target, (received.get(e.target) ?? 0) + e.yuan);
    given.set(e.source, (given.get(e.source) ?? 0) + e.yuan);
  }
  return {
    nodes: g.nodes.map((n, i) => ({
      ...n,
      x: r.x[i],
      y: r.y[i],
      community: r.community[i],
      degree: r.degree[i],
      pagerank: r.pagerank[i],
      yuanReceived: received.get(n.id) ?? 0,
      yuanGiven: given.get(n.id) ?? 0,
      size: round(4 + 3 * Math.sqrt(r.degree[i])),
    })),
    edges: g.edges,
    truncated: g.truncated,
    omittedEdges: g.omittedEdges,
    omittedNodes: g.omittedNodes,
    unreadRelationships: g.unreadRelationships,
    seed,
  };
}
