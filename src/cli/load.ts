/**
 * Validates the dataset and loads it into the configured store (`npm run load`), replacing what
 * was there in one transaction. Prints a summary of counts; problems go to stderr.
 */
import { openSession, storeConfig } from '../store/config.js';
import { validateAndLoad, InvalidDatasetError } from '../store/prepare.js';
import { progressBar } from './progress.js';

const config = storeConfig();
const session = openSession(config);
const bar = progressBar('load');
try {
  const summary = await validateAndLoad(session, process.argv[2], { onProgress: (d, t, s) => bar.update(d, t, s) });
  bar.stop();
  const where = config.store === 'neo4j' ? config.neo4j.uri : config.grafeoPath;
  console.log(`loaded into ${config.store} (${where}) in ${summary.ms} ms`);
  for (const [k, v] of Object.entries(summary.nodes)) console.log(`  (:${k}) ${v}`);
  for (const [k, v] of Object.entries(summary.relationships)) console.log(`  [:${k}] ${v}`);
} catch (e) {
  bar.stop();
  console.error(e instanceof InvalidDatasetError ? e.message : `load failed, the store was not changed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await session.close();
}
