/**
 * The whole graph's shape in typed arrays: every node numbered in id order, its label, and its
 * relationships both ways as compressed sparse rows (the far end's number and the relationship's
 * type). Neighbourhoods, paths and hierarchy roll-ups walk these arrays: on a million-node graph a
 * store round trip per hop costs tens to hundreds of milliseconds, a walk here microseconds.
 *
 * Nodes are numbered in the order ids are listed (compareIds), so a list of node numbers sorted
 * as numbers is a list of ids in order, without comparing strings.
 */
import { NODE_LABELS, REL_TYPES, type NodeLabel, type RelType } from '../store/graph-rows.js';
import { compareIds } from './id-order.js';
import { StringTable } from './string-table.js';

export interface NodeIndexRow {
  id: string;
  label: NodeLabel;
}

export interface RelationshipIndexRow {
  fromId: string;
  type: RelType;
  toId: string;
}

const LABEL_NUMBER = new Map<string, number>(NODE_LABELS.map((l, i) => [l, i]));
const TYPE_NUMBER = new Map<string, number>(REL_TYPES.map((t, i) => [t, i]));

/** A relationship type's number in REL_TYPES (what `typeAt` returns). */
export const relTypeNumber = (t: RelType): number => TYPE_NUMBER.get(t)!;

/** One direction's relationships: `start[n]` to `start[n + 1]` are node n's, by type then far end. */
class Adjacency {
  constructor(
    readonly start: Int32Array,
    readonly other: Int32Array,
    readonly type: Uint8Array,
  ) {}

  static build(nodeCount: number, from: Int32Array, to: Int32Array, types: Uint8Array): Adjacency {
    const m = from.length;
    // Counting sorts, each stable: by far end, then by type, then into each node's slice; so a
    // node's relationships come out by type, then far end, in linear time.
    const byOther = countingOrder(identity(m), to, nodeCount);
    const byType = countingOrder(byOther, types, 256);
    const start = new Int32Array(nodeCount + 1);
    for (let i = 0; i < m; i++) start[from[i] + 1]++;
    for (let n = 0; n < nodeCount; n++) start[n + 1] += start[n];
    const next = start.slice(0, nodeCount);
    const other = new Int32Array(m);
    const type = new Uint8Array(m);
    for (const i of byType) {
      const at = next[from[i]]++;
      other[at] = to[i];
      type[at] = types[i];
    }
    return new Adjacency(start, other, type);
  }
}

function identity(m: number): Int32Array {
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) out[i] = i;
  return out;
}

/** `items` reordered stably by `key[item]` (keys from 0 to `keyCount` - 1). */
function countingOrder(items: Int32Array, key: ArrayLike<number>, keyCount: number): Int32Array {
  const start = new Int32Array(keyCount + 1);
  for (const i of items) start[key[i] + 1]++;
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  const out = new Int32Array(items.length);
  for (const i of items) out[start[key[i]]++] = i;
  return out;
}

export type Direction = 'out' | 'in';

export class Topology {
  private constructor(
    private readonly ids: StringTable,
    private readonly labels: Uint8Array,
    private readonly outgoing: Adjacency,
    private readonly incoming: Adjacency,
  ) {}

  /**
   * Builds from every node and every relationship (the rows are let go by the caller afterwards).
   * `numbered`, the id → number map used on the way, is given back for the builders of columns.
   */
  static build(
    nodes: readonly NodeIndexRow[],
    relationships: readonly RelationshipIndexRow[],
  ): { topology: Topology; numbered: Map<string, number> } {
    const order = nodes.map((n) => n.id).sort(compareIds);
    const numbered = new Map<string, number>();
    for (const id of order) numbered.set(id, numbered.size);
    if (numbered.size !== nodes.length) throw new Error('topology: the store returned a node id twice');
    const labels = new Uint8Array(nodes.length);
    for (const n of nodes) labels[numbered.get(n.id)!] = LABEL_NUMBER.get(n.label) ?? 0;
    const from = new Int32Array(relationships.length);
    const to = new Int32Array(relationships.length);
    const types = new Uint8Array(relationships.length);
    let m = 0;
    for (const r of relationships) {
      const a = numbered.get(r.fromId);
      const b = numbered.get(r.toId);
      const t = TYPE_NUMBER.get(r.type);
      // Only relationships between nodes of the model count (the store's metadata node has none).
      if (a === undefined || b === undefined || t === undefined) continue;
      from[m] = a;
      to[m] = b;
      types[m++] = t;
    }
    const f = from.subarray(0, m);
    const t = to.subarray(0, m);
    const ty = types.subarray(0, m);
    const topology = new Topology(
      StringTable.numbered(numbered),
      labels,
      Adjacency.build(nodes.length, f, t, ty),
      Adjacency.build(nodes.length, t, f, ty),
    );
    return { topology, numbered };
  }

  get nodeCount(): number {
    return this.labels.length;
  }

  get relationshipCount(): number {
    return this.outgoing.other.length;
  }

  /** A node's number, or -1 when the graph has no such node. */
  indexOf(id: string): number {
    return this.ids.indexOf(id);
  }

  idAt(n: number): string {
    return this.ids.at(n);
  }

  labelAt(n: number): NodeLabel {
    return NODE_LABELS[this.labels[n]];
  }

  /** A relationship type's name, from its number. */
  typeName(type: number): RelType {
    return REL_TYPES[type];
  }

  /**
   * One direction's arrays, for loops that walk many relationships: node n's are `start[n]` to
   * `start[n + 1] - 1` of `other` (the far end) and `type` (the type's number). Read only.
   */
  adjacency(direction: Direction): { readonly start: Int32Array; readonly other: Int32Array; readonly type: Uint8Array } {
    return direction === 'out' ? this.outgoing : this.incoming;
  }

  /** Relationships of a node in one direction. */
  degree(n: number, direction: Direction): number {
    const a = direction === 'out' ? this.outgoing : this.incoming;
    return a.start[n + 1] - a.start[n];
  }

  /**
   * Calls `f(far end, type number)` for each of the node's relationships in one direction (of the
   * given type numbers only, when given); stops early when `f` returns false.
   */
  forEach(n: number, direction: Direction, f: (other: number, type: number) => boolean | void, types?: ReadonlySet<number>): void {
    const a = direction === 'out' ? this.outgoing : this.incoming;
    for (let i = a.start[n]; i < a.start[n + 1]; i++) {
      if (types && !types.has(a.type[i])) continue;
      if (f(a.other[i], a.type[i]) === false) return;
    }
  }

  /** The far ends of a node's relationships of one type, in id order, each once. */
  ends(n: number, direction: Direction, type: RelType): number[] {
    const t = TYPE_NUMBER.get(type)!;
    const out: number[] = [];
    this.forEach(n, direction, (other, ty) => {
      if (ty === t && out[out.length - 1] !== other) out.push(other);
    });
    return out;
  }

  /** Every node of a label, in id order. */
  withLabel(label: NodeLabel): number[] {
    const l = LABEL_NUMBER.get(label)!;
    const out: number[] = [];
    for (let n = 0; n < this.labels.length; n++) if (this.labels[n] === l) out.push(n);
    return out;
  }

  /** The nodes below a node along incoming PART_OF relationships of nodes with the same label, in id order. */
  descendants(n: number): number[] {
    const partOf = TYPE_NUMBER.get('PART_OF')!;
    const label = this.labels[n];
    const seen = new Set<number>([n]);
    const queue = [n];
    for (let q = 0; q < queue.length; q++) {
      this.forEach(queue[q], 'in', (child, type) => {
        if (type === partOf && this.labels[child] === label && !seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      });
    }
    return queue.slice(1).sort((a, b) => a - b);
  }
}
