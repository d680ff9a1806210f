/**
 * The server as an operator runs it: started as a process, configured by a .env file, with its
 * store unreachable; its JSON log and its /metrics read as a log shipper and Prometheus would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/config/settings.js';
import { ROOT } from '../../src/dataset/paths.js';
import { parseMetrics, samples } from '../helpers/prometheus.js';
import { serve, type Served } from '../helpers/served.js';

const until = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** A port nothing listens on: one the system gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('started with its store unreachable, configured by .env', () => {
  let child: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'pairing-graph-env-'));
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays up, answers /ready 503 with the reason, retries every STORE_RETRY_MS from .env, and logs JSON', async () => {
    const port = await closedPort();
    writeFileSync(
      join(dir, '.env'),
      [
        `NEO4J_URI=bolt://127.0.0.1:${port}`,
        'NEO4J_PASSWORD=not-the-default',
        'STORE_RETRY_MS=300',
        'STORE_TIMEOUT_MS=1000',
        'PORT=0',
        'LOG_LEVEL=info',
        'NODE_ENV=production',
      ].join('\n'),
    );
    // Only the .env speaks: nothing of the test run's own settings reaches the server.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !Object.hasOwn(VARIABLES, k)));
    const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src/cli/serve.ts')], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    await until(() => /GraphQL API: (\S+)\/graphql/.test(out) || child!.exitCode !== null, 60_000);
    expect(child.exitCode, err).toBeNull();
    const url = /GraphQL API: (\S+)\/graphql/.exec(out)![1];
    expect(out).toMatch(/waiting for neo4j \(bolt:\/\/127\.0\.0\.1:\d+\): \/ready answers 503/);

    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(503);
    const body = await ready.json();
    expect(body).toMatchObject({ status: 'unavailable', store: 'neo4j' });
    expect(body.reason).toMatch(/Neo4j is unavailable.*ECONNREFUSED/);
    expect(body.retryInMs).toBeLessThanOrEqual(300);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const asked = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ place(id: "gb:510822@201210") { name } }' }),
    });
    expect((await asked.json()).errors[0].extensions.code).toBe('STORE_UNAVAILABLE');

    // Past the store timeout, still up and still trying, every 0.3 s as .env says (not every 5 s).
    const tries = () => err.match(/retrying in 0\.3 s/g)?.length ?? 0;
    const before = tries();
    await new Promise((r) => setTimeout(r, 2_000));
    expect(child.exitCode).toBeNull();
    expect(tries() - before).toBeGreaterThanOrEqual(3);
    // One plain line per attempt on stderr, never a stack trace.
    expect(err).not.toMatch(/\n\s+at /);

    const metrics = parseMetrics(await (await fetch(`${url}/metrics`)).text());
    expect(samples(metrics, 'pairing_graph_ready')[0].value).toBe(0);
    expect(samples(metrics, 'pairing_graph_readiness_changes_total', { to: 'unavailable' })[0].value).toBe(1);

    const lines = out.trim().split('\n');
    const records = lines.map((l) => JSON.parse(l));
    expect(records.find((r) => r.msg === 'store unavailable')).toMatchObject({ level: 'warn', store: 'neo4j', retryInMs: 300 });
    expect(records.find((r) => r.route === 'ready')).toMatchObject({ status: 503, outcome: 'http_503' });

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child!.once('exit', r));
    expect(code).toBe(0);
  });
});

describe('its log and its metrics, while serving', () => {
  let server: Served;
  afterAll(() => server?.stop());

  it('logs one JSON line per request with its id, operation, cost, duration and outcome, and counts the same in /metrics', async () => {
    server = await serve();
    await until(async () => (await fetch(`${server.url}/ready`)).status === 200, 60_000);
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    const named = await post(
      { query: 'query PlaceName($id: ID!) { place(id: $id) { name } }', variables: { id: 'gb:510822@201210' } },
      { 'x-request-id': 'trace-0001' },
    );
    expect(named.headers.get('x-request-id')).toBe('trace-0001');
    expect((await named.json()).data.place.name).toBe('Qingchuan County');
    const invalid = await post({ query: 'query Broken { nope }' });
    expect(invalid.status).toBe(400);
    // An id that is no sane id is replaced, not echoed into the log.
    const odd = await post({ query: '{ __typename }' }, { 'x-request-id': 'x'.repeat(65) });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(`${server.url}/export/gexf?seeds=gb:510822@201210`)).status).toBe(200);

    const metrics = parseMetrics(await (await fetch(`${server.url}/metrics`)).text());
    const one = (sample: string, labels: Record<string, string> = {}) => {
      const found = samples(metrics, sample, labels);
      expect(found, `${sample} ${JSON.stringify(labels)}`).toHaveLength(1);
      return found[0].value;
    };
    expect(metrics.find((f) => f.name === 'pairing_graph_requests')!.type).toBe('counter');
    expect(one('pairing_graph_requests_total', { route: 'graphql', operation: 'PlaceName', outcome: 'ok' })).toBe(1);
    expect(one('pairing_graph_requests_total', { route: 'graphql', operation: 'Broken', outcome: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(one('pairing_graph_requests_total', { route: 'export', operation: '-', outcome: 'ok' })).toBe(1);
    expect(metrics.find((f) => f.name === 'pairing_graph_request_duration_seconds')!.type).toBe('histogram');
    expect(one('pairing_graph_request_duration_seconds_count', { operation: 'PlaceName' })).toBe(1);
    expect(one('pairing_graph_request_duration_seconds_bucket', { operation: 'PlaceName', le: '+Inf' })).toBe(1);
    expect(one('pairing_graph_graphql_request_cost_sum', { operation: 'PlaceName' })).toBeGreaterThan(0);
    // The store answered the place's properties: its round trips are timed by Cypher file.
    expect(samples(metrics, 'pairing_graph_store_call_duration_seconds_count', { outcome: 'ok' }).some((s) => s.value > 0)).toBe(true);
    expect(one('pairing_graph_ready')).toBe(1);
    expect(one('pairing_graph_cache_bytes', { cache: 'operations' })).toBeGreaterThan(0);
    expect(
      samples(metrics, 'pairing_graph_start_step_seconds')
        .map((s) => s.labels.step)
        .sort(),
    ).toEqual(['load', 'read_model']);
    expect(one('pairing_graph_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    await until(() => server.stdout().includes('"reqId":"trace-0001"'));
    const records = server
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const line = records.find((r) => r.reqId === 'trace-0001');
    expect(line).toMatchObject({ level: 'info', msg: 'request', route: 'graphql', operation: 'PlaceName', status: 200, outcome: 'ok' });
    expect(line.cost).toBeGreaterThan(0);
    expect(line.ms).toBeGreaterThan(0);
    expect(typeof line.time).toBe('string');
    expect(records.find((r) => r.operation === 'Broken')).toMatchObject({ status: 400, outcome: 'GRAPHQL_VALIDATION_FAILED' });
    expect(records.some((r) => r.msg === 'ready')).toBe(true);
  });
});
