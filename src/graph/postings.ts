/**
 * Lists of numbers by key, in two typed arrays (compressed sparse rows): `offsets[key]` to
 * `offsets[key + 1]` is the key's slice of `items`. Keys and items are numbers from StringTables
 * and fact positions; nothing of it lives on the JavaScript heap, and it is in shared memory so
 * that a worker thread can read it (shared-memory.ts).
 */
import { sharedArray } from './shared-memory.js';

export class Postings {
  private constructor(
    private readonly offsets: Uint32Array,
    private readonly items: Uint32Array,
  ) {}

  /**
   * `pairs(emit)` must emit the same (key, item) pairs each time it is called: once to count, once
   * to fill. Each key's items keep the order they were emitted in.
   */
  static build(keyCount: number, pairs: (emit: (key: number, item: number) => void) => void): Postings {
    const offsets = sharedArray(Uint32Array, keyCount + 1);
    pairs((key) => {
      offsets[key + 1]++;
    });
    for (let k = 0; k < keyCount; k++) offsets[k + 1] += offsets[k];
    const items = sharedArray(Uint32Array, offsets[keyCount]);
    const next = offsets.slice(0, keyCount);
    pairs((key, item) => {
      items[next[key]++] = item;
    });
    return new Postings(offsets, items);
  }

  /** The two arrays themselves, for loops over many keys: key k's items are `items[offsets[k]]` to `items[offsets[k + 1] - 1]`. Read only. */
  arrays(): { readonly offsets: Uint32Array; readonly items: Uint32Array } {
    return { offsets: this.offsets, items: this.items };
  }

  /** The key's items, each through `f` (none for a key out of range: -1 is "not in the table"). */
  map<T>(key: number, f: (item: number) => T): T[] {
    if (key < 0 || key + 1 >= this.offsets.length) return [];
    const from = this.offsets[key];
    const out = new Array<T>(this.offsets[key + 1] - from);
    // Indexes rather than a subarray view: a view is an allocation, and this runs per fact read.
    for (let j = 0; j < out.length; j++) out[j] = f(this.items[from + j]);
    return out;
  }

  forEach(key: number, f: (item: number) => void): void {
    if (key < 0 || key + 1 >= this.offsets.length) return;
    for (let j = this.offsets[key]; j < this.offsets[key + 1]; j++) f(this.items[j]);
  }
}
