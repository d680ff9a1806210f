import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { fromNeo4jValue, toNeo4jParam } from '../../src/store/neo4j-session.js';

const { Node, Relationship, Path, PathSegment, Date: CypherDate, DateTime, Duration, Integer } = neo4j.types;

describe('neo4j-driver value conversion', () => {
  it('turns Integer into exact numbers, and out-of-range ones into exact strings', () => {
    expect(fromNeo4jValue(neo4j.int(455_600_000_000))).toBe(455_600_000_000);
    expect(fromNeo4jValue(Integer.fromString('9223372036854775807'))).toBe('9223372036854775807');
  });

  it('sends JS integers as Cypher INTEGER and keeps floats as floats', () => {
    const p = toNeo4jParam({ yuan: 689_715_500, km: 1319.88, rows: [{ n: 3 }], ids: ['a'] }) as Record<string, any>;
    expect(neo4j.isInt(p.yuan)).toBe(true);
    expect(p.yuan.toString()).toBe('689715500');
    expect(p.km).toBe(1319.88);
    expect(neo4j.isInt(p.rows[0].n)).toBe(true);
    expect(p.ids).toEqual(['a']);
  });

  it('flattens nodes, relationships and paths to plain maps', () => {
    const a = new Node(neo4j.int(1), ['Entity', 'Place'], { id: 'gb:510822@201210', year: neo4j.int(2010) }, '4:x:1');
    const b = new Node(neo4j.int(2), ['Entity', 'Place'], { id: 'gb:510800@201210' }, '4:x:2');
    const r = new Relationship(neo4j.int(9), neo4j.int(1), neo4j.int(2), 'PART_OF', { since: neo4j.int(2012) }, '5:x:9', '4:x:1', '4:x:2');
    expect(fromNeo4jValue(a)).toEqual({ id: 'gb:510822@201210', year: 2010, _labels: ['Entity', 'Place'] });
    expect(fromNeo4jValue(r)).toEqual({ since: 2012, _type: 'PART_OF' });
    const path = new Path(a, b, [new PathSegment(a, r, b)]);
    expect(fromNeo4jValue(path)).toEqual({
      nodes: [
        { id: 'gb:510822@201210', year: 2010, _labels: ['Entity', 'Place'] },
        { id: 'gb:510800@201210', _labels: ['Entity', 'Place'] },
      ],
      relationships: [{ since: 2012, _type: 'PART_OF' }],
    });
  });

  it('renders temporal values as ISO strings', () => {
    expect(fromNeo4jValue(new CypherDate(2012, 8, 5))).toBe('2012-08-05');
    expect(fromNeo4jValue(new DateTime(2012, 8, 5, 10, 30, 0, 0, 0))).toBe('2012-08-05T10:30:00Z');
    expect(fromNeo4jValue(new Duration(1, 3, 3600, 0))).toBe('P1M3DT1H');
  });

  it('converts nested lists and maps', () => {
    expect(fromNeo4jValue({ ids: [neo4j.int(1), neo4j.int(2)], m: { n: neo4j.int(3), s: 'x', nil: null } })).toEqual({
      ids: [1, 2],
      m: { n: 3, s: 'x', nil: null },
    });
  });
});
