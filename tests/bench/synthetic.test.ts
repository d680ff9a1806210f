/** The benchmark's synthetic graph: deterministic, shaped like the real one, loadable by the real loader. */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { syntheticCounts, syntheticDataset, syntheticPlaces } from '../../bench/synthetic.js';
import { GrafeoSession } from '../../src/store/grafeo-session.js';
import { loadDataset } from '../../src/store/load.js';
import { CypherGraphStore } from '../../src/store/graph-store.js';

const hash = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

describe('synthetic graphs', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(hash(syntheticDataset(10_000))).toBe(hash(syntheticDataset(10_000)));
    expect(hash(syntheticDataset(10_000, 'other'))).not.toBe(hash(syntheticDataset(10_000)));
  });

  it('hold exactly the places and numbered actors the benchmark derives its targets from', () => {
    const ds = syntheticDataset(20_000);
    const counts = syntheticCounts(20_000);
    expect(ds.place.map((p) => [p.id, p.name])).toEqual(syntheticPlaces().map((p) => [p.id, p.name]));
    const numbered = (prefix: string, n: number, name: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => [`${prefix}${i + 1}`, name(i + 1)]);
    expect(ds.official.map((o) => [o.id, o.name])).toEqual(numbered('person:o-', counts.officials, (i) => `Official ${i}`));
    expect(ds.organisation.map((o) => [o.id, o.name])).toEqual(numbered('org:g-', counts.organisations, (i) => `Office ${i}`));
    expect(ds.enterprise.map((o) => [o.id, o.name])).toEqual(numbered('ent:e-', counts.enterprises, (i) => `Enterprise ${i} Group`));
    expect(ds.project.map((o) => [o.id, o.name])).toEqual(numbered('proj:p-', counts.projects, (i) => `Project ${i}`));
    expect(ds.donation).toHaveLength(counts.donations);
  });

  it('load with the real loader to the requested size, a national hierarchy and about 2–3 relationships per node', async () => {
    const session = new GrafeoSession(':memory:');
    try {
      const summary = await loadDataset(session, syntheticDataset(10_000));
      const counts = await new CypherGraphStore(session).counts();
      const nodes = Object.values(counts.nodes).reduce((a, b) => a + b, 0);
      const rels = Object.values(counts.relationships).reduce((a, b) => a + b, 0);
      expect(Math.abs(nodes - 10_000)).toBeLessThan(100);
      expect(summary.nodes.Place).toBe(34 + 340 + 3060);
      expect(rels / nodes).toBeGreaterThan(2);
    } finally {
      await session.close();
    }
  });
});
