/**
 * What a benchmark server (bench/serve-synthetic.ts) saw while one run was measured, so that a slow
 * percentile can be told apart: its event loop's delay (a stall in the server), its garbage-collection
 * pauses, and how often it read the store (round trips).
 * `npm run bench:limits` asks over the child's IPC channel: 'stats:reset' before a run, 'stats' after it.
 */
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface ServerStats {
  /** Event-loop delay, ms: the longest, and the 99th percentile of the samples. */
  loopMaxMs: number;
  loopP99Ms: number;
  gcPauses: number;
  /** The pauses by kind: young collections, full ones, incremental marking steps, weak callbacks. */
  gcKinds: { minor: number; major: number; incremental: number; weak: number };
  gcMaxMs: number;
  gcTotalMs: number;
  storeCalls: number;
  /** Page faults that waited for the disk, and times the OS took the CPU from the process. */
  majorFaults: number;
  preempted: number;
}

/** Answers the harness's questions on `process` (a child started with an IPC channel). */
export function serveStats(counters: { storeCalls(): number }): void {
  if (!process.send) return;
  // Watching only between 'stats:reset' and 'stats': a 1 ms timer and a GC observer must not
  // weigh on what is measured outside them.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const noKinds = () => ({ minor: 0, major: 0, incremental: 0, weak: 0 });
  const kindOf: Record<number, keyof ReturnType<typeof noKinds>> = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
  };
  let gc = { pauses: 0, maxMs: 0, totalMs: 0, kinds: noKinds() };
  const now = () => {
    const usage = process.resourceUsage();
    return { store: counters.storeCalls(), faults: usage.majorPageFault, preempted: usage.involuntaryContextSwitches };
  };
  let base = now();
  const gcWatch = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.pauses++;
      const kind = kindOf[(e as { detail?: { kind?: number } }).detail?.kind ?? -1];
      if (kind) gc.kinds[kind]++;
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
      gc = { pauses: 0, maxMs: 0, totalMs: 0, kinds: noKinds() };
      base = now();
      process.send!({ stats: null });
    } else if (m === 'stats') {
      delay.disable();
      gcWatch.disconnect();
      const at = now();
      const stats: ServerStats = {
        loopMaxMs: round(delay.max / 1e6),
        loopP99Ms: round(delay.percentile(99) / 1e6),
        gcPauses: gc.pauses,
        gcKinds: gc.kinds,
        gcMaxMs: round(gc.maxMs),
        gcTotalMs: round(gc.totalMs),
        storeCalls: at.store - base.store,
        majorFaults: at.faults - base.faults,
        preempted: at.preempted - base.preempted,
      };
      process.send!({ stats });
    }
  });
  // The channel must not keep a server alive that was told to stop.
  process.channel?.unref();
}
