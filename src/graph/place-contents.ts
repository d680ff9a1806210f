/**
 * What lies inside each place, worked out once when the read model is built: the place, the
 * places below it, and the organisations (with their own departments), enterprises and projects
 * based or located in any of them. A filter "from Shandong" or a province's roll-up reads its
 * list instead of walking the hierarchy: at a million nodes a province holds about 5,700 actors,
 * and the walk took about 3 ms of every such request (docs/PERFORMANCE.md). All places' lists
 * together are a few megabytes, in two typed arrays.
 */
import type { Topology } from './topology.js';

export class PlaceContents {
  private constructor(
    /** `nodes[start[k]] … nodes[start[k + 1] - 1]` lie inside the k-th place. */
    private readonly start: Int32Array,
    private readonly nodes: Int32Array,
    /** A node's place number (its k), or -1 for a node that is not a place. */
    private readonly placeOf: Int32Array,
  ) {}

  static build(topology: Topology): PlaceContents {
    const places = topology.withLabel('Place');
    const placeOf = new Int32Array(topology.nodeCount).fill(-1);
    places.forEach((n, k) => (placeOf[n] = k));
    const lists = places.map((n) => inside(topology, n));
    const start = new Int32Array(places.length + 1);
    for (let k = 0; k < lists.length; k++) start[k + 1] = start[k] + lists[k].length;
    const nodes = new Int32Array(start[places.length]);
    lists.forEach((list, k) => nodes.set(list, start[k]));
    return new PlaceContents(start, nodes, placeOf);
  }

  /** Every node number held, over all places (what the lists cost: four bytes each). */
  get size(): number {
    return this.nodes.length;
  }

  /**
   * The place `n` and everything inside it, the place first, then the places below it in id
   * order, each followed by what is based or located in it; null when `n` is not a place.
   */
  of(n: number): Int32Array | null {
    const k = n >= 0 && n < this.placeOf.length ? this.placeOf[n] : -1;
    return k < 0 ? null : this.nodes.subarray(this.start[k], this.start[k + 1]);
  }
}

/** The walk `of` answers from: each node once, in the order first reached. */
function inside(t: Topology, place: number): number[] {
  const places = [place, ...t.descendants(place)];
  const out = new Set<number>(places);
  for (const p of places) {
    for (const rel of ['LOCATED_IN', 'BASED_IN'] as const) {
      for (const body of t.ends(p, 'in', rel)) {
        out.add(body);
        if (t.labelAt(body) === 'Organisation') for (const part of t.descendants(body)) out.add(part);
      }
    }
  }
  return [...out];
}
