/** `npm start`'s process stops gracefully on SIGTERM: the request in flight is answered, then it exits 0. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { ROOT } from '../../src/dataset/paths.js';

/** `src/cli/serve.ts` on a fresh in-memory store, as `npm start` and the image run it (not NODE_ENV=test). */
async function serve() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', GRAFEO_PATH: ':memory:', LOAD_ON_START: 'always', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', () => {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL in: ${out}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /GraphQL API: (\S+)\/graphql/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  const post = (query: string) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { child, exited, post, output: () => out };
}

describe('graceful shutdown', () => {
  it('finishes the request in flight, closes the store and exits 0 on SIGTERM', async () => {
    const { child, exited, post, output } = await serve();
    // A request heavy enough to be in flight when the signal lands.
    const inFlight = post('{ subgraph(input: { seeds: ["gb:330000@201210", "gb:310000@201210"], hops: 3, perNodeLimit: 100, layoutIterations: 1000 }) { nodes { id } } }');
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
});
