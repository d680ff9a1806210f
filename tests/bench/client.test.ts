/** The benchmark's client, against real HTTP servers: what it sends, how it reads answers, and how it counts failures. */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { send } from '../../bench/client.js';
import { summarise } from '../../bench/measure.js';

const servers: Array<Server | NetServer> = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((done) => {
          if ('closeAllConnections' in s) s.closeAllConnections();
          s.close(done);
        }),
    ),
  );
});

async function listen(server: Server | NetServer): Promise<string> {
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** Answers `reply(body)` as JSON with a Content-Length, in two writes (an answer arriving in pieces). */
const graphql =
  (reply: (body: string) => { status?: number; json: unknown; delayMs?: number }): RequestListener =>
  (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { status = 200, json, delayMs = 0 } = reply(body);
      const text = JSON.stringify(json);
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.write(text.slice(0, 3));
        setImmediate(() => res.end(text.slice(3)));
      }, delayMs);
    });
  };

describe('benchmark client', () => {
  it('sends every body once over `concurrency` kept-alive connections, and times each', async () => {
    const seen: string[] = [];
    const sockets = new Set<unknown>();
    const server = createServer(
      graphql((body) => {
        seen.push(body);
        return { json: { data: { node: { id: JSON.parse(body).variables.id } } }, delayMs: 5 };
      }),
    );
    server.on('connection', (s) => sockets.add(s));
    const url = await listen(server);
    const bodies = Array.from({ length: 40 }, (_, i) => JSON.stringify({ query: 'q', variables: { id: `n${i}` } }));
    const answers = await send(url, bodies, { concurrency: 4 });
    expect(seen.sort()).toEqual([...bodies].sort());
    // Four connections, each with one request out at a time (no pipelining): never more than four at once.
    expect(sockets.size).toBe(4);
    expect(answers).toHaveLength(40);
    for (const a of answers) expect(a).toMatchObject({ status: 200, empty: false });
    expect(answers.filter((a) => a.error)).toEqual([]);
    // The server's own 5 ms (a timer may fire up to a millisecond early by this clock).
    expect(Math.min(...answers.map((a) => a.ms))).toBeGreaterThanOrEqual(4);
  });

  it('counts GraphQL errors and answers other than 200 as errors, saying what failed, and null or empty roots as empty', async () => {
    const url = await listen(
      createServer(
        graphql(
          (body) =>
            (
              ({
                bad: {
                  json: { errors: [{ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
                  status: 400,
                },
                partial: {
                  json: { data: { place: null }, errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
                },
                busy: { json: { status: 'busy' }, status: 503 },
                missing: { json: { data: { node: null } } },
                none: { json: { data: { search: [] } } },
                fine: { json: { data: { search: [{ score: 1 }] } } },
              }) as Record<string, { json: unknown; status?: number }>
            )[JSON.parse(body).query],
        ),
      ),
    );
    const answers = await send(
      url,
      ['bad', 'partial', 'busy', 'missing', 'none', 'fine'].map((query) => JSON.stringify({ query })),
      { concurrency: 2 },
    );
    expect(answers.map((a) => a.error)).toEqual([
      'HTTP 400, GRAPHQL_VALIDATION_FAILED: Cannot query field "x"',
      'INTERNAL_SERVER_ERROR: internal error',
      'HTTP 503',
      undefined,
      undefined,
      undefined,
    ]);
    expect(answers.map((a) => a.empty)).toEqual([false, false, false, true, true, false]);
    // Summed up: the errors counted and named, their latencies left out.
    const summary = summarise(answers, ['a', 'b', 'c', 'd', 'e', 'e']);
    expect(summary).toMatchObject({ requests: 6, distinct: 5, errors: 3, empty: 2 });
    expect(summary.errorSamples).toHaveLength(3);
    expect(summary.max).toBe(Math.round(Math.max(...answers.slice(3).map((a) => a.ms)) * 100) / 100);
  });

  it('reads an answer whose header arrives in pieces', async () => {
    const url = await listen(
      createNetServer((socket) => {
        socket.on('data', () => {
          socket.write('HTTP/1.1 200 OK\r\nContent-Le');
          setImmediate(() => socket.write('ngth: 16\r\n'));
          setTimeout(() => socket.write('\r\n{"data":{"a":1}}'), 2);
        });
      }),
    );
    const answers = await send(url, ['{}', '{}', '{}'], { concurrency: 1, timeoutMs: 5000 });
    expect(answers.map(({ status, error, empty }) => ({ status, error, empty }))).toEqual(
      [0, 1, 2].map(() => ({ status: 200, error: undefined, empty: false })),
    );
  });

  it('counts answers it cannot read, a connection that closes, and a server that is not there as errors, and goes on', async () => {
    const chunked = await listen(
      createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.write('{"da');
          res.end('ta":{}}');
        });
      }),
    );
    const closing = await listen(createNetServer((socket) => socket.on('data', () => socket.destroy())));
    for (const url of [chunked, closing, 'http://127.0.0.1:1/graphql']) {
      const answers = await send(url, ['{}', '{}', '{}', '{}'], { concurrency: 2 });
      expect(answers).toHaveLength(4);
      for (const a of answers) expect(a.error).toMatch(/^no answer: /);
    }
  });

  it('gives up on an answer that does not come within the timeout', async () => {
    const url = await listen(createServer(graphql(() => ({ json: { data: { a: 1 } }, delayMs: 500 }))));
    const [answer] = await send(url, ['{}'], { concurrency: 1, timeoutMs: 100 });
    expect(answer.error).toBe('no answer: no answer within 0.1 s');
    expect(answer.ms).toBeGreaterThanOrEqual(99);
  });
});
