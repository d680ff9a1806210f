/**
 * `npm run bench`: loads synthetic graphs of 10k, 100k and 1M nodes into the embedded store (time
 * and peak memory), drives the query mix over HTTP with wrk or autocannon (bounded in time, loopback only)
 * against the API and, in the same run, against a bare-Apollo reference serving the same responses
 * from a Map; reports req/s, p50, p99, the ratio to the reference and store round trips per request.
 * A cold probe (after the steady runs) sends each query about COLD_TARGETS other targets, once each, one at a time:
 * nothing it asks has been read or computed before, so it measures the store and the resolvers
 * rather than what the server keeps in memory.
 * The scale curve is measured at a steady offered rate as well as flat out: at saturation a
 * request's latency is mostly its wait in the queue, so the steady rate is what shows whether a
 * query's own work grows with the graph. Every size is served at once for the steady rounds, which
 * the sizes take in turn, so that the machine's own ups and downs fall on all sizes alike.
 * Writes bench/results.json, bench/RESULTS.md and bench/scale.svg.
 *   --sizes 10k,100k,1m   --duration 5 (seconds per query and server)   --connections 10   --rate 1000 (req/s, steady)
 *   --rounds 3 (flat-out figures are the median of the rounds)   --steady-rounds 5 (steady percentiles pool the rounds' latencies)
 *     --only search,2-hop (queries whose names contain these; for a quick look, not for RESULTS.md)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ROOT } from '../src/dataset/paths.js';
import { QUERY_MIX, operationName } from './queries.js';
import { startApp } from '../src/server/app.js';
import { GrafeoSession } from '../src/store/grafeo-session.js';
import { loadDataset } from '../src/store/load.js';
import { syntheticDataset } from './synthetic.js';
import { scaleChart } from './chart.js';
import { runWrk, wrkVersion } from './wrk.js';
import { describeStats, median, ms2, percentile, pooled, type Measure } from './measure.js';
import { steadyRun, type SteadyRun } from './steady-client.js';
import { startFlags } from './node-flags.js';
import type { ServerStats } from './server-stats.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10k,100k,1m' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    rate: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    'steady-rounds': { type: 'string', default: '5' },
    only: { type: 'string' },
    /** wrk when it is installed (it leaves more of the CPU to the servers), else autocannon. */
    generator: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'bench') },
    /** Rewrite RESULTS.md and scale.svg from an existing results.json, without measuring. */
    'report-only': { type: 'boolean', default: false },
  },
});
const SIZES = values.sizes!.split(',').map((s) => Number(s.toLowerCase().replace('k', '000').replace('m', '000000')));
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const STEADY_RATE = Number(values.rate);
const ROUNDS = Number(values.rounds);
const STEADY_ROUNDS = Number(values['steady-rounds']);
const WRK = values.generator === 'autocannon' ? null : wrkVersion();
if (values.generator === 'wrk' && !WRK) throw new Error('--generator wrk: wrk is not installed (apt install wrk)');
const MIX = values.only ? QUERY_MIX.filter((q) => values.only!.split(',').some((part) => q.name.includes(part))) : QUERY_MIX;
const log = (...a: unknown[]) => console.error(...a);
const COLD_TARGETS = 20;
/**
 * Servers run as `npm start` runs them (bench/node-flags.ts): `--expose-gc`, so the rows an
 * index was built from are collected right after the build (src/graph/build-garbage.ts), and
 * semi-spaces (the halves of the young generation) of 32 MB, no more and no less. With only a
 * ceiling, loading a million nodes grew them to it: at a 128 MB ceiling each young collection then
 * found about 3 MB alive and took about 6 ms, against 1 ms at 10k where they had stayed near 55 MB,
 * and the same 10k server with them pinned at 128 MB behaved like the 1M one. At 32 MB a 1M
 * server's young collections take about 2 ms. (With the default 16 MB an earlier run had 10k steady
 * p99s of 7–17 ms.) The lower bound keeps them there: a server left idle while the other sizes took
 * their turns had its young generation shrunk at its next full collection (V8 shrinks it when
 * little was allocated lately), and then ran 170–370 young collections in a round instead of 13–25.
 * And without allocation-site pretenuring: once the cold probes had run, V8 allocated a repeated
 * request's short-lived objects straight into the old generation, and each young collection then
 * spent 4–6 ms on the old-to-young pointers of those dead objects (1 ms without). And without the
 * memory reducer: under a steady 1,000 req/s V8 took the server for idle, ran a full collection to
 * give memory back (a 40 ms stall at 100k) and shrank the young generation, so that 2-hop's young
 * collections went from 50 to 400 per round.
 * BENCH_NODE_FLAGS (space-separated) replaces them, to compare settings.
 */
const NODE_FLAGS = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? startFlags();

/** Starts a tsx child that prints one JSON line when ready. */
function child(script: string, args: string[], env: Record<string, string> = {}): Promise<{ proc: ChildProcess; info: Record<string, any> }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', join(ROOT, script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, NODE_ENV: 'production', ...env } });
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ proc, info: JSON.parse(line) });
    });
    proc.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/**
 * Asks a synthetic server (bench/server-stats.ts) for what it saw since the last reset; null
 * when it cannot answer (it stopped, or said nothing within 5 s), so that a dead server shows as
 * that run's errors rather than stopping the benchmark.
 */
function serverStats(proc: ChildProcess, ask: 'stats' | 'stats:reset'): Promise<ServerStats | null> {
  if (!proc.connected) return Promise.resolve(null);
  return new Promise((resolve) => {
    const finish = (stats: ServerStats | null) => {
      clearTimeout(timer);
      proc.off('message', answer);
      proc.off('exit', gone);
      proc.off('disconnect', gone);
      resolve(stats);
    };
    const answer = (m: any) => {
      if (m && 'stats' in m) finish(m.stats);
    };
    const gone = () => finish(null);
    const timer = setTimeout(gone, 5000);
    proc.on('message', answer);
    proc.once('exit', gone);
    proc.once('disconnect', gone);
    proc.send(ask, (e) => {
      if (e) gone();
    });
  });
}

function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

/** A server's GraphQL endpoint, whether its printed URL is the origin or ends in a slash. */
const endpoint = (url: string) => new URL('/graphql', url).href;

async function post(url: string, query: string): Promise<any> {
  const res = await fetch(endpoint(url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return res.json();
}

/** Latency of first requests: each variant once, in turn; p50 and the slowest. */
async function coldProbe(url: string, variant: (i: number) => string): Promise<{ p50: number; max: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < COLD_TARGETS; i++) {
    const started = performance.now();
    const body = await post(url, variant(i));
    times.push(performance.now() - started);
    if (body.errors) errors++;
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { p50: round(times[Math.floor(times.length / 2)]), max: round(times.at(-1)!), errors };
}

/**
 * Drives one query flat out, with wrk or autocannon. With autocannon, latencies are taken from each
 * response: its own histogram keeps whole milliseconds, too coarse for sub-millisecond answers.
 */
async function drive(url: string, query: string): Promise<Measure> {
  if (WRK) return runWrk(endpoint(url), JSON.stringify({ query }), CONNECTIONS, DURATION);
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({
      url: endpoint(url),
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }),
      connections: CONNECTIONS, duration: DURATION, timeout: 30,
    }, (err, res) => (err ? reject(err) : resolve(res)));
    run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status < 300) latencies.push(ms);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(result.requests.average), p50: ms2(percentile(latencies, 50)), p99: ms2(percentile(latencies, 99)),
    requests: result.requests.total, errors: result.errors, non2xx: result.non2xx,
  };
}

/**
 * Store round trips per request, counted on an in-process server with the smallest size: for a
 * target asked for the first time (the search and fact indexes already built), and for a repeat.
 */
async function roundTrips(): Promise<Record<string, string>> {
  const session = new GrafeoSession(':memory:');
  await loadDataset(session, syntheticDataset(10_000));
  const app = await startApp({ session, load: 'never' });
  app.services.prepared = true;
  const out: Record<string, string> = {};
  for (const q of MIX) {
    await post(app.url, q.query); // builds the search and fact indexes, once per dataset
    const before = app.store.calls;
    await post(app.url, q.variant(5));
    const cold = app.store.calls - before;
    await post(app.url, q.query);
    out[q.name] = `${cold} / ${app.store.calls - before - cold}`;
  }
  await app.close();
  return out;
}

if (values['report-only']) {
  const saved = JSON.parse(readFileSync(join(values.out!, 'results.json'), 'utf8'));
  writeFileSync(join(values.out!, 'scale.svg'), scaleChart(saved));
  writeFileSync(join(values.out!, 'RESULTS.md'), markdown(saved));
  process.exit(0);
}

const results: any = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  versions: Object.fromEntries(['@apollo/server', 'graphql', '@grafeo-db/js', 'autocannon'].map((p) => [p, JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version])),
  settings: { duration: DURATION, connections: CONNECTIONS, steadyRate: STEADY_RATE, rounds: ROUNDS, steadyRounds: STEADY_ROUNDS, generator: WRK ? `wrk ${WRK}` : 'autocannon', nodeFlags: NODE_FLAGS },
  roundTrips: {},
  sizes: [] as any[],
};

log('counting store round trips per request…');
results.roundTrips = await roundTrips();

/** A loaded API server of one size, with what was recorded about it before the runs. */
interface Served {
  size: number;
  api: Awaited<ReturnType<typeof child>>;
  file: string;
  cold: Record<string, unknown>;
  steady: Map<string, SteadyRun[]>;
}

// Every size is loaded and served first, each in turn (a server that is not being asked anything
// does no work: no timers, and no memory reducer to collect when it falls idle).
const served: Served[] = [];
for (const size of SIZES) {
  log(`size ${size}: generating and loading…`);
  const api = await child('bench/serve-synthetic.ts', [String(size)]);
  log(`  loaded ${api.info.nodes} nodes, ${api.info.relationships} relationships in ${api.info.loadMs} ms (peak ${api.info.peakRssMb} MB)`);
  // Record each response for the reference, warming the API's caches (search index) on the way.
  const responses: Record<string, unknown> = {};
  for (const q of MIX) {
    const body = await post(api.info.url, q.query);
    if (body.errors) throw new Error(`${q.name}: ${JSON.stringify(body.errors)}`);
    responses[operationName(q)] = body.data;
  }
  const file = join(values.out!, `.responses-${size}.json`);
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(file, JSON.stringify(responses));
  served.push({ size, api, file, cold: {}, steady: new Map(MIX.map((q) => [q.name, []])) });
}

// The steady runs, with the sizes taking turns round by round: what the machine does meanwhile
// (these machines are shared) then falls on every size alike, and the growth from the smallest to
// the largest compares rounds minutes apart at most, not a quarter of an hour. Each round starts
// with the next size, so that no size always runs first, right after another query's rounds.
// They run before any flat-out run: a server that has just been driven flat out keeps collecting
// for a while after, on both cores, and steady rounds a second after a flat-out run had the client
// and the API stall 13–16 ms at the same moment.
for (const q of MIX) {
  // Round 0 warms the query up on each size and is not counted: the first round was the slowest
  // of every query, at every size (the operation's code still being optimised).
  for (let round = 0; round <= STEADY_ROUNDS; round++) {
    for (let turn = 0; turn < served.length; turn++) {
      const { size, api, steady: runs } = served[(round + turn) % served.length];
      // A pause first, so that the steady run does not start inside the previous run's collections.
      // (Collecting this process's garbage here too made it worse: after a forced collection the
      // client's own event loop stalled 9–15 ms per round under 2-hop's answers, against 4–5 ms.)
      await sleep(1000);
      await serverStats(api.proc, 'stats:reset');
      const steady = await steadyRun(endpoint(api.info.url), JSON.stringify({ query: q.query }), { rate: STEADY_RATE, seconds: DURATION, connections: CONNECTIONS });
      steady.measure.server = (await serverStats(api.proc, 'stats')) ?? undefined;
      if (round > 0) runs.get(q.name)!.push(steady);
      log(`  ${size}, ${q.name}, steady ${STEADY_RATE} req/s, ${round ? `round ${round}/${STEADY_ROUNDS}` : 'warm-up round'}: p50 ${steady.measure.p50} / p99 ${steady.measure.p99} ms; client event loop max ${steady.measure.clientLoopMaxMs} ms${steady.measure.server ? `; server: ${describeStats(steady.measure.server)}` : ''}`);
    }
  }
}

// The first-time requests after the steady runs: the global ones read and sum across the whole
// graph (a total over every donation took 0.5 s at 1M), and the garbage they leave was still
// being collected when steady rounds followed them; the first steady round after them once
// stalled 0.5–0.6 s at 1M. Their targets are never the steady runs' own, so they are still
// asked for the first time.
for (const { size, api, cold } of served) {
  for (const q of MIX) {
    log(`  ${size}, ${q.name}: cold probe (${COLD_TARGETS} other targets, once each)…`);
    cold[q.name] = await coldProbe(api.info.url, q.variant);
  }
}

for (const { size, api, file, cold, steady: steadyRuns } of served) {
  log(`size ${size}: flat out against the reference…`);
  const ref = await child('bench/reference-server.ts', [file]);
  // Where the time goes, on the smallest size: the same API with every request through Apollo's
  // whole pipeline (graphql-jit still executing), against the repeat path and the reference.
  const pipeline = size === SIZES[0] ? await child('bench/serve-synthetic.ts', [String(size)], { KNOWN_OPERATIONS: 'off' }) : null;
  const queries: any[] = [];
  for (const q of MIX) {
    if (pipeline) await post(pipeline.info.url, q.query);
    // Rounds, each server in turn: a noisy second on a shared machine then moves one round's
    // figure, not the reported median.
    const runs = { api: [] as Measure[], reference: [] as Measure[], steady: steadyRuns.get(q.name)!.map((r) => r.measure), pipeline: [] as Measure[] };
    for (let round = 1; round <= ROUNDS; round++) {
      log(`  ${q.name}, round ${round}/${ROUNDS}: API flat out, reference${pipeline ? ', API through Apollo\'s pipeline' : ''}…`);
      runs.api.push(await drive(api.info.url, q.query));
      runs.reference.push(await drive(ref.info.url, q.query));
      if (pipeline) runs.pipeline.push(await drive(pipeline.info.url, q.query));
    }
    const [ours, reference, steady] = [median(runs.api), median(runs.reference), pooled(steadyRuns.get(q.name)!)];
    const apolloPipeline = pipeline ? median(runs.pipeline) : undefined;
    queries.push({ name: q.name, local: q.local, api: ours, reference, ratio: Math.round((100 * ours.rps) / Math.max(1, reference.rps)) / 100, steady, cold: cold[q.name], apolloPipeline, rounds: runs });
    log(`    ${ours.rps} req/s (p99 ${ours.p99} ms) vs reference ${reference.rps} req/s → ×${queries.at(-1).ratio}; steady p50 ${steady.p50} / p99 ${steady.p99} ms over the rounds (worst round ${steady.worstP99} ms)`);
  }
  // This size's servers are gone before the next size is driven flat out: a server just driven
  // flat out keeps collecting for a while, and nothing else may compete for the CPU.
  await Promise.all([api, ref, pipeline].filter((c) => !!c).map((c) => stop(c!.proc)));
  let neo4j: Record<string, number> | undefined;
  if (process.env.NEO4J_URI) {
    log(`  loading ${size} into Neo4j (${process.env.NEO4J_URI})…`);
    neo4j = (await child('bench/load-neo4j.ts', [String(size)])).info as Record<string, number>;
  }
  results.sizes.push({ nodes: size, stored: { nodes: api.info.nodes, relationships: api.info.relationships }, load: { ms: api.info.loadMs, peakRssMb: api.info.peakRssMb }, neo4j, queries });
}

writeFileSync(join(values.out!, 'results.json'), JSON.stringify(results, null, 2) + '\n');
writeFileSync(join(values.out!, 'scale.svg'), scaleChart(results));
writeFileSync(join(values.out!, 'RESULTS.md'), markdown(results));
log(`wrote ${join(values.out!, 'RESULTS.md')}`);

/** The queries this run measured (all of them unless --only was given). */
function measured(r: any): typeof QUERY_MIX {
  return QUERY_MIX.filter((q) => r.sizes[0]?.queries.some((x: any) => x.name === q.name));
}

/**
 * What each steady run's server and client saw, over the rounds: the longest event-loop delay of
 * each, the longest garbage-collection pause, and what had to be computed or read afresh. A p99
 * that moves with these is a stall, not the query's own work.
 */
function stalls(r: any): string[] {
  const rows = r.sizes.flatMap((s: any) => s.queries.filter((q: any) => q.rounds?.steady?.some((m: any) => m.server)).map((q: any) => {
    const runs = q.rounds.steady;
    const worst = (pick: (m: any) => number | undefined) => Math.max(...runs.map((m: any) => pick(m) ?? 0));
    const sum = (pick: (m: any) => number | undefined) => runs.reduce((n: number, m: any) => n + (pick(m) ?? 0), 0);
    return `| ${s.nodes.toLocaleString('en')} | ${q.name} | ${runs.map((m: any) => m.p99).join(' / ')} | ${worst((m) => m.server?.loopMaxMs)} | ${worst((m) => m.server?.gcMaxMs)} | ${sum((m) => m.server?.gcPauses)} (${sum((m) => m.server?.gcKinds?.major)}) | ${sum((m) => m.server?.memoMisses)} / ${sum((m) => m.server?.storeCalls)} | ${worst((m) => m.clientLoopMaxMs)} |`;
  }));
  if (!rows.length) return [];
  return [
    '', 'What the steady runs saw (all rounds): the server\'s longest event-loop delay and garbage-collection pause, its collections, what it computed or read afresh, and the client\'s own longest event-loop delay (it runs on the same machine).', '',
    '| size | query | p99 per round ms | server loop max ms | GC max ms | GC pauses (full) | memo misses / store calls | client loop max ms |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ];
}

/** One row per query: a cell per size and the largest size's value over the smallest's. */
function curve(r: any, cell: (q: any) => string | undefined, value: (q: any) => number | undefined): string[] {
  return [
    '| query | ' + r.sizes.map((s: any) => `${s.nodes.toLocaleString('en')}`).join(' | ') + ' | p99 largest ÷ smallest |',
    '|---|' + r.sizes.map(() => '---:').join('|') + '|---:|',
    ...measured(r).map((q) => {
      const runs = r.sizes.map((s: any) => s.queries.find((x: any) => x.name === q.name));
      const cells = runs.map((x: any) => (x.api.requests === 0 ? '> 30,000' : cell(x) ?? '—'));
      const [first, last] = [value(runs[0]), value(runs.at(-1))];
      const growth = runs.at(-1).api.requests === 0 || first == null || last == null ? '—' : `×${(last / Math.max(0.01, first)).toFixed(2)}`;
      return `| ${q.name}${q.local ? '' : ' (global)'} | ${cells.join(' | ')} | ${growth} |`;
    }),
  ];
}

/** The issue's targets, checked against this run. */
function targets(r: any): string[] {
  const all = r.sizes.flatMap((s: any) => s.queries.map((q: any) => ({ size: s.nodes, ...q })));
  const slow = all.filter((q: any) => q.ratio < 1.5).map((q: any) => `${q.name} at ${q.size.toLocaleString('en')} (×${q.ratio})`);
  const [small, large] = [r.sizes[0], r.sizes.at(-1)];
  const growth = (pick: (q: any) => number | undefined) => measured(r).filter((q) => q.local).map((q) => {
    const [a, b] = [small, large].map((s: any) => pick(s.queries.find((x: any) => x.name === q.name)));
    return { name: q.name, g: a == null || b == null ? NaN : b / Math.max(0.01, a) };
  });
  const steady = growth((q) => q.steady?.p99).filter((x) => !(x.g <= 1.2));
  const flat = growth((q) => q.api.p99).filter((x) => !(x.g <= 1.2));
  const load = r.sizes.filter((s: any) => s.nodes >= 1_000_000);
  const mark = (ok: boolean) => (ok ? 'met' : 'not met');
  const list = (xs: { name: string; g: number }[]) => xs.map((x) => `${x.name} ×${x.g.toFixed(2)}`).join(', ');
  return [
    '', '## Targets', '',
    `- Throughput ≥ 1.5× the reference for every query at every size: ${mark(!slow.length)}${slow.length ? ` (below: ${slow.join(', ')})` : ''}.`,
    `- p99 at ${large.nodes.toLocaleString('en')} ≤ 1.2× p99 at ${small.nodes.toLocaleString('en')} for local queries, at a steady ${r.settings.steadyRate ?? '—'} req/s: ${mark(!steady.length)}${steady.length ? ` (${list(steady)})` : ''}; flat out: ${mark(!flat.length)}${flat.length ? ` (${list(flat)})` : ''}.`,
    `- 1M nodes loaded into the embedded store in ≤ 30 s: ${load.length ? load.map((s: any) => `${mark(s.load.ms <= 30_000)} (${(s.load.ms / 1000).toFixed(1)} s)`).join(', ') : 'not measured in this run'}.`,
  ];
}

function coldCell(q: any): string {
  return q.cold ? `${q.cold.p50} / ${q.cold.max}${q.cold.errors ? ` (${q.cold.errors} errors)` : ''}` : '—';
}

/** Req/s at the smallest size: the reference, every request through Apollo (graphql-jit executing), and the repeat path. */
function breakdown(r: any): string[] {
  const s = r.sizes[0];
  if (!s?.queries.some((q: any) => q.apolloPipeline)) return [];
  return [
    '', `## Where Apollo's time goes (${s.nodes.toLocaleString('en')} nodes, req/s)`, '',
    'The same API started with `KNOWN_OPERATIONS=off`: every request parsed-and-validated (from Apollo\'s document cache), planned, cost-checked and executed through Apollo, with graphql-jit as the executor.', '',
    '| query | reference | API through Apollo\'s pipeline | ratio | API with the repeat path | ratio |', '|---|---:|---:|---:|---:|---:|',
    ...s.queries.map((q: any) => `| ${q.name} | ${q.reference.rps} | ${q.apolloPipeline.rps} | ×${(q.apolloPipeline.rps / Math.max(1, q.reference.rps)).toFixed(2)} | ${q.api.rps} | ×${q.ratio} |`),
  ];
}

function markdown(r: any): string {
  const lines = [
    '# Benchmark results', '',
    `${r.date.slice(0, 10)} · ${r.machine.cpus} cores (${r.machine.cpu}) · ${r.machine.memoryGb} GiB · Node ${r.machine.node} · ` +
      Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(' · '), '',
    `${r.settings.generator ?? 'autocannon'} (one thread), ${r.settings.connections} connections, ${r.settings.duration} s per query and server in each of ${r.settings.rounds ?? 1} rounds (flat-out figures are the medians over the rounds), loopback; API and reference run in turn in each round, both with \`${(r.settings.nodeFlags ?? NODE_FLAGS).join(' ')}\`. Reproduce with \`npm run bench\`.`, '',
    'No whole-response cache is used. Under load, every request runs its resolvers; what they read from the store and what they compute from it (a search, a total, a laid-out subgraph) is kept per loaded dataset, and an operation Apollo has accepted once runs again from its compiled form (see README, "Performance"). The first-time column shows the other side: each query asked about 20 other targets, once each, one at a time, so nothing was read or computed before.', '',
    '## Load into the embedded store', '',
    '| nodes | relationships | load time | peak memory | Neo4j load time |', '|---:|---:|---:|---:|---:|',
    ...r.sizes.map((s: any) => `| ${s.stored.nodes.toLocaleString('en')} | ${s.stored.relationships.toLocaleString('en')} | ${(s.load.ms / 1000).toFixed(1)} s | ${s.load.peakRssMb} MB | ${s.neo4j ? `${(s.neo4j.loadMs / 1000).toFixed(1)} s` : 'not run (NEO4J_URI unset)'} |`),
    '', '## Query mix against the bare-Apollo reference', '',
    '| size | query | API req/s | p50 ms | p99 ms | reference req/s | ratio | first-time p50 / slowest ms | store round trips (first / repeat) |', '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
    ...r.sizes.flatMap((s: any) => s.queries.map((q: any) => q.api.requests === 0
      ? `| ${s.nodes.toLocaleString('en')} | ${q.name} | no answer within 30 s | — | — | ${q.reference.rps} | — | ${coldCell(q)} | ${r.roundTrips[q.name]} |`
      : `| ${s.nodes.toLocaleString('en')} | ${q.name} | ${q.api.rps} | ${q.api.p50} | ${q.api.p99} | ${q.reference.rps} | ×${q.ratio} | ${coldCell(q)} | ${r.roundTrips[q.name]} |`)),
    ...breakdown(r),
    ...targets(r),
    '', '## Scale curve', '', '![scale curve](scale.svg)', '',
    `At a steady ${r.settings.steadyRate ?? '—'} req/s, open loop over ${r.settings.connections} connections (bench/steady-client.ts), the sizes taking turns round by round (every size's API served, only the one measured asked anything, no reference or pipeline server running): p50 / p99 ms of ${r.settings.steadyRounds ? `${r.settings.steadyRounds} rounds of ${r.settings.duration} s after a warm-up round, their latencies pooled` : 'the rounds (median)'}, to a hundredth of a millisecond; in brackets the worst round's p99.`, '',
    ...curve(r, (q) => q.steady && `${q.steady.p50} / ${q.steady.p99}${q.steady.worstP99 !== undefined ? ` (${q.steady.worstP99})` : ''}`, (q) => q.steady?.p99),
    ...stalls(r),
    '', `Flat out (${r.settings.connections} connections, as in the throughput table): p99 ms. Here a request mostly waits behind the others in the queue, so this p99 shows the machine's noise as much as the query.`, '',
    ...curve(r, (q) => String(q.api.p99), (q) => q.api.p99),
    '', '## Scale curve, first-time requests (p50 ms of 20 targets asked once each)', '',
    '| query | ' + r.sizes.map((s: any) => `${s.nodes.toLocaleString('en')}`).join(' | ') + ' | largest ÷ smallest |',
    '|---|' + r.sizes.map(() => '---:').join('|') + '|---:|',
    ...measured(r).map((q) => {
      const runs = r.sizes.map((s: any) => s.queries.find((x: any) => x.name === q.name).cold);
      if (runs.some((c: any) => !c)) return `| ${q.name} | ${runs.map(() => '—').join(' | ')} | — |`;
      return `| ${q.name}${q.local ? '' : ' (global)'} | ${runs.map((c: any) => String(c.p50)).join(' | ')} | ×${(runs.at(-1).p50 / Math.max(0.1, runs[0].p50)).toFixed(2)} |`;
    }),
    '',
  ];
  return lines.join('\n');
}
