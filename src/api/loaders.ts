/**
 * Per-request DataLoaders over the store port: every field that needs the store asks a loader,
 * and each loader turns one tick's worth of asks into one round trip. (The store itself keeps the
 * nodes at the other end of every relationship it reads, so a nesting level costs one round trip,
 * not two; see CachedGraphStore.)
 */
import DataLoader from 'dataloader';
import type { GraphEdge, GraphNode, GraphStore, PairingFact } from '../store/graph-store.js';
import type { NodeLabel, RelType } from '../store/graph-rows.js';

export interface Loaders {
  node: DataLoader<string, GraphNode | null>;
  edges(direction: 'out' | 'in', types?: readonly RelType[]): DataLoader<string, GraphEdge[]>;
  /** At most `limit` relationships per node and direction, of any type. */
  edgesLimited(direction: 'out' | 'in', limit: number): DataLoader<string, GraphEdge[]>;
  degree: DataLoader<string, number>;
  /** A place and everything inside it. */
  placeAndDescendants: DataLoader<string, Set<string>>;
  pairing: DataLoader<string, PairingFact | null>;
  withLabel(label: NodeLabel): Promise<GraphNode[]>;
}

export function createLoaders(store: GraphStore): Loaders {
  const node = new DataLoader<string, GraphNode | null>(async (ids) => {
    const found = await store.nodes(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  const edgeLoaders = new Map<string, DataLoader<string, GraphEdge[]>>();
  const edgeLoader = (fetch: (ids: readonly string[]) => Promise<Map<string, GraphEdge[]>>) => new DataLoader<string, GraphEdge[]>(async (ids) => {
    const found = await fetch(ids);
    return ids.map((id) => found.get(id) ?? []);
  });
  const labelLists = new Map<NodeLabel, Promise<GraphNode[]>>();
  return {
    node,
    edges(direction, types) {
      const key = `${direction}:${types ? [...types].sort().join(',') : '*'}`;
      let loader = edgeLoaders.get(key);
      if (!loader) {
        loader = edgeLoader((ids) => store.edges(ids, direction, types));
        edgeLoaders.set(key, loader);
      }
      return loader;
    },
    edgesLimited(direction, limit) {
      const key = `${direction}:limit:${limit}`;
      let loader = edgeLoaders.get(key);
      if (!loader) {
        loader = edgeLoader((ids) => store.edgesLimited(ids, direction, limit));
        edgeLoaders.set(key, loader);
      }
      return loader;
    },
    degree: new DataLoader(async (ids) => {
      const found = await store.degrees(ids);
      return ids.map((id) => found.get(id) ?? 0);
    }),
    placeAndDescendants: new DataLoader(async (ids) => {
      const found = await store.descendants(ids);
      return ids.map((id) => new Set([id, ...(found.get(id) ?? [])]));
    }),
    pairing: new DataLoader(async (ids) => {
      const found = await store.pairings(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    withLabel(label) {
      let list = labelLists.get(label);
      if (!list) {
        list = store.nodesWithLabel(label).then((nodes) => {
          for (const n of nodes) node.prime(n.id, n);
          return nodes;
        });
        labelLists.set(label, list);
      }
      return list;
    },
  };
}
