// A worker thread of the pool (work-pool.ts) when running from source (compiled, the pool loads
// work-tasks.js itself). The tasks are TypeScript: they are loaded through tsx's own import,
// whatever the parent was started with (a test runner's threads pass no loaders on).
import { tsImport } from 'tsx/esm/api';

const tasks = await tsImport('./work-tasks.ts', import.meta.url);

export default tasks.runTask;
