/** What the benchmark asks: a different target in every request, enough of them at every size. */
import { describe, expect, it } from 'vitest';
import { plan, QUERY_MIX, requestBody } from '../../bench/queries.js';

describe('benchmark plan', () => {
  it('asks each query about 1,000 distinct targets at 10k nodes, none of them warmed up, queries interleaved', () => {
    const { warmUp, measured } = plan(10_000, { targets: 1000, warmUp: 20 });
    expect(measured).toHaveLength(1000 * QUERY_MIX.length);
    expect(warmUp).toHaveLength(20 * QUERY_MIX.length);
    const warmed = new Set(warmUp.map(requestBody));
    for (const q of QUERY_MIX) {
      const bodies = measured.filter((r) => r.query === q).map(requestBody);
      expect(new Set(bodies).size, q.name).toBe(1000);
      expect(
        bodies.filter((b) => warmed.has(b)),
        q.name,
      ).toEqual([]);
    }
    // A mixed load: the first hundred requests already ask every query.
    expect(new Set(measured.slice(0, 100).map((r) => r.query.name)).size).toBe(QUERY_MIX.length);
  });

  it('sends one document per query, with an operation name, and the target in the variables', () => {
    const { measured } = plan(10_000, { targets: 50, warmUp: 0 });
    for (const q of QUERY_MIX) {
      const bodies = measured.filter((r) => r.query === q).map((r) => JSON.parse(requestBody(r)));
      expect(new Set(bodies.map((b) => b.query)).size, q.name).toBe(1);
      expect(bodies[0].query).toMatch(new RegExp(`^query ${bodies[0].operationName}\\(\\$`));
      expect(
        bodies.every((b) => Object.keys(b.variables).length > 0),
        q.name,
      ).toBe(true);
    }
  });

  it('is the same for the same seed, and refuses to repeat a target when the graph has too few', () => {
    expect(plan(10_000, { targets: 30, warmUp: 5 })).toEqual(plan(10_000, { targets: 30, warmUp: 5 }));
    // 34 provinces at every size: 3,500 regions would need 35 of them.
    expect(() => plan(10_000, { targets: 3500, warmUp: 0, queries: QUERY_MIX.filter((q) => q.operationName === 'RegionRollup') })).toThrow(
      /35 targets of one kind asked for, only 34 in this graph/,
    );
  });
});
