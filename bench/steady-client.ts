/**
 * The steady-rate client: one query at a fixed offered rate, open loop. Requests are due on a fixed
 * schedule whatever the answers do, and go out over up to `connections` kept-alive sockets; one
 * that finds every socket busy waits for the first to come free, and its latency counts from when it
 * was handed over, so a stall also counts against the requests queued behind it. The first half
 * second warms both ends and is not counted.
 *
 * Why not a library: wrk and autocannon are closed loop (a connection sends only when its previous
 * answer is in, so a stall delays the requests that would have measured it), and autocannon's rate
 * option sends each second's budget in a burst. No open-loop load generator is packaged here. And
 * why not Node's HTTP client: at a p99 of a millisecond the client is part of what is measured.
 * Against a server that answers from a constant, Node's `http.request` gave per-round p99s of
 * 0.8–2.6 ms; this client, which sends one prepared buffer and only counts the answer's bytes,
 * 0.5–0.7 ms. It reads answers with a Content-Length, which is how the API sends JSON.
 */
import { connect, type Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ms2, percentile, type Measure } from './measure.js';

export interface SteadyRun {
  measure: Measure;
  /** Every counted latency (ms), sorted, so that rounds can be pooled. */
  latencies: Float64Array;
}

const HEADER_END = Buffer.from('\r\n\r\n');
/** How long the answers still out when the schedule ends may take before they count as errors. */
const DRAIN_MS = 30_000;

/** A kept-alive socket and the one request it has out, if any. */
interface Connection {
  socket: Socket;
  /** When the request on this socket was handed over (performance.now()); NaN when idle. */
  due: number;
  counted: boolean;
  /** The answer's header bytes while they arrive in pieces; its status and length once read. */
  head: Buffer | null;
  ok: boolean;
  bodyLength: number;
  bodyRead: number;
}

/** POSTs `body` (JSON) to `url` at `rate` requests a second for `seconds`, open loop. */
export async function steadyRun(url: string, body: string, options: { rate: number; seconds: number; connections: number }): Promise<SteadyRun> {
  const target = new URL(url);
  const payload = Buffer.from(body);
  const request = Buffer.concat([
    Buffer.from(`POST ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\n\r\n`, 'latin1'),
    payload,
  ]);
  const warmUp = Math.round(options.rate / 2);
  const total = warmUp + Math.round(options.rate * options.seconds);
  const latencies = new Float64Array(total);
  let counted = 0;
  let errors = 0;
  let settled = 0;
  let allSettled!: () => void;
  const finished = new Promise<void>((resolve) => (allSettled = resolve));

  // When each request due but not yet sent was handed over, oldest first; they go out in that
  // order, so the n-th sent is the n-th due, and counts once past the warm-up.
  const waitingDue: number[] = [];
  let sent = 0;
  const idle: Connection[] = [];
  const readBuffer = Buffer.allocUnsafe(64 * 1024);
  const open = new Set<Connection>();

  const fail = (n: number) => {
    errors += n;
    settled += n;
    if (settled === total) allSettled();
  };
  const settle = (c: Connection, ok: boolean) => {
    if (ok && c.counted) latencies[counted++] = performance.now() - c.due;
    c.due = NaN;
    c.bodyLength = -1;
    if (ok) {
      if (++settled === total) allSettled();
    } else fail(1);
  };
  const sendNext = (c: Connection) => {
    if (!waitingDue.length) {
      idle.push(c);
      return;
    }
    c.due = waitingDue.shift()!;
    c.counted = sent++ >= warmUp;
    c.head = null;
    c.bodyRead = 0;
    c.socket.write(request);
  };
  const onData = (c: Connection, chunk: Buffer) => {
    // Bytes on a socket with no request out belong to no request: the socket can no longer be trusted.
    if (Number.isNaN(c.due)) {
      c.socket.destroy();
      return;
    }
    if (c.bodyLength < 0) {
      const bytes = c.head ? Buffer.concat([c.head, chunk]) : chunk;
      const end = bytes.indexOf(HEADER_END);
      if (end < 0) {
        // The read buffer is reused for the next read: keep a copy.
        c.head = bytes === chunk ? Buffer.from(chunk) : bytes;
        return;
      }
      const head = bytes.toString('latin1', 0, end);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head);
      if (!length) {
        c.socket.destroy(new Error(`an answer without a Content-Length, which the steady client cannot read: ${head.split('\r\n')[0]}`));
        return;
      }
      c.ok = head.startsWith('HTTP/1.1 200 ');
      c.bodyLength = Number(length[1]);
      c.bodyRead = bytes.length - end - HEADER_END.length;
      c.head = null;
    } else {
      c.bodyRead += chunk.length;
    }
    if (c.bodyRead >= c.bodyLength) {
      settle(c, c.ok);
      sendNext(c);
    }
  };
  // A socket that closes or fails takes its request with it, as an error; when none is left, every
  // request still to come is an error too, so a dead server shows as that run's errors.
  const drop = (c: Connection) => {
    if (!open.delete(c)) return;
    if (!Number.isNaN(c.due)) settle(c, false);
    const i = idle.indexOf(c);
    if (i >= 0) idle.splice(i, 1);
    if (!open.size) {
      fail(waitingDue.length);
      waitingDue.length = 0;
    }
  };

  await Promise.all(Array.from({ length: options.connections }, () => new Promise<void>((ready) => {
    const c: Connection = {
      // Every read lands in the one buffer the run owns, read at once: a buffer allocated per read
      // is memory outside the heap, and at 1,000 answers of 14 KB a second it made V8 run a full
      // collection every 1.5–2 s for "external memory pressure", stalling the client 3–6 ms.
      socket: connect({ port: Number(target.port || 80), host: target.hostname, onread: { buffer: readBuffer, callback: (n: number) => { onData(c, readBuffer.subarray(0, n)); return true; } } }),
      due: NaN, counted: false, head: null, ok: false, bodyLength: -1, bodyRead: 0,
    };
    c.socket.setNoDelay(true);
    // A connection that neither opens nor fails within 5 s counts as failed.
    c.socket.setTimeout(5000, () => c.socket.destroy());
    c.socket.once('connect', () => {
      c.socket.setTimeout(0);
      open.add(c);
      idle.push(c);
      ready();
    });
    c.socket.on('error', () => undefined);
    c.socket.once('close', () => {
      drop(c);
      ready();
    });
  })));

  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / options.rate - performance.now();
    if (wait > 1) await sleep(wait);
    if (!open.size) {
      fail(total - i);
      break;
    }
    waitingDue.push(performance.now());
    const c = idle.pop();
    if (c) sendNext(c);
  }
  if (settled < total) {
    const timer = new AbortController();
    const drained = await Promise.race([finished.then(() => true), sleep(DRAIN_MS, false, { signal: timer.signal }).catch(() => false)]);
    timer.abort();
    if (!drained) fail(total - settled);
  }
  loop.disable();
  for (const c of open) c.socket.destroy();

  const sorted = latencies.subarray(0, counted).sort();
  return {
    measure: {
      rps: options.rate, p50: ms2(percentile(sorted, 50)), p99: ms2(percentile(sorted, 99)), requests: counted, errors, non2xx: 0,
      // The client shares the machine: its own stalls delay reading answers, and count in their latency.
      clientLoopMaxMs: ms2(loop.max / 1e6),
    },
    latencies: sorted,
  };
}
