import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings, settingsTable, SettingsError, VARIABLES, type VariableName } from '../../src/config/settings.js';
import { ROOT } from '../../src/dataset/paths.js';
import { storeConfig } from '../../src/store/config.js';
import { httpSettings } from '../../src/server/http-config.js';

const NAMES = Object.keys(VARIABLES).sort();

/** `.env.example`'s variables, set (`NAME=value`) or shown commented (`# NAME=value`). */
function example(): { named: string[]; set: Record<string, string> } {
  const named: string[] = [];
  const set: Record<string, string> = {};
  for (const line of readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n')) {
    const m = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    named.push(m[2]);
    if (!m[1]) set[m[2]] = m[3];
  }
  return { named, set };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|mjs|js)$/.test(f) ? [p] : [];
  });
}

describe('settings', () => {
  it('names every variable that makes no sense, what it must be and what it was, all at once', () => {
    let error: unknown;
    try {
      readSettings({ PORT: 'eighty', STORE_RETRY_MS: '0', LOAD_ON_START: 'sometimes', INTROSPECTION: 'yes', NEO4J_URI: 'http://db:7474' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const problems = (error as SettingsError).problems;
    expect(problems).toHaveLength(5);
    expect(problems).toContain('PORT must be a whole number (got "eighty")');
    expect(problems).toContain('STORE_RETRY_MS must be a positive whole number (got "0")');
    expect(problems).toContain('LOAD_ON_START must be one of if-stale, if-empty, always, never (got "sometimes")');
    expect(problems).toContain('INTROSPECTION must be true or false (got "yes")');
    expect(problems.find((p) => p.startsWith('NEO4J_URI'))).toMatch(/bolt:\/\/ or neo4j:\/\//);
  });

  it('gives the documented defaults, treats an empty value as unset and parses numbers and flags', () => {
    const s = readSettings({ PORT: '', STORE_RETRY_MS: '250', INTROSPECTION: 'false' });
    expect(s).toMatchObject({ PORT: 4000, STORE_RETRY_MS: 250, INTROSPECTION: false, LOAD_ON_START: 'if-stale', LOG_LEVEL: 'info' });
  });

  it('requires a Neo4j password rather than assuming one, and picks Neo4j from its address', () => {
    expect(() => storeConfig({ NEO4J_URI: 'bolt://db:7687' })).toThrow(/NEO4J_PASSWORD must be set/);
    expect(storeConfig({ NEO4J_URI: 'bolt://db:7687', NEO4J_PASSWORD: 'p' })).toMatchObject({
      store: 'neo4j',
      neo4j: { uri: 'bolt://db:7687', user: 'neo4j', password: 'p' },
    });
    expect(storeConfig({}).store).toBe('grafeo');
  });

  it('lets the HTTP settings name the variables that clash', () => {
    expect(() => httpSettings({}, { HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS \(5000\) must not exceed HTTP_REQUEST_TIMEOUT_MS \(1000\)/,
    );
  });

  it('are listed in .env.example, every one and no other, with values that pass their checks', () => {
    const { named, set } = example();
    expect([...new Set(named)].sort()).toEqual(NAMES);
    expect(() => readSettings(set)).not.toThrow();
    // An upgraded image reloads a changed dataset only with if-stale.
    expect(set.LOAD_ON_START).toBe('if-stale');
  });

  it('are the README table, row for row (npm run docs:tables writes it)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`## Configure\n\n${settingsTable()}\n`);
    for (const name of NAMES) expect(settingsTable()).toContain(`| \`${name}\` |`);
  });

  it('are read from the environment in one module only', () => {
    const readers = sourceFiles(join(ROOT, 'src'))
      .filter((f) => !f.includes(`${join('src', 'config')}`))
      .filter((f) => /process\.env(\.|\[)/.test(readFileSync(f, 'utf8')));
    expect(readers).toEqual([]);
    // And the module knows every variable it is asked for: the types make `setting('X')` of an unknown X fail to compile.
    const asked = new Set(
      sourceFiles(join(ROOT, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/setting\('([A-Z0-9_]+)'/g)].map((m) => m[1])),
    );
    for (const name of asked) expect(NAMES).toContain(name as VariableName);
  });
});
