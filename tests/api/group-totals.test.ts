/**
 * Group totals found through cells (few possible groups) and through a Map (many) are the same
 * totals; a grouping by pair forgets one donor's groups before the next, and loses no money.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { GroupTotals } from '../../src/queries/donation-query.js';

type Add = { key: number; d: number; r: number; combo: number; yuan: number; joint: boolean };

function adds(n: number, keys: number, seed: string): Add[] {
  const random = seedrandom(seed);
  return Array.from({ length: n }, () => {
    const key = Math.floor(random() * keys);
    return { key, d: key % 7, r: key % 5, combo: key % 3, yuan: Math.floor(random() * 1000), joint: random() < 0.3 };
  });
}

/** The groups as plain records, in the order they were met. */
function groupsOf(g: GroupTotals) {
  return Array.from({ length: g.size }, (_, i) => ({
    d: g.donor[i],
    r: g.recipient[i],
    combo: g.combo[i],
    total: g.total[i],
    count: g.count[i],
    joint: g.joint[i],
  }));
}

describe('GroupTotals', () => {
  it('gives the same groups through cells and through a Map, past the arrays growing', () => {
    const all = adds(20_000, 5_000, 'cells-and-map');
    const [cells, map] = [new GroupTotals(5_000, false), new GroupTotals(5_000, false, 0)];
    for (const a of all) for (const g of [cells, map]) g.add(a.key, a.d, a.r, a.combo, a.yuan, a.joint);
    expect(cells.size).toBeGreaterThan(1024);
    expect(groupsOf(map)).toEqual(groupsOf(cells));
    // Each key met is one group, with every add's money, count and joint flag.
    const expected = new Map<number, { total: number; count: number; joint: number }>();
    for (const a of all) {
      const e = expected.get(a.key) ?? { total: 0, count: 0, joint: 0 };
      expected.set(a.key, { total: e.total + a.yuan, count: e.count + 1, joint: e.joint + (a.joint ? 1 : 0) });
    }
    expect(cells.size).toBe(expected.size);
    // A Map keeps its keys in the order first set: the order the groups were met.
    expect(groupsOf(cells).map(({ total, count, joint }) => ({ total, count, joint }))).toEqual([...expected.values()]);
  });

  it('starts new groups for keys met again after forgetting, in both ways of finding them', () => {
    for (const denseMax of [100, 0]) {
      const g = new GroupTotals(100, true, denseMax);
      g.add(7, 1, 2, 0, 10, false);
      g.add(7, 1, 2, 0, 5, true);
      g.forget();
      g.add(7, 3, 2, 0, 1, false);
      expect(groupsOf(g)).toEqual([
        { d: 1, r: 2, combo: 0, total: 15, count: 2, joint: 1 },
        { d: 3, r: 2, combo: 0, total: 1, count: 1, joint: 0 },
      ]);
    }
  });
});
