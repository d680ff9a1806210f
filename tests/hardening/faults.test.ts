/** Store faults: down at start, down mid-run, slow; typed errors, honest readiness, recovery without restart. */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/server/app.js';
import { FaultySession } from '../helpers/faulty-session.js';

const QINGCHUAN = 'gb:510822@201210';
const GUANGYUAN = 'gb:510800@201210';

async function ask(app: RunningApp, id = QINGCHUAN) {
  const body = JSON.stringify({ query: 'query($id: ID!) { place(id: $id) { name } }', variables: { id } });
  const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, body: await res.json() };
}
const status = async (app: RunningApp, path: string) => (await fetch(`${app.url}${path}`)).status;

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('store faults', () => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('serves STORE_UNAVAILABLE while the store is down mid-run, and recovers without a restart', async () => {
    const session = new FaultySession();
    app = await startApp({ session, load: 'always' });
    expect((await ask(app)).body.data.place.name).toBe('Qingchuan County');
    expect(await status(app, '/ready')).toBe(200);

    session.failing = true;
    // What the read model holds is answered without the store; an entity's properties need it.
    const totals = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ donationTotals(groupBy: [YEAR], first: 3) { year total } }' }),
    });
    expect((await totals.json()).data.donationTotals.length).toBeGreaterThan(0);
    const down = await ask(app, GUANGYUAN);
    expect(down.body.errors[0].extensions.code).toBe('STORE_UNAVAILABLE');
    expect(JSON.stringify(down.body)).not.toMatch(/GRAFEO|\n\s+at /);
    expect(await status(app, '/ready')).toBe(503);
    expect(await status(app, '/health')).toBe(200);

    session.failing = false;
    expect((await ask(app, GUANGYUAN)).body.data.place.name).toMatch(/Guangyuan/);
    expect(await status(app, '/ready')).toBe(200);
  });

  it('starts with the store down, says so, and loads the seeds once it answers', async () => {
    const session = new FaultySession();
    session.failing = true;
    app = await startApp({ session, load: 'always', retryMs: 100 });
    expect(await status(app, '/health')).toBe(200);
    expect(await status(app, '/ready')).toBe(503);
    expect((await ask(app)).body.errors[0].extensions.code).toBe('STORE_UNAVAILABLE');

    session.failing = false;
    await until(async () => (await status(app!, '/ready')) === 200);
    expect((await ask(app)).body.data.place.name).toBe('Qingchuan County');
    expect(app.loaded).toBe(true);
  });

  it('builds the read model however long its whole-graph reads take, and still cuts a request at the limit', async () => {
    // A busy machine made the 1M graph's reads outlast the request limit: the server gave up at start.
    const session = new FaultySession();
    session.delayMs = 300;
    app = await startApp({ session, load: 'always', storeTimeoutMs: 100 });
    expect(await status(app, '/ready')).toBe(200);
    const slow = await ask(app);
    expect(slow.body.errors[0].extensions).toMatchObject({ code: 'STORE_TIMEOUT', timeoutMs: 100 });
    session.delayMs = 0;
    expect((await ask(app)).body.data.place.name).toBe('Qingchuan County');
  });

  it('cuts a slow store call at the configured limit with STORE_TIMEOUT', async () => {
    const session = new FaultySession();
    app = await startApp({ session, load: 'always', storeTimeoutMs: 100 });
    session.delayMs = 400;
    const slow = await ask(app);
    expect(slow.body.errors[0].extensions).toMatchObject({ code: 'STORE_TIMEOUT', timeoutMs: 100 });
    session.delayMs = 0;
    expect((await ask(app)).body.data.place.name).toBe('Qingchuan County');
  });
});
