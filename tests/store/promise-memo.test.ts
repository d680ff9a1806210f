import { describe, expect, it } from 'vitest';
import { PromiseMemo } from '../../src/store/promise-memo.js';

const list = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('PromiseMemo', () => {
  it('computes once for callers asking at the same time and later', async () => {
    const memo = new PromiseMemo({ maxBytes: 10_000 });
    let runs = 0;
    const compute = async () => { runs++; return 42; };
    expect(await Promise.all([memo.get('a', compute), memo.get('a', compute)])).toEqual([42, 42]);
    expect(await memo.get('a', compute)).toBe(42);
    expect(runs).toBe(1);
    expect(memo.misses).toBe(1);
  });

  it('drops a failure so that the next caller tries again', async () => {
    const memo = new PromiseMemo({ maxBytes: 10_000 });
    await expect(memo.get('a', async () => { throw new Error('down'); })).rejects.toThrow('down');
    expect(await memo.get('a', async () => 'up')).toBe('up');
    expect(memo.misses).toBe(2);
  });

  it('weighs a settled answer by its bytes, so large answers push older ones out', async () => {
    const memo = new PromiseMemo({ maxBytes: 15_000 });
    // Each list of 400 numbers is estimated at about 6.6 KB: two fit in 15 KB, three do not.
    const size = undefined;
    let runs = 0;
    const compute = (n: number) => async () => { runs++; return list(n); };
    for (const k of ['a', 'b', 'c']) await memo.get(k, compute(400), size);
    // About 20 KB against a budget of 15 KB: the oldest answer went.
    expect(runs).toBe(3);
    await memo.get('c', compute(400), size);
    await memo.get('b', compute(400), size);
    expect(runs).toBe(3);
    await memo.get('a', compute(400), size);
    expect(runs).toBe(4);
  });

  it('does not keep one answer larger than the whole budget', async () => {
    const memo = new PromiseMemo({ maxBytes: 10_000 });
    let runs = 0;
    const huge = async () => { runs++; return list(5000); };
    expect((await memo.get('h', huge)).length).toBe(5000);
    await memo.get('h', huge);
    expect(runs).toBe(2);
    expect(memo.bytes).toBe(0);
  });

  it('never keeps a key longer than its limit, and counts keys in its budget', async () => {
    const memo = new PromiseMemo({ maxBytes: 1_000_000, maxKeyChars: 100 });
    let runs = 0;
    const compute = async () => { runs++; return 1; };
    const long = `k${'x'.repeat(5000)}`;
    await memo.get(long, compute);
    await memo.get(long, compute);
    expect(runs).toBe(2);
    expect(memo.bytes).toBe(0);
    await memo.get('short', compute);
    expect(memo.bytes).toBeGreaterThan(2 * 'short'.length);
  });
});
