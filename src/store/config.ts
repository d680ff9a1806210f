/**
 * Which store to open, from the settings (src/config/settings.ts): STORE, GRAFEO_PATH, and
 * NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE. Setting NEO4J_URI alone selects Neo4j;
 * with Neo4j the password is required, never a default.
 */
import { resolve } from 'node:path';
import { SettingsError, setting } from '../config/settings.js';
import { ROOT } from '../dataset/paths.js';
import { GrafeoSession } from './grafeo-session.js';
import { Neo4jSession } from './neo4j-session.js';
import type { CypherSession } from './session.js';

export interface StoreConfig {
  store: 'grafeo' | 'neo4j';
  grafeoPath: string;
  neo4j: { uri: string; user: string; password: string; database?: string };
}

export function storeConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const uri = setting('NEO4J_URI', env);
  const store = setting('STORE', env) ?? (uri ? 'neo4j' : 'grafeo');
  const password = setting('NEO4J_PASSWORD', env);
  if (store === 'neo4j' && !password) throw new SettingsError(['NEO4J_PASSWORD must be set to use Neo4j (in the environment or .env)']);
  const path = setting('GRAFEO_PATH', env);
  return {
    store,
    grafeoPath: path === ':memory:' ? path : resolve(ROOT, path),
    neo4j: {
      uri: uri ?? 'bolt://localhost:7687',
      user: setting('NEO4J_USER', env),
      password: password ?? '',
      database: setting('NEO4J_DATABASE', env),
    },
  };
}

export function openSession(config: StoreConfig = storeConfig()): CypherSession {
  return config.store === 'neo4j' ? new Neo4jSession(config.neo4j) : new GrafeoSession(config.grafeoPath);
}
