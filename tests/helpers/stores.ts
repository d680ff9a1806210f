/**
 * The stores a suite runs against: always the embedded Grafeo store (in memory), and Neo4j too
 * when NEO4J_URI is set. Each comes loaded with the real dataset.
 */
import { createHash } from 'node:crypto';
import { GrafeoSession } from '../../src/store/grafeo-session.js';
import { Neo4jSession } from '../../src/store/neo4j-session.js';
import { storeConfig } from '../../src/store/config.js';
import type { CypherSession } from '../../src/store/session.js';
import { statement } from '../../src/store/cypher-files.js';

export interface StoreKind {
  name: 'grafeo' | 'neo4j';
  open(): CypherSession;
}

export const STORE_KINDS: StoreKind[] = [
  { name: 'grafeo', open: () => new GrafeoSession(':memory:') },
  ...(process.env.NEO4J_URI ? [{ name: 'neo4j' as const, open: () => new Neo4jSession(storeConfig().neo4j) }] : []),
];

if (!process.env.NEO4J_URI) {
  console.info('NEO4J_URI is not set: store suites run on the embedded store only (Neo4j runs skipped).');
}

/** A checksum of everything in the store: nodes with properties and relationships with theirs. */
export async function storeChecksum(session: CypherSession): Promise<string> {
  const nodes = await session.run(statement('query/dump-nodes').text);
  const rels = await session.run(statement('query/dump-relationships').text);
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  const relLines = rels.map((r) => JSON.stringify(canon(r))).sort();
  return createHash('sha256')
    .update(JSON.stringify(canon(nodes)))
    .update(relLines.join('\n'))
    .digest('hex');
}
