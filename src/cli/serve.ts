/**
 * `npm start`: opens the configured store (embedded by default), loads the seeds if the store is
 * empty or stale, and serves the API. PORT (4000), HOST (127.0.0.1), LOAD_ON_START (if-stale |
 * if-empty | always | never). Stops gracefully on SIGTERM and SIGINT.
 *
 * A failure is one line on stderr saying what failed, why and what to do (operator-message.ts);
 * a stack trace only for an unexpected one, and only with NODE_ENV=development (process-guard.ts).
 * Exit codes: 0 stopped cleanly on a signal; 1 could not start (the store file is in use by
 * another process or damaged, the disk is full, the seeds have problems, …), could not close the
 * store cleanly on stopping, or an unexpected failure; 2 a setting is invalid.
 */
import { openSession } from '../store/config.js';
import { startApp, type LoadPolicy } from '../server/app.js';
import { describeStoreFault, storeConfigOrExit } from './operator-message.js';
import { guardProcess } from './process-guard.js';
import { progressBar } from './progress.js';

guardProcess('the server');
const policy = (process.env.LOAD_ON_START ?? 'if-stale') as LoadPolicy;
if (!['if-stale', 'if-empty', 'always', 'never'].includes(policy)) {
  console.error(`LOAD_ON_START must be if-stale, if-empty, always or never (got "${policy}")`);
  process.exit(2);
}
const { config, where } = storeConfigOrExit();
const bar = progressBar('load');
try {
  const app = await startApp({
    session: openSession(config),
    port: Number(process.env.PORT ?? 4000),
    host: process.env.HOST ?? '127.0.0.1',
    load: policy,
    onProgress: (d, t, s) => bar.update(d, t, s),
  });
  bar.stop();
  console.log(`${app.loaded ? 'loaded the seeds into' : 'serving the graph already in'} ${config.store} (${where})`);
  console.log(`GraphQL API: ${app.url}/graphql`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and closing the store`);
    try {
      await app.close();
    } catch (e) {
      // Closing writes the store's last checkpoint: a full disk fails it here.
      console.error(describeStoreFault(e, { action: 'close', store: where }));
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (e) {
  bar.stop();
  console.error(describeStoreFault(e, { action: 'start', store: where }));
  process.exit(1);
}
