/**
 * Debian's `wrk` as the benchmark's load generator when it is installed (`apt install wrk`): written
 * in C, it takes a fraction of the CPU autocannon needs for the same requests, and on a two-core
 * machine whatever the load generator uses, the server under test does not get. Its latency
 * percentiles come from an HdrHistogram kept in microseconds.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ms2, type Measure } from './measure.js';


export function wrkVersion(): string | null {
  try {
    // `wrk -v` prints its version and exits with status 1.
    return /wrk\s+(\S+)/.exec(execFileSync('wrk', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))?.[1] ?? 'unknown';
  } catch (e) {
    const out = String((e as { stdout?: unknown }).stdout ?? '');
    return /wrk\s+(\S+)/.exec(out)?.[1] ?? null;
  }
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** A latency as wrk prints it ("812.00us", "1.23ms", "2.01s") in milliseconds. */
export function wrkMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`wrk printed a latency this benchmark cannot read: "${text}"`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

/** Reads wrk's `--latency` report. */
export function parseWrk(out: string): Measure {
  const field = (re: RegExp) => {
    const m = re.exec(out);
    if (!m) throw new Error(`wrk's report has no ${re.source}:\n${out}`);
    return m[1];
  };
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Math.round(Number(field(/Requests\/sec:\s+([\d.]+)/))),
    p50: ms2(wrkMs(field(/^\s+50%\s+(\S+)/m))),
    p99: ms2(wrkMs(field(/^\s+99%\s+(\S+)/m))),
    requests: Number(field(/(\d+) requests in/)),
    errors: socketErrors ? socketErrors.slice(1).reduce((n, x) => n + Number(x), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
}

/** POSTs one body to the URL for `seconds` over `connections` connections, one wrk thread. */
export async function runWrk(url: string, body: string, connections: number, seconds: number): Promise<Measure> {
  const dir = mkdtempSync(join(tmpdir(), 'pairing-graph-wrk-'));
  const script = join(dir, 'post.lua');
  writeFileSync(script, `wrk.method = "POST"\nwrk.headers["content-type"] = "application/json"\nwrk.body = ${JSON.stringify(body)}\n`);
  try {
    const { stdout } = await promisify(execFile)('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '30s', '--latency', '-s', script, url]);
    return parseWrk(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
