/** `npm run bench` end to end on a 10k graph, a few targets per query: a store file, the API as `npm start` runs it, the client, the report. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../src/dataset/paths.js';
import { QUERY_MIX } from '../../bench/queries.js';
import type { Results } from '../../bench/report.js';

describe('npm run bench', () => {
  it('asks every query about distinct targets, first time and repeat, and every answer is one without errors', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-run-'));
    try {
      const env = { ...process.env };
      delete env.NEO4J_URI;
      // One connection: on two cores the server admits three heavy requests at a time, and this
      // checks the documents and targets, not the admission limit.
      await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'bench/run.ts', '--sizes', '10k', '--targets', '12', '--warm-up', '2', '--concurrency', '1', '--out', out],
        { cwd: ROOT, env },
      );
      const results: Results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      const [size] = results.sizes;
      expect(size.nodes).toBe(10_000);
      expect(size.start.readyMs).toBeGreaterThan(0);
      expect(size.memory.steadyRssMb).toBeGreaterThan(50);
      expect(size.queries.map((q) => q.name)).toEqual(QUERY_MIX.map((q) => q.name));
      for (const q of size.queries) {
        for (const run of [q.firstTime, q.repeat]) {
          expect(run, q.name).toMatchObject({ requests: 12, distinct: 12, errors: 0 });
          // A path may not be found within six hops; every other target exists.
          if (q.name !== 'shortest path') expect(run.empty, q.name).toBe(0);
        }
      }
      expect(size.mixed.firstTime).toMatchObject({ requests: 12 * QUERY_MIX.length, distinct: 12 * QUERY_MIX.length, errors: 0 });
      const md = readFileSync(join(out, 'RESULTS.md'), 'utf8');
      expect(md).toContain('## 10,000 nodes');
      expect(readFileSync(join(out, 'scale.svg'), 'utf8')).toMatch(/^<svg/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
