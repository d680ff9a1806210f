/**
 * Typed arrays in shared memory. A national donation total runs on a worker thread when one is
 * free (src/queries/work-pool.ts); the columns it reads are handed over as they are, not copied
 * per task, and the serving thread reads them at the same speed as ordinary arrays.
 */
type TypedArrayOf<T> = {
  new (buffer: SharedArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
};

/** A zeroed array of `length` elements in shared memory. */
export function sharedArray<T>(Type: TypedArrayOf<T>, length: number): T {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

/** An array in shared memory holding `f(0)` … `f(length - 1)`. */
export function sharedFrom<T extends { [i: number]: number }>(Type: TypedArrayOf<T>, length: number, f: (i: number) => number): T {
  const out = sharedArray(Type, length);
  for (let i = 0; i < length; i++) out[i] = f(i);
  return out;
}
