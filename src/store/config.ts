/**
 * Which store to open, from the environment (a `.env` file in the working directory is read first):
 *   STORE          grafeo (default) | neo4j
 *   GRAFEO_PATH    file of the embedded store (default data/pairing-graph.grafeo; ":memory:" for none)
 *   NEO4J_URI      bolt/neo4j URI (setting it selects neo4j unless STORE says otherwise)
 *   NEO4J_USER     default neo4j
 *   NEO4J_PASSWORD default pairing-graph
 *   NEO4J_DATABASE default: the server's default database
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from '../dataset/paths.js';
import { GrafeoSession } from './grafeo-session.js';
import { Neo4jSession } from './neo4j-session.js';
import type { CypherSession } from './session.js';

export interface StoreConfig {
  store: 'grafeo' | 'neo4j';
  grafeoPath: string;
  neo4j: { uri: string; user: string; password: string; database?: string };
}

let envLoaded = false;
function loadDotEnv(): void {
  if (envLoaded) return;
  envLoaded = true;
  if (existsSync('.env')) process.loadEnvFile('.env');
}

export function storeConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  if (env === process.env) loadDotEnv();
  const store = (env.STORE ?? (env.NEO4J_URI ? 'neo4j' : 'grafeo')).toLowerCase();
  if (store !== 'grafeo' && store !== 'neo4j') throw new Error(`STORE must be grafeo or neo4j, not "${env.STORE}"`);
  const path = env.GRAFEO_PATH ?? 'data/pairing-graph.grafeo';
  return {
    store,
    grafeoPath: path === ':memory:' ? path : resolve(ROOT, path),
    neo4j: {
      uri: env.NEO4J_URI ?? 'bolt://localhost:7687',
      user: env.NEO4J_USER ?? 'neo4j',
      password: env.NEO4J_PASSWORD ?? 'pairing-graph',
      database: env.NEO4J_DATABASE || undefined,
    },
  };
}

export function openSession(config: StoreConfig = storeConfig()): CypherSession {
  return config.store === 'neo4j' ? new Neo4jSession(config.neo4j) : new GrafeoSession(config.grafeoPath);
}
