/**
 * Layout and measures for a drawable subgraph, all from graphology's standard library:
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

export function analyse(g: VisualGraph, { seed, iterations }: LayoutOptions): AnalysedGraph {
  const directed = new MultiDirectedGraph();
  const rng = seedrandom(String(seed));
  for (const n of g.nodes) directed.addNode(n.id, { x: rng() * 100 - 50, y: rng() * 100 - 50 });
  for (const e of g.edges) directed.addEdgeWithKey(e.id, e.source, e.target, { weight: 1 });

  if (directed.order > 1 && iterations > 0) {
    const settings = { ...forceAtlas2.inferSettings(directed), barnesHutOptimize: directed.order > 500 };
    forceAtlas2.assign(directed, { iterations, settings });
  }
  // Communities and PageRank on the simple undirected skeleton (parallel events collapse to one tie).
  const simple = new UndirectedGraph();
  for (const n of g.nodes) simple.addNode(n.id);
  for (const e of g.edges) if (e.source !== e.target && !simple.hasEdge(e.source, e.target)) simple.addEdge(e.source, e.target);
  const communities = simple.size > 0 ? louvain(simple, { rng: seedrandom(`${seed}:louvain`) }) : {};
  const ranks = simple.order > 0 ? pagerank(simple, { getEdgeWeight: null }) : {};

  const received = new Map<string, number>();
  const given = new Map<string, number>();
  for (const e of g.edges) {
    if (e.type !== 'DONATION' || e.yuan === null) continue;
    received.set(e.target, (received.get(e.target) ?? 0) + e.yuan);
    given.set(e.source, (given.get(e.source) ?? 0) + e.yuan);
  }
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    nodes: g.nodes.map((n) => {
      const degree = directed.degree(n.id);
      return {
        ...n,
        x: round(directed.getNodeAttribute(n.id, 'x')),
        y: round(directed.getNodeAttribute(n.id, 'y')),
        community: communities[n.id] ?? 0,
        degree,
        pagerank: round(ranks[n.id] ?? 0),
        yuanReceived: received.get(n.id) ?? 0,
        yuanGiven: given.get(n.id) ?? 0,
        size: round(4 + 3 * Math.sqrt(degree)),
      };
    }),
    edges: g.edges,
    truncated: g.truncated,
    omittedEdges: g.omittedEdges,
    omittedNodes: g.omittedNodes,
    unreadRelationships: g.unreadRelationships,
    seed,
  };
}
