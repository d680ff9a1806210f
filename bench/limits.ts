/**
 * `npm run bench:limits`: what the cost limit buys. Serves the real dataset and a synthetic graph
 * (default 1M nodes) each in a process of its own, started with npm start's Node flags, and
 *   1. sends requests of every kind, up to the limit, one at a time, each asking about targets not
 *      asked before: their cost (`extensions.cost`), wall time and the server's CPU time (all its
 *      threads, from /proc);
 *   2. runs the heaviest admitted requests in parallel, over and over, while a cheap query is sent
 *      at a steady rate: the cheap query's latency, and how many heavy ones were refused (503).
 * Writes bench/limits.json and bench/LIMITS.md.
 *   --size 1m   --duration 10 (seconds of mixed load)   --heavy 8 (parallel heavy clients)   --rate 50 (cheap req/s)
 *   --real-only, --mixed-only: parts of it, for a quick look (not for LIMITS.md)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/dataset/paths.js';
import { MAX_COST } from '../src/graphql/cost.js';
import { percentile as sortedPercentile } from './measure.js';
import { startFlags } from './node-flags.js';
import type { ServerStats } from './server-stats.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1m' },
    duration: { type: 'string', default: '10' },
    heavy: { type: 'string', default: '8' },
    rate: { type: 'string', default: '50' },
    /** Only the real dataset (for a quick look; not for LIMITS.md). */
    'real-only': { type: 'boolean', default: false },
    /** Only the mixed load. */
    'mixed-only': { type: 'boolean', default: false },
  },
});
const SIZE = Number(values.size!.toLowerCase().replace('k', '000').replace('m', '000000'));
const log = (s: string) => process.stderr.write(`${s}\n`);
const percentile = (xs: number[], p: number) =>
  sortedPercentile(
    [...xs].sort((a, b) => a - b),
    p,
  );

interface Server {
  url: string;
  child: ChildProcess;
  pid: number;
}

/** A server process: the real dataset through `npm start`'s entry, or a synthetic graph. */
function start(script: string, args: string[], env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [...startFlags(), '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /GraphQL API: (\S+)\/graphql/.exec(out) ?? /"url":"([^"]+)"/.exec(out);
      if (m) resolve({ url: m[1], child, pid: child.pid! });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}: ${out}`)));
  });
}

/** What the server saw (event-loop stalls, collections), where it answers over IPC (the synthetic server does). */
function askStats(server: Server, m: 'stats' | 'stats:reset'): Promise<ServerStats | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.child.off('message', on);
      resolve(null);
    }, 2000);
    const on = (reply: { stats?: ServerStats | null }) => {
      if (!reply || !('stats' in reply)) return;
      clearTimeout(timer);
      server.child.off('message', on);
      resolve(reply.stats ?? null);
    };
    server.child.on('message', on);
    server.child.send(m);
  });
}

/** CPU time of the whole server process (every thread), in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function post(url: string, query: string, variables?: unknown): Promise<{ status: number; body: any; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  return { status: res.status, body, ms: performance.now() - t0 };
}

interface Probe {
  name: string;
  make: (i: number) => string;
}

/** Requests of every kind, each made anew for each target so nothing kept answers it. */
function probes(seeds: string[], counties: string[]): Probe[] {
  const s = (i: number, n: number) => JSON.stringify(Array.from({ length: n }, (_, k) => seeds[(i * n + k) % seeds.length]));
  const aliases = (n: number, field: (k: number) => string) => `{ ${Array.from({ length: n }, (_, k) => `a${k}: ${field(k)}`).join(' ')} }`;
  return [
    { name: 'a place by id', make: (i) => `{ place(id: "${counties[i % counties.length]}") { name level } }` },
    {
      name: 'a region’s pairings and donations',
      make: (i) =>
        `{ place(id: "${seeds[i % seeds.length]}") { name supportedBy(first: 20, filter: { includeDescendants: true }) { totalCount nodes { supporter { name } } } donationsReceived(first: 20, filter: { includeDescendants: true }) { totalYuan nodes { amount { yuan } } } } }`,
    },
    {
      name: '3 × 100 donations with donors, recipients, quotes',
      make: (i) =>
        aliases(
          3,
          (k) =>
            `donations(first: 100, filter: { minYuan: "${i * 3 + k}" }) { nodes { donors { name } recipients { __typename } provenance { quote } } }`,
        ),
    },
    {
      name: 'totals by year over every donation',
      make: (i) => `{ donationTotals(groupBy: [YEAR], filter: { minYuan: "${i}" }, first: 20) { year total count } }`,
    },
    {
      name: 'a page of every donation, largest first',
      make: (i) =>
        `{ donations(filter: { minYuan: "${i}" }, first: 20, orderBy: AMOUNT_DESC) { totalCount totalYuan nodes { amount { yuan } } } }`,
    },
    {
      name: '10 × totals over every donation, distinct filters',
      make: (i) => aliases(10, (k) => `donationTotals(groupBy: [YEAR], filter: { minYuan: "${i * 10 + k}" }, first: 20) { total count }`),
    },
    {
      name: '10 × lists over every visit, distinct filters',
      make: (i) =>
        aliases(
          10,
          (k) => `visits(filter: { from: "${2000 + ((i * 10 + k) % 12)}-0${1 + (k % 9)}" }, first: 10) { totalCount nodes { id } }`,
        ),
    },
    {
      name: 'totals by donor and year',
      make: (i) =>
        `{ donationTotals(groupBy: [DONOR, YEAR], filter: { minYuan: "${i}" }, first: 100) { total count donor { ... on Place { name } } } }`,
    },
    { name: 'search', make: (i) => `{ search(query: "County ${i}", first: 20) { score node { ... on Place { name } } } }` },
    {
      name: 'shortest path, 6 hops',
      make: (i) => `{ path(from: "${counties[i % counties.length]}", to: "${seeds[(i + 3) % seeds.length]}", maxHops: 6) { length } }`,
    },
    {
      name: 'path over pairings and hierarchy, 6 hops',
      make: (i) =>
        `{ path(from: "${counties[(i * 7) % counties.length]}", to: "${seeds[(i + 5) % seeds.length]}", maxHops: 6, relations: [SUPPORTS, PART_OF]) { length } }`,
    },
    {
      name: 'subgraph: 1 seed, 2 hops',
      make: (i) => `{ subgraph(input: { seeds: ${s(i, 1)}, hops: 2, layoutSeed: ${i} }) { nodes { id x y } edges { source target } } }`,
    },
    {
      name: 'subgraph: 20 seeds, 1 hop, 100 per node, 100 iterations',
      make: (i) =>
        `{ subgraph(input: { seeds: ${s(i, 20)}, perNodeLimit: 100, layoutIterations: 100, layoutSeed: ${i} }) { nodes { id x y } } }`,
    },
    {
      name: 'subgraph: 5 seeds, 2 hops, 1000 iterations',
      make: (i) => `{ subgraph(input: { seeds: ${s(i, 5)}, hops: 2, layoutIterations: 1000, layoutSeed: ${i} }) { nodes { id } } }`,
    },
    {
      name: 'subgraph: 20 seeds, 3 hops, 100 per node, 1000 iterations',
      make: (i) =>
        `{ subgraph(input: { seeds: ${s(i, 20)}, hops: 3, perNodeLimit: 100, layoutIterations: 1000, layoutSeed: ${i} }) { nodes { id } } }`,
    },
    {
      name: 'subgraph with 4 exports (GEXF, GraphML, Cytoscape, graphology)',
      make: (i) =>
        `{ subgraph(input: { seeds: ${s(i, 10)}, perNodeLimit: 50, layoutIterations: 20, layoutSeed: ${i} }) { a: export(format: GEXF) b: export(format: GRAPHML) c: export(format: CYTOSCAPE) d: export(format: GRAPHOLOGY) } }`,
    },
    {
      name: '90 aliases of one subgraph’s GEXF export',
      make: (i) =>
        `{ subgraph(input: { seeds: ${s(i, 20)}, perNodeLimit: 100, layoutIterations: 0, layoutSeed: ${i} }) { ${Array.from({ length: 90 }, (_, k) => `e${k}: export(format: GEXF)`).join(' ')} } }`,
    },
  ];
}

interface Row {
  name: string;
  outcome: string;
  cost: number;
  wallMs: number[];
  cpuMs: number[];
}

async function calibrate(server: Server, seeds: string[], counties: string[], rounds = 5): Promise<Row[]> {
  const rows: Row[] = [];
  let target = 1;
  for (const p of probes(seeds, counties)) {
    const row: Row = { name: p.name, outcome: '', cost: 0, wallMs: [], cpuMs: [] };
    const outcomes = new Set<string>();
    for (let r = 0; r < rounds; r++) {
      const query = p.make(target++);
      const before = cpuMs(server.pid);
      const res = await post(server.url, query);
      row.cpuMs.push(cpuMs(server.pid) - before);
      row.wallMs.push(res.ms);
      row.cost = Math.max(row.cost, res.body.extensions?.cost ?? res.body.errors?.[0]?.extensions?.cost ?? 0);
      outcomes.add(res.body.errors ? `${res.status} ${res.body.errors[0].extensions?.code}` : `${res.status}`);
    }
    row.outcome = [...outcomes].join(', ');
    rows.push(row);
    log(
      `  ${p.name}: ${row.outcome}, cost ${row.cost}, wall max ${Math.max(...row.wallMs).toFixed(0)} ms, CPU max ${Math.max(...row.cpuMs).toFixed(0)} ms`,
    );
  }
  return rows;
}

/** The heaviest admitted requests, in parallel and over and over (another process), with a cheap query at a steady rate. */
async function mixedLoad(server: Server, seeds: string[], counties: string[], seconds: number, heavyClients: number, rate: number) {
  const cheapQuery = 'query Cheap($id: ID!) { place(id: $id) { name parent { name } } }';
  const baseline: number[] = [];
  for (let i = 0; i < 200; i++) baseline.push((await post(server.url, cheapQuery, { id: counties[(i * 17) % counties.length] })).ms);
  const heavy = spawn(process.execPath, ['--import', 'tsx', 'bench/heavy-client.ts', server.url, String(seconds), String(heavyClients)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  heavy.stdin!.end(JSON.stringify(seeds));
  let heavyOut = '';
  heavy.stdout!.on('data', (d) => {
    heavyOut += d;
  });
  const heavyDone = new Promise<void>((resolve) => heavy.on('exit', () => resolve()));
  // The heavy clients' process starts in about half a second; the cheap client starts after it.
  await new Promise((r) => setTimeout(r, 1000));
  await askStats(server, 'stats:reset');
  const cheapLatencies: number[] = [];
  const pending: Promise<void>[] = [];
  const t0 = Date.now();
  const until = t0 + (seconds - 1.5) * 1000;
  for (let i = 0; Date.now() < until; i++) {
    const wait = t0 + (i * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      post(server.url, cheapQuery, { id: counties[(i * 13) % counties.length] }).then((r) => {
        cheapLatencies.push(r.ms);
      }),
    );
  }
  await Promise.all(pending);
  const stats = await askStats(server, 'stats');
  await heavyDone;
  return {
    server: stats,
    idle: { p50: percentile(baseline, 50), p99: percentile(baseline, 99) },
    underLoad: {
      p50: percentile(cheapLatencies, 50),
      p99: percentile(cheapLatencies, 99),
      max: Math.max(...cheapLatencies),
      count: cheapLatencies.length,
    },
    heavy: JSON.parse(heavyOut) as Record<string, number>,
  };
}

async function ids(server: Server) {
  const res = await post(
    server.url,
    '{ places(filter: { level: [PROVINCE, PREFECTURE] }, first: 100) { nodes { id } } counties: places(filter: { level: [COUNTY] }, first: 100) { nodes { id } } }',
  );
  return {
    seeds: res.body.data.places.nodes.map((n: { id: string }) => n.id),
    counties: res.body.data.counties.nodes.map((n: { id: string }) => n.id),
  };
}

const results: Record<string, unknown> = { maxCost: MAX_COST, date: new Date().toISOString() };
for (const [label, script, args, env] of [
  ['real dataset', 'src/cli/serve.ts', [], { GRAFEO_PATH: ':memory:', LOAD_ON_START: 'always' }],
  [`synthetic ${SIZE.toLocaleString('en')} nodes`, 'bench/serve-synthetic.ts', [String(SIZE)], {}],
] as const) {
  if (values['real-only'] && script !== 'src/cli/serve.ts') continue;
  log(`${label}: starting`);
  const server = await start(script, [...args], env);
  const { seeds, counties } = await ids(server);
  log(`${label}: requests one at a time`);
  const rows = values['mixed-only'] ? [] : await calibrate(server, seeds, counties);
  log(`${label}: heavy requests in parallel with a cheap one`);
  const mixed = await mixedLoad(server, seeds, counties, Number(values.duration), Number(values.heavy), Number(values.rate));
  log(
    `  cheap query idle p99 ${mixed.idle.p99.toFixed(1)} ms; under load p50 ${mixed.underLoad.p50.toFixed(1)} ms, p99 ${mixed.underLoad.p99.toFixed(1)} ms; heavy ${JSON.stringify(mixed.heavy)}; server ${JSON.stringify(mixed.server)}`,
  );
  results[label] = { rows, mixed };
  server.child.kill('SIGTERM');
}
if (values['real-only'] || values['mixed-only']) process.exit(0);
writeFileSync(join(ROOT, 'bench/limits.json'), `${JSON.stringify(results, null, 1)}\n`);

const md: string[] = [
  '# What the cost limit buys',
  '',
  `Measured by \`npm run bench:limits\` on ${String(results.date).slice(0, 10)}, ${process.platform} with ${(await import('node:os')).cpus().length} cores. Cost limit ${MAX_COST}.`,
  "Each request asks about targets not asked before (five of them, one at a time): wall time as the client saw it and the server's CPU time over all its threads (10 ms resolution), worst of the five.",
  '',
];
for (const [label, value] of Object.entries(results)) {
  if (typeof value !== 'object' || !value) continue;
  const { rows, mixed } = value as { rows: Row[]; mixed: Awaited<ReturnType<typeof mixedLoad>> };
  md.push(`## ${label}`, '', '| request | answer | cost | wall ms (max) | CPU ms (max) |', '|---|---|---:|---:|---:|');
  for (const r of rows)
    md.push(`| ${r.name} | ${r.outcome} | ${r.cost} | ${Math.max(...r.wallMs).toFixed(0)} | ${Math.max(...r.cpuMs).toFixed(0)} |`);
  md.push(
    '',
    `Cheap query (a place and its parent, ${values.rate} req/s) while ${values.heavy} clients send the heaviest admitted subgraph with a GEXF export, over and over, for ${values.duration} s:`,
    '',
    '| | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|',
    `| idle | ${mixed.idle.p50.toFixed(1)} | ${mixed.idle.p99.toFixed(1)} | |`,
    `| under heavy load | ${mixed.underLoad.p50.toFixed(1)} | ${mixed.underLoad.p99.toFixed(1)} | ${mixed.underLoad.max.toFixed(1)} |`,
    '',
    `Heavy requests: ${Object.entries(mixed.heavy)
      .map(([k, v]) => `${v} × ${k}`)
      .join(', ')}.`,
    ...(mixed.server
      ? [
          '',
          `The server meanwhile: longest event-loop stall ${mixed.server.loopMaxMs} ms; ${mixed.server.gcPauses} collections (${mixed.server.gcKinds.major} full), the longest ${mixed.server.gcMaxMs} ms; preempted ${mixed.server.preempted} times.`,
        ]
      : []),
    '',
  );
}
writeFileSync(join(ROOT, 'bench/LIMITS.md'), `${md.join('\n')}\n`);
log('wrote bench/LIMITS.md and bench/limits.json');
process.exit(0);
