/**
 * About how many bytes a value takes on the heap, for bounding caches by memory rather than by
 * entries: strings at two bytes a character, numbers and references at eight, typed arrays by
 * their buffers. Instances of classes (an index the value refers to, shared by many entries) are
 * counted as a reference only: they are accounted for where they are owned. A long list is
 * weighed from an even sample of its items: walking every relationship of a crowded node each
 * time it is kept cost the serving thread more than reading it.
 */
const OBJECT_OVERHEAD = 32;
/** Lists longer than this are weighed from this many of their items. */
const SAMPLE = 32;

export function approxBytes(value: unknown): number {
  if (Array.isArray(value) && value.length > SAMPLE) {
    const step = value.length / SAMPLE;
    let sampled = 0;
    for (let i = 0; i < SAMPLE; i++) sampled += approxBytes(value[Math.floor(i * step)]);
    return OBJECT_OVERHEAD + 8 * value.length + Math.ceil((sampled / SAMPLE) * value.length);
  }
  return walk(value);
}

function walk(value: unknown): number {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  let bytes = 0;
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') bytes += 16 + 2 * v.length;
    else if (v === null || typeof v !== 'object') bytes += 8;
    else if (seen.has(v)) bytes += 8;
    else {
      seen.add(v);
      if (ArrayBuffer.isView(v)) bytes += OBJECT_OVERHEAD + v.byteLength;
      else if (Array.isArray(v)) {
        bytes += OBJECT_OVERHEAD + 8 * v.length;
        for (const x of v) stack.push(x);
      } else if (v instanceof Map || v instanceof Set) {
        bytes += OBJECT_OVERHEAD + 16 * v.size;
        for (const x of v instanceof Map ? [...v.keys(), ...v.values()] : v) stack.push(x);
      } else {
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) bytes += 8;
        else {
          const keys = Object.keys(v);
          bytes += OBJECT_OVERHEAD + 16 * keys.length;
          for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
        }
      }
    }
  }
  return bytes;
}
