/**
 * What a drawing, a list of places or a filter by year needs of every node, as columns indexed by
 * the node's number in the Topology: its name, kind, level, code and revision (actors, titles,
 * meetings, agreements) and its year, yuan and dates (events). Everything else a node has (its
 * quote, aliases, successors…) is read from the store when a response shows it.
 *
 * Strings are held once each in a StringTable and referred to by number, so the columns are typed
 * arrays outside the JavaScript heap.
 */
import type { Value } from '../store/session.js';
import { StringTable } from './string-table.js';
import type { Topology } from './topology.js';

export const CARD_STRINGS = [
  'name',
  'kind',
  'level',
  'code',
  'revision',
  'dateStart',
  'dateEnd',
  'restates',
  'evidence',
  'metric',
] as const;
export const CARD_NUMBERS = ['year', 'yuan'] as const;
export type CardString = (typeof CARD_STRINGS)[number];
export type CardNumber = (typeof CARD_NUMBERS)[number];

export type NodeCardRow = { id: string } & Partial<Record<CardString | CardNumber, Value>>;

export class NodeCards {
  private constructor(
    private readonly values: StringTable,
    private readonly strings: Map<CardString, Int32Array>,
    private readonly numbers: Map<CardNumber, Float64Array>,
  ) {}

  /** `numberOf`: each node's number in the topology. */
  static build(topology: Topology, rows: readonly NodeCardRow[], numberOf: Map<string, number>): NodeCards {
    const numbered = new Map<string, number>();
    for (const r of rows) {
      for (const k of CARD_STRINGS) {
        const v = r[k];
        if (typeof v === 'string' && !numbered.has(v)) numbered.set(v, numbered.size);
      }
    }
    const at = Int32Array.from(rows, (r) => numberOf.get(r.id) ?? -1);
    const strings = new Map<CardString, Int32Array>();
    for (const k of CARD_STRINGS) {
      const column = new Int32Array(topology.nodeCount).fill(-1);
      rows.forEach((r, i) => {
        if (at[i] >= 0 && typeof r[k] === 'string') column[at[i]] = numbered.get(r[k] as string)!;
      });
      strings.set(k, column);
    }
    const numbers = new Map<CardNumber, Float64Array>();
    for (const k of CARD_NUMBERS) {
      const column = new Float64Array(topology.nodeCount).fill(NaN);
      rows.forEach((r, i) => {
        if (at[i] >= 0 && typeof r[k] === 'number') column[at[i]] = r[k] as number;
      });
      numbers.set(k, column);
    }
    return new NodeCards(StringTable.numbered(numbered), strings, numbers);
  }

  /** A string property of node n, or null. */
  str(n: number, key: CardString): string | null {
    const k = this.strings.get(key)![n];
    return k < 0 ? null : this.values.at(k);
  }

  /** A number property of node n, or null. */
  num(n: number, key: CardNumber): number | null {
    const v = this.numbers.get(key)![n];
    return Number.isNaN(v) ? null : v;
  }
}
