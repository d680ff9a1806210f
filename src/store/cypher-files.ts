/**
 * The project's Cypher, one statement per file under cypher/, addressed by path without the
 * extension ("load/nodes-place"). Nothing else in the code writes Cypher.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../dataset/paths.js';

export type Engine = 'grafeo' | 'neo4j';

export interface CypherStatement {
  name: string;
  text: string;
  /** Engines the statement runs on (`// @engines grafeo` in its header); both when absent. */
  engines: Engine[];
}

export const CYPHER_DIR = join(ROOT, 'cypher');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.cypher') ? [p] : [];
  });
}

let cache: Map<string, CypherStatement> | undefined;

export function allStatements(dir = CYPHER_DIR): Map<string, CypherStatement> {
  if (cache && dir === CYPHER_DIR) return cache;
  const out = new Map<string, CypherStatement>();
  for (const path of walk(dir).sort()) {
    const text = readFileSync(path, 'utf8').trim();
    const directive = /^\/\/\s*@engines\s+(.+)$/m.exec(text);
    const engines = (directive ? directive[1].split(/[\s,]+/) : ['grafeo', 'neo4j']) as Engine[];
    const name = relative(dir, path).replace(/\.cypher$/, '');
    out.set(name, { name, text, engines });
  }
  if (dir === CYPHER_DIR) cache = out;
  return out;
}

export function statement(name: string): CypherStatement {
  const s = allStatements().get(name);
  if (!s) throw new Error(`no Cypher statement cypher/${name}.cypher`);
  return s;
}

/** The statements of one folder ("schema", "load", "query"), in file-name order. */
export function statementsIn(folder: string): CypherStatement[] {
  return [...allStatements().values()].filter((s) => s.name.startsWith(`${folder}/`));
}
