/**
 * Donations that count once (no share of a stated total, no restatement), in cells of one year,
 * one kind and one way of reading (evidence), each cell's amounts in ascending order with running
 * sums. A total grouped by year or kind, or not grouped, over any years, kinds, readings and
 * amount bounds, is then a couple of binary searches in each of a few hundred cells rather than a
 * pass over every donation (four hundred thousand at a million nodes).
 */
import { sharedArray } from './shared-memory.js';

export interface AmountCells {
  readonly size: number;
  /** Each cell's year slot, kind slot and evidence value (as numbered in the donation columns). */
  readonly yearSlot: Uint16Array;
  readonly kindSlot: Uint16Array;
  readonly evidence: Int32Array;
  /**
   * Cell c holds positions start[c] to start[c + 1] of `yuan`: first the donations without an
   * amount (`unpriced[c]` of them, which fail any amount bound), then the amounts in ascending order.
   */
  readonly start: Int32Array;
  readonly unpriced: Int32Array;
  readonly yuan: Float64Array;
  /**
   * sumBefore[i]: the amounts at positions 0 to i - 1 (none counted as 0), so that a range's money
   * is one subtraction. Exact, since every amount is a whole number of yuan and the sum stays below
   * 2^53 (amountCells declines otherwise).
   */
  readonly sumBefore: Float64Array;
}

/** What the cells are made from: the donation columns' per-row values. */
export interface AmountRows {
  readonly size: number;
  readonly once: Uint8Array;
  readonly yearSlot: Uint16Array;
  readonly kindSlot: Uint16Array;
  readonly evidence: Int32Array;
  readonly yuan: Float64Array;
}

/**
 * The cells of the donations that count once; null when some amount is not a whole number of yuan
 * or they add up past what a double holds exactly, where running sums could differ from adding the
 * matching amounts one by one (totals then go through the rows), or when there are more readings
 * than a cell's key holds. About 0.1 s and 16 bytes per donation at a million nodes.
 */
export function amountCells(rows: AmountRows): AmountCells | null {
  const { size, once, yearSlot, kindSlot, evidence, yuan } = rows;
  let sum = 0;
  // A cell's key is a number: its year and kind slots and its reading's number among those met.
  const readingOf = new Map<number, number>();
  const cellOf = new Map<number, number>();
  const cellOfRow = new Int32Array(size).fill(-1);
  const keys: [number, number, number][] = [];
  for (let row = 0; row < size; row++) {
    if (once[row] === 0) continue;
    const y = yuan[row];
    if (!Number.isNaN(y)) {
      if (!Number.isInteger(y)) return null;
      sum += Math.abs(y);
    }
    let reading = readingOf.get(evidence[row]);
    if (reading === undefined) {
      // Readings are a handful of words; a key holds up to 65,536 of them.
      if (readingOf.size === 0x10000) return null;
      readingOf.set(evidence[row], (reading = readingOf.size));
    }
    const key = (yearSlot[row] * 0x10000 + kindSlot[row]) * 0x10000 + reading;
    let c = cellOf.get(key);
    if (c === undefined) {
      c = keys.length;
      cellOf.set(key, c);
      keys.push([yearSlot[row], kindSlot[row], evidence[row]]);
    }
    cellOfRow[row] = c;
  }
  if (sum > Number.MAX_SAFE_INTEGER) return null;

  const cells = keys.length;
  const start = sharedArray(Int32Array, cells + 1);
  const unpriced = sharedArray(Int32Array, cells);
  for (let row = 0; row < size; row++) {
    const c = cellOfRow[row];
    if (c < 0) continue;
    start[c + 1]++;
    if (Number.isNaN(yuan[row])) unpriced[c]++;
  }
  for (let c = 0; c < cells; c++) start[c + 1] += start[c];
  const counted = start[cells];
  const amounts = sharedArray(Float64Array, counted);
  // Unpriced first (NaN), then amounts; each cell's amounts sorted once all are in.
  const nextUnpriced = start.slice(0, cells);
  const nextPriced = Int32Array.from({ length: cells }, (_, c) => start[c] + unpriced[c]);
  for (let row = 0; row < size; row++) {
    const c = cellOfRow[row];
    if (c < 0) continue;
    if (Number.isNaN(yuan[row])) amounts[nextUnpriced[c]++] = NaN;
    else amounts[nextPriced[c]++] = yuan[row];
  }
  for (let c = 0; c < cells; c++) amounts.subarray(start[c] + unpriced[c], start[c + 1]).sort();
  const sumBefore = sharedArray(Float64Array, counted + 1);
  for (let i = 0; i < counted; i++) sumBefore[i + 1] = sumBefore[i] + (Number.isNaN(amounts[i]) ? 0 : amounts[i]);

  const column = <A extends Uint16Array | Int32Array>(a: A, k: 0 | 1 | 2): A => (keys.forEach((key, c) => (a[c] = key[k])), a);
  return {
    size: cells,
    yearSlot: column(sharedArray(Uint16Array, cells), 0),
    kindSlot: column(sharedArray(Uint16Array, cells), 1),
    evidence: column(sharedArray(Int32Array, cells), 2),
    start,
    unpriced,
    yuan: amounts,
    sumBefore,
  };
}
