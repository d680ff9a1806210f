/**
 * Computations kept by key, as promises, in a least-recently-used cache bounded by bytes: callers
 * asking the same thing at the same time share one computation, later callers get its result, and
 * a failure is dropped so that the next caller tries again. A settled value weighs its key and
 * what `size` says (by default its estimated heap size), so a few huge answers push older ones out
 * and one larger than the whole budget is not kept; a key longer than `maxKeyChars` is never kept.
 */
import { LRUCache } from 'lru-cache';
import { approxBytes } from './byte-size.js';

export interface PromiseMemoOptions {
  /** Bytes of keys and settled values kept. */
  maxBytes: number;
  /** Longer keys (a question made of a megabyte of filter) are computed every time. Default 2,000. */
  maxKeyChars?: number;
}

/** What a computation still under way weighs: its key and its promise. */
const PENDING_BYTES = 200;

export class PromiseMemo {
  private readonly kept: LRUCache<string, Promise<unknown>>;
  private readonly maxKeyChars: number;
  /** Computations started (first asks, and asks after an eviction or a failure). */
  misses = 0;
  /** Values of the kept promises that have fulfilled, so that `getNow` can answer without a tick. */
  private readonly values = new WeakMap<Promise<unknown>, { value: unknown }>();

  constructor(options: PromiseMemoOptions) {
    this.kept = new LRUCache({ maxSize: options.maxBytes });
    this.maxKeyChars = options.maxKeyChars ?? 2000;
  }

  /** Bytes kept now (keys and settled values, as estimated). */
  get bytes(): number {
    return this.kept.calculatedSize;
  }

  get<T>(key: string, compute: () => Promise<T>, size: (value: T) => number = approxBytes): Promise<T> {
    const kept = this.kept.get(key) as Promise<T> | undefined;
    if (kept) return kept;
    this.misses++;
    const pending = compute();
    if (key.length > this.maxKeyChars) return pending;
    this.kept.set(key, pending, { size: PENDING_BYTES + 2 * key.length });
    pending.then(
      // Weighed once settled; unless it was dropped or replaced meanwhile. Deleted first: the
      // cache leaves an entry's size as it was when the same value is set again. One answer over
      // the whole budget is then not kept.
      (v) => {
        this.values.set(pending, { value: v });
        if (this.kept.peek(key) !== pending) return;
        this.kept.delete(key);
        this.kept.set(key, pending, { size: PENDING_BYTES + 2 * key.length + Math.max(1, size(v)) });
      },
      () => { if (this.kept.peek(key) === pending) this.kept.delete(key); },
    );
    return pending;
  }

  /** As `get`, but a kept value that has already fulfilled comes back at once, not as a promise. */
  getNow<T>(key: string, compute: () => Promise<T>, size?: (value: T) => number): T | Promise<T> {
    const kept = this.kept.get(key);
    const fulfilled = kept && this.values.get(kept);
    return fulfilled ? (fulfilled.value as T) : this.get(key, compute, size);
  }

  clear(): void {
    this.kept.clear();
  }
}
