/**
 * Per-request DataLoaders over the store port: every field that needs the store asks a loader,
 * and each loader turns one tick's worth of asks into one round trip. (The store itself keeps the
 * nodes at the other end of every relationship it reads, so a nesting level costs one round trip,
 * not two; see CachedGraphStore.)
 */
import DataLoader from 'dataloader';
import type { GraphEdge, GraphNode, GraphStore, PairingFact } from '../store/graph-store.js';
import type { NodeLabel, RelType } from '../store/graph-rows.js';

/** What resolvers use of a loader. */
export interface Loader<V> {
  load(id: string): Promise<V>;
  loadMany(ids: readonly string[]): Promise<Array<V | Error>>;
  /** What the store has already kept for the id, synchronously; undefined when it must be read. */
  peek?: (id: string) => V | undefined;
  /** What the store has kept for every id, synchronously; undefined when any must be read. */
  peekMany?: (ids: readonly string[]) => V[] | undefined;
}

export interface Loaders {
  node: Loader<GraphNode | null>;
  edges(direction: 'out' | 'in', types?: readonly RelType[]): Loader<GraphEdge[]>;
  /** At most `limit` relationships per node and direction, of any type. */
  edgesLimited(direction: 'out' | 'in', limit: number): Loader<GraphEdge[]>;
  degree: DataLoader<string, number>;
  /** A place and everything inside it. */
  placeAndDescendants: DataLoader<string, Set<string>>;
  pairing: DataLoader<string, PairingFact | null>;
  withLabel(label: NodeLabel): Promise<GraphNode[]>;
}

/**
 * Answers at once what the store has already kept, and batches only the rest: a repeated request
 * then costs no batching ticks at all.
 */
function keptFirst<V>(loader: DataLoader<string, V>, peek: ((id: string) => V | undefined) | undefined): Loader<V> {
  if (!peek) return loader;
  const peekMany = (ids: readonly string[]) => {
    const kept = ids.map(peek);
    return kept.every((v) => v !== undefined) ? (kept as V[]) : undefined;
  };
  return {
    peek,
    peekMany,
    load: (id) => {
      const kept = peek(id);
      return kept === undefined ? loader.load(id) : Promise.resolve(kept);
    },
    loadMany: (ids) => {
      const kept = peekMany(ids);
      return kept ? Promise.resolve(kept) : loader.loadMany(ids);
    },
  };
}

export function createLoaders(store: GraphStore): Loaders {
  const nodeBatches = new DataLoader<string, GraphNode | null>(async (ids) => {
    const found = await store.nodes(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  const node = keptFirst(nodeBatches, store.peekNode && ((id) => store.peekNode!(id)));
  const edgeLoaders = new Map<string, Loader<GraphEdge[]>>();
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
        loader = keptFirst(edgeLoader((ids) => store.edges(ids, direction, types)), store.peekEdges && ((id) => store.peekEdges!(id, direction, types)));
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
          for (const n of nodes) nodeBatches.prime(n.id, n);
          return nodes;
        });
        labelLists.set(label, list);
      }
      return list;
    },
  };
}
