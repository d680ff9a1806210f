/**
 * The search index, run on a worker thread (search-worker.ts) and asked over messages. Built once
 * per loaded dataset from the store's search candidates; `close()` ends the thread.
 */
import { Worker } from 'node:worker_threads';
import type { GraphStore } from '../store/graph-store.js';
import type { NodeLabel } from '../store/graph-rows.js';
import type { SearchMatch } from './search-index.js';

export interface SearchRequest {
  id: number;
  query: string;
  labels: NodeLabel[] | null;
  limit: number;
}

export type SearchReply = { id: number; matches: SearchMatch[] } | { id: number; error: string };

/**
 * Compiled (dist/), the worker is plain JavaScript beside this file. From source it is TypeScript:
 * it is loaded through tsx's own import, whatever the parent was started with (a test runner's
 * threads do not pass loaders on), so tsx is resolved only then.
 */
function startWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./search-worker.js', import.meta.url), { workerData });
  const worker = new URL('./search-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(worker)}, ${JSON.stringify(worker)}))`;
  return new Worker(boot, { eval: true, workerData });
}

export class SearchThread {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(m: SearchMatch[]): void; reject(e: Error): void }>();
  private failure: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly onStop: () => void,
  ) {
    worker.on('message', (reply: SearchReply) => {
      const call = this.pending.get(reply.id);
      if (!call) return;
      this.pending.delete(reply.id);
      if ('error' in reply) call.reject(new Error(`search failed: ${reply.error}`));
      else call.resolve(reply.matches);
    });
    worker.on('error', (e) => this.stop(new Error(`the search thread failed: ${e.message}`)));
    worker.on('exit', (code) => this.stop(new Error(`the search thread stopped (exit code ${code})`)));
  }

  /** `onStop`: called once if the thread stops, whether closed or crashed. */
  static async build(store: GraphStore, onStop: () => void = () => {}): Promise<SearchThread> {
    const worker = startWorker({ candidates: await store.searchCandidates() });
    // A server that is closing does not wait for an idle search thread.
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the search thread stopped while building (exit code ${code})`)));
    });
    return new SearchThread(worker, onStop);
  }

  search(query: string, labels: NodeLabel[] | null, limit: number): Promise<SearchMatch[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, query, labels, limit } satisfies SearchRequest);
    });
  }

  async close(): Promise<void> {
    this.stop(new Error('the search index was closed'));
    await this.worker.terminate();
  }

  private stop(failure: Error): void {
    if (!this.failure) this.onStop();
    this.failure ??= failure;
    for (const call of this.pending.values()) call.reject(this.failure);
    this.pending.clear();
  }
}
