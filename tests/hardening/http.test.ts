/**
 * The HTTP layer against hostile or careless clients (issue 17): request targets no URL parser
 * reads, methods a path does not take, CORS, security headers, echoed input, slow and idle
 * connections. Real servers throughout, over raw sockets where fetch would not send the bytes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { startApp, type AppOptions, type RunningApp } from '../../src/server/app.js';
import { defaultMaxConnections, httpSettings } from '../../src/server/http-config.js';
import { EXPLORER_CSP } from '../../src/server/http-policy.js';
import { GrafeoSession } from '../../src/store/grafeo-session.js';
import { ROOT } from '../../src/dataset/paths.js';

const QINGCHUAN = 'gb:510822@201210';

/** A server on an empty in-memory store: enough for everything that is not about the data. */
const bare = (options: Partial<AppOptions> = {}) => startApp({ session: new GrafeoSession(':memory:'), load: 'never', ...options });

interface Raw {
  socket: net.Socket;
  /** Everything the server sent so far. */
  text(): string;
  /** Resolves when the server (or anything) closed the connection, with the time it took from `opened`. */
  closed: Promise<number>;
  isClosed(): boolean;
}

/** A raw TCP connection to the server that sends exactly `text` (possibly nothing). */
function rawSocket(base: string, text = ''): Promise<Raw> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let out = '';
    let done = false;
    const socket = net.connect(Number(port), hostname);
    const closed = new Promise<number>((r) =>
      socket.once('close', () => {
        done = true;
        r(Date.now() - started);
      }),
    );
    socket.on('data', (d) => {
      out += d;
    });
    socket.on('error', () => {});
    socket.once('connect', () => {
      if (text) socket.write(text);
      resolve({ socket, text: () => out, closed, isClosed: () => done });
    });
    socket.once('error', reject);
  });
}

/** Sends one whole request (Connection: close) and returns the answer's status, headers and body. */
async function rawRequest(base: string, head: string, body = '') {
  const raw = await rawSocket(base, `${head}\r\nHost: test\r\nConnection: close\r\n\r\n${body}`);
  await raw.closed;
  const text = raw.text();
  const split = text.indexOf('\r\n\r\n');
  const lines = text.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(
    lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(lines[0].split(' ')[1]), headers, body: text.slice(split + 4) };
}

/** The promise's value, or a failure once `ms` have passed (rather than the whole test's timeout). */
const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms))]);

const waitUntil = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return cond();
};

describe('requests to the real server', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ session: new GrafeoSession(':memory:'), load: 'always' });
  });
  afterAll(async () => app?.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['a target URL parsers read as a host with a bad port (the finding)', '//a:99999/graphql'],
    ['a backslash URL parsers read as //', '/\\a:99999/graphql'],
    ['an absolute URL with a bad port', 'http://a:99999/graphql'],
    ['the asterisk form', '*'],
    ['a target that is no path at all', 'a:b'],
  ])('answers %s with a JSON 400, never a 500', async (_what, target) => {
    const errors = vi.spyOn(console, 'error');
    const res = await rawRequest(app.url, `GET ${target} HTTP/1.1`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'BAD_REQUEST', error: expect.stringMatching(/malformed request/) });
    expect(errors).not.toHaveBeenCalled();
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });

  const EXPORT = `/export/gexf?seeds=${QINGCHUAN}&hops=2&relations=PAIRING,DONATION,PART_OF&layoutSeed=`;
  it.each(['/health', '/ready', `${EXPORT}7`, '/explore', '/explore/explorer.js'])('takes only GET and HEAD on %s', async (path) => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await fetch(`${app.url}${path}`, { method, body: method === 'POST' || method === 'PUT' ? '{}' : undefined });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(await res.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED', error: expect.stringContaining(method) });
    }
    const get = await rawRequest(app.url, `GET ${path} HTTP/1.1`);
    const head = await rawRequest(app.url, `HEAD ${path} HTTP/1.1`);
    expect(get.status).toBe(200);
    expect(get.body.length).toBeGreaterThan(0);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.body).toBe('');
  });

  it('refuses another method on /export before doing any of the export', async () => {
    // Writing a file reads the drawn events' quotes from the store: a refused method reads nothing.
    const work = () => ({ store: app.store.calls });
    const url = `${app.url}${EXPORT}11&perNodeLimit=37`; // asked nowhere else
    const before = work();
    for (const method of ['OPTIONS', 'POST', 'DELETE']) expect((await fetch(url, { method })).status).toBe(405);
    expect(work()).toEqual(before);
    // The measure sees the work when it is done.
    expect((await fetch(url)).status).toBe(200);
    expect(work()).not.toEqual(before);
  });

  it('takes GET, POST and OPTIONS on /graphql, and answers anything else 405 in GraphQL shape', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'HEAD']) {
      const res = await rawRequest(app.url, `${method} /graphql HTTP/1.1`);
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET, POST, OPTIONS');
      if (method !== 'HEAD')
        expect(JSON.parse(res.body)).toEqual({
          errors: [{ message: expect.stringContaining(method), extensions: { code: 'METHOD_NOT_ALLOWED' } }],
        });
    }
    const options = await fetch(`${app.url}/graphql`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, POST, OPTIONS');
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('cuts echoed input to 200 characters', async () => {
    const long = 'x'.repeat(5_000);
    const notFound = await fetch(`${app.url}/${long}`);
    expect(notFound.status).toBe(404);
    const { error, code } = await notFound.json();
    expect(code).toBe('NOT_FOUND');
    expect(error).toBe(`no such path: /${'x'.repeat(199)}…`);

    const format = await (await fetch(`${app.url}/export/${long}?seeds=${QINGCHUAN}`)).json();
    expect(format.code).toBe('NOT_FOUND');
    expect(format.error).toContain(`"${'x'.repeat(200)}…"`);
    expect(format.error).not.toContain('x'.repeat(201));

    // The export's own refusals repeat the argument they refuse (here a date).
    const bad = await fetch(`${app.url}/export/gexf?seeds=${QINGCHUAN}&from=${long}`);
    expect(bad.status).toBe(400);
    const refused = await bad.json();
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.error.length).toBeLessThanOrEqual(201);
    expect(refused.error).toMatch(/…$/);
  });

  it('answers an export format that is a property of every object as unknown, not a 500', async () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const res = await fetch(`${app.url}/export/${name}?seeds=${QINGCHUAN}`);
      expect(res.status, name).toBe(404);
      expect((await res.json()).code).toBe('NOT_FOUND');
    }
  });

  it('sends nosniff on every answer, and the page headers on the explorer page', async () => {
    const answers = [
      await fetch(`${app.url}/health`),
      await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      }),
      await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      }), // the repeat path
      await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'nope' }),
      await fetch(`${app.url}/nowhere`),
      await fetch(`${app.url}/health`, { method: 'POST' }),
      await fetch(`${app.url}/export/gexf?seeds=${QINGCHUAN}`),
      await fetch(`${app.url}/explore/explorer.js`),
      await fetch(`${app.url}/`, { redirect: 'manual' }),
    ];
    for (const res of answers) expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');

    const page = await fetch(`${app.url}/explore`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(EXPLORER_CSP).toMatch(
      /default-src 'self'; script-src 'self'; style-src 'self' 'sha256-[A-Za-z0-9+/=]+'; img-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'/,
    );
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    // `/` is the home page (it works offline); Apollo Sandbox stays on /graphql.
    const root = answers.at(-1)!;
    expect(root.status).toBe(200);
    expect(root.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
  });

  it('serves a page the policy fits: no inline script, handler or style attribute', () => {
    const html = readFileSync(`${ROOT}/src/clients/explorer/index.html`, 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=|<style/i);
    const js = readFileSync(`${ROOT}/src/clients/explorer/explorer.js`, 'utf8');
    expect(js).not.toMatch(/\bstyle=|\beval\(|new Function\(|javascript:|\bsetAttribute\('style'/);
  });

  const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  it.skipIf(!existsSync(CHROMIUM))('runs the explorer in Chromium under its policy without a single violation', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        (window as any).violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as any).violations.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      await page.goto(`${app.url}/explore`);
      await page.fill('#search', 'Qingchuan');
      await page.press('#search', 'Enter');
      await page.waitForFunction(() => Number(document.body.dataset.drawn ?? 0) > 1, null, { timeout: 20_000 });
      expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
      // Cytoscape's own inline stylesheet applied (allowed by its hash).
      expect(await page.evaluate(() => getComputedStyle(document.getElementById('graph')!).position)).toBe('relative');
      // And the policy is in force: an injected inline script does not run.
      const ran = await page.evaluate(async () => {
        const s = document.createElement('script');
        s.textContent = 'window.injected = true';
        document.body.append(s);
        await new Promise((r) => setTimeout(r, 50));
        return { injected: (window as any).injected ?? false, violations: (window as any).violations };
      });
      expect(ran.injected).toBe(false);
      expect(ran.violations).toEqual([expect.stringMatching(/^script-src/)]);
    } finally {
      await browser.close();
    }
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string, method = 'POST') =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
    });

  it('lets any origin read by default, without credentials, and answers preflights for /graphql and /export', async () => {
    const app = await bare();
    try {
      const res = await fetch(`${app.url}/health`, { headers: { origin: 'https://viz.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();

      const gql = await preflight(`${app.url}/graphql`, 'https://viz.example');
      expect(gql.status).toBe(204);
      expect(gql.headers.get('access-control-allow-origin')).toBe('*');
      expect(gql.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
      expect(gql.headers.get('access-control-allow-headers')!.split(/,\s*/).sort()).toEqual([
        'apollo-require-preflight',
        'content-type',
        'x-apollo-operation-name',
      ]);
      expect(gql.headers.get('access-control-max-age')).toBe('600');
      expect(gql.headers.get('access-control-allow-credentials')).toBeNull();

      const exp = await preflight(`${app.url}/export/gexf?seeds=${QINGCHUAN}`, 'https://viz.example', 'GET');
      expect(exp.status).toBe(204);
      expect(exp.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
      expect(exp.headers.get('access-control-max-age')).toBe('600');
    } finally {
      await app.close();
    }
  });

  it('echoes only listed origins, with Vary: Origin, on plain routes and through Apollo', async () => {
    const app = await bare({ corsOrigins: 'https://viz.example, http://localhost:5173' });
    try {
      const health = await fetch(`${app.url}/health`, { headers: { origin: 'http://localhost:5173' } });
      expect(health.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(health.headers.get('vary')).toMatch(/\bOrigin\b/);
      const other = await fetch(`${app.url}/health`, { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('vary')).toMatch(/\bOrigin\b/);

      // Through Apollo (which sets Vary itself) and the repeat path alike.
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { origin: 'https://viz.example', 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBe('https://viz.example');
        expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
      }

      const ok = await preflight(`${app.url}/graphql`, 'https://viz.example');
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://viz.example');
      expect(ok.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
      const refused = await preflight(`${app.url}/graphql`, 'https://evil.example');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(refused.headers.get('access-control-allow-methods')).toBeNull();
    } finally {
      await app.close();
    }
  });

  it('sends no CORS headers with CORS_ORIGINS=none', async () => {
    const app = await bare({ corsOrigins: 'none' });
    try {
      const res = await fetch(`${app.url}/health`, { headers: { origin: 'https://viz.example' } });
      expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
      const gql = await preflight(`${app.url}/graphql`, 'https://viz.example');
      expect([...gql.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
      expect((await preflight(`${app.url}/export/gexf`, 'https://viz.example', 'GET')).status).toBe(405);
    } finally {
      await app.close();
    }
  });

  it('reads CORS_ORIGINS and refuses a value that is not a list of origins', () => {
    expect(httpSettings({}, {}).cors).toEqual({ kind: 'any' });
    expect(httpSettings({}, { CORS_ORIGINS: 'none' }).cors).toEqual({ kind: 'none' });
    expect(httpSettings({}, { CORS_ORIGINS: 'https://Viz.example/, http://localhost:5173' }).cors).toEqual({
      kind: 'list',
      origins: new Set(['https://viz.example', 'http://localhost:5173']),
    });
    expect(httpSettings({ corsOrigins: 'none' }, { CORS_ORIGINS: '*' }).cors).toEqual({ kind: 'none' });
    for (const bad of ['https://viz.example/page', 'viz.example', 'https://viz.example?x=1']) {
      expect(() => httpSettings({}, { CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS: .* is not an origin/);
    }
  });
});

describe('timeouts', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await bare({ headersTimeoutMs: 500, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 300 });
  });
  afterAll(async () => app?.close());

  it('ends a request head that does not arrive in time with a JSON 408', async () => {
    const raw = await rawSocket(app.url, 'GET /health HTTP/1.1\r\nHost: te');
    const took = await within(raw.closed, 5_000, 'the server closing the connection');
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(2_000);
    expect(raw.text()).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw.text()).toContain('"code":"REQUEST_TIMEOUT"');
  });

  it('ends a request whose body does not arrive in time', async () => {
    const raw = await rawSocket(
      app.url,
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":',
    );
    const took = await within(raw.closed, 5_000, 'the server closing the connection');
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(2_500);
    expect(raw.text()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a kept-alive connection that stays idle', async () => {
    const raw = await rawSocket(app.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await waitUntil(() => raw.text().includes('{"status":"ok"}'), 1_000)).toBe(true);
    const answered = Date.now();
    await within(raw.closed, 5_000, 'the server closing the connection');
    const idle = Date.now() - answered;
    // Node closes it a second after the advertised timeout (its margin against a client's reuse race).
    expect(idle).toBeGreaterThanOrEqual(250);
    expect(idle).toBeLessThan(2_000);
  });

  it('sets them explicitly, from the environment or the defaults, and refuses nonsense', () => {
    expect(httpSettings({}, {})).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      shutdownGraceMs: 10_000,
    });
    expect(
      httpSettings(
        {},
        {
          HTTP_HEADERS_TIMEOUT_MS: '2000',
          HTTP_REQUEST_TIMEOUT_MS: '4000',
          HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
          SHUTDOWN_GRACE_MS: '3000',
          MAX_CONNECTIONS: '77',
        },
      ),
    ).toMatchObject({
      headersTimeoutMs: 2_000,
      requestTimeoutMs: 4_000,
      keepAliveTimeoutMs: 1_000,
      shutdownGraceMs: 3_000,
      maxConnections: 77,
    });
    expect(httpSettings({ maxConnections: 5 }, { MAX_CONNECTIONS: '77' }).maxConnections).toBe(5);
    expect(() => httpSettings({}, { HTTP_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/HTTP_REQUEST_TIMEOUT_MS must be a positive whole number/);
    expect(() => httpSettings({}, { MAX_CONNECTIONS: '0' })).toThrow(/MAX_CONNECTIONS/);
    expect(() => httpSettings({}, { HTTP_HEADERS_TIMEOUT_MS: '60000' })).toThrow(/must not exceed HTTP_REQUEST_TIMEOUT_MS/);
  });

  it('derives the connection cap from the open-file limit', () => {
    const limits = (soft: string) => () =>
      `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                 1048576              files\n`;
    expect(defaultMaxConnections(limits('1024'))).toBe(896);
    expect(defaultMaxConnections(limits('100'))).toBe(64);
    expect(defaultMaxConnections(limits('1048576'))).toBe(10_000);
    expect(defaultMaxConnections(limits('unlimited'))).toBe(10_000);
    expect(
      defaultMaxConnections(() => {
        throw new Error('ENOENT');
      }),
    ).toBe(900);
    expect(defaultMaxConnections(() => 'nothing useful')).toBe(900);
  });
});

describe('connection cap', () => {
  const sockets: Raw[] = [];

  it('keeps at most the cap open and lets real clients in past 200 idle sockets, closing the longest idle', async () => {
    const app = await bare({ maxConnections: 50 });
    let most = 0;
    const sample = setInterval(() => {
      most = Math.max(most, app.connections);
    }, 1);
    try {
      // A request in progress: its head is in, its body is not. It must survive the flood.
      const busy = await rawSocket(
        app.url,
        'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 26\r\n\r\n{"query":',
      );
      sockets.push(busy);
      await new Promise((r) => setTimeout(r, 50));
      for (let i = 0; i < 200; i++) sockets.push(await rawSocket(app.url, i % 2 ? 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ' : ''));
      await waitUntil(() => sockets.filter((s) => !s.isClosed()).length <= 50, 2_000);

      const started = Date.now();
      expect((await fetch(`${app.url}/health`)).status).toBe(200);
      const gql = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(await gql.json()).toMatchObject({ data: { __typename: 'Query' } });
      expect(Date.now() - started).toBeLessThan(2_000);

      most = Math.max(most, app.connections);
      expect(most).toBeLessThanOrEqual(50);
      expect(sockets.filter((s) => !s.isClosed()).length).toBeLessThanOrEqual(50);
      // The idle ones were closed, oldest first; the one with a request in progress was not.
      expect(sockets[1].isClosed()).toBe(true);
      expect(busy.isClosed()).toBe(false);
      busy.socket.write('"{ __typename }"}');
      expect(await waitUntil(() => busy.text().includes('"__typename":"Query"'), 2_000)).toBe(true);
    } finally {
      clearInterval(sample);
      for (const s of sockets.splice(0)) s.socket.destroy();
      await app.close();
    }
  });

  it('closes a newcomer when every connection has a request in progress', async () => {
    const app = await bare({ maxConnections: 5 });
    try {
      for (let i = 0; i < 5; i++)
        sockets.push(await rawSocket(app.url, 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{'));
      await waitUntil(() => app.connections === 5, 1_000);
      await new Promise((r) => setTimeout(r, 100)); // their heads parsed: requests in progress
      const newcomer = await rawSocket(app.url, '');
      sockets.push(newcomer);
      expect(await Promise.race([newcomer.closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 1_000))])).toBe(
        'closed',
      );
      expect(sockets.slice(0, 5).every((s) => !s.isClosed())).toBe(true);
      expect(app.connections).toBe(5);
    } finally {
      for (const s of sockets.splice(0)) s.socket.destroy();
      await app.close();
    }
  });
});

/**
 * `npm start`'s server (src/cli/serve.ts) under an open-file limit of 256, its cap left to the
 * default (the limit less 128): the finding was that idle sockets took every descriptor and real
 * clients were locked out.
 */
describe('the server as npm start runs it', () => {
  it('serves real clients past 400 idle sockets under a 256 open-file limit, and reads the timeouts from the environment', async () => {
    const child = spawn('sh', ['-c', 'ulimit -n 256 && exec "$0" --import tsx src/cli/serve.ts', process.execPath], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        PORT: '0',
        GRAFEO_PATH: ':memory:',
        LOAD_ON_START: 'never',
        NODE_ENV: 'production',
        HTTP_HEADERS_TIMEOUT_MS: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const flood: Raw[] = [];
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL in: ${out}${err}`)), 60_000);
        child.stdout.on('data', () => {
          const m = /GraphQL API: (\S+)\/graphql/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      for (let i = 0; i < 400; i++) flood.push(await rawSocket(url, i % 2 ? 'GET /health HTTP/1.1\r\nHost: x\r\n' : ''));
      await waitUntil(() => flood.filter((s) => !s.isClosed()).length <= 128, 2_000);
      expect(flood.filter((s) => !s.isClosed()).length).toBeLessThanOrEqual(128);

      const started = Date.now();
      expect((await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
      const gql = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
        signal: AbortSignal.timeout(5_000),
      });
      expect(await gql.json()).toMatchObject({ data: { __typename: 'Query' } });
      expect(Date.now() - started).toBeLessThan(3_000);

      // HTTP_HEADERS_TIMEOUT_MS=1000: a head still unfinished is answered 408 within about a second.
      const slow = await rawSocket(url, 'GET /health HTTP/1.1\r\nHost: x\r\n');
      const took = await within(slow.closed, 5_000, 'the server closing the connection');
      expect(slow.text()).toMatch(/^HTTP\/1\.1 408 /);
      expect(took).toBeLessThan(2_500);
      expect(err).not.toMatch(/EMFILE/);
    } finally {
      for (const s of flood) s.socket.destroy();
      child.kill('SIGKILL');
    }
  }, 90_000);
});
