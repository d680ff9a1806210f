/**
 * About how many bytes a value takes on the heap, for bounding caches by memory rather than by
 * entries: strings at two bytes a character, numbers and references at eight, typed arrays by
 * their buffers. Instances of classes (an index the value refers to, shared by many entries) are
 * counted as a reference only: they are accounted for where they are owned. A long list is
 * weighed from an even sample of its items: walking every relationship of a crowded node each
 * time it is kept cost the serving thread more than reading it. Values kept in caches are trees
 * (rows, answers); below MAX_DEPTH levels, which no such tree reaches, anything counts as a
 * reference, so a cycle ends there.
 */
const OBJECT_OVERHEAD = 32;
/** Lists longer than this are weighed from this many of their items. */
const SAMPLE = 32;
const MAX_DEPTH = 32;

export function approxBytes(value: unknown): number {
  return weigh(value, 0);
}

function weigh(v: unknown, depth: number): number {
  if (typeof v === 'string') return 16 + 2 * v.length;
  if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return 8;
  if (ArrayBuffer.isView(v)) return OBJECT_OVERHEAD + v.byteLength;
  if (Array.isArray(v)) {
    let bytes = OBJECT_OVERHEAD + 8 * v.length;
    if (v.length <= SAMPLE) {
      for (const x of v) bytes += weigh(x, depth + 1);
      return bytes;
    }
    const step = v.length / SAMPLE;
    let sampled = 0;
    for (let i = 0; i < SAMPLE; i++) sampled += weigh(v[Math.floor(i * step)], depth + 1);
    return bytes + Math.ceil((sampled / SAMPLE) * v.length);
  }
  if (v instanceof Map || v instanceof Set) {
    let bytes = OBJECT_OVERHEAD + 16 * v.size;
    for (const x of v instanceof Map ? [...v.keys(), ...v.values()] : v) bytes += weigh(x, depth + 1);
    return bytes;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return 8;
  let bytes = OBJECT_OVERHEAD;
  for (const k in v as Record<string, unknown>) bytes += 16 + weigh((v as Record<string, unknown>)[k], depth + 1);
  return bytes;
}
