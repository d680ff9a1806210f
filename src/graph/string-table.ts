/**
 * Distinct strings held outside the JavaScript heap: their UTF-8 bytes in one buffer, numbered in
 * the order first given, with an open-addressing hash table (typed arrays too) from string to
 * number. A national-scale index names hundreds of thousands of ids; as JavaScript strings in a
 * Map they would fill pages of the old generation that every young-generation collection walks,
 * which shows as latency on every request. Reading a string back makes a new, short-lived one.
 */
const EMPTY = -1;

/** FNV-1a over UTF-16 code units: the same for a string at build time and at lookup. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Each distinct string once, numbered from 0 in the order first met. A builder keeps this map while
 * it works, to number what it indexes without asking the table (which decodes to compare).
 */
export function numberDistinct(strings: Iterable<string>): Map<string, number> {
  const numbered = new Map<string, number>();
  for (const s of strings) if (!numbered.has(s)) numbered.set(s, numbered.size);
  return numbered;
}

export class StringTable {
  private constructor(
    private readonly bytes: Buffer,
    private readonly offsets: Uint32Array,
    private readonly hashes: Int32Array,
    private readonly slots: Int32Array,
  ) {}

  /** Each distinct string once, numbered from 0 in the order first met. */
  static of(strings: Iterable<string>): StringTable {
    return StringTable.numbered(numberDistinct(strings));
  }

  /** The strings of a numbering made by `numberDistinct`, under the same numbers. */
  static numbered(numbered: Map<string, number>): StringTable {
    let byteLength = 0;
    for (const s of numbered.keys()) byteLength += Buffer.byteLength(s);
    const bytes = Buffer.alloc(byteLength);
    const offsets = new Uint32Array(numbered.size + 1);
    const hashes = new Int32Array(numbered.size);
    // At most half full, so a probe ends after a step or two.
    const slots = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(2, numbered.size * 2)))).fill(EMPTY);
    const mask = slots.length - 1;
    let at = 0;
    for (const [s, k] of numbered) {
      offsets[k] = at;
      at += bytes.write(s, at);
      const h = hash(s);
      hashes[k] = h;
      let i = h & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = k;
    }
    offsets[numbered.size] = at;
    return new StringTable(bytes, offsets, hashes, slots);
  }

  get size(): number {
    return this.hashes.length;
  }

  /** The string's number, or -1 when the table does not hold it. */
  indexOf(s: string): number {
    const h = hash(s);
    const mask = this.slots.length - 1;
    for (let i = h & mask; this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      const k = this.slots[i];
      if (this.hashes[k] === h && this.at(k) === s) return k;
    }
    return EMPTY;
  }

  at(k: number): string {
    return this.bytes.toString('utf8', this.offsets[k], this.offsets[k + 1]);
  }
}
