/**
 * The one line an operator reads when a command fails on the store: what failed, why, and what to
 * do. Expected faults (the file held by another process, a damaged file, a full disk) get no stack
 * trace: the commands print this line on stderr and exit 1.
 */
import { storeConfig, type StoreConfig } from '../store/config.js';
import { InvalidDatasetError } from '../store/prepare.js';
import { StoreFileDamagedError, StoreFileInUseError } from '../store/session.js';

export interface FaultContext {
  /** What was under way: `npm start` starting, `npm run load`, or closing the store at shutdown. */
  action: 'start' | 'load' | 'close';
  /** Where the store is (its file, or the Neo4j URI), for errors that do not say. */
  store?: string;
}

export function describeStoreFault(error: unknown, context: FaultContext): string {
  // The seeds' problems, one `file:line field: reason` a line: the one report that is a list.
  if (error instanceof InvalidDatasetError) return error.message;
  if (error instanceof StoreFileInUseError) {
    return `the store file ${error.path} is in use by another process (a running server?): stop it, or set GRAFEO_PATH to another file`;
  }
  if (error instanceof StoreFileDamagedError) {
    // The sidecar log goes too: Grafeo refuses a new file next to another database's log.
    return `cannot read the store file ${error.path}: it is damaged or was written by another version of Grafeo (${error.detail}); delete it and ${error.path}.wal if there is one: \`npm start\` rebuilds it from the seeds`;
  }
  const full = isNoSpace(error);
  const at = (error as NodeJS.ErrnoException)?.path ?? context.store;
  const reason = full ? `no space left on device (ENOSPC)${at ? ` at ${at}` : ''}` : errorLine(error);
  switch (context.action) {
    case 'close':
      // What was committed is in the store's log and is replayed on the next start; an
      // incomplete dataset is reloaded then (LOAD_ON_START=if-stale).
      return `could not close the store cleanly: ${reason}; ${full ? 'free space, then restart' : 'restart'}: the dataset is reloaded from the seeds if the file is incomplete`;
    case 'load':
      return `load failed, the store was not changed: ${reason}${full ? '; free space, then run it again' : ''}`;
    case 'start':
      return `could not start: ${reason}${full ? '; free space, then start again' : ''}`;
  }
}

/** A full disk, as Node (ENOSPC) or Grafeo (the OS's words and errno 28) reports it, however wrapped. */
export function isNoSpace(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC') return true;
    if (/no space left on device|os error 28\b/i.test(e instanceof Error ? e.message : String(e))) return true;
  }
  return false;
}

/** An error's message on one line (engine messages can span several). */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim() || (error instanceof Error ? error.name : 'unknown error');
}

/** The configured store and where it is, or one line and exit 2 for a setting that makes no sense. */
export function storeConfigOrExit(): { config: StoreConfig; where: string } {
  let config: StoreConfig;
  try {
    config = storeConfig();
  } catch (e) {
    console.error(errorLine(e));
    process.exit(2);
  }
  return { config, where: config.store === 'neo4j' ? config.neo4j.uri : config.grafeoPath };
}
