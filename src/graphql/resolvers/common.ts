/** Helpers shared by the resolvers: node lookups through the loaders, id expansion, provenance. */
import type { ApiContext } from '../context.js';
import type { GraphEdge, GraphNode } from '../../store/graph-store.js';
import type { RelType } from '../../store/graph-rows.js';
import { notFound } from '../errors.js';
import { andThen, type Maybe } from '../maybe.js';

const isNode = (n: GraphNode | null | Error): n is GraphNode => !!n && !(n instanceof Error);

/** The node of each id, in the order asked: null for an id that names nothing. */
export function nodesAt(ctx: ApiContext, ids: readonly string[]): Maybe<(GraphNode | null)[]> {
  const kept = ctx.loaders.node.peekMany?.(ids);
  return kept ?? ctx.loaders.node.loadMany(ids).then((found) => found.map((n) => (isNode(n) ? n : null)));
}

/** The nodes there are, in the order asked (ids that name nothing are left out). */
export function nodesOf(ctx: ApiContext, ids: readonly string[]): Maybe<GraphNode[]> {
  return andThen(nodesAt(ctx, ids), (nodes) => nodes.filter(isNode));
}

/** One node, or null when there is none. */
export function nodeOf(ctx: ApiContext, id: string): Maybe<GraphNode | null> {
  const kept = ctx.loaders.node.peek?.(id);
  return kept !== undefined ? kept : ctx.loaders.node.load(id);
}

/** The other ends of a list of relationships, once each, in id order. */
const endsOfList = new WeakMap<readonly GraphEdge[], string[]>();
function otherEnds(edges: readonly GraphEdge[]): string[] {
  // A kept list is the same array on every request: its ends are worked out once.
  let ids = endsOfList.get(edges);
  if (!ids) {
    ids = [...new Set(edges.map((e) => e.otherId))].sort();
    endsOfList.set(edges, ids);
  }
  return ids;
}

/** Nodes at the other end of a node's relationships of one type, in id order. */
export function related(ctx: ApiContext, id: string, direction: 'out' | 'in', type: RelType): Maybe<GraphNode[]> {
  const loader = ctx.loaders.edges(direction, [type]);
  const kept = loader.peek?.(id);
  return kept ? nodesOf(ctx, otherEnds(kept)) : loader.load(id).then((edges) => nodesOf(ctx, otherEnds(edges)));
}

export function relatedOne(ctx: ApiContext, id: string, direction: 'out' | 'in', type: RelType): Maybe<GraphNode | null> {
  return andThen(related(ctx, id, direction, type), (nodes) => nodes[0] ?? null);
}

/** An id, or (for a place, when asked) the place and everything inside it. */
export async function expand(ctx: ApiContext, id: string | null | undefined, descendants: boolean | null | undefined): Promise<Set<string> | null> {
  if (!id) return null;
  const node = await ctx.loaders.node.load(id);
  if (!node) throw notFound(`no node with id "${id}"`, id);
  if (descendants && node.label === 'Place') return ctx.loaders.placeAndDescendants.load(id);
  return new Set([id]);
}
