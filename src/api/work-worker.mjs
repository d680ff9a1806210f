// A worker thread of the pool (work-pool.ts). The tasks are TypeScript: they are loaded through
// tsx's own import, whatever the parent was started with (a test runner's threads pass no loaders on).
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { tsImport } from 'tsx/esm/api';

// Heavy work yields the processor to the serving thread: on Linux a thread has a nice value of its
// own, so this thread is made a lower priority than the one answering cheap requests. Elsewhere
// it runs at the process's priority.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // No /proc/thread-self (not Linux): nothing to do.
}

const tasks = await tsImport('./work-tasks.ts', import.meta.url);

export default tasks.runTask;
