/**
 * Validates the dataset and loads it into the configured store (`npm run load`), replacing what
 * was there in one transaction. Prints a summary of counts; problems go to stderr, one line each
 * (see operator-message.ts), never a stack trace for an expected fault.
 *
 * Exit codes: 0 loaded; 1 not loaded (the dataset has problems, the store file is in use or
 * damaged, the disk is full, …), the store could not be closed cleanly afterwards, or an
 * unexpected failure; 2 a setting is invalid (STORE).
 */
import { openSession } from '../store/config.js';
import { validateAndLoad } from '../store/prepare.js';
import type { CypherSession } from '../store/session.js';
import { describeStoreFault, storeConfigOrExit } from './operator-message.js';
import { guardProcess } from './process-guard.js';
import { progressBar } from './progress.js';

guardProcess('npm run load');

let session: CypherSession;
const { config, where } = storeConfigOrExit();
try {
  session = openSession(config);
} catch (e) {
  console.error(describeStoreFault(e, { action: 'load', store: where }));
  process.exit(1);
}
const bar = progressBar('load');
try {
  const summary = await validateAndLoad(session, process.argv[2], { onProgress: (d, t, s) => bar.update(d, t, s) });
  bar.stop();
  console.log(`loaded into ${config.store} (${where}) in ${summary.ms} ms`);
  for (const [k, v] of Object.entries(summary.nodes)) console.log(`  (:${k}) ${v}`);
  for (const [k, v] of Object.entries(summary.relationships)) console.log(`  [:${k}] ${v}`);
} catch (e) {
  bar.stop();
  console.error(describeStoreFault(e, { action: 'load', store: where }));
  process.exitCode = 1;
}
try {
  await session.close();
} catch (e) {
  // One fault, one line: after a failed load, a failing close is that fault again (a full disk).
  if (process.exitCode !== 1) console.error(describeStoreFault(e, { action: 'close', store: where }));
  process.exitCode = 1;
}
