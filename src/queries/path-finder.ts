/**
 * Shortest paths between two nodes, over every relation or chosen ones, in either direction:
 * a breadth-first search from both ends over the read model's topology, always growing the side
 * whose frontier has fewer relationships (so a province with a hundred thousand is reached, not
 * walked). A pairing step carries the pairing's provenance; other relationships have none.
 */
import type { RelType } from '../store/graph-rows.js';
import type { ReadModel } from '../graph/read-model.js';
import { relTypeNumber, type Topology } from '../graph/topology.js';
import type { PathModel } from './models.js';
import { provenance } from './props.js';

const SUPPORTS = relTypeNumber('SUPPORTS');

/** Sums the relationships of a frontier (the work of growing it). */
function frontierWork(t: Topology, frontier: number[]): number {
  let w = 0;
  for (const n of frontier) w += t.degree(n, 'out') + t.degree(n, 'in');
  return w;
}

/**
 * Per side, the node each node was reached from, valid where `seen` holds this search's stamp.
 * Made once per topology and reused: a search runs to its end without yielding, so two never
 * share them, and a stamp makes clearing them free. Typed arrays rather than Maps: a search that
 * reaches a crowded province visits hundreds of thousands of nodes.
 */
interface Scratch {
  stamp: number;
  seen: [Int32Array, Int32Array];
  parent: [Int32Array, Int32Array];
}
const scratches = new WeakMap<Topology, Scratch>();

function scratchFor(t: Topology): Scratch {
  let s = scratches.get(t);
  if (!s) {
    const n = t.nodeCount;
    s = { stamp: 0, seen: [new Int32Array(n), new Int32Array(n)], parent: [new Int32Array(n), new Int32Array(n)] };
    scratches.set(t, s);
  }
  return s;
}

/** The node numbers of one shortest path from `a` to `b` within `maxHops`, or null. */
export function shortestPath(t: Topology, a: number, b: number, maxHops: number, types: ReadonlySet<number> | undefined): number[] | null {
  if (a === b) return [a];
  const scratch = scratchFor(t);
  const stamp = ++scratch.stamp;
  const { seen, parent } = scratch;
  seen[0][a] = stamp;
  parent[0][a] = -1;
  seen[1][b] = stamp;
  parent[1][b] = -1;
  const frontiers = [[a], [b]];
  const depth = [0, 0];
  while (depth[0] + depth[1] < maxHops && frontiers[0].length && frontiers[1].length) {
    const side = frontierWork(t, frontiers[0]) <= frontierWork(t, frontiers[1]) ? 0 : 1;
    const [mine, mineFrom, theirs] = [seen[side], parent[side], seen[1 - side]];
    const next: number[] = [];
    let meet = -1;
    for (const n of frontiers[side]) {
      for (const direction of ['out', 'in'] as const) {
        t.forEach(
          n,
          direction,
          (other) => {
            if (mine[other] === stamp) return;
            mine[other] = stamp;
            mineFrom[other] = n;
            next.push(other);
            if (theirs[other] === stamp) {
              meet = other;
              return false;
            }
          },
          types,
        );
        if (meet >= 0) break;
      }
      if (meet >= 0) break;
    }
    depth[side]++;
    if (meet >= 0) {
      const half = (from: Int32Array) => {
        const out: number[] = [];
        for (let n = meet; n !== -1; n = from[n]) out.push(n);
        return out;
      };
      return [...half(parent[0]).reverse(), ...half(parent[1]).slice(1)];
    }
    frontiers[side] = next;
  }
  return null;
}

/** The relationship between two adjacent nodes that a step stands for: the first of the allowed types, outgoing first. */
function stepBetween(t: Topology, a: number, b: number, types: ReadonlySet<number> | undefined): { type: number; forward: boolean } {
  let found: { type: number; forward: boolean } | null = null;
  for (const [direction, forward] of [
    ['out', true],
    ['in', false],
  ] as const) {
    t.forEach(
      a,
      direction,
      (other, type) => {
        if (other !== b) return;
        found = { type, forward };
        return false;
      },
      types,
    );
    if (found) return found;
  }
  throw new Error(`path: no relationship between nodes ${a} and ${b}`);
}

export function findPath(model: ReadModel, from: string, to: string, maxHops: number, relations: RelType[] | null): PathModel | null {
  const t = model.topology;
  const types = relations ? new Set(relations.map(relTypeNumber)) : undefined;
  const [a, b] = [t.indexOf(from), t.indexOf(to)];
  if (a < 0 || b < 0) return null;
  const found = shortestPath(t, a, b, maxHops, types);
  if (!found) return null;
  const steps = found.slice(1).map((n, i) => {
    const m = found[i];
    const { type, forward } = stepBetween(t, m, n, types);
    const [fromId, toId] = [t.idAt(m), t.idAt(n)];
    const [supporter, supported] = forward ? [fromId, toId] : [toId, fromId];
    const pairing =
      type === SUPPORTS
        ? model.facts.pairingCandidates({ supporters: new Set([supporter]) }).find((p) => p.supportedId === supported)
        : undefined;
    return { relation: t.typeName(type), forward, fromId, toId, provenance: pairing ? provenance(pairing.props) : null };
  });
  return { nodeIds: found.map((n) => t.idAt(n)), steps };
}
