/**
 * `npm run bench`: first-time requests on synthetic graphs of 10k, 100k and 1M nodes. For each size:
 *   1. loads the graph into a store file, in a process of its own (time, peak memory);
 *   2. starts the API on that already loaded store as `npm start` does, and times it from the
 *      process's start to /ready answering 200;
 *   3. sends every query about --targets targets, each asked once, all queries interleaved in a
 *      random order (a mixed load), closed loop over --concurrency kept-alive connections: the
 *      first-time figures; then the very same requests again: the repeat figures;
 *   4. reads the server's memory once the runs are over (steady) and its peak.
 * Before the measured requests, --warm-up requests per query about other targets (not timed), so
 * that the first-time figures are about new targets rather than new code.
 * Writes bench/results.json, bench/RESULTS.md and bench/scale.svg.
 *   --sizes 10k,100k,1m  --targets 1000 (per query)  --concurrency 4  --warm-up 20 (per query)
 *   --only search,path (queries whose names contain these; for a quick look, not for RESULTS.md)
 *   --report-only (rewrite RESULTS.md and scale.svg from results.json)
 * BENCH_NODE_FLAGS (space-separated) replaces `npm start`'s Node flags, to compare settings.
 * With NEO4J_URI set, each size is also loaded into Neo4j (load time only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/dataset/paths.js';
import { send } from './client.js';
import { summarise } from './measure.js';
import { startFlags } from './node-flags.js';
import { plan, QUERY_MIX, requestBody, type BenchRequest } from './queries.js';
import { writeReport, type Results } from './report.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10k,100k,1m' },
    targets: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    'warm-up': { type: 'string', default: '20' },
    only: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'bench') },
    'report-only': { type: 'boolean', default: false },
  },
});
if (values['report-only']) {
  writeReport(JSON.parse(readFileSync(join(values.out!, 'results.json'), 'utf8')), values.out!);
  process.exit(0);
}
const SIZES = values.sizes!.split(',').map((s) => Number(s.toLowerCase().replace('k', '000').replace('m', '000000')));
const TARGETS = Number(values.targets);
const CONCURRENCY = Number(values.concurrency);
const WARM_UP = Number(values['warm-up']);
const MIX = values.only ? QUERY_MIX.filter((q) => values.only!.split(',').some((part) => q.name.includes(part))) : QUERY_MIX;
const NODE_FLAGS = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? startFlags();
const log = (...a: unknown[]) => console.error(...a);

// Whatever ends this process, no server or store file of its own outlives it.
const children = new Set<ChildProcess>();
const dirs = new Set<string>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(1));

function spawnNode(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const proc = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
  });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return proc;
}

/** Resolves with the first match of `pattern` in the child's output; rejects if it exits first. */
function waitFor(proc: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const m = pattern.exec(out);
      if (!m) return;
      proc.stdout!.off('data', onData);
      proc.off('exit', onExit);
      // Still read (and drop) what follows, or a chatty child blocks on a full pipe.
      proc.stdout!.resume();
      resolve(m);
    };
    const onExit = (code: number | null) => reject(new Error(`${what} exited with ${code} before it was done: ${out.slice(-500)}`));
    proc.stdout!.on('data', onData);
    proc.once('exit', onExit);
  });
}

/** What bench/load-synthetic.ts prints. */
interface Loaded {
  nodes: number;
  relationships: number;
  loadMs: number;
  peakRssMb: number;
}

async function loadInto(size: number, into: string): Promise<Loaded> {
  const proc = spawnNode('bench/load-synthetic.ts', [String(size), into]);
  const [line] = await waitFor(proc, /^\{.*\}$/m, 'the loader');
  await new Promise((done) => (proc.exitCode === null ? proc.once('exit', done) : done(null)));
  return JSON.parse(line);
}

const READY_TIMEOUT_MS = 10 * 60_000;

/** The API as `npm start` runs it, on the store file already loaded; ready when /ready says 200. */
async function startApi(file: string): Promise<{ proc: ChildProcess; url: string; readyMs: number }> {
  const started = performance.now();
  const proc = spawnNode('src/cli/serve.ts', [], {
    STORE: 'grafeo',
    GRAFEO_PATH: file,
    LOAD_ON_START: 'never',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const [, url] = await waitFor(proc, /GraphQL API: (\S+)\/graphql/, 'the API');
  for (;;) {
    const status = await fetch(`${url}/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { proc, url, readyMs: Math.round(performance.now() - started) };
    if (proc.exitCode !== null) throw new Error(`the API exited with ${proc.exitCode} before it was ready`);
    if (performance.now() - started > READY_TIMEOUT_MS)
      throw new Error(`the API was not ready within ${READY_TIMEOUT_MS / 60_000} minutes`);
    await sleep(50);
  }
}

function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

/** Resident and peak resident memory of a process, MB (Linux; null elsewhere). */
function memory(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** One pass over the requests: per query and for the whole mixed load. */
async function pass(url: string, requests: BenchRequest[]) {
  const started = performance.now();
  const answers = await send(`${url}/graphql`, requests.map(requestBody), { concurrency: CONCURRENCY });
  const seconds = (performance.now() - started) / 1000;
  const targets = requests.map((r) => `${r.query.name} ${JSON.stringify(r.variables)}`);
  const byQuery = new Map(
    MIX.map((q) => {
      const mine = requests.flatMap((r, i) => (r.query === q ? [i] : []));
      return [
        q.name,
        summarise(
          mine.map((i) => answers[i]),
          mine.map((i) => targets[i]),
        ),
      ];
    }),
  );
  return { all: { ...summarise(answers, targets), rps: Math.round(answers.length / seconds) }, byQuery };
}

const results: Results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  versions: Object.fromEntries(
    ['@apollo/server', 'graphql', '@grafeo-db/js'].map((p) => [
      p,
      JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version,
    ]),
  ),
  settings: { targets: TARGETS, concurrency: CONCURRENCY, warmUp: WARM_UP, nodeFlags: NODE_FLAGS },
  sizes: [],
};

for (const size of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), 'pairing-graph-bench-'));
  dirs.add(dir);
  const file = join(dir, 'store.grafeo');
  log(`size ${size}: generating and loading into a store file…`);
  const load = await loadInto(size, file);
  const storeFileMb = Math.round(statSync(file).size / 2 ** 20);
  log(
    `  ${load.nodes} nodes, ${load.relationships} relationships in ${(load.loadMs / 1000).toFixed(1)} s (peak ${load.peakRssMb} MB; file ${storeFileMb} MB)`,
  );
  const neo4j = process.env.NEO4J_URI ? await loadInto(size, 'neo4j') : undefined;

  const api = await startApi(file);
  log(`  start to ready: ${(api.readyMs / 1000).toFixed(1)} s`);
  try {
    const atReady = memory(api.proc.pid!);
    const { warmUp, measured } = plan(size, { targets: TARGETS, warmUp: WARM_UP, queries: MIX });
    const warm = await pass(api.url, warmUp);
    log(`  warm-up: ${warmUp.length} requests, ${warm.all.errors} errors`);
    log(`  first-time: ${measured.length} requests (${TARGETS} targets per query), concurrency ${CONCURRENCY}…`);
    const firstTime = await pass(api.url, measured);
    log(`  repeat: the same requests again…`);
    const repeat = await pass(api.url, measured);
    // A moment for the last answers' garbage to be collected before memory is read.
    await sleep(2000);
    const steady = memory(api.proc.pid!);
    const queries = MIX.map((q) => ({
      name: q.name,
      local: q.local,
      firstTime: firstTime.byQuery.get(q.name)!,
      repeat: repeat.byQuery.get(q.name)!,
    }));
    for (const q of queries) {
      log(
        `    ${q.name}: first-time p50 ${q.firstTime.p50} / p99 ${q.firstTime.p99} / max ${q.firstTime.max} ms, repeat p50 ${q.repeat.p50} / p99 ${q.repeat.p99} ms; ${q.firstTime.distinct} targets, errors ${q.firstTime.errors} / ${q.repeat.errors}${q.firstTime.errorSamples.length ? ` (${q.firstTime.errorSamples.join('; ')})` : ''}, empty ${q.firstTime.empty}`,
      );
    }
    log(
      `    mixed: first-time p50 ${firstTime.all.p50} / p99 ${firstTime.all.p99} ms at ${firstTime.all.rps} req/s, repeat p50 ${repeat.all.p50} / p99 ${repeat.all.p99} ms at ${repeat.all.rps} req/s; steady RSS ${steady?.rssMb} MB, peak ${steady?.peakRssMb} MB`,
    );
    results.sizes.push({
      nodes: size,
      stored: { nodes: load.nodes, relationships: load.relationships },
      load: { ms: load.loadMs, peakRssMb: load.peakRssMb, storeFileMb },
      neo4j,
      start: { readyMs: api.readyMs },
      memory: { readyRssMb: atReady?.rssMb, steadyRssMb: steady?.rssMb, peakRssMb: steady?.peakRssMb },
      warmUp: { requests: warmUp.length, errors: warm.all.errors },
      mixed: { firstTime: firstTime.all, repeat: repeat.all },
      queries,
    });
  } finally {
    await stop(api.proc);
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
  }
}

writeFileSync(join(values.out!, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeReport(results, values.out!);
log(`wrote ${join(values.out!, 'RESULTS.md')}`);
