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

  it('ends on cycles, at a bounded estimate', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(approxBytes(a)).toBeLessThan(10_000);
  });

  it('weighs a long list from a sample, close to walking it all', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ id: `donation:a-${i}`, props: { quote: 'x'.repeat(i % 200) } }));
    const whole = rows.reduce((n, r) => n + approxBytes(r), 0);
    expect(approxBytes(rows) / whole).toBeGreaterThan(0.8);
    expect(approxBytes(rows) / whole).toBeLessThan(1.25);
  });
});
