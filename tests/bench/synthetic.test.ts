/** The benchmark's synthetic graph: deterministic, shaped like the real one, loadable by the real loader. */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { syntheticDataset } from '../../bench/synthetic.js';
import { GrafeoSession } from '../../src/store/grafeo-session.js';
import { loadDataset } from '../../src/store/load.js';
import { CypherGraphStore } from '../../src/store/graph-store.js';
import { QUERY_MIX } from '../../bench/queries.js';
import { startApp } from '../../src/server/app.js';

const hash = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

describe('synthetic graphs', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(hash(syntheticDataset(10_000))).toBe(hash(syntheticDataset(10_000)));
    expect(hash(syntheticDataset(10_000, 'other'))).not.toBe(hash(syntheticDataset(10_000)));
  });

  it('load with the real loader to the requested size, a national hierarchy and about 2–3 relationships per node, and answer the query mix', async () => {
    const session = new GrafeoSession(':memory:');
    const summary = await loadDataset(session, syntheticDataset(10_000));
    const counts = await new CypherGraphStore(session).counts();
    const nodes = Object.values(counts.nodes).reduce((a, b) => a + b, 0);
    const rels = Object.values(counts.relationships).reduce((a, b) => a + b, 0);
    expect(Math.abs(nodes - 10_000)).toBeLessThan(100);
    expect(summary.nodes.Place).toBe(34 + 340 + 3060);
    expect(rels / nodes).toBeGreaterThan(2);
    const app = await startApp({ session, load: 'never' });
    app.services.prepared = true;
    try {
      for (const q of QUERY_MIX) {
        // The query itself and the cold probe's variants: each names targets that exist.
        for (const query of [q.query, q.variant(0), q.variant(19)]) {
          const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
          const body = await res.json();
          expect(body.errors, `${q.name}: ${query}`).toBeUndefined();
          expect(JSON.stringify(body.data), `${q.name}: ${query}`).not.toMatch(/^\{"\w+":null\}$/);
        }
      }
      expect(new Set(QUERY_MIX.flatMap((q) => [q.variant(0), q.variant(1)])).size).toBe(QUERY_MIX.length * 2);
    } finally {
      await app.close();
    }
  });
});
