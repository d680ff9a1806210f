/**
 * A benchmark server for `npm run bench:limits`: generates the synthetic dataset of the given size,
 * loads it into the in-memory store (timed, with peak memory), serves it, and prints one JSON line
 * with its URL. (`npm run bench` serves a store file through `npm start`'s entry instead.)
 * `tsx bench/serve-synthetic.ts <nodes>`
 */
import { syntheticDataset } from './synthetic.js';
import type { Dataset } from '../src/dataset/schema.js';
import { GrafeoSession } from '../src/store/grafeo-session.js';
import { loadDataset } from '../src/store/load.js';
import { startApp } from '../src/server/app.js';
import { progressBar } from '../src/cli/progress.js';
import { serveStats } from './server-stats.js';

const nodes = Number(process.argv[2] ?? 10_000);
const session = new GrafeoSession(':memory:');
let dataset: Dataset | null = syntheticDataset(nodes);
const started = Date.now();
const bar = progressBar(`  load ${nodes.toLocaleString('en')}`);
const summary = await loadDataset(session, dataset, {
  batchSize: 20_000,
  onProgress: (done, total, step) => bar.update(done, total, step),
});
bar.stop();
const loadMs = Date.now() - started;
// The records are in the store now; a server does not keep its seeds in memory either.
dataset = null;
const app = await startApp({ session, load: 'never', port: 0, storeTimeoutMs: 120_000 });
serveStats({ storeCalls: () => app.store.calls });
const stored = Object.values(summary.nodes).reduce((a, b) => a + b, 0);
const relationships = Object.values(summary.relationships).reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify({ url: app.url, nodes: stored, relationships, loadMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
// A benchmark server outlives no benchmark: when the harness is gone (finished or failed), so is it.
process.on('disconnect', () => process.exit(0));
