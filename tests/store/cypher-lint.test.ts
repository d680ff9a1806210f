import { describe, expect, it } from 'vitest';
import { allStatements } from '../../src/store/cypher-files.js';
import { lintStatements, readLintSchema } from '../../src/store/cypher-lint.js';
import { NODE_LABELS, REL_TYPES } from '../../src/store/graph-rows.js';

describe('Cypher lint (Neo4j Cypher 5 front end)', () => {
  it('passes every file in cypher/ with zero diagnostics', async () => {
    const statements = [...allStatements().values()];
    expect(statements.length).toBeGreaterThan(40);
    expect(await lintStatements(statements)).toEqual([]);
  });

  it('fails a misspelt label, property, relationship type or parameter', async () => {
    const bad = [
      { name: 'bad/label', text: 'MATCH (n:Plase) RETURN n.id', engines: [] },
      { name: 'bad/property', text: 'MATCH (n:Place) RETURN n.nmae', engines: [] },
      { name: 'bad/type', text: 'MATCH (:Place)-[r:SUPORTS]->(:Place) RETURN r', engines: [] },
      { name: 'bad/param', text: 'MATCH (n:Place {id: $idd}) RETURN n.id', engines: [] },
      { name: 'bad/syntax', text: 'MATCH (n:Place RETURN n', engines: [] },
    ] as const;
    const problems = await lintStatements(bad.map((b) => ({ ...b, engines: [] })));
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set(bad.map((b) => `cypher/${b.name}.cypher`)));
  });

  it('has a schema that names exactly the labels and relationship types the loader writes', () => {
    const schema = readLintSchema();
    expect(new Set(schema.labels)).toEqual(new Set(['Entity', 'DatasetInfo', ...NODE_LABELS]));
    expect(new Set(schema.relationshipTypes)).toEqual(new Set(REL_TYPES));
  });
});
