/**
 * The graph store with what it has read kept in memory. Between loads the dataset does not
 * change, so a node, its relationships or a path read once is the answer for every later request:
 * a busy node or a popular query then costs no round trip. Per-id reads are kept per id (so a
 * batch with one new id fetches only that one), in least-recently-used caches of bounded size;
 * `clear()` drops everything when the store is reloaded.
 *
 * This caches store reads, never responses: every request still runs its resolvers, limits and
 * formatting.
 */
import { LRUCache } from 'lru-cache';
import { PromiseMemo } from './promise-memo.js';
import { approxBytes } from './byte-size.js';
import type { NodeLabel, RelType } from './graph-rows.js';
import type {
  DatasetInfo, DonationFact, GraphEdge, GraphNode, GraphPath, GraphStore, PairingFact, SearchCandidate, StoreCounts, VisitFact,
} from './graph-store.js';

export interface CacheOptions {
  /**
   * Bytes kept, all kinds of read together (estimated: a crowded node's relationships with their
   * quotes are hundreds of kilobytes). Default STORE_CACHE_MAX_BYTES.
   */
  maxBytes?: number;
}

/** Bytes of store reads kept by default. */
export const STORE_CACHE_MAX_BYTES = 96 * 1024 * 1024;
/** Bytes of whole answers (paths, every node with a label) kept. */
export const STORE_WHOLE_MAX_BYTES = 32 * 1024 * 1024;

const edgesKind = (direction: 'out' | 'in', types?: readonly RelType[]) => `edges ${direction} ${types?.join(',') ?? '*'}`;

/** A per-id cache entry: `found` false remembers that the store has no such id. */
interface Entry<V> { found: boolean; value?: V }

/**
 * Kept reads of one kind, keyed by the kind and the id. Taken when a read begins: a read still
 * under way when the store is reloaded (a new generation) is not kept.
 */
class KindCache<V> {
  constructor(private readonly owner: { entries: LRUCache<string, Entry<unknown>>; generation: number }, private readonly kind: string, private readonly generation = owner.generation) {}
  get(id: string): Entry<V> | undefined { return this.owner.entries.get(`${this.kind}\u0000${id}`) as Entry<V> | undefined; }
  has(id: string): boolean { return this.owner.entries.has(`${this.kind}\u0000${id}`); }
  set(id: string, e: Entry<V>): void {
    if (this.owner.generation === this.generation) this.owner.entries.set(`${this.kind}\u0000${id}`, e);
  }
}

export class CachedGraphStore implements GraphStore {
  /** Every kind of read in one cache, so that one budget bounds them all whatever kinds requests ask for. */
  readonly entries: LRUCache<string, Entry<unknown>>;
  /** Counts reloads (clear), so that reads begun before one are not kept after it. */
  generation = 0;
  /** Per kind of read, the ids being read now and the read that will answer them. */
  private readonly reading = new Map<string, Map<string, Promise<Entry<unknown>>>>();
  /** Whole answers (a path, every node with a label). */
  private readonly whole = new PromiseMemo({ maxBytes: STORE_WHOLE_MAX_BYTES });

  constructor(private readonly inner: GraphStore, options: CacheOptions = {}) {
    this.entries = new LRUCache<string, Entry<unknown>>({
      maxSize: options.maxBytes ?? STORE_CACHE_MAX_BYTES,
      sizeCalculation: (e, key) => 2 * key.length + approxBytes(e),
    });
  }

  get engine() { return this.inner.engine; }
  /** Round trips actually made to the database (cache hits make none). */
  get calls() { return this.inner.calls; }
  /** Bytes kept now (estimated). */
  get bytes() { return this.entries.calculatedSize + this.whole.bytes; }

  /** Forgets everything read: after a reload, nothing from the old graph may be served. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.reading.clear();
    this.whole.clear();
  }

  private cache<V>(kind: string): KindCache<V> {
    return new KindCache<V>(this, kind);
  }

  /**
   * Answers from the cache what it can, waits for reads already under way for the same ids (many
   * requests arriving together for a node not read yet cause one read, not one each) and fetches
   * the rest in one call.
   */
  private async byId<V>(kind: string, ids: readonly string[], fetch: (missing: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
    const cache = this.cache<V>(kind);
    let reading = this.reading.get(kind);
    if (!reading) this.reading.set(kind, (reading = new Map()));
    const out = new Map<string, V>();
    const take = (id: string, e: Entry<V>) => {
      if (e.found) out.set(id, e.value as V);
    };
    const missing: string[] = [];
    const waits: Promise<void>[] = [];
    for (const id of new Set(ids)) {
      const hit = cache.get(id);
      if (hit) take(id, hit);
      else {
        const underWay = reading.get(id) as Promise<Entry<V>> | undefined;
        if (underWay) waits.push(underWay.then((e) => take(id, e)));
        else missing.push(id);
      }
    }
    if (missing.length) {
      const batch = fetch(missing);
      for (const id of missing) {
        const entry: Promise<Entry<V>> = batch.then((fetched) => {
          const value = fetched.get(id);
          return value === undefined ? { found: false } : { found: true, value };
        });
        reading.set(id, entry);
        const done = () => {
          if (reading.get(id) === entry) reading.delete(id);
        };
        // Kept in the cache this read began with: after a reload (clear) that one is no longer
        // asked. A failure is not kept, so the next asker reads again.
        entry.then((e) => {
          done();
          cache.set(id, e);
        }, done);
        waits.push(entry.then((e) => take(id, e)));
      }
    }
    await Promise.all(waits);
    return out;
  }

  nodes(ids: readonly string[]): Promise<Map<string, GraphNode>> {
    return this.byId('node', ids, (m) => this.inner.nodes(m));
  }

  /**
   * Relationships come with the node at their other end: those nodes are kept too, so the next
   * nesting level (their names, their labels) needs no round trip.
   */
  private async keepingEnds(fetched: Promise<Map<string, GraphEdge[]>>): Promise<Map<string, GraphEdge[]>> {
    // The node cache as it is now: a reload (clear) while the read is under way leaves it unasked.
    const nodes = this.cache<GraphNode>('node');
    const found = await fetched;
    for (const list of found.values()) {
      for (const e of list) if (!nodes.has(e.otherId)) nodes.set(e.otherId, { found: true, value: { id: e.otherId, label: e.otherLabel, props: e.otherProps } });
    }
    return found;
  }

  edges(ids: readonly string[], direction: 'out' | 'in', types?: readonly RelType[]): Promise<Map<string, GraphEdge[]>> {
    return this.byId(edgesKind(direction, types), ids, (m) => this.keepingEnds(this.inner.edges(m, direction, types)));
  }

  peekNode(id: string): GraphNode | null | undefined {
    const hit = this.cache<GraphNode>('node').get(id);
    return hit ? (hit.found ? hit.value! : null) : undefined;
  }

  peekEdges(id: string, direction: 'out' | 'in', types?: readonly RelType[]): GraphEdge[] | undefined {
    const hit = this.cache<GraphEdge[]>(edgesKind(direction, types)).get(id);
    return hit ? (hit.found ? hit.value! : []) : undefined;
  }

  edgesLimited(ids: readonly string[], direction: 'out' | 'in', limit: number): Promise<Map<string, GraphEdge[]>> {
    // Not keepingEnds: these far ends come without their properties.
    return this.byId(`edges ${direction} ≤${limit}`, ids, (m) => this.inner.edgesLimited(m, direction, limit));
  }

  degrees(ids: readonly string[]): Promise<Map<string, number>> {
    return this.byId('degree', ids, (m) => this.inner.degrees(m));
  }

  descendants(placeIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.byId('descendants', placeIds, (m) => this.inner.descendants(m));
  }

  pairings(ids: readonly string[]): Promise<Map<string, PairingFact>> {
    return this.byId('pairing', ids, (m) => this.inner.pairings(m));
  }

  shortestPath(from: string, to: string, maxHops: number): Promise<GraphPath | null> {
    return this.whole.get(`path ${maxHops} ${from} ${to}`, () => this.inner.shortestPath(from, to, maxHops));
  }

  nodesWithLabel(label: NodeLabel): Promise<GraphNode[]> {
    return this.whole.get(`label ${label}`, () => this.inner.nodesWithLabel(label));
  }

  searchCandidates(): Promise<SearchCandidate[]> { return this.inner.searchCandidates(); }
  donationFacts(): Promise<DonationFact[]> { return this.inner.donationFacts(); }
  pairingFacts(): Promise<PairingFact[]> { return this.inner.pairingFacts(); }
  visitFacts(): Promise<VisitFact[]> { return this.inner.visitFacts(); }
  // Counts and the dataset's checksum tell what the store holds now: always asked.
  counts(): Promise<StoreCounts> { return this.inner.counts(); }
  datasetInfo(): Promise<DatasetInfo | null> { return this.inner.datasetInfo(); }
  ping(): Promise<void> { return this.inner.ping(); }
  close(): Promise<void> { return this.inner.close(); }
}
