/**
 * `npm start`: opens the configured store (embedded by default), loads the seeds if the store is
 * empty or stale, and serves the API. PORT (4000), HOST (127.0.0.1), LOAD_ON_START (if-stale |
 * if-empty | always | never). Stops gracefully on SIGTERM and SIGINT.
 */
import { openSession, storeConfig } from '../store/config.js';
import { startApp, type LoadPolicy } from '../server/app.js';
import { progressBar } from './progress.js';

const config = storeConfig();
const bar = progressBar('load');
const policy = (process.env.LOAD_ON_START ?? 'if-stale') as LoadPolicy;
if (!['if-stale', 'if-empty', 'always', 'never'].includes(policy)) {
  console.error(`LOAD_ON_START must be if-stale, if-empty, always or never (got "${policy}")`);
  process.exit(2);
}
try {
  const app = await startApp({
    session: openSession(config),
    port: Number(process.env.PORT ?? 4000),
    host: process.env.HOST ?? '127.0.0.1',
    load: policy,
    onProgress: (d, t, s) => bar.update(d, t, s),
  });
  bar.stop();
  const where = config.store === 'neo4j' ? config.neo4j.uri : config.grafeoPath;
  console.log(`${app.loaded ? 'loaded the seeds into' : 'serving the graph already in'} ${config.store} (${where})`);
  console.log(`GraphQL API: ${app.url}/graphql`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and closing the store`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (e) {
  bar.stop();
  console.error(`could not start: ${(e as Error).message}`);
  process.exit(1);
}
