/**
 * `npm start`: opens the configured store (embedded by default), loads the seeds if the store is
 * empty or stale, and serves the API. Every setting is read and checked first, all at once
 * (src/config/settings.ts), `.env` included. Stops gracefully on SIGTERM and SIGINT. Its log is
 * JSON lines on stdout; what needs the operator is one plain line on stderr.
 *
 * A failure is one line on stderr saying what failed, why and what to do (operator-message.ts);
 * a stack trace only for an unexpected one, and only with NODE_ENV=development (process-guard.ts).
 * Exit codes: 0 stopped cleanly on a signal; 1 could not start (the store file is in use by
 * another process or damaged, the disk is full, the seeds have problems, …), could not close the
 * store cleanly on stopping, or an unexpected failure; 2 a setting is invalid.
 */
import { readSettings, SettingsError, type Settings } from '../config/settings.js';
import { openSession } from '../store/config.js';
import { startApp } from '../server/app.js';
import { createLogger } from '../server/logger.js';
import { describeStoreFault, errorLine, storeConfigOrExit } from './operator-message.js';
import { guardProcess } from './process-guard.js';
import { progressBar } from './progress.js';

guardProcess('the server');
let settings: Settings;
try {
  settings = readSettings();
} catch (e) {
  if (!(e instanceof SettingsError)) throw e;
  console.error(`invalid setting: ${errorLine(e)}`);
  process.exit(2);
}
const { config, where } = storeConfigOrExit();
const logger = createLogger(settings.LOG_LEVEL);
const bar = progressBar('load');
try {
  const app = await startApp({
    session: openSession(config),
    port: settings.PORT,
    host: settings.HOST,
    load: settings.LOAD_ON_START,
    onProgress: (d, t, s) => bar.update(d, t, s),
    logger,
  });
  bar.stop();
  logger.info(
    app.services.prepared
      ? `${app.loaded ? 'loaded the seeds into' : 'serving the graph already in'} ${config.store} (${where})`
      : `waiting for ${config.store} (${where}): /ready answers 503 until it answers; trying again every ${settings.STORE_RETRY_MS / 1000} s`,
  );
  logger.info(`GraphQL API: ${app.url}/graphql`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing requests and closing the store`);
    try {
      await app.close();
    } catch (e) {
      // Closing writes the store's last checkpoint: a full disk fails it here.
      console.error(describeStoreFault(e, { action: 'close', store: where }));
      logger.flush();
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (e) {
  bar.stop();
  console.error(describeStoreFault(e, { action: 'start', store: where }));
  logger.flush();
  process.exit(1);
}
