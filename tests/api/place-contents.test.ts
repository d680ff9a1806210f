/**
 * What lies inside each place is listed once, when the read model is built; a filter with
 * `includeDescendants` reads the list. On the real dataset every place's list must be what the
 * hierarchy says, and a place handed on as a NodeIdSet must answer like the set of its ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { GraphAccess } from '../../src/graphql/graph-access.js';
import { NodeIdSet } from '../../src/graph/node-id-set.js';
import { PlaceContents } from '../../src/graph/place-contents.js';
import { Topology } from '../../src/graph/topology.js';
import type { NodeLabel, RelType } from '../../src/store/graph-rows.js';

describe('place contents of a small hierarchy', () => {
  // Two provinces; a prefecture below the first, an office based there with a department of its
  // own, and an enterprise located in the province itself; an office in the second province.
  const nodes: [string, NodeLabel][] = [
    ['p:one', 'Place'],
    ['p:one-city', 'Place'],
    ['p:two', 'Place'],
    ['org:office', 'Organisation'],
    ['org:office-dept', 'Organisation'],
    ['org:other', 'Organisation'],
    ['ent:works', 'Enterprise'],
    ['person:x', 'Official'],
  ];
  const rels: [string, string, RelType][] = [
    ['p:one-city', 'p:one', 'PART_OF'],
    ['org:office', 'p:one-city', 'BASED_IN'],
    ['org:office-dept', 'org:office', 'PART_OF'],
    ['ent:works', 'p:one', 'LOCATED_IN'],
    ['org:other', 'p:two', 'BASED_IN'],
  ];
  const { topology: t } = Topology.build(
    nodes.map(([id, label]) => ({ id, label })),
    rels.map(([fromId, toId, type]) => ({ fromId, toId, type })),
  );
  const contents = PlaceContents.build(t);
  const of = (id: string) => (contents.of(t.indexOf(id)) ? [...contents.of(t.indexOf(id))!].map((n) => t.idAt(n)) : null);

  it("takes in the places below, what is based or located in any of them, and offices' departments", () => {
    expect(of('p:one')).toEqual(['p:one', 'p:one-city', 'ent:works', 'org:office', 'org:office-dept']);
    expect(of('p:one-city')).toEqual(['p:one-city', 'org:office', 'org:office-dept']);
    expect(of('p:two')).toEqual(['p:two', 'org:other']);
    expect(of('org:office')).toBeNull();
    expect(of('person:x')).toBeNull();
    expect(contents.size).toBe(10);
  });
});

describe('place contents on the real dataset', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.app.close();
  });

  it('lists each place, the places below it, and what is based or located in any of them, each once, and nothing else', () => {
    const model = server.app.services.model;
    const t = model.topology;
    const places = t.withLabel('Place');
    expect(places.length).toBeGreaterThan(100);
    let checked = 0;
    for (const p of places) {
      const list = [...model.contents.of(p)!];
      expect(list[0]).toBe(p);
      expect(new Set(list).size).toBe(list.length);
      // Worked out here from the relationships one level at a time: the place's own bodies and
      // departments, and its child places' whole lists.
      const expected = new Set<number>([p]);
      const addBody = (b: number) => {
        expected.add(b);
        if (t.labelAt(b) === 'Organisation') for (const part of t.descendants(b)) expected.add(part);
      };
      for (const rel of ['LOCATED_IN', 'BASED_IN'] as const) for (const b of t.ends(p, 'in', rel)) addBody(b);
      for (const child of t.ends(p, 'in', 'PART_OF'))
        if (t.labelAt(child) === 'Place') for (const n of model.contents.of(child)!) expected.add(n);
      expect(new Set(list)).toEqual(expected);
      checked += list.length;
    }
    expect(checked).toBeGreaterThan(places.length);
    // Not a place: no list.
    expect(model.contents.of(t.withLabel('Official')[0])).toBeNull();
    expect(model.contents.of(-1)).toBeNull();
  });

  it('hands a province on as a set that answers like the set of its ids', () => {
    const model = server.app.services.model;
    const t = model.topology;
    const zhejiang = t.indexOf('gb:330000@201210');
    expect(zhejiang).toBeGreaterThanOrEqual(0);
    const inside = new GraphAccess(server.app.services).expand('gb:330000@201210', true);
    expect(inside).toBeInstanceOf(NodeIdSet);
    const ids = [...model.contents.of(zhejiang)!].map((n) => t.idAt(n));
    expect(ids).toContain('gb:330100@201210');
    expect(inside.size).toBe(ids.length);
    expect(inside.has('gb:330100@201210')).toBe(true);
    expect(inside.has('gb:510000@201210')).toBe(false);
    expect(inside.has('no:such-id')).toBe(false);
    expect([...inside]).toEqual(ids);
    // Without includeDescendants, or for an actor that is not a place, the id alone.
    expect([...new GraphAccess(server.app.services).expand('gb:330000@201210', false)]).toEqual(['gb:330000@201210']);
  });
});
