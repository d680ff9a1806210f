/** Helpers shared by the resolvers: node lookups through the loaders, id expansion, provenance. */
import type { ApiContext } from '../context.js';
import type { GraphNode } from '../../store/graph-store.js';
import type { RelType } from '../../store/graph-rows.js';
import { notFound } from '../errors.js';

export async function nodesOf(ctx: ApiContext, ids: readonly string[]): Promise<GraphNode[]> {
  const found = await ctx.loaders.node.loadMany(ids);
  return found.filter((n): n is GraphNode => !!n && !(n instanceof Error));
}

/** Nodes at the other end of a node's relationships of one type, in id order. */
export async function related(ctx: ApiContext, id: string, direction: 'out' | 'in', type: RelType): Promise<GraphNode[]> {
  const edges = await ctx.loaders.edges(direction, [type]).load(id);
  const ids = [...new Set(edges.map((e) => e.otherId))].sort();
  return nodesOf(ctx, ids);
}

export async function relatedOne(ctx: ApiContext, id: string, direction: 'out' | 'in', type: RelType): Promise<GraphNode | null> {
  return (await related(ctx, id, direction, type))[0] ?? null;
}

/** An id, or (for a place, when asked) the place and everything inside it. */
export async function expand(ctx: ApiContext, id: string | null | undefined, descendants: boolean | null | undefined): Promise<Set<string> | null> {
  if (!id) return null;
  const node = await ctx.loaders.node.load(id);
  if (!node) throw notFound(`no node with id "${id}"`, id);
  if (descendants && node.label === 'Place') return ctx.loaders.placeAndDescendants.load(id);
  return new Set([id]);
}
