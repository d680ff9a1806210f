/**
 * The load benchmark on Neo4j (run by `npm run bench` when NEO4J_URI is set): generates the
 * synthetic dataset of the given size and loads it with the same loader and Cypher files as the
 * seeds, replacing whatever the database held — point NEO4J_DATABASE at a scratch database.
 * Prints one JSON line: load time and this process's peak memory (Neo4j's own is its server's).
 * `tsx bench/load-neo4j.ts <nodes>`
 */
import { syntheticDataset } from './synthetic.js';
import { Neo4jSession } from '../src/store/neo4j-session.js';
import { storeConfig } from '../src/store/config.js';
import { loadDataset } from '../src/store/load.js';
import { progressBar } from '../src/cli/progress.js';

const nodes = Number(process.argv[2] ?? 10_000);
const session = new Neo4jSession(storeConfig().neo4j);
try {
  const dataset = syntheticDataset(nodes);
  const bar = progressBar(`  Neo4j load ${nodes.toLocaleString('en')}`);
  const summary = await loadDataset(session, dataset, { batchSize: 20_000, onProgress: (done, total, step) => bar.update(done, total, step) });
  bar.stop();
  const relationships = Object.values(summary.relationships).reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ nodes: Object.values(summary.nodes).reduce((a, b) => a + b, 0), relationships, loadMs: summary.ms, clientPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
} finally {
  await session.close();
}
