/** The arithmetic on a run's answers: percentiles, and one summary per query or per run. */
import type { Answer } from './client.js';

/** Milliseconds to a hundredth, as reported. */
export const ms2 = (x: number) => Math.round(x * 100) / 100;

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

export interface Summary {
  requests: number;
  /** Distinct targets (variables) among the requests. */
  distinct: number;
  /**
   * Latencies of the answers without errors: a refusal (SERVER_BUSY) comes back at once and would
   * pass for a fast answer. Errors are counted instead, and fail every target.
   */
  p50: number;
  p99: number;
  max: number;
  /** Answers that were not a 200 or carried GraphQL errors. */
  errors: number;
  /** The first few distinct error messages, to say what failed. */
  errorSamples: string[];
  /** Answers whose root fields were null or empty (a path not found within the hops, a target not found). */
  empty: number;
}

/** `answers[i]` answered the request about `targets[i]` (its variables as JSON). */
export function summarise(answers: Answer[], targets: string[]): Summary {
  const ms = Float64Array.from(
    answers.filter((a) => !a.error),
    (a) => a.ms,
  ).sort();
  const failed = answers.filter((a) => a.error);
  return {
    requests: answers.length,
    distinct: new Set(targets).size,
    p50: ms2(percentile(ms, 50)),
    p99: ms2(percentile(ms, 99)),
    max: ms2(ms.at(-1) ?? 0),
    errors: failed.length,
    errorSamples: [...new Set(failed.map((a) => a.error!))].slice(0, 3),
    empty: answers.filter((a) => a.empty).length,
  };
}
