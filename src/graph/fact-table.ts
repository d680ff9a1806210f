/**
 * Facts of one kind (donations or visits) as columns in typed arrays: their ids, the properties
 * lists filter, order and group on, and the ids of the actors they name in each role, with an
 * index from each actor to the facts naming it in each role. At national scale these are hundreds
 * of thousands of facts; held as objects they would fill the old generation that every young
 * collection walks (see StringTable). A fact is made into an object again only when a query
 * returns it, and that object is short-lived.
 */
import type { Value } from '../store/session.js';
import { Postings } from './postings.js';
import { sharedFrom } from './shared-memory.js';
import { numberDistinct, StringTable } from './string-table.js';

export interface FactRow {
  id: string;
  props: Record<string, Value>;
}

/** A fact read back from its table, knowing its row there (what a kept list holds instead of the fact). */
export type Stored<F> = F & { readonly row: number };

export interface FactShape<Role extends string> {
  /** Properties held as numbers (anything else reads back as null). */
  numbers: readonly string[];
  /** Properties held as strings (anything else reads back as null). */
  strings: readonly string[];
  /** The fields that hold the ids of the actors a fact names (donorIds, visitorIds…). */
  roles: readonly Role[];
}

const idsIn = (row: FactRow, role: string) => (row as unknown as Record<string, readonly string[]>)[role];

export class FactTable<F extends FactRow, Role extends keyof F & string> {
  private readonly ids: StringTable;
  private readonly actors: StringTable;
  /** Kinds, dates, the ids a share or restatement points to: few distinct, so kept as strings. */
  private readonly values: string[];
  private readonly numbers = new Map<string, Float64Array>();
  private readonly strings = new Map<string, Int32Array>();
  /** Per role: fact → its actors, and actor → the facts naming it. */
  private readonly actorsOf = new Map<Role, Postings>();
  private readonly factsOf = new Map<Role, Postings>();
  private readonly Fact: new (row: number, props: Record<string, Value>) => Stored<F>;

  constructor(rows: readonly F[], shape: FactShape<Role>) {
    const ids = numberDistinct(rows.map((r) => r.id));
    // A fact's number is its id's number in the table, so ids must be distinct.
    if (ids.size !== rows.length) {
      const seen = new Set<string>();
      const twice = rows.find((r) => seen.size === seen.add(r.id).size)!;
      throw new Error(`fact index: the store returned fact ${twice.id} twice`);
    }
    this.ids = StringTable.numbered(ids);
    const actors = numberDistinct(
      (function* () {
        for (const r of rows) for (const role of shape.roles) yield* idsIn(r, role);
      })(),
    );
    this.actors = StringTable.numbered(actors);
    const values = numberDistinct(
      (function* () {
        for (const r of rows) for (const k of shape.strings) if (typeof r.props[k] === 'string') yield r.props[k] as string;
      })(),
    );
    this.values = [...values.keys()];
    // Columns in shared memory: a worker thread reads them as they are (shared-memory.ts).
    for (const k of shape.numbers)
      this.numbers.set(
        k,
        sharedFrom(Float64Array, rows.length, (i) => (typeof rows[i].props[k] === 'number' ? (rows[i].props[k] as number) : NaN)),
      );
    for (const k of shape.strings)
      this.strings.set(
        k,
        sharedFrom(Int32Array, rows.length, (i) => (typeof rows[i].props[k] === 'string' ? values.get(rows[i].props[k] as string)! : -1)),
      );
    for (const role of shape.roles) {
      // Each actor once per fact, as the index held it when it was a Map of lists.
      const named = rows.map((r) => [...new Set(idsIn(r, role))].map((id) => actors.get(id)!));
      this.actorsOf.set(
        role,
        Postings.build(rows.length, (emit) => named.forEach((as, fact) => as.forEach((a) => emit(fact, a)))),
      );
      this.factsOf.set(
        role,
        Postings.build(this.actors.size, (emit) => named.forEach((as, fact) => as.forEach((a) => emit(a, fact)))),
      );
    }
    this.Fact = factClass(this.ids, this.actors, this.actorsOf) as unknown as typeof this.Fact;
  }

  get size(): number {
    return this.ids.size;
  }

  /** A fact's id, from its row. */
  idAt(row: number): string {
    return this.ids.at(row);
  }

  /** Rows naming any of the ids in any of the roles, each once, in row order. */
  rowsNaming(roles: readonly Role[], ids: Iterable<string>): number[] {
    const seen = new Set<number>();
    for (const role of roles) {
      const index = this.factsOf.get(role)!;
      for (const id of ids) index.forEach(this.actors.indexOf(id), (fact) => void seen.add(fact));
    }
    return [...seen].sort((a, b) => a - b);
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
    return this.actors.size;
  }

  /** An actor's number in this table, or -1 when no fact names it. */
  actorIndex(id: string): number {
    return this.actors.indexOf(id);
  }

  actorId(k: number): string {
    return this.actors.at(k);
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
    for (const role of roles) {
      const index = this.factsOf.get(role)!;
      for (const id of ids) {
        index.forEach(this.actors.indexOf(id), (fact) => {
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
function factClass(ids: StringTable, actors: StringTable, actorsOf: Map<string, Postings>) {
  const actorId = (k: number) => actors.at(k);
  class Fact {
    private decoded?: string;
    private named?: Map<string, string[]>;
    constructor(
      readonly row: number,
      readonly props: Record<string, Value>,
    ) {}
    get id(): string {
      return (this.decoded ??= ids.at(this.row));
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
