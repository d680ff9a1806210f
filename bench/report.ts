/** bench/RESULTS.md and bench/scale.svg from a run's results (what bench/results.json holds). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scaleChart } from './chart.js';
import type { Summary } from './measure.js';

/** The issue's targets, for first-time requests at 1M nodes. */
export const GOALS = {
  local: { p50: 5, p99: 25 },
  global: { p99: 100 },
  growth: 1.5,
  readyMs: 60_000,
  distinct: 1000,
  at: 1_000_000,
  from: 10_000,
};

interface QueryResult {
  name: string;
  local: boolean;
  firstTime: Summary;
  repeat: Summary;
}
export interface SizeResult {
  nodes: number;
  stored: { nodes: number; relationships: number };
  load: { ms: number; peakRssMb: number; storeFileMb: number };
  neo4j?: { loadMs: number };
  start: { readyMs: number };
  memory: { readyRssMb?: number; steadyRssMb?: number; peakRssMb?: number };
  warmUp: { requests: number; errors: number };
  mixed: { firstTime: Summary & { rps: number }; repeat: Summary & { rps: number } };
  queries: QueryResult[];
}
export interface Results {
  date: string;
  machine: { cpus: number; cpu?: string; memoryGb: number; node: string };
  versions: Record<string, string>;
  settings: { targets: number; concurrency: number; warmUp: number; nodeFlags: string[] };
  sizes: SizeResult[];
}

export function writeReport(r: Results, dir: string): void {
  const bounds = [
    { ms: GOALS.local.p99, label: `local p99 target ${GOALS.local.p99} ms` },
    { ms: GOALS.global.p99, label: `path, totals p99 target ${GOALS.global.p99} ms` },
  ];
  writeFileSync(join(dir, 'scale.svg'), `${scaleChart(r, bounds)}\n`);
  writeFileSync(join(dir, 'RESULTS.md'), markdown(r));
}

const n = (x: number) => x.toLocaleString('en');
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (x?: number) => (x == null ? '—' : `${n(x)} MB`);
const mark = (ok: boolean) => (ok ? 'met' : '**not met**');

function sizeTable(s: SizeResult): string[] {
  const row = (name: string, a: Summary, b: Summary) =>
    `| ${name} | ${n(a.distinct)} | ${a.p50} | ${a.p99} | ${a.max} | ${b.p50} | ${b.p99} | ${b.max} | ${a.errors} / ${b.errors} | ${a.empty} |`;
  const failures = [...s.queries.flatMap((q) => [...q.firstTime.errorSamples, ...q.repeat.errorSamples].map((e) => `${q.name}: ${e}`))];
  return [
    '',
    `## ${n(s.nodes)} nodes`,
    '',
    '| query | targets | first-time p50 ms | p99 ms | max ms | repeat p50 ms | p99 ms | max ms | errors (first-time / repeat) | empty answers |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    row(`**mixed load** (${n(s.mixed.firstTime.rps)} / ${n(s.mixed.repeat.rps)} req/s)`, s.mixed.firstTime, s.mixed.repeat),
    ...s.queries.map((q) => row(q.local ? q.name : `${q.name} (global)`, q.firstTime, q.repeat)),
    ...(failures.length ? ['', 'Errors seen:', '', ...[...new Set(failures)].map((f) => `- ${f}`)] : []),
    ...(s.warmUp.errors ? ['', `The warm-up had ${s.warmUp.errors} errors in ${s.warmUp.requests} requests.`] : []),
  ];
}

function goals(r: Results): string[] {
  const at = r.sizes.find((s) => s.nodes === GOALS.at) ?? r.sizes.at(-1)!;
  const where = at.nodes === GOALS.at ? '' : ` (at ${n(at.nodes)} nodes: ${n(GOALS.at)} is not in this run)`;
  const check = (q: QueryResult) => {
    const ok = q.local ? q.firstTime.p50 <= GOALS.local.p50 && q.firstTime.p99 <= GOALS.local.p99 : q.firstTime.p99 <= GOALS.global.p99;
    return `${q.name} ${q.local ? `p50 ${q.firstTime.p50} / ` : ''}p99 ${q.firstTime.p99} ms: ${mark(ok && !q.firstTime.errors)}${q.firstTime.errors ? ` (${q.firstTime.errors} errors)` : ''}`;
  };
  const [small, large] = [r.sizes.find((s) => s.nodes === GOALS.from) ?? r.sizes[0], at];
  const growth =
    small === large
      ? ['- First-time p99 growing ≤ 1.5× from 10k to 1M: not measured (one size in this run).']
      : [
          `- First-time p99 growing ≤ ${GOALS.growth}× from ${n(small.nodes)} to ${n(large.nodes)}${small.nodes === GOALS.from && large.nodes === GOALS.at ? '' : ` (${n(GOALS.from)} and ${n(GOALS.at)} are not both in this run)`}: ` +
            large.queries
              .map((q) => {
                const before = small.queries.find((x) => x.name === q.name)!.firstTime.p99;
                const g = q.firstTime.p99 / Math.max(0.01, before);
                return `${q.name} ×${g.toFixed(2)} ${mark(g <= GOALS.growth)}`;
              })
              .join('; ') +
            '.',
        ];
  const fewest = Math.min(...r.sizes.flatMap((s) => s.queries.map((q) => q.firstTime.distinct)));
  const errors = r.sizes.reduce((sum, s) => sum + s.mixed.firstTime.errors + s.mixed.repeat.errors, 0);
  const million = r.sizes.find((s) => s.nodes === GOALS.at);
  return [
    '',
    '## Targets',
    '',
    `- Search, one actor's facts, a region's roll-up and a default 2-hop neighbourhood at first-time p50 ≤ ${GOALS.local.p50} ms and p99 ≤ ${GOALS.local.p99} ms${where}: ${at.queries
      .filter((q) => q.local)
      .map(check)
      .join('; ')}.`,
    `- Shortest path (≤ 6 hops) and global totals at first-time p99 ≤ ${GOALS.global.p99} ms${where}: ${at.queries
      .filter((q) => !q.local)
      .map(check)
      .join('; ')}.`,
    ...growth,
    `- Start to ready on an already loaded ${n(GOALS.at)}-node store ≤ ${s1(GOALS.readyMs)}: ${million ? `${mark(million.start.readyMs <= GOALS.readyMs)} (${s1(million.start.readyMs)})` : `not measured in this run (${r.sizes.map((s) => `${n(s.nodes)}: ${s1(s.start.readyMs)}`).join(', ')})`}.`,
    `- Steady RSS at ${n(GOALS.at)} nodes documented: ${million ? `${mb(million.memory.steadyRssMb)} after the runs (peak ${mb(million.memory.peakRssMb)})` : 'not measured in this run'}.`,
    `- ≥ ${n(GOALS.distinct)} distinct targets per query at every size: ${mark(fewest >= GOALS.distinct)} (fewest ${n(fewest)}).`,
    `- No errors, first-time or repeat, at any size: ${errors ? `**not met** (${n(errors)})` : 'met'}.`,
  ];
}

function curve(r: Results): string[] {
  const [small, large] = [r.sizes[0], r.sizes.at(-1)!];
  const ratio = small !== large;
  return [
    '',
    '## First-time scale curve',
    '',
    `First-time p99, ms (repeat p99 in brackets)${ratio ? ", and the largest size's first-time p99 over the smallest's" : ''}.`,
    '',
    `| query | ${r.sizes.map((s) => n(s.nodes)).join(' | ')} |${ratio ? ` ${n(large.nodes)} ÷ ${n(small.nodes)} |` : ''}`,
    `|---|${r.sizes.map(() => '---:').join('|')}|${ratio ? '---:|' : ''}`,
    ...large.queries.map((q) => {
      const runs = r.sizes.map((s) => s.queries.find((x) => x.name === q.name)!);
      const growth = ratio ? ` ×${(runs.at(-1)!.firstTime.p99 / Math.max(0.01, runs[0].firstTime.p99)).toFixed(2)} |` : '';
      return `| ${q.name} | ${runs.map((x) => `${x.firstTime.p99} (${x.repeat.p99})`).join(' | ')} |${growth}`;
    }),
    '',
    '![first-time and repeat p99 by graph size](scale.svg)',
    '',
  ];
}

function markdown(r: Results): string {
  const { targets, concurrency, warmUp, nodeFlags } = r.settings;
  return [
    '# Benchmark results',
    '',
    `${r.date.slice(0, 10)} · ${r.machine.cpus} cores (${r.machine.cpu}) · ${r.machine.memoryGb} GiB · Node ${r.machine.node} · ` +
      `${Object.entries(r.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(' · ')}. Reproduce with \`npm run bench\`.`,
    '',
    '## Method',
    '',
    "Each size's synthetic graph (bench/synthetic.ts) is loaded into a store file by a process of its own. The API is then started on that file as `npm start` starts it " +
      `(\`node ${nodeFlags.join(' ')} --import tsx src/cli/serve.ts\`, \`LOAD_ON_START=never\`); start to ready is the time from starting that process to /ready answering 200. ` +
      `Every query is one GraphQL document with variables, and every request sends other variables: ${n(targets)} targets per query (ids, names, pairs of actors and filters that exist at every size, bench/queries.ts), each asked once. ` +
      `The requests of all queries are interleaved in a random order (a mixed load) and sent over ${concurrency} kept-alive connections, closed loop, by a client on the same machine (bench/client.ts); ` +
      "a latency runs from a request's write to its answer's last byte. " +
      `Before them, ${warmUp} requests per query about other targets, not timed, so that the figures are about new targets rather than code not yet compiled. ` +
      '**First-time** is that pass: nothing it asks was asked before. **Repeat** sends the very same requests again, in the same order. ' +
      'Every answer is read: one that is not a 200 or carries GraphQL errors is an error, counted and listed, and left out of the latencies (a refusal comes back at once and would pass for a fast answer); an empty answer is one whose root field is null or empty (a path not found within six hops). ' +
      "Steady RSS is the server's resident memory 2 s after the runs; peak RSS its high-water mark.",
    '',
    '## Load, start and memory',
    '',
    '| nodes | relationships | load into a store file | store file | start to ready | RSS at ready | steady RSS after the runs | peak RSS | Neo4j load |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.sizes.map(
      (s) =>
        `| ${n(s.stored.nodes)} | ${n(s.stored.relationships)} | ${s1(s.load.ms)} (peak ${mb(s.load.peakRssMb)}) | ${mb(s.load.storeFileMb)} | ${s1(s.start.readyMs)} | ${mb(s.memory.readyRssMb)} | ${mb(s.memory.steadyRssMb)} | ${mb(s.memory.peakRssMb)} | ${s.neo4j ? s1(s.neo4j.loadMs) : 'not run (NEO4J_URI unset)'} |`,
    ),
    ...goals(r),
    ...r.sizes.flatMap(sizeTable),
    ...curve(r),
  ].join('\n');
}
