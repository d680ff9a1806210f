import { describe, expect, it } from 'vitest';
import { approxBytes } from '../../src/store/byte-size.js';

describe('approxBytes', () => {
  it('grows with strings, lists and objects, and counts typed arrays by their buffers', () => {
    expect(approxBytes('x'.repeat(1000))).toBeGreaterThanOrEqual(2000);
    expect(approxBytes(Array.from({ length: 1000 }, (_, i) => ({ id: `n${i}` })))).toBeGreaterThan(40_000);
    expect(approxBytes(new Int32Array(10_000))).toBeGreaterThanOrEqual(40_000);
    expect(approxBytes(new Map([['a', 'b'.repeat(500)]]))).toBeGreaterThan(1000);
  });

  it('counts an instance of a class as a reference (it is owned and accounted for elsewhere)', () => {
    class Index { rows = new Int32Array(1_000_000); }
    expect(approxBytes({ index: new Index(), rows: new Int32Array(10) })).toBeLessThan(200);
  });

  it('ends on cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(approxBytes(a)).toBeLessThan(200);
  });
});
