/**
 * Shortest paths between two nodes. Over all relations the store's own shortestPath answers in
 * one round trip, with each relationship's properties (so showing a step reads no node's whole
 * relationship list, which on a crowded node is thousands); over chosen relations the
 * neighbourhoods of both ends are fetched level by level (one round trip per direction and level,
 * through the loaders) into a graphology graph, and graphology's bidirectional search finds the
 * path — the same answer on either store.
 */
import type { GraphStore } from '../store/graph-store.js';
import type { RelType } from '../store/graph-rows.js';
import { GraphQLError } from 'graphql';
import type { Loaders } from '../graphql/loaders.js';
import type { PathModel, ProvenanceModel } from './models.js';
import { provenance } from './props.js';
import type { WorkPool } from './work-pool.js';

/**
 * Relationships a search over chosen relations may read: a few crowded nodes on a large graph
 * hold hundreds of thousands, each turned into an object on the serving thread (about 25 µs a
 * row on a million-node graph, so this is about a second). Each level's read is checked against
 * it before it is made, from the frontier's degrees.
 */
export const PATH_MAX_RELATIONSHIPS = 40_000;

function tooLarge(): GraphQLError {
  return new GraphQLError(`this path search would read over ${PATH_MAX_RELATIONSHIPS} relationships: ask for fewer hops or other relations (crowded nodes such as provinces have many)`, {
    extensions: { code: 'QUERY_TOO_COSTLY', limit: PATH_MAX_RELATIONSHIPS },
  });
}

interface EdgeInfo { type: string; from: number; to: number; provenance: ProvenanceModel | null }

export async function findPath(
  store: GraphStore, loaders: Loaders, work: WorkPool, from: string, to: string, maxHops: number, relations: RelType[] | null,
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
  // Nodes as positions and relationships as pairs of positions: what the search thread is sent.
  const ids: string[] = [];
  const at = new Map<string, number>();
  const add = (id: string) => {
    let i = at.get(id);
    if (i === undefined) { i = ids.length; ids.push(id); at.set(id, i); }
    return i;
  };
  const edges: EdgeInfo[] = [];
  add(from); add(to);
  const seen = [new Set([from]), new Set([to])];
  const frontiers = [[from], [to]];
  for (let level = 0; level < maxHops; level++) {
    const side = level % 2;
    const frontier = frontiers[side];
    if (!frontier.length) break;
    // Every relationship of a node counts, whatever its type: an upper bound, known without reading them.
    const degrees = await loaders.degree.loadMany(frontier);
    const toRead = degrees.reduce<number>((n, d) => n + (typeof d === 'number' ? d : 0), 0);
    if (edges.length + toRead > PATH_MAX_RELATIONSHIPS) throw tooLarge();
    const [outs, ins] = await Promise.all([
      loaders.edges('out', relations).loadMany(frontier),
      loaders.edges('in', relations).loadMany(frontier),
    ]);
    const next: string[] = [];
    let met = false;
    frontier.forEach((id, i) => {
      for (const [list, outgoing] of [[outs[i], true], [ins[i], false]] as const) {
        if (list instanceof Error) throw list;
        for (const e of list) {
          const [a, b] = outgoing ? [id, e.otherId] : [e.otherId, id];
          edges.push({ type: e.type, from: add(a), to: add(b), provenance: provenance(e.props) });
          if (!seen[side].has(e.otherId)) {
            seen[side].add(e.otherId);
            next.push(e.otherId);
            if (seen[1 - side].has(e.otherId)) met = true;
          }
        }
      }
    });
    frontiers[side] = next;
    if (met) break;
  }
  const found = await work.shortestPath({
    ids, sources: Int32Array.from(edges, (e) => e.from), targets: Int32Array.from(edges, (e) => e.to), from: 0, to: at.get(to)!,
  });
  if (!found || found.length - 1 > maxHops) return null;
  // The first relationship read between two consecutive nodes stands for the step.
  const between = new Map<string, EdgeInfo>();
  for (const e of edges) {
    for (const key of [`${e.from} ${e.to}`, `${e.to} ${e.from}`]) if (!between.has(key)) between.set(key, e);
  }
  const steps = found.slice(1).map((b, i) => {
    const a = found[i];
    const e = between.get(`${a} ${b}`)!;
    return { relation: e.type, forward: e.from === a, fromId: ids[a], toId: ids[b], provenance: e.provenance };
  });
  return { nodeIds: found.map((i) => ids[i]), steps };
}
