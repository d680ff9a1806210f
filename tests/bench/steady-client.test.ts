/** The steady-rate client, against real HTTP servers: what it counts, how it counts a stall, and how it fails. */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { steadyRun } from '../../bench/steady-client.js';

const servers: Server[] = [];
const netServers: NetServer[] = [];
afterEach(async () => {
  await Promise.all(netServers.splice(0).map((s) => new Promise((done) => s.close(done))));
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => {
    s.closeAllConnections();
    s.close(done);
  })));
});

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** Reads the request's body, then answers `status` with a JSON body of `size` bytes after `delayMs`. */
const answer = (status: number, size: number, delayMs = 0, onBody?: (body: string) => void): RequestListener => (req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    onBody?.(body);
    const json = JSON.stringify({ data: 'x'.repeat(Math.max(0, size - 11)) });
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      // In two writes, so the client reads an answer that arrives in pieces.
      res.write(json.slice(0, 5));
      setImmediate(() => res.end(json.slice(5)));
    }, delayMs);
  });
};

const options = { rate: 200, seconds: 0.5, connections: 4 };

describe('steady-rate client', () => {
  it('sends the body at the given rate and counts every answer after the warm-up half second', async () => {
    const bodies: string[] = [];
    const url = await serve(answer(200, 40_000, 5, (b) => bodies.push(b)));
    const started = performance.now();
    const { measure, latencies } = await steadyRun(url, '{"query":"{ a }"}', options);
    const seconds = (performance.now() - started) / 1000;
    expect(bodies).toHaveLength(200); // 100 warming up, 100 counted
    expect(new Set(bodies)).toEqual(new Set(['{"query":"{ a }"}']));
    expect(measure).toMatchObject({ rps: 200, requests: 100, errors: 0 });
    expect(latencies).toHaveLength(100);
    // The server's own 5 ms (a timer may fire up to a millisecond early by this clock).
    expect(latencies[0]).toBeGreaterThanOrEqual(4);
    expect(measure.p50).toBeGreaterThanOrEqual(4);
    expect(measure.p99).toBeGreaterThanOrEqual(measure.p50);
    expect(seconds).toBeGreaterThan(0.9); // on schedule, not as fast as the server allows
  });

  it('counts a stall against every request that fell due during it, not only those already sent', async () => {
    // A quarter of a second into the counted part, the server holds every answer for 200 ms.
    let held = 0;
    const url = await serve((req, res) => {
      const at = performance.now() - first;
      const hold = at >= 750 && at < 950 ? 950 - at : 0;
      if (hold) held++;
      answer(200, 100, hold)(req, res);
    });
    const first = performance.now();
    const { measure, latencies } = await steadyRun(url, '{}', options);
    expect(held).toBeGreaterThan(0);
    expect(measure.errors).toBe(0);
    // 200 ms at 200 req/s: about 40 requests fell due during the stall, over only 4 connections.
    const slow = latencies.filter((ms) => ms > 50).length;
    expect(slow).toBeGreaterThan(options.connections * 4);
    expect(latencies.at(-1)).toBeGreaterThan(150);
  });

  it('counts answers other than 200 as errors, not latencies', async () => {
    const url = await serve(answer(500, 100));
    const { measure, latencies } = await steadyRun(url, '{}', options);
    expect(measure).toMatchObject({ requests: 0, errors: 200 });
    expect(latencies).toHaveLength(0);
  });

  it('reads an answer whose header arrives in pieces', async () => {
    const server = createNetServer((socket) => {
      socket.on('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Le');
        setImmediate(() => socket.write('ngth: 2\r\n'));
        setTimeout(() => socket.write('\r\n{}'), 2);
      });
    });
    netServers.push(server);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const { measure } = await steadyRun(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, '{}', options);
    expect(measure).toMatchObject({ requests: 100, errors: 0 });
  });

  it('counts a server that is not there as errors and returns', async () => {
    // Nothing listens on port 1 here: every connection is refused.
    const url = 'http://127.0.0.1:1/graphql';
    const { measure } = await steadyRun(url, '{}', options);
    expect(measure).toMatchObject({ requests: 0, errors: 200 });
  });

  it('counts as errors the answers it cannot read (no Content-Length) and the requests left without a connection', async () => {
    const url = await serve((req, res) => {
      req.resume();
      req.on('end', () => {
        res.write('chun');
        res.end('ked');
      });
    });
    const { measure } = await steadyRun(url, '{}', options);
    expect(measure.requests).toBe(0);
    expect(measure.errors).toBe(200);
  });
});
