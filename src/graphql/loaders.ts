/**
 * Per-request DataLoaders over the store port, for what the read model does not hold: entities
 * with all their properties (quotes, aliases, amounts as written) and relationships with theirs.
 * Each loader turns one tick's worth of asks into one round trip, so a nesting level of a response
 * costs one round trip whatever its width.
 */
import DataLoader from 'dataloader';
import type { GraphEdge, GraphNode, GraphStore } from '../store/graph-store.js';
import type { RelType } from '../store/graph-rows.js';

/**
 * Nodes come with all their properties (quotes among them): a few hundred make a read of a few
 * milliseconds, and the serving thread turns each read's rows into objects in one piece.
 */
export const NODE_BATCH = 400;
export const EDGE_BATCH = 64;

export interface Loaders {
  node: DataLoader<string, GraphNode | null>;
  /** Relationships with their properties, in one direction, of one type. */
  edges(direction: 'out' | 'in', type: RelType): DataLoader<string, GraphEdge[]>;
}

export function createLoaders(store: GraphStore): Loaders {
  const edgeLoaders = new Map<string, DataLoader<string, GraphEdge[]>>();
  return {
    node: new DataLoader(
      async (ids) => {
        const found = await store.nodes(ids);
        return ids.map((id) => found.get(id) ?? null);
      },
      { maxBatchSize: NODE_BATCH },
    ),
    edges(direction, type) {
      const key = `${direction}:${type}`;
      let loader = edgeLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (ids) => {
            const found = await store.edges(ids, direction, [type]);
            return ids.map((id) => found.get(id) ?? []);
          },
          { maxBatchSize: EDGE_BATCH },
        );
        edgeLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
