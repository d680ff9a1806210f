/**
 * What lives as long as the server: the store port, the read model built from it (swapped in
 * whole when the store is loaded again), the worker pool and the source documents.
 */
import type { GraphStore } from '../store/graph-store.js';
import { StoreUnavailableError } from '../store/session.js';
import { loadDocuments, placeDocuments } from '../dataset/sources.js';
import { placeDocumentsRolledUp } from '../queries/coverage.js';
import type { DocumentModel } from '../queries/models.js';
import { ReadModel, type BuildProgress, type GraphSize } from '../graph/read-model.js';
import { WorkPool, type WorkPoolOptions } from '../queries/work-pool.js';

export class ApiServices {
  readonly documents: DocumentModel[] = loadDocuments();
  readonly documentYears = new Map(this.documents.map((d) => [d.doc, d.year]));
  /** The chapters naming each place or a place inside it (from the place mentions), made with each read model. */
  placeDocuments = new Map<string, Set<string>>();
  /** Layouts and export files, on worker threads. */
  readonly work: WorkPool;
  private current?: ReadModel;

  constructor(
    readonly store: GraphStore,
    work: WorkPoolOptions = {},
  ) {
    this.work = new WorkPool(work);
  }

  /** Whether the read model is built (false while the store is loaded or awaited). */
  get prepared(): boolean {
    return !!this.current;
  }

  /** The read model; while it is being built, requests get STORE_UNAVAILABLE. */
  get model(): ReadModel {
    if (!this.current) throw new StoreUnavailableError('the graph is still being loaded');
    return this.current;
  }

  /** How big the loaded graph is: it caps the price of a subgraph request (work-price.ts). */
  get graphSize(): GraphSize | undefined {
    return this.current?.size;
  }

  /** Builds the read model from what the store holds now and swaps it in whole; the old one serves until then. */
  async build(progress?: BuildProgress): Promise<void> {
    const model = await ReadModel.build(this.store, progress);
    const naming = placeDocumentsRolledUp(model, placeDocuments());
    const old = this.current;
    this.current = model;
    this.placeDocuments = naming;
    await old?.close();
  }

  async close(): Promise<void> {
    const model = this.current;
    this.current = undefined;
    await model?.close();
    await this.work.close();
  }
}
