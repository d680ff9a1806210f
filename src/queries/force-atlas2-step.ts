/**
 * One ForceAtlas2 step for the drawings laid out on the serving thread: graphology-layout-
 * forceatlas2's `iterate` restricted to what those drawings use (every pair of nodes compared, no
 * Barnes-Hut; linear attraction and repulsion; no size adjustment, no outbound distribution,
 * edge weight influence 1), over the library's node and edge matrices. The forces are the
 * library's; a test holds each step to the library's on random graphs (within 1e-4, relative).
 *
 * Why not the library's step itself, on the serving thread: on Node 20 its optimised step keeps
 * its locals boxed (they start out undefined) and allocates a number for nearly every pair of
 * nodes it compares, about 300 KB of garbage per step of a 66-node drawing, and it stores both
 * ends' forces for every pair. This step takes under half its time and makes no garbage
 * (docs/PERFORMANCE.md). Other settings, and Barnes-Hut for the largest drawings, still go through
 * the library.
 */

/** The library's matrix layout: ten numbers per node, three per edge (an edge's ends as node offsets). */
export const PER_NODE = 10;
export const PER_EDGE = 3;
const X = 0;
const Y = 1;
const DX = 2;
const DY = 3;
const OLD_DX = 4;
const OLD_DY = 5;
const MASS = 6;
const CONVERGENCE = 7;
const FIXED = 9;

/** The settings this step reads, each missing one at the library's default; the rest as stated above. */
export interface LinearForceAtlas2Settings {
  scalingRatio?: number;
  gravity?: number;
  strongGravityMode?: boolean;
  slowDown?: number;
}

/** Whether `settings` are ones this step covers: the library would apply the same forces. */
export function linearStepCovers(settings: {
  barnesHutOptimize?: boolean;
  linLogMode?: boolean;
  adjustSizes?: boolean;
  outboundAttractionDistribution?: boolean;
  edgeWeightInfluence?: number;
}): boolean {
  return (
    !settings.barnesHutOptimize &&
    !settings.linLogMode &&
    !settings.adjustSizes &&
    !settings.outboundAttractionDistribution &&
    settings.edgeWeightInfluence === 1
  );
}

export function linearForceAtlas2Step(settings: LinearForceAtlas2Settings, nodes: Float32Array, edges: Float32Array): void {
  const { scalingRatio = 1, gravity = 1, strongGravityMode = false, slowDown = 1 } = settings;
  const order = nodes.length;
  const size = edges.length;

  for (let n = 0; n < order; n += PER_NODE) {
    nodes[n + OLD_DX] = nodes[n + DX];
    nodes[n + OLD_DY] = nodes[n + DY];
    nodes[n + DX] = 0;
    nodes[n + DY] = 0;
  }

  // Repulsion between every pair: m1·m2·ratio / d along the line between them. A node's own pull
  // is summed in locals and stored once, and 1/d² taken as one division: about three times the
  // speed of storing both ends for every pair, at the price of last-digit differences from the
  // library's order of rounding.
  let coefficient = scalingRatio;
  for (let n1 = 0; n1 < order; n1 += PER_NODE) {
    const x1 = nodes[n1 + X];
    const y1 = nodes[n1 + Y];
    const m1 = coefficient * nodes[n1 + MASS];
    let dx = 0;
    let dy = 0;
    for (let n2 = 0; n2 < n1; n2 += PER_NODE) {
      const xDist = x1 - nodes[n2 + X];
      const yDist = y1 - nodes[n2 + Y];
      const squared = xDist * xDist + yDist * yDist;
      if (squared > 0) {
        const factor = (m1 * nodes[n2 + MASS]) / squared;
        dx += xDist * factor;
        dy += yDist * factor;
        nodes[n2 + DX] -= xDist * factor;
        nodes[n2 + DY] -= yDist * factor;
      }
    }
    nodes[n1 + DX] += dx;
    nodes[n1 + DY] += dy;
  }

  // Gravity.
  const g = gravity / scalingRatio;
  coefficient = scalingRatio;
  for (let n = 0; n < order; n += PER_NODE) {
    let factor = 0;
    const xDist = nodes[n + X];
    const yDist = nodes[n + Y];
    const distance = Math.sqrt(Math.pow(xDist, 2) + Math.pow(yDist, 2));
    if (strongGravityMode) {
      if (distance > 0) factor = coefficient * nodes[n + MASS] * g;
    } else if (distance > 0) factor = (coefficient * nodes[n + MASS] * g) / distance;
    nodes[n + DX] -= xDist * factor;
    nodes[n + DY] -= yDist * factor;
  }

  // Linear attraction along each edge, weighted by the edge (influence 1).
  for (let e = 0; e < size; e += PER_EDGE) {
    const n1 = edges[e];
    const n2 = edges[e + 1];
    const factor = -1 * edges[e + 2];
    const xDist = nodes[n1 + X] - nodes[n2 + X];
    const yDist = nodes[n1 + Y] - nodes[n2 + Y];
    nodes[n1 + DX] += xDist * factor;
    nodes[n1 + DY] += yDist * factor;
    nodes[n2 + DX] -= xDist * factor;
    nodes[n2 + DY] -= yDist * factor;
  }

  // Each node moves by its force, slowed where it swings.
  for (let n = 0; n < order; n += PER_NODE) {
    if (nodes[n + FIXED] === 1) continue;
    const swinging =
      nodes[n + MASS] *
      Math.sqrt(
        (nodes[n + OLD_DX] - nodes[n + DX]) * (nodes[n + OLD_DX] - nodes[n + DX]) +
          (nodes[n + OLD_DY] - nodes[n + DY]) * (nodes[n + OLD_DY] - nodes[n + DY]),
      );
    const traction =
      Math.sqrt(
        (nodes[n + OLD_DX] + nodes[n + DX]) * (nodes[n + OLD_DX] + nodes[n + DX]) +
          (nodes[n + OLD_DY] + nodes[n + DY]) * (nodes[n + OLD_DY] + nodes[n + DY]),
      ) / 2;
    const nodespeed = (nodes[n + CONVERGENCE] * Math.log(1 + traction)) / (1 + Math.sqrt(swinging));
    nodes[n + CONVERGENCE] = Math.min(
      1,
      Math.sqrt((nodespeed * (Math.pow(nodes[n + DX], 2) + Math.pow(nodes[n + DY], 2))) / (1 + Math.sqrt(swinging))),
    );
    nodes[n + X] = nodes[n + X] + nodes[n + DX] * (nodespeed / slowDown);
    nodes[n + Y] = nodes[n + Y] + nodes[n + DY] * (nodespeed / slowDown);
  }
}
