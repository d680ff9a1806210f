/** RESULTS.md from a run's results: first-time and repeat side by side, and the targets checked. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport, type Results, type SizeResult } from '../../bench/report.js';
import type { Summary } from '../../bench/measure.js';

const summary = (p50: number, p99: number, extra: Partial<Summary> = {}): Summary => ({
  requests: 1000,
  distinct: 1000,
  p50,
  p99,
  max: p99 * 2,
  errors: 0,
  errorSamples: [],
  empty: 0,
  ...extra,
});

function size(nodes: number, p99: (name: string) => number, readyMs: number, extra: Partial<Summary> = {}): SizeResult {
  const queries = [
    ['search', true],
    ['2-hop neighbourhood', true],
    ['shortest path', false],
    ['global totals', false],
  ] as const;
  return {
    nodes,
    stored: { nodes, relationships: nodes * 3 },
    load: { ms: nodes / 40, peakRssMb: 900, storeFileMb: 100 },
    start: { readyMs },
    memory: { readyRssMb: 800, steadyRssMb: 1234, peakRssMb: 1500 },
    warmUp: { requests: 80, errors: 0 },
    mixed: { firstTime: { ...summary(3, 30), rps: 900 }, repeat: { ...summary(1, 5), rps: 2500 } },
    queries: queries.map(([name, local]) => ({
      name,
      local,
      firstTime: summary(2, p99(name), name === 'shortest path' ? extra : {}),
      repeat: summary(0.5, 2),
    })),
  };
}

function report(r: Results): { md: string; svg: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  try {
    writeReport(r, dir);
    return { md: readFileSync(join(dir, 'RESULTS.md'), 'utf8'), svg: readFileSync(join(dir, 'scale.svg'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const base = {
  date: '2026-01-01T00:00:00Z',
  machine: { cpus: 2, cpu: 'test', memoryGb: 8, node: 'v20' },
  versions: {},
  settings: { targets: 1000, concurrency: 4, warmUp: 20, nodeFlags: ['--expose-gc'] },
};

describe('benchmark report', () => {
  it('checks the targets at 1M: local and global bounds, growth from 10k, start to ready, errors', () => {
    const at10k = size(10_000, () => 10, 5_000);
    const at1m = size(
      1_000_000,
      (name) => ({ search: 14, '2-hop neighbourhood': 30, 'shortest path': 90, 'global totals': 120 })[name]!,
      61_000,
      { errors: 3, errorSamples: ['HTTP 503, SERVER_BUSY: busy'] },
    );
    const { md, svg } = report({ ...base, sizes: [at10k, size(100_000, () => 12, 9_000), at1m] });
    expect(md).toContain('search p50 2 / p99 14 ms: met; 2-hop neighbourhood p50 2 / p99 30 ms: **not met**');
    expect(md).toContain('shortest path p99 90 ms: **not met** (3 errors); global totals p99 120 ms: **not met**');
    expect(md).toContain('from 10,000 to 1,000,000: search ×1.40 met; 2-hop neighbourhood ×3.00 **not met**');
    expect(md).toContain('≤ 60.0 s: **not met** (61.0 s)');
    expect(md).toContain('Steady RSS at 1,000,000 nodes documented: 1,234 MB after the runs (peak 1,500 MB)');
    expect(md).toContain('- shortest path: HTTP 503, SERVER_BUSY: busy');
    // First-time and repeat side by side, per size, and the curve.
    expect(md).toContain('| search | 1,000 | 2 | 14 | 28 | 0.5 | 2 | 4 | 0 / 0 | 0 |');
    expect(md).toContain('| search | 10 (2) | 12 (2) | 14 (2) | ×1.40 |');
    expect(svg.match(/<polyline/g)).toHaveLength(8);
  });

  it('says what a run without 1M could not check', () => {
    const { md } = report({ ...base, sizes: [size(10_000, () => 10, 5_000)] });
    expect(md).toContain('(at 10,000 nodes: 1,000,000 is not in this run)');
    expect(md).toContain('growing ≤ 1.5× from 10k to 1M: not measured (one size in this run)');
    expect(md).toContain('not measured in this run (10,000: 5.0 s)');
  });
});
