/**
 * `npm start`'s process stops gracefully on SIGTERM: the request in flight is answered, then it
 * exits 0; a client that never finishes its request holds it no longer than SHUTDOWN_GRACE_MS.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { ROOT } from '../../src/dataset/paths.js';

/** `src/cli/serve.ts` on a fresh in-memory store, as `npm start` and the image run it (not NODE_ENV=test). */
async function serve(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', GRAFEO_PATH: ':memory:', LOAD_ON_START: 'always', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', () => {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL in: ${out}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /GraphQL API: (\S+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const post = (query: string) =>
    fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { child, exited, post, url, output: () => out };
}

describe('graceful shutdown', () => {
  it('finishes the request in flight, closes the store and exits 0 on SIGTERM', async () => {
    const { child, exited, post, output } = await serve();
    // A request heavy enough to be in flight when the signal lands.
    const inFlight = post(
      '{ subgraph(input: { seeds: ["gb:330000@201210", "gb:310000@201210"], hops: 2, perNodeLimit: 50, layoutIterations: 500 }) { nodes { id } } }',
    );
    await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect((await res.json()).data.subgraph.nodes.length).toBeGreaterThan(10);
    expect(await exited).toBe(0);
    expect(output()).toContain('SIGTERM: finishing requests and closing the store');
  }, 90_000);

  // Apollo, left to itself outside NODE_ENV=test, handles SIGTERM too; with both stopping the
  // server, one that had answered a search (its index runs on a thread of its own) never exited.
  it('exits 0 on SIGTERM after a search, idle', async () => {
    const { child, exited, post } = await serve();
    expect((await (await post('{ search(query: "Qingchuan", first: 1) { score } }')).json()).data.search.length).toBe(1);
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running after 10 s'), 10_000))]);
    if (code !== 0) child.kill('SIGKILL');
    expect(code).toBe(0);
  }, 90_000);

  // Found: SIGTERM never finished (150 s and more) while one client held a half-sent request, as
  // closing the server waits for every connection.
  it('exits 0 within the grace period while clients hold half-sent requests', async () => {
    const { child, exited, url, output } = await serve({ SHUTDOWN_GRACE_MS: '1000', LOAD_ON_START: 'never' });
    const { hostname, port } = new URL(url);
    const open = (text: string) =>
      new Promise<{ closed: Promise<void> }>((resolve) => {
        const socket = net.connect(Number(port), hostname, () => {
          socket.write(text);
          resolve({ closed });
        });
        const closed = new Promise<void>((r) => socket.once('close', () => r()));
        socket.on('error', () => {});
      });
    const clients = [
      await open('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"query":'), // head in, body never whole
      await open('GET /health HTTP/1.1\r\nHost: x\r\n'), // head never whole
      await open(''), // connected, nothing sent
    ];
    await new Promise((r) => setTimeout(r, 200)); // the heads have been read
    const signalled = Date.now();
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running after 6 s'), 6_000))]);
    const took = Date.now() - signalled;
    if (code !== 0) child.kill('SIGKILL');
    expect(code).toBe(0);
    // The request in progress had its grace period, then was cut; the rest closed at once.
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(1_000 + 4_000);
    await Promise.all(clients.map((c) => c.closed));
    expect(output()).toContain('SIGTERM: finishing requests and closing the store');
  }, 90_000);
});
