/** The real HTTP server on the embedded store (in memory), loaded with the real dataset. */
import { startApp, type RunningApp } from '../../src/server/app.js';
import { GrafeoSession } from '../../src/store/grafeo-session.js';
import { Neo4jSession } from '../../src/store/neo4j-session.js';
import { storeConfig } from '../../src/store/config.js';

export interface TestServer {
  app: RunningApp;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    status: number;
    body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, any> }>; extensions?: Record<string, any> };
  }>;
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
}

export async function startTestServer(store: 'grafeo' | 'neo4j' = 'grafeo'): Promise<TestServer> {
  const session = store === 'neo4j' ? new Neo4jSession(storeConfig().neo4j) : new GrafeoSession(':memory:');
  const app = await startApp({ session, load: 'always' });
  const post = async (body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, text: await res.text() };
  };
  return {
    app,
    post,
    async gql(query, variables) {
      const res = await post(JSON.stringify({ query, variables }));
      return { status: res.status, body: JSON.parse(res.text) };
    },
  };
}

/** Suites run on the embedded store, and on Neo4j as well when NEO4J_URI is set. */
export const API_STORES: Array<'grafeo' | 'neo4j'> = ['grafeo', ...(process.env.NEO4J_URI ? ['neo4j' as const] : [])];
