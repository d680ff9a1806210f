/**
 * Shortest paths between two nodes. Over all relations the store's own shortestPath answers in
 * one round trip, with each relationship's properties (so showing a step reads no node's whole
 * relationship list, which on a crowded node is thousands); over chosen relations the
 * neighbourhoods of both ends are fetched level by level (one round trip per direction and level,
 * through the loaders) into a graphology graph, and graphology's bidirectional search finds the
 * path — the same answer on either store.
 */
import { MultiUndirectedGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/unweighted.js';
import type { GraphStore } from '../store/graph-store.js';
import type { RelType } from '../store/graph-rows.js';
import type { Loaders } from './loaders.js';
import type { PathModel, ProvenanceModel } from './models.js';
import { provenance } from './props.js';

interface EdgeInfo { type: string; from: string; to: string; provenance: ProvenanceModel | null }

export async function findPath(
  store: GraphStore, loaders: Loaders, from: string, to: string, maxHops: number, relations: RelType[] | null,
): Promise<PathModel | null> {
  if (from === to) return { nodeIds: [from], steps: [] };
  if (!relations) {
    const p = await store.shortestPath(from, to, maxHops);
    if (!p) return null;
    const steps = p.types.map((type, i) => {
      const [a, b] = [p.nodeIds[i], p.nodeIds[i + 1]];
      return { relation: type, forward: p.startIds[i] === a, fromId: a, toId: b, provenance: provenance(p.props[i]) };
    });
    return { nodeIds: p.nodeIds, steps };
  }
  const graph = new MultiUndirectedGraph();
  const info = new Map<string, EdgeInfo>();
  const add = (id: string) => { if (!graph.hasNode(id)) graph.addNode(id); };
  add(from); add(to);
  const seen = [new Set([from]), new Set([to])];
  const frontiers = [[from], [to]];
  for (let level = 0; level < maxHops; level++) {
    const side = level % 2;
    const frontier = frontiers[side];
    if (!frontier.length) break;
    const [outs, ins] = await Promise.all([
      loaders.edges('out', relations).loadMany(frontier),
      loaders.edges('in', relations).loadMany(frontier),
    ]);
    const next: string[] = [];
    frontier.forEach((id, i) => {
      for (const [list, outgoing] of [[outs[i], true], [ins[i], false]] as const) {
        if (list instanceof Error) throw list;
        for (const e of list) {
          add(e.otherId);
          const [a, b] = outgoing ? [id, e.otherId] : [e.otherId, id];
          const key = graph.addEdge(a, b);
          info.set(key, { type: e.type, from: a, to: b, provenance: provenance(e.props) });
          if (!seen[side].has(e.otherId)) { seen[side].add(e.otherId); next.push(e.otherId); }
        }
      }
    });
    frontiers[side] = next;
    if ([...seen[0]].some((n) => seen[1].has(n))) break;
  }
  const nodeIds = bidirectional(graph, from, to);
  if (!nodeIds || nodeIds.length - 1 > maxHops) return null;
  const steps = nodeIds.slice(1).map((b, i) => {
    const a = nodeIds[i];
    const key = graph.edges(a, b)[0];
    const e = info.get(key)!;
    return { relation: e.type, forward: e.from === a, fromId: a, toId: b, provenance: e.provenance };
  });
  return { nodeIds, steps };
}
