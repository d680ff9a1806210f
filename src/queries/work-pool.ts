/**
 * Heavy work off the serving thread, on a pool of worker threads (piscina), `threads` at once:
 * layouts, export files, and donation totals over many rows when a thread is free (whenIdle). A
 * heavy request (reading a neighbourhood here, then its tasks there) is admitted only while fewer
 * than threads + queue are under way; beyond that it is refused at once with SERVER_BUSY (HTTP
 * 503, Retry-After) rather than queued into every other client's latency. What each admitted
 * request may do is bounded by its cost (budget.ts).
 *
 * A small layout (the first INLINE_LAYOUT_UNITS of a request's layouts) runs on the serving thread
 * instead: a round trip to a thread would cost about as much, and a drawing that reads its
 * neighbourhood and lays it out without waiting for anything finishes within one turn of the
 * event loop, so its place is free again before any other request is admitted. Only requests
 * that wait — for the pool, or between slices of a large expansion — hold places others can see.
 * (Small layouts stay here even when a thread is free: sent away, each would hold a place while
 * away, and with one thread and no queue, drawings sent together would be refused.)
 */
import { availableParallelism } from 'node:os';
import { GraphQLError } from 'graphql';
import { Piscina } from 'piscina';
import { setting } from '../config/settings.js';
import { layoutGraph, type AnalysedGraph, type LayoutInput, type LayoutResult } from './graph-analysis.js';
import type { ExportFormat } from './export-formats.js';
import type { WorkTask } from './work-tasks.js';
import type { NumberedTotal, TotalsTask } from './donation-query.js';

/** Seconds a refused client is told to wait: about what the heaviest admitted request takes. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * Layout work (work-price.ts units, about 10 ms at worst) a request may do on the serving thread:
 * a default drawing of a few hundred nodes fits several times over. Beyond it, a request's
 * layouts (many aliases, or many iterations) go to the pool.
 */
export const INLINE_LAYOUT_UNITS = 100;

export interface WorkPoolOptions {
  /** Worker threads (default WORK_THREADS, or one less than the cores, at least 1). */
  threads?: number;
  /** Heavy requests that may wait for a thread (default WORK_QUEUE, or twice the threads). */
  queue?: number;
}

export function serverBusy(): GraphQLError {
  // Refusals come in floods: no stack trace is captured for them (with source maps that is the
  // most expensive part of making an error).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return busyError();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function busyError(): GraphQLError {
  return new GraphQLError(`the server is busy with other heavy requests (subgraphs and exports); try again in ${RETRY_AFTER_SECONDS} s`, {
    extensions: {
      code: 'SERVER_BUSY',
      retryAfter: RETRY_AFTER_SECONDS,
      http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}

export class WorkPool {
  readonly threads: number;
  readonly queue: number;
  private readonly pool: Piscina;
  private active = 0;
  /** Heavy steps under way per request. */
  private readonly holders = new WeakMap<object, number>();
  /** Layout units each request has spent on the serving thread. */
  private readonly inline = new WeakMap<object, number>();

  constructor(options: WorkPoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? setting('WORK_THREADS') ?? availableParallelism() - 1);
    this.queue = options.queue ?? setting('WORK_QUEUE') ?? 2 * this.threads;
    this.pool = new Piscina({
      // Compiled, the tasks are plain JavaScript; from source, work-worker.mjs loads them through tsx.
      ...(import.meta.url.endsWith('.ts')
        ? { filename: new URL('./work-worker.mjs', import.meta.url).href }
        : { filename: new URL('./work-tasks.js', import.meta.url).href, name: 'runTask' }),
      // Started at once: a thread loads the layout and export libraries in about half a second.
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: Infinity,
    });
  }

  /** Whether a new heavy request would be refused now. */
  get full(): boolean {
    return this.active >= this.threads + this.queue;
  }

  /** Refuses a heavy request with SERVER_BUSY before it starts, when there is no room for it. */
  checkRoom(): void {
    if (this.full) throw serverBusy();
  }

  /**
   * Runs a heavy step of a request (`owner`: one object per request) if the request already holds
   * a place or there is room for it, or refuses it with SERVER_BUSY. A request holds its place while
   * any of its heavy steps is under way: its export aliases share it.
   */
  async admit<T>(owner: object, work: () => Promise<T>): Promise<T> {
    const held = this.holders.get(owner) ?? 0;
    if (held === 0) {
      this.checkRoom();
      this.active++;
    }
    this.holders.set(owner, held + 1);
    try {
      return await work();
    } finally {
      const left = this.holders.get(owner)! - 1;
      this.holders.set(owner, left);
      if (left === 0) this.active--;
    }
  }

  /** Tasks handed to the pool and not yet finished. */
  private running = 0;

  private async run<T>(task: WorkTask): Promise<T> {
    this.running++;
    try {
      return (await this.pool.run(task)) as T;
    } finally {
      this.running--;
    }
  }

  /**
   * Donation totals over many rows on a thread, if one is free now; null when none is (the caller
   * works them out itself rather than queue behind a layout or an export). Not a heavy request:
   * nothing is admitted or refused here.
   */
  whenIdle(task: TotalsTask): Promise<NumberedTotal[]> | null {
    return this.running < this.threads ? this.run({ task: 'totals', ...task }) : null;
  }

  /** Lays out a graph priced at `units` for request `owner`: on the serving thread while the request's allowance lasts, otherwise on the pool. */
  async layout(owner: object, input: LayoutInput, units: number): Promise<LayoutResult> {
    const spent = (this.inline.get(owner) ?? 0) + units;
    if (spent > INLINE_LAYOUT_UNITS) return this.run({ task: 'layout', input });
    this.inline.set(owner, spent);
    return layoutGraph(input);
  }

  exportFile(graph: AnalysedGraph, format: ExportFormat): Promise<string> {
    return this.run({ task: 'export', graph, format });
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
