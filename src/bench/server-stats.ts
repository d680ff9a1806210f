/**
 * What a benchmark server saw while one run was measured, so that a slow percentile can be told
 * apart: its event loop's delay (a stall in the server), its garbage-collection pauses, and how
 * often it had to compute or read afresh (memo misses, store round trips). The harness asks over
 * the child's IPC channel: 'stats:reset' before a run, 'stats' after it.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface ServerStats {
  /** Event-loop delay, ms: the longest, and the 99th percentile of the samples. */
  loopMaxMs: number;
  loopP99Ms: number;
  gcPauses: number;
  gcMaxMs: number;
  gcTotalMs: number;
  memoMisses: number;
  storeCalls: number;
}

/** Answers the harness's questions on `process` (a child started with an IPC channel). */
export function serveStats(counters: { memoMisses(): number; storeCalls(): number }): void {
  if (!process.send) return;
  // Watching only between 'stats:reset' and 'stats' (the steady runs): a 1 ms timer and a GC
  // observer must not weigh on the flat-out runs compared with the reference, which has neither.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let gc = { pauses: 0, maxMs: 0, totalMs: 0 };
  let base = { memo: counters.memoMisses(), store: counters.storeCalls() };
  const gcWatch = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.pauses++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
    }
  });
  const round = (x: number) => Math.round(x * 100) / 100;
  process.on('message', (m) => {
    if (m === 'stats:reset') {
      delay.reset();
      delay.enable();
      gcWatch.observe({ entryTypes: ['gc'] });
      gc = { pauses: 0, maxMs: 0, totalMs: 0 };
      base = { memo: counters.memoMisses(), store: counters.storeCalls() };
      process.send!({ stats: null });
    } else if (m === 'stats') {
      delay.disable();
      gcWatch.disconnect();
      const stats: ServerStats = {
        loopMaxMs: round(delay.max / 1e6), loopP99Ms: round(delay.percentile(99) / 1e6),
        gcPauses: gc.pauses, gcMaxMs: round(gc.maxMs), gcTotalMs: round(gc.totalMs),
        memoMisses: counters.memoMisses() - base.memo, storeCalls: counters.storeCalls() - base.store,
      };
      process.send!({ stats });
    }
  });
  // The channel must not keep a server alive that was told to stop.
  process.channel?.unref();
}
