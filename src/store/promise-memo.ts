/**
 * Computations kept by key, as promises, in a bounded least-recently-used cache: callers asking
 * the same thing at the same time share one computation, later callers get its result, and a
 * failure is dropped so that the next caller tries again. With `maxSize`, a settled value weighs
 * what `size` says (the items a list holds), so a few huge answers cannot crowd out memory.
 */
import { LRUCache } from 'lru-cache';

export class PromiseMemo {
  private readonly kept: LRUCache<string, Promise<unknown>>;
  /** Computations started (first asks, and asks after an eviction or a failure). */
  misses = 0;
  /** Values of the kept promises that have fulfilled, so that `getNow` can answer without a tick. */
  private readonly values = new WeakMap<Promise<unknown>, { value: unknown }>();

  constructor(private readonly options: { max: number; maxSize?: number }) {
    this.kept = new LRUCache(options);
  }

  get<T>(key: string, compute: () => Promise<T>, size: (value: T) => number = () => 1): Promise<T> {
    const kept = this.kept.get(key) as Promise<T> | undefined;
    if (kept) return kept;
    this.misses++;
    const pending = compute();
    const weighed = this.options.maxSize !== undefined;
    this.kept.set(key, pending, weighed ? { size: 1 } : {});
    pending.then(
      // Weighed once settled; unless it was dropped or replaced meanwhile. Deleted first: the
      // cache leaves an entry's size as it was when the same value is set again. One answer over
      // the whole budget is then not kept.
      (v) => {
        this.values.set(pending, { value: v });
        if (!weighed || this.kept.peek(key) !== pending) return;
        this.kept.delete(key);
        this.kept.set(key, pending, { size: Math.max(1, size(v)) });
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
