/**
 * What lives as long as the server: the store port, the search index (on its own thread, built on
 * first use and rebuilt when the store is reloaded), the fact index and the source documents.
 */
import type { GraphStore } from '../store/graph-store.js';
import { loadDocuments } from '../dataset/sources.js';
import type { DocumentModel } from '../queries/models.js';
import { SearchThread } from '../graph/search-thread.js';
import { FactIndex } from '../graph/fact-index.js';
import { PromiseMemo } from '../store/promise-memo.js';
import { collectBuildGarbage } from '../graph/build-garbage.js';
import type { GraphSize } from '../queries/work-price.js';
import { WorkPool, type WorkPoolOptions } from '../queries/work-pool.js';

/** Bytes of computed answers kept (searches, totals, filtered lists, subgraphs, paths). */
export const COMPUTED_MAX_BYTES = 64 * 1024 * 1024;

const ACTOR_LABELS = ['Place', 'Official', 'Organisation', 'Enterprise', 'Project'];

export class ApiServices {
  readonly documents: DocumentModel[] = loadDocuments();
  readonly documentYears = new Map(this.documents.map((d) => [d.doc, d.year]));
  private searchIndex?: Promise<SearchThread>;
  /** Whether the store holds the dataset (false while a store that was down at start is awaited). */
  prepared = false;
  /** How big the loaded graph is: it caps the price of a subgraph request (work-price.ts). */
  graphSize?: GraphSize;

  /** Layouts, export files and path searches, on worker threads. */
  readonly work: WorkPool;

  /** `clear`: a store that keeps what it read (CachedGraphStore) forgets it on reload. */
  constructor(readonly store: GraphStore & { clear?(): void }, work: WorkPoolOptions = {}) {
    this.work = new WorkPool(work);
  }

  private factIndex?: Promise<FactIndex>;
  /** Bounded by bytes: a crowded node's facts are many, a laid-out subgraph a megabyte or two. */
  private computed = new PromiseMemo({ maxBytes: COMPUTED_MAX_BYTES });

  /**
   * A computation over the loaded dataset (a search, a total, a laid-out subgraph), kept until the
   * next reload: its inputs are the request's arguments and a graph that does not change. A
   * failure is not kept. Once computed the value comes back at once, without waiting a tick: a
   * resolver that finds everything kept can answer with a value, and the executor then needs no
   * promise. Responses themselves are never cached: resolvers, limits and errors still run for
   * every request.
   */
  memoNow<T>(key: string, compute: () => Promise<T>, size?: (value: T) => number): T | Promise<T> {
    return this.computed.getNow(key, compute, size);
  }

  /** Computations `memoNow` has started: a repeated question that counts here was computed again. */
  get memoMisses(): number {
    return this.computed.misses;
  }

  /** Donations, pairings and visits indexed by the actors they name (read once per loaded dataset). */
  facts(): Promise<FactIndex> {
    this.factIndex ??= FactIndex.build(this.store).then((index) => {
      collectBuildGarbage();
      return index;
    }, (e) => {
      this.factIndex = undefined;
      throw e;
    });
    return this.factIndex;
  }

  /** The search index, on its own thread; built again on next use if that thread stops. */
  search(): Promise<SearchThread> {
    if (!this.searchIndex) {
      const forget = () => {
        if (this.searchIndex === building) this.searchIndex = undefined;
      };
      const building: Promise<SearchThread> = SearchThread.build(this.store, forget).then((thread) => {
        collectBuildGarbage();
        return thread;
      });
      building.catch(forget);
      this.searchIndex = building;
    }
    return this.searchIndex;
  }

  /** Counts the loaded graph's actors, relationships and facts (after a load or reload). */
  async measureGraph(): Promise<void> {
    const counts = await this.store.counts();
    const sum = (r: Record<string, number>, keys = Object.keys(r)) => keys.reduce((n, k) => n + (r[k] ?? 0), 0);
    this.graphSize = {
      actors: sum(counts.nodes, ACTOR_LABELS),
      relationships: sum(counts.relationships),
      donations: counts.nodes.Donation ?? 0,
      visits: counts.nodes.Visit ?? 0,
      pairings: counts.relationships.SUPPORTS ?? 0,
    };
  }

  /** Builds the fact and search indexes now rather than on the first request that needs them. */
  async buildIndexes(): Promise<void> {
    // One after the other: on a large graph, both reads at once made one exceed the store's own time limit.
    await this.facts();
    await this.search();
  }

  /** After a reload: indexes built from the old graph go. */
  invalidate(): void {
    this.store.clear?.();
    this.computed.clear();
    void this.closeSearch();
    this.factIndex = undefined;
  }

  /** Ends the search thread (when the server closes). */
  async close(): Promise<void> {
    await this.closeSearch();
    await this.work.close();
  }

  private async closeSearch(): Promise<void> {
    const index = this.searchIndex;
    this.searchIndex = undefined;
    await index?.then((s) => s.close(), () => undefined);
  }
}
