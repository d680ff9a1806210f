/**
 * Facts of one kind (donations or visits) as columns in typed arrays: their nodes (ids through
 * the topology), the properties lists filter, order and group on, and the actors they name in
 * each role, with an index from each actor to the facts naming it in each role. At national scale these are hundreds
 * of thousands of facts; held as objects they would fill the old generation that every young
 * collection walks (see StringTable). A fact is made into an object again only when a query
 * returns it, and that object is short-lived.
 */
import { NodeIdSet } from './node-id-set.js';
import type { Value } from '../store/session.js';
import { Postings } from './postings.js';
import { sharedFrom } from './shared-memory.js';

export interface FactRow {
  id: string;
  props: Record<string, Value>;
}

/** A fact read back from its table, knowing its row there (what a kept list holds instead of the fact). */
export type Stored<F> = F & { readonly row: number };

/** The numbering facts and actors are nodes of: the topology's. */
export interface NodeIds {
  readonly nodeCount: number;
  idAt(n: number): string;
  /** A node's number, or -1. */
  indexOf(id: string): number;
}

/** How a table reads its facts from their nodes (given by number). */
export interface FactShape<Role extends string> {
  /** Properties held as numbers (null: none). */
  numbers: Record<string, (node: number) => number | null>;
  /** Properties held as strings (null: none); few distinct values each. */
  strings: Record<string, (node: number) => string | null>;
  /** Per role (donorIds, visitorIds…), the nodes a fact names in it. */
  roles: Record<Role, (node: number) => readonly number[]>;
}

export class FactTable<F extends FactRow, Role extends keyof F & string> {
  /** Each row's node. Rows are in the order the nodes are given. */
  private readonly nodes: Int32Array;
  /** The actors the facts name, numbered in the order first met: each one's node, and back. */
  private readonly actorNodes: Int32Array;
  private readonly actorOfNode: Int32Array;
  /** Kinds, dates, the ids a share or restatement points to: few distinct, so kept as strings. */
  private readonly values: string[];
  private readonly numbers = new Map<string, Float64Array>();
  private readonly strings = new Map<string, Int32Array>();
  /** Per role: fact → its actors, and actor → the facts naming it. */
  private readonly actorsOf = new Map<Role, Postings>();
  private readonly factsOf = new Map<Role, Postings>();
  private readonly Fact: new (row: number, props: Record<string, Value>) => Stored<F>;

  /**
   * Built straight from node numbers (the topology's) and the node cards: at national scale an
   * object per fact on the way, with its ids as strings, cost seconds of the start and as much
   * again in collections.
   */
  constructor(
    nodes: ArrayLike<number>,
    private readonly ids: NodeIds,
    shape: FactShape<Role>,
  ) {
    this.nodes = Int32Array.from(nodes);
    const size = this.nodes.length;
    const roles = Object.keys(shape.roles) as Role[];
    // Each actor once per fact and role, as the index held it when it was a Map of lists.
    const named = new Map(roles.map((role) => [role, Array.from(this.nodes, (n) => [...new Set(shape.roles[role](n))])]));
    this.actorOfNode = new Int32Array(ids.nodeCount).fill(-1);
    const actorNodes: number[] = [];
    for (const role of roles)
      for (const list of named.get(role)!) for (const a of list) if (this.actorOfNode[a] < 0) this.actorOfNode[a] = actorNodes.push(a) - 1;
    this.actorNodes = Int32Array.from(actorNodes);
    const values = new Map<string, number>();
    // Columns in shared memory: a worker thread reads them as they are (shared-memory.ts).
    for (const [k, read] of Object.entries(shape.numbers))
      this.numbers.set(
        k,
        sharedFrom(Float64Array, size, (i) => read(this.nodes[i]) ?? NaN),
      );
    for (const [k, read] of Object.entries(shape.strings))
      this.strings.set(
        k,
        sharedFrom(Int32Array, size, (i) => {
          const v = read(this.nodes[i]);
          if (v === null) return -1;
          let at = values.get(v);
          if (at === undefined) values.set(v, (at = values.size));
          return at;
        }),
      );
    this.values = [...values.keys()];
    for (const role of roles) {
      const lists = named.get(role)!;
      const of = this.actorOfNode;
      this.actorsOf.set(
        role,
        Postings.build(size, (emit) => lists.forEach((as, fact) => as.forEach((a) => emit(fact, of[a])))),
      );
      this.factsOf.set(
        role,
        Postings.build(this.actorNodes.length, (emit) => lists.forEach((as, fact) => as.forEach((a) => emit(of[a], fact)))),
      );
    }
    this.Fact = factClass(
      (row) => this.idAt(row),
      (k) => this.actorId(k),
      this.actorsOf,
    ) as unknown as typeof this.Fact;
  }

  get size(): number {
    return this.nodes.length;
  }

  /** A fact's id, from its row. */
  idAt(row: number): string {
    return this.ids.idAt(this.nodes[row]);
  }

  /** Rows naming any of the ids in any of the roles, each once, in row order. */
  rowsNaming(roles: readonly Role[], ids: Iterable<string>): number[] {
    // Gathered with repeats (a joint donation names several of a province's actors), sorted, then
    // each kept once: a province names tens of thousands of rows, where a Set cost milliseconds.
    const rows: number[] = [];
    const actors = this.actorNumbersOf(ids);
    for (const role of roles) {
      const index = this.factsOf.get(role)!;
      for (const k of actors) index.forEach(k, (fact) => void rows.push(fact));
    }
    const sorted = Int32Array.from(rows).sort();
    const out: number[] = [];
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]);
    return out;
  }

  /**
   * The ids' numbers in this table, in the ids' order (-1 for one that names no actor of it): read
   * off the node numbers a NodeIdSet holds, looked up one by one otherwise.
   */
  actorNumbersOf(ids: Iterable<string>): number[] {
    if (ids instanceof NodeIdSet) return Array.from(ids.nodes, (n) => this.actorOfNode[n]);
    return Array.from(ids, (id) => this.actorIndex(id));
  }

  /** A number property's column (NaN where a fact has none): for loops over many rows. */
  numberColumn(key: string): Float64Array {
    return this.numbers.get(key)!;
  }

  /** A string property's column, as numbers of `valueAt` (-1 where a fact has none). */
  stringColumn(key: string): Int32Array {
    return this.strings.get(key)!;
  }

  /** The string a string column's number stands for. */
  valueAt(k: number): string {
    return this.values[k];
  }

  /** A string's number in the string columns, or -1 when no fact holds it. */
  valueIndex(s: string): number {
    return this.values.indexOf(s);
  }

  /** A number property of a row, or null. */
  num(key: string, row: number): number | null {
    const v = this.numbers.get(key)![row];
    return Number.isNaN(v) ? null : v;
  }

  /** A string property of a row, or null. */
  str(key: string, row: number): string | null {
    const k = this.strings.get(key)![row];
    return k < 0 ? null : this.values[k];
  }

  /** Each row's actors in a role as the arrays of a Postings, for loops over many rows (see `Postings.arrays`). */
  actorArrays(role: Role): { readonly offsets: Uint32Array; readonly items: Uint32Array } {
    return this.actorsOf.get(role)!.arrays();
  }

  /** Each actor's rows in a role as the arrays of a Postings (the reverse of `actorArrays`). */
  rowArrays(role: Role): { readonly offsets: Uint32Array; readonly items: Uint32Array } {
    return this.factsOf.get(role)!.arrays();
  }

  /** How many distinct actors the facts name. */
  get actorCount(): number {
    return this.actorNodes.length;
  }

  /** An actor's number in this table, or -1 when no fact names it. */
  actorIndex(id: string): number {
    const n = this.ids.indexOf(id);
    return n < 0 ? -1 : this.actorOfNode[n];
  }

  actorId(k: number): string {
    return this.ids.idAt(this.actorNodes[k]);
  }

  /** An actor's node, from its number in this table. */
  actorNode(k: number): number {
    return this.actorNodes[k];
  }

  /** Every fact, in the order given. */
  all(): Stored<F>[] {
    const out: Stored<F>[] = new Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.fact(i);
    return out;
  }

  /**
   * Facts naming any of the ids in any of the roles, each once: by role, then by id in the set's
   * order, then in the order given.
   */
  naming(roles: readonly Role[], ids: Iterable<string>): Stored<F>[] {
    const seen = new Set<number>();
    const out: Stored<F>[] = [];
    const actors = this.actorNumbersOf(ids);
    for (const role of roles) {
      const index = this.factsOf.get(role)!;
      for (const k of actors) {
        index.forEach(k, (fact) => {
          if (seen.has(fact)) return;
          seen.add(fact);
          out.push(this.fact(fact));
        });
      }
    }
    return out;
  }

  private fact(i: number): Stored<F> {
    const props: Record<string, Value> = {};
    for (const [k, column] of this.numbers) props[k] = Number.isNaN(column[i]) ? null : column[i];
    for (const [k, column] of this.strings) props[k] = column[i] < 0 ? null : this.values[column[i]];
    return new this.Fact(i, props);
  }
}

/**
 * A fact read back: its properties at once (every filter reads them), its id and actor ids when
 * first asked (a total over every donation reads no id; ordering reads ids only to break ties).
 * The actor ids are properties named by role (donorIds…), as the fact had them.
 */
function factClass(idAt: (row: number) => string, actorId: (k: number) => string, actorsOf: Map<string, Postings>) {
  class Fact {
    private decoded?: string;
    private named?: Map<string, string[]>;
    constructor(
      readonly row: number,
      readonly props: Record<string, Value>,
    ) {}
    get id(): string {
      return (this.decoded ??= idAt(this.row));
    }
    actorsIn(role: string): string[] {
      this.named ??= new Map();
      let list = this.named.get(role);
      if (!list) this.named.set(role, (list = actorsOf.get(role)!.map(this.row, actorId)));
      return list;
    }
    /** What a test or a log sees: the plain fact. */
    toJSON() {
      return { id: this.id, props: this.props, ...Object.fromEntries([...actorsOf.keys()].map((r) => [r, this.actorsIn(r)])) };
    }
  }
  for (const role of actorsOf.keys())
    Object.defineProperty(Fact.prototype, role, {
      get(this: Fact) {
        return this.actorsIn(role);
      },
    });
  return Fact;
}
