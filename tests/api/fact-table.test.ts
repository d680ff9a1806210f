import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/graph/string-table.js';
import { Postings } from '../../src/graph/postings.js';
import { FactTable } from '../../src/graph/fact-table.js';
import { NodeIdSet } from '../../src/graph/node-id-set.js';
import type { DonationFact } from '../../src/store/graph-store.js';

describe('StringTable', () => {
  it('numbers each distinct string once, in the order first met, and finds it again', () => {
    const words = ['gb:510000@201210', 'person:o-1', '四川省', 'gb:510000@201210', '', 'Ping’an', 'person:o-1'];
    const table = StringTable.of(words);
    expect(table.size).toBe(5);
    expect([0, 1, 2, 3, 4].map((k) => table.at(k))).toEqual(['gb:510000@201210', 'person:o-1', '四川省', '', 'Ping’an']);
    for (const w of words) expect(table.at(table.indexOf(w))).toBe(w);
    expect(table.indexOf('person:o-2')).toBe(-1);
    expect(table.indexOf('四川')).toBe(-1);
  });

  it('stays exact when the table is large and hashes collide into long probes', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `donation:d-${i}`);
    const table = StringTable.of(ids);
    expect(table.size).toBe(ids.length);
    for (let i = 0; i < ids.length; i += 997) expect(table.indexOf(ids[i])).toBe(i);
    expect(table.indexOf('donation:d-50000')).toBe(-1);
  });
});

describe('Postings', () => {
  it("keeps each key's items in the order emitted; an unknown key has none", () => {
    const pairs: [number, number][] = [
      [2, 7],
      [0, 1],
      [2, 3],
      [0, 9],
      [2, 5],
    ];
    const p = Postings.build(4, (emit) => pairs.forEach(([k, v]) => emit(k, v)));
    expect(p.map(0, (x) => x)).toEqual([1, 9]);
    expect(p.map(1, (x) => x)).toEqual([]);
    expect(p.map(2, (x) => x)).toEqual([7, 3, 5]);
    expect(p.map(3, (x) => x)).toEqual([]);
    expect(p.map(-1, (x) => x)).toEqual([]);
    expect(p.map(4, (x) => x)).toEqual([]);
    const seen: number[] = [];
    p.forEach(2, (x) => seen.push(x));
    p.forEach(-1, (x) => seen.push(x));
    expect(seen).toEqual([7, 3, 5]);
  });
});

describe('FactTable', () => {
  const rows: DonationFact[] = [
    {
      id: 'donation:a',
      props: { year: 2010, yuan: 5e6, kind: 'government-aid', dateStart: '2010-03', partOf: null, restates: null },
      donorIds: ['p:zj', 'p:hz'],
      recipientIds: ['p:sc'],
    },
    {
      id: 'donation:b',
      props: { year: 2011, yuan: null, kind: 'in-kind', dateStart: null, partOf: 'donation:a', restates: null },
      donorIds: ['p:hz'],
      recipientIds: ['p:sc', 'p:gz'],
    },
    {
      id: 'donation:c',
      props: { year: 2012, yuan: 0, kind: 'government-aid', dateStart: '2012', partOf: null, restates: null },
      donorIds: [],
      recipientIds: ['p:zj'],
    },
  ];
  // The nodes the facts and actors are, numbered as a topology would number them.
  const names = ['p:gz', 'donation:a', 'p:hz', 'donation:b', 'p:nowhere', 'p:sc', 'donation:c', 'p:zj'];
  const ids = { nodeCount: names.length, idAt: (n: number) => names[n], indexOf: (id: string) => names.indexOf(id) };
  const row = (n: number) => rows.find((r) => r.id === names[n])!;
  const nodesOf = (list: string[]) => list.map((id) => names.indexOf(id));
  const idAt = (n: number) => names[n];
  const indexOf = (id: string) => names.indexOf(id);
  const table = new FactTable<DonationFact, 'donorIds' | 'recipientIds'>(nodesOf(rows.map((r) => r.id)), ids, {
    numbers: { year: (n) => row(n).props.year as number | null, yuan: (n) => row(n).props.yuan as number | null },
    strings: Object.fromEntries(
      ['kind', 'dateStart', 'partOf', 'restates'].map((k) => [k, (n: number) => row(n).props[k] as string | null]),
    ),
    roles: { donorIds: (n) => nodesOf(row(n).donorIds), recipientIds: (n) => nodesOf(row(n).recipientIds) },
  });

  it('gives every fact back as it was given, nulls and zeros included', () => {
    const back = table.all();
    expect(JSON.parse(JSON.stringify(back))).toEqual(rows);
    expect(back.map((f) => [f.id, f.donorIds, f.recipientIds, f.props.yuan])).toEqual(
      rows.map((f) => [f.id, f.donorIds, f.recipientIds, f.props.yuan]),
    );
  });

  it('numbers only the actors the facts name, and finds each again by id', () => {
    expect(table.actorCount).toBe(4);
    for (let k = 0; k < table.actorCount; k++) {
      expect(table.actorIndex(table.actorId(k))).toBe(k);
      expect(names[table.actorNode(k)]).toBe(table.actorId(k));
    }
    expect(table.actorIndex('p:nowhere')).toBe(-1);
    expect(table.actorIndex('donation:a')).toBe(-1);
    expect(table.actorIndex('p:unknown')).toBe(-1);
  });

  it('finds the facts naming any of the ids, each once, by role, then id, then the order given', () => {
    const ids = (fs: DonationFact[]) => fs.map((f) => f.id);
    expect(ids(table.naming(['donorIds'], ['p:hz']))).toEqual(['donation:a', 'donation:b']);
    expect(ids(table.naming(['recipientIds'], ['p:gz', 'p:sc']))).toEqual(['donation:b', 'donation:a']);
    expect(ids(table.naming(['donorIds', 'recipientIds'], new Set(['p:zj'])))).toEqual(['donation:a', 'donation:c']);
    expect(table.naming(['donorIds'], ['p:nowhere'])).toEqual([]);
    expect(table.rowsNaming(['donorIds', 'recipientIds'], ['p:sc', 'p:hz'])).toEqual([0, 1]);
  });

  it('finds the same facts from a set of node ids by their numbers as from the ids themselves', () => {
    const ids = (fs: DonationFact[]) => fs.map((f) => f.id);
    const sets = [['p:gz', 'p:sc'], ['p:zj'], ['p:sc', 'p:hz', 'p:nowhere', 'donation:a'], []];
    for (const list of sets) {
      const numbered = new NodeIdSet(nodesOf(list), idAt, indexOf);
      // Size and membership from the numbers, before the ids are ever decoded; then the ids in order.
      expect(numbered.size).toBe(list.length);
      for (const id of [...names, 'p:absent']) expect(numbered.has(id)).toBe(list.includes(id));
      expect([...numbered]).toEqual(list);
      expect([...numbered.values()]).toEqual(list);
      const seen: string[] = [];
      numbered.forEach((id) => seen.push(id));
      expect(seen).toEqual(list);
      expect(new Set(numbered)).toEqual(new Set(list));
      expect(table.actorNumbersOf(numbered)).toEqual(table.actorNumbersOf(list));
      for (const roles of [['donorIds'], ['recipientIds'], ['donorIds', 'recipientIds']] as const) {
        expect(table.rowsNaming(roles, numbered)).toEqual(table.rowsNaming(roles, list));
        expect(ids(table.naming(roles, numbered))).toEqual(ids(table.naming(roles, list)));
      }
    }
    // A row named by several of the ids comes once.
    expect(table.rowsNaming(['donorIds'], new NodeIdSet(nodesOf(['p:zj', 'p:hz']), idAt, indexOf))).toEqual([0, 1]);
    const fixed = new NodeIdSet([0], idAt, indexOf);
    expect(() => fixed.add('p:zj')).toThrow(/fixed/);
    expect(() => fixed.delete(names[0])).toThrow(/fixed/);
    expect(() => fixed.clear()).toThrow(/fixed/);
    expect([...fixed]).toEqual([names[0]]);
  });
});
