/**
 * Loads a synthetic graph of the given size into a store of its own, then closes it: an embedded
 * store file (replaced if it exists), or with `neo4j` the configured Neo4j database (NEO4J_URI…;
 * whatever it held is replaced: point NEO4J_DATABASE at a scratch database). Prints one JSON line:
 * what was stored, the load time and this process's peak memory (Neo4j's own is its server's).
 * `tsx bench/load-synthetic.ts <nodes> <file.grafeo | neo4j>`
 */
import { rmSync } from 'node:fs';
import { syntheticDataset } from './synthetic.js';
import { GrafeoSession } from '../src/store/grafeo-session.js';
import { Neo4jSession } from '../src/store/neo4j-session.js';
import { storeConfig } from '../src/store/config.js';
import { loadDataset } from '../src/store/load.js';
import { progressBar } from '../src/cli/progress.js';

const nodes = Number(process.argv[2]);
const into = process.argv[3];
if (!nodes || !into) throw new Error('usage: tsx bench/load-synthetic.ts <nodes> <file.grafeo | neo4j>');
if (into !== 'neo4j') for (const f of [into, `${into}.wal`]) rmSync(f, { force: true, recursive: true });
const session = into === 'neo4j' ? new Neo4jSession(storeConfig().neo4j) : new GrafeoSession(into);
const dataset = syntheticDataset(nodes);
const bar = progressBar(`  load ${nodes.toLocaleString('en')} into ${into === 'neo4j' ? 'Neo4j' : 'a store file'}`);
const started = Date.now();
const summary = await loadDataset(session, dataset, {
  batchSize: 20_000,
  onProgress: (done, total, step) => bar.update(done, total, step),
});
bar.stop();
// Closing writes an embedded store's file: part of loading it.
await session.close();
const loadMs = Date.now() - started;
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify({
    nodes: sum(summary.nodes),
    relationships: sum(summary.relationships),
    loadMs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
