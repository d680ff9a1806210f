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
  /**
   * At most `limit` relationships per node and direction, of any type, read in batches of about
   * ROWS_PER_READ rows, counting `rowsEach` per node (default: the limit).
   */
  edgesLimited(direction: 'out' | 'in', limit: number, rowsEach?: number): Loader<GraphEdge[]>;
  degree: DataLoader<string, number>;
  /** A place and everything inside it. */
  placeAndDescendants: DataLoader<string, Set<string>>;
  pairing: DataLoader<string, PairingFact | null>;
  withLabel(label: NodeLabel): Promise<GraphNode[]>;
}

/**
 * Answers at once what the store has already kept, and batches only the rest: a repeated request
 * then costs no batching ticks at all. The DataLoader is made on the first id that must be read,
 * so a request answered from what is kept makes none.
 */
class KeptFirst<V> implements Loader<V> {
  private batches?: DataLoader<string, V>;

  constructor(
    private readonly batch: (ids: readonly string[]) => Promise<V[]>,
    private readonly kept: (id: string) => V | undefined,
    private readonly maxBatchSize = Infinity,
  ) {}

  private get loader(): DataLoader<string, V> {
    return (this.batches ??= new DataLoader(this.batch, { maxBatchSize: this.maxBatchSize }));
  }

  peek(id: string): V | undefined {
    return this.kept(id);
  }

  peekMany(ids: readonly string[]): V[] | undefined {
    const found = new Array<V>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const v = this.kept(ids[i]);
      if (v === undefined) return undefined;
      found[i] = v;
    }
    return found;
  }

  load(id: string): Promise<V> {
    const v = this.kept(id);
    return v === undefined ? this.loader.load(id) : Promise.resolve(v);
  }

  loadMany(ids: readonly string[]): Promise<Array<V | Error>> {
    const found = this.peekMany(ids);
    return found ? Promise.resolve(found) : this.loader.loadMany(ids);
  }

  /** What this request has already read some other way. */
  prime(id: string, value: V): void {
    this.loader.prime(id, value);
  }
}

const nothingKept = () => undefined;

/**
 * Turning one read's rows into objects happens on the serving thread in one piece: reads are cut
 * so that each brings about this many rows at most, and other requests are answered in between
 * (on a million-node graph, one read for 20 provinces held every other request up for over
 * 100 ms). Yet each read also costs the serving thread a little to start (the query is parsed
 * and planned there): a read for a few events would be too small. Capped lists go as many nodes
 * at a time as make about ROWS_PER_READ rows, whole lists EDGE_BATCH at a time.
 */
export const ROWS_PER_READ = 2000;
/** Nodes come with all their properties (quotes among them): a few hundred make a read of that size. */
export const NODE_BATCH = 400;
export const EDGE_BATCH = 64;

/** Ids in the order asked, each with what the store found for it (`missing` where it found nothing). */
function inOrder<V>(ids: readonly string[], found: Map<string, V>, missing: V): V[] {
  return ids.map((id) => found.get(id) ?? missing);
}

/** As `inOrder`, with an empty list of its own (not one shared list) for each id with none. */
function listsInOrder<V>(ids: readonly string[], found: Map<string, V[]>): V[][] {
  return ids.map((id) => found.get(id) ?? []);
}

/** The loaders of one request: made as the request's resolvers first ask for them. */
class RequestLoaders implements Loaders {
  readonly node: KeptFirst<GraphNode | null>;
  private readonly edgeLoaders = new Map<string, Loader<GraphEdge[]>>();
  private labelLists?: Map<NodeLabel, Promise<GraphNode[]>>;
  private degrees?: DataLoader<string, number>;
  private descendants?: DataLoader<string, Set<string>>;
  private pairings?: DataLoader<string, PairingFact | null>;

  constructor(private readonly store: GraphStore) {
    this.node = new KeptFirst(
      async (ids) => inOrder(ids, await store.nodes(ids), null),
      store.peekNode ? (id) => store.peekNode!(id) : nothingKept,
      NODE_BATCH,
    );
  }

  edges(direction: 'out' | 'in', types?: readonly RelType[]): Loader<GraphEdge[]> {
    // One type is what resolvers ask for: its key needs no sorting.
    const key = !types ? `${direction}:*` : types.length === 1 ? `${direction}:${types[0]}` : `${direction}:${[...types].sort().join(',')}`;
    let loader = this.edgeLoaders.get(key);
    if (!loader) {
      const store = this.store;
      loader = new KeptFirst(
        async (ids) => listsInOrder(ids, await store.edges(ids, direction, types)),
        store.peekEdges ? (id) => store.peekEdges!(id, direction, types) : nothingKept,
        EDGE_BATCH,
      );
      this.edgeLoaders.set(key, loader);
    }
    return loader;
  }

  edgesLimited(direction: 'out' | 'in', limit: number, rowsEach = limit): Loader<GraphEdge[]> {
    const key = `${direction}:limit:${limit}:${rowsEach}`;
    let loader = this.edgeLoaders.get(key);
    if (!loader) {
      loader = new KeptFirst(async (ids) => listsInOrder(ids, await this.store.edgesLimited(ids, direction, limit)), nothingKept, Math.max(1, Math.floor(ROWS_PER_READ / rowsEach)));
      this.edgeLoaders.set(key, loader);
    }
    return loader;
  }

  get degree(): DataLoader<string, number> {
    return (this.degrees ??= new DataLoader(async (ids) => inOrder(ids, await this.store.degrees(ids), 0)));
  }

  get placeAndDescendants(): DataLoader<string, Set<string>> {
    return (this.descendants ??= new DataLoader(async (ids) => {
      const found = await this.store.descendants(ids);
      return ids.map((id) => new Set([id, ...(found.get(id) ?? [])]));
    }));
  }

  get pairing(): DataLoader<string, PairingFact | null> {
    return (this.pairings ??= new DataLoader(async (ids) => inOrder(ids, await this.store.pairings(ids), null)));
  }

  withLabel(label: NodeLabel): Promise<GraphNode[]> {
    this.labelLists ??= new Map();
    let list = this.labelLists.get(label);
    if (!list) {
      list = this.store.nodesWithLabel(label).then((nodes) => {
        for (const n of nodes) this.node.prime(n.id, n);
        return nodes;
      });
      this.labelLists.set(label, list);
    }
    return list;
  }
}

export function createLoaders(store: GraphStore): Loaders {
  return new RequestLoaders(store);
}
