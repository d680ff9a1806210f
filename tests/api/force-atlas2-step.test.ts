/** The serving thread's ForceAtlas2 step agrees with graphology-layout-forceatlas2's own step. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { linearForceAtlas2Step, linearStepCovers, PER_EDGE, PER_NODE } from '../../src/queries/force-atlas2-step.js';
import { layoutGraph } from '../../src/queries/graph-analysis.js';

type Step = (settings: object, nodes: Float32Array, edges: Float32Array) => void;
const libraryStep = createRequire(import.meta.url)('graphology-layout-forceatlas2/iterate.js') as Step;

/** The library's matrices for a random graph: scattered nodes of masses 1–6, random weighted edges (some loops). */
function randomMatrices(rng: () => number, n: number) {
  const nodes = new Float32Array(n * PER_NODE);
  for (let v = 0; v < n; v++) {
    nodes[v * PER_NODE] = (rng() - 0.5) * 500;
    nodes[v * PER_NODE + 1] = (rng() - 0.5) * 500;
    nodes[v * PER_NODE + 6] = 1 + Math.floor(rng() * 6);
    nodes[v * PER_NODE + 7] = 1;
    nodes[v * PER_NODE + 8] = 1;
  }
  // Two nodes on the same spot: the pair's repulsion is skipped by both steps.
  if (n > 2) {
    nodes[PER_NODE] = nodes[0];
    nodes[PER_NODE + 1] = nodes[1];
  }
  const m = Math.round(n * 1.3);
  const edges = new Float32Array(m * PER_EDGE);
  for (let i = 0; i < m; i++) {
    edges[i * PER_EDGE] = Math.floor(rng() * n) * PER_NODE;
    edges[i * PER_EDGE + 1] = Math.floor(rng() * n) * PER_NODE;
    edges[i * PER_EDGE + 2] = 1 + Math.floor(rng() * 3);
  }
  return { nodes, edges };
}

const settingsFor = (n: number, strongGravityMode: boolean) => ({
  linLogMode: false,
  outboundAttractionDistribution: false,
  adjustSizes: false,
  edgeWeightInfluence: 1,
  barnesHutTheta: 0.5,
  ...forceAtlas2.inferSettings(n),
  barnesHutOptimize: false,
  strongGravityMode,
});

describe('linearForceAtlas2Step', () => {
  it('moves every node as the library does, step after step, to within float rounding', () => {
    const rng = seedrandom('fa2');
    let compared = 0;
    for (let k = 0; k < 150; k++) {
      const n = 1 + Math.floor(rng() * 250);
      const settings = settingsFor(n, k % 3 !== 0);
      const ours = randomMatrices(rng, n);
      const theirs = { nodes: ours.nodes.slice(), edges: ours.edges };
      const before = ours.nodes.slice();
      for (let step = 0; step < 2; step++) {
        linearForceAtlas2Step(settings, ours.nodes, ours.edges);
        libraryStep(settings, theirs.nodes, theirs.edges);
        for (let i = 0; i < ours.nodes.length; i++) {
          // Positions, forces, previous forces and convergence: each within a few float32 ulps
          // of the library's, relative to the value (or 1 near 0).
          expect(Math.abs(ours.nodes[i] - theirs.nodes[i]) / Math.max(1, Math.abs(theirs.nodes[i]))).toBeLessThan(1e-4);
          compared++;
        }
      }
      // Something moved: a step that did nothing would agree with a library that did nothing.
      if (n > 1) expect(ours.nodes.some((v, i) => i % PER_NODE === 0 && v !== before[i])).toBe(true);
    }
    expect(compared).toBeGreaterThan(100_000);
  });

  it('leaves fixed nodes where they are', () => {
    const { nodes, edges } = randomMatrices(seedrandom('fixed'), 20);
    nodes[5 * PER_NODE + 9] = 1;
    const before = nodes.slice();
    linearForceAtlas2Step(settingsFor(20, true), nodes, edges);
    expect([nodes[5 * PER_NODE], nodes[5 * PER_NODE + 1]]).toEqual([before[5 * PER_NODE], before[5 * PER_NODE + 1]]);
    expect(nodes[6 * PER_NODE]).not.toBe(before[6 * PER_NODE]);
  });

  it('covers only the settings it computes; Barnes-Hut, LinLog, sizes and weights go to the library', () => {
    expect(linearStepCovers(settingsFor(50, true))).toBe(true);
    for (const other of [
      { barnesHutOptimize: true },
      { linLogMode: true },
      { adjustSizes: true },
      { outboundAttractionDistribution: true },
      { edgeWeightInfluence: 0.5 },
    ])
      expect(linearStepCovers({ ...settingsFor(50, true), ...other })).toBe(false);
  });

  it('lays out a drawing the same way every time, every node on a spot of its own', () => {
    const rng = seedrandom('drawing');
    const n = 120;
    const sources = Int32Array.from({ length: 140 }, (_, i) => (i < n - 1 ? Math.floor(rng() * (i + 1)) : Math.floor(rng() * n)));
    const targets = Int32Array.from({ length: 140 }, (_, i) => (i < n - 1 ? i + 1 : Math.floor(rng() * n)));
    const input = {
      ids: Array.from({ length: n }, (_, i) => `n${i}`),
      sources,
      targets,
      seeds: Int32Array.of(0),
      seed: 4,
      iterations: 40,
      measures: false,
    };
    const a = layoutGraph(input);
    expect(layoutGraph(input)).toEqual(a);
    const placed = layoutGraph({ ...input, iterations: 0 });
    // The refinement moved the radial placement.
    expect([...a.x]).not.toEqual([...placed.x]);
    // Every node on the drawing, none stacked on another.
    const spots = new Set([...a.x].map((x, i) => `${x},${a.y[i]}`));
    expect(spots.size).toBe(n);
    expect([...a.x, ...a.y].every(Number.isFinite)).toBe(true);
  });
});
