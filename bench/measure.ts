import type { ServerStats } from './server-stats.js';

/** What one run of one query against one server measured, and the arithmetic the harness does on it. */

export interface Measure {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Over rounds (see `median`): the worst round's p99. */
  worstP99?: number;
  /** What the server saw during the run (steady runs). */
  server?: ServerStats;
  /** The client's longest event-loop delay during the run (steady runs), ms. */
  clientLoopMaxMs?: number;
}

export const describeStats = (s: ServerStats) =>
  `event loop max ${s.loopMaxMs} ms (p99 ${s.loopP99Ms}), ${s.gcPauses} GC pauses (${s.gcKinds.minor} young, ${s.gcKinds.major} full, ${s.gcKinds.incremental} marking steps, ${s.gcKinds.weak} weak callbacks; max ${s.gcMaxMs} ms, total ${s.gcTotalMs}), ${s.memoMisses} memo misses, ${s.storeCalls} store calls, ${s.majorFaults} major page faults, preempted ${s.preempted} times`;

/** Milliseconds to a hundredth, as reported. */
export const ms2 = (x: number) => Math.round(x * 100) / 100;

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

/** Each figure's median over the rounds (requests and errors summed), with the worst p99 kept. */
export function median(runs: Measure[]): Measure {
  const mid = (pick: (m: Measure) => number) => runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const sum = (pick: (m: Measure) => number) => runs.reduce((n, m) => n + pick(m), 0);
  return {
    rps: mid((m) => m.rps), p50: mid((m) => m.p50), p99: mid((m) => m.p99),
    requests: sum((m) => m.requests), errors: sum((m) => m.errors), non2xx: sum((m) => m.non2xx),
    worstP99: Math.max(...runs.map((m) => m.p99)),
  };
}

/**
 * Steady rounds taken together: p50 and p99 of every round's latencies pooled, the rest as `median`
 * gives it (requests and errors summed, the worst round's p99 kept). A p99 of a millisecond or two is
 * decided by a few dozen requests in a round, so one noisy second on a shared machine moves a
 * round's figure, and the median of three such figures flips with it; the pooled percentile moves
 * by that round's share.
 */
export function pooled(rounds: { measure: Measure; latencies: Float64Array }[]): Measure {
  const all = new Float64Array(rounds.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  for (const { latencies } of rounds) {
    all.set(latencies, at);
    at += latencies.length;
  }
  all.sort();
  return { ...median(rounds.map((r) => r.measure)), p50: ms2(percentile(all, 50)), p99: ms2(percentile(all, 99)) };
}
