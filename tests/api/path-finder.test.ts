/** Shortest paths on the read model's topology agree with graphology's breadth-first search. */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { MultiUndirectedGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/unweighted.js';
import { shortestPath } from '../../src/queries/path-finder.js';
import { Topology, relTypeNumber } from '../../src/graph/topology.js';
import { REL_TYPES, type RelType } from '../../src/store/graph-rows.js';

function randomGraph(seed: string, nodes: number, relationships: number) {
  const rng = seedrandom(seed);
  const ids = Array.from({ length: nodes }, (_, i) => `person:n-${i}`);
  const rels = Array.from({ length: relationships }, () => ({
    fromId: ids[Math.floor(rng() * nodes)],
    toId: ids[Math.floor(rng() * nodes)],
    type: REL_TYPES[Math.floor(rng() * 3)] as RelType,
  }));
  return {
    ids,
    rels,
    topology: Topology.build(
      ids.map((id) => ({ id, label: 'Official' as const })),
      rels,
    ).topology,
  };
}

/** The length of a shortest path by graphology over the allowed types, or null. */
function reference(
  ids: string[],
  rels: { fromId: string; toId: string; type: RelType }[],
  a: string,
  b: string,
  types?: Set<RelType>,
): number | null {
  const g = new MultiUndirectedGraph();
  for (const id of ids) g.addNode(id);
  for (const r of rels) if (!types || types.has(r.type)) g.addEdge(r.fromId, r.toId);
  const p = bidirectional(g, a, b);
  return p ? p.length - 1 : null;
}

describe('shortestPath over the topology', () => {
  it('finds a path exactly as short as a breadth-first search does, within the hop limit, over chosen relations', () => {
    for (const seed of ['a', 'b', 'c']) {
      const { ids, rels, topology: t } = randomGraph(seed, 300, 420);
      const rng = seedrandom(`${seed}-pairs`);
      for (let k = 0; k < 200; k++) {
        const [a, b] = [ids[Math.floor(rng() * ids.length)], ids[Math.floor(rng() * ids.length)]];
        const only = k % 2 ? new Set<RelType>(['PART_OF', 'LOCATED_IN']) : undefined;
        const want = reference(ids, rels, a, b, only);
        const found = shortestPath(t, t.indexOf(a), t.indexOf(b), 6, only && new Set([...only].map(relTypeNumber)));
        if (want === null || want > 6) {
          expect(found, `${a} → ${b}`).toBeNull();
          continue;
        }
        expect(found!.length - 1, `${a} → ${b}`).toBe(want);
        // Every step is a relationship of an allowed type, either way.
        for (let i = 1; i < found!.length; i++) {
          const [x, y] = [t.idAt(found![i - 1]), t.idAt(found![i])];
          expect(
            rels.some((r) => (!only || only.has(r.type)) && ((r.fromId === x && r.toId === y) || (r.fromId === y && r.toId === x))),
          ).toBe(true);
        }
        // A tighter hop limit than the shortest path finds nothing.
        if (want > 1)
          expect(shortestPath(t, t.indexOf(a), t.indexOf(b), want - 1, only && new Set([...only].map(relTypeNumber)))).toBeNull();
      }
    }
  });
});

describe('topology', () => {
  it("holds every relationship both ways, each node's by type then far end in id order", () => {
    const { ids, rels, topology: t } = randomGraph('d', 50, 200);
    expect(t.nodeCount).toBe(ids.length);
    expect(t.relationshipCount).toBe(rels.length);
    for (const id of ids) {
      const n = t.indexOf(id);
      const out: string[] = [];
      t.forEach(n, 'out', (m, type) => void out.push(`${REL_TYPES[type]} ${t.idAt(m)}`));
      const want = rels
        .filter((r) => r.fromId === id)
        .map((r) => [r.type, r.toId] as const)
        .sort((x, y) => REL_TYPES.indexOf(x[0]) - REL_TYPES.indexOf(y[0]) || t.indexOf(x[1]) - t.indexOf(y[1]))
        .map(([ty, to]) => `${ty} ${to}`);
      expect(out).toEqual(want);
      expect(t.degree(n, 'in')).toBe(rels.filter((r) => r.toId === id).length);
    }
    // Numbered in id order: person:n-2 before person:n-10.
    expect(t.indexOf('person:n-2')).toBeLessThan(t.indexOf('person:n-10'));
    expect(t.indexOf('person:none')).toBe(-1);
  });
});
