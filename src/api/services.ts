/**
 * What lives as long as the server: the store port, the search index (on its own thread, built on
 * first use and rebuilt when the store is reloaded), the fact index and the source documents.
 */
import type { GraphStore } from '../store/graph-store.js';
import { loadDocuments } from '../dataset/sources.js';
import type { DocumentModel } from './models.js';
import { SearchThread } from './search-thread.js';
import { FactIndex } from './fact-index.js';
import { PromiseMemo } from '../store/promise-memo.js';
import { collectBuildGarbage } from './build-garbage.js';

export class ApiServices {
  readonly documents: DocumentModel[] = loadDocuments();
  readonly documentYears = new Map(this.documents.map((d) => [d.doc, d.year]));
  private searchIndex?: Promise<SearchThread>;
  /** Whether the store holds the dataset (false while a store that was down at start is awaited). */
  prepared = false;

  /** `clear`: a store that keeps what it read (CachedGraphStore) forgets it on reload. */
  constructor(readonly store: GraphStore & { clear?(): void }) {}

  private factIndex?: Promise<FactIndex>;
  /** Bounded by entries and by the list items the entries hold (a crowded node's facts are many). */
  private computed = new PromiseMemo({ max: 5000, maxSize: 5_000_000 });

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
  }

  private async closeSearch(): Promise<void> {
    const index = this.searchIndex;
    this.searchIndex = undefined;
    await index?.then((s) => s.close(), () => undefined);
  }
}
