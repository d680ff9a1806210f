/**
 * Lints every statement in cypher/ with Neo4j's Cypher 5 front end against the committed schema
 * (cypher/lint-schema.json) and Neo4j's function list: syntax, undefined variables, unknown
 * functions, and unknown labels, relationship types, properties and parameters all fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allStatements, CYPHER_DIR, type CypherStatement } from './cypher-files.js';

export interface LintProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface LintSchema {
  labels: string[];
  relationshipTypes: string[];
  propertyKeys: string[];
  parameters: Record<string, unknown>;
}

export function readLintSchema(dir = CYPHER_DIR): LintSchema {
  return JSON.parse(readFileSync(join(dir, 'lint-schema.json'), 'utf8'));
}

export async function lintStatements(
  statements: CypherStatement[] = [...allStatements().values()],
  schema: LintSchema = readLintSchema(),
): Promise<LintProblem[]> {
  // Imported lazily: the front end takes ~2 s to load and only the lint needs it.
  const { lintCypherQuery, testData } = await import('@neo4j-cypher/language-support');
  const dbSchema = {
    ...schema,
    functions: testData.mockSchema.functions,
    procedures: testData.mockSchema.procedures,
  };
  const problems: LintProblem[] = [];
  for (const s of statements) {
    const { diagnostics } = lintCypherQuery(`CYPHER 5 ${s.text}`, dbSchema);
    for (const d of diagnostics) {
      // Positions are in the prefixed text; the prefix sits on the first line only.
      const line = d.range.start.line + 1;
      const column = d.range.start.character + 1 - (d.range.start.line === 0 ? 'CYPHER 5 '.length : 0);
      problems.push({
        file: `cypher/${s.name}.cypher`,
        line,
        column,
        message: typeof d.message === 'string' ? d.message : d.message.value,
      });
    }
  }
  return problems;
}
