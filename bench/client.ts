/**
 * The benchmark's client: POSTs a list of JSON bodies over `concurrency` kept-alive connections,
 * closed loop (a connection sends its next request once the answer to its last is in), and times
 * each from its write to its answer's last byte. Every answer is read: one that is not a 200, or
 * that carries GraphQL `errors`, is an error, and one whose root fields are null or empty is
 * counted as empty, so that a target the server does not know cannot pass for a fast one.
 *
 * Why not Node's HTTP client: at sub-millisecond answers the client is part of what is measured.
 * Against a server answering from a constant, `http.request` gave p99s of 0.8–2.6 ms and a client
 * like this one, which writes one buffer and reads answers by their Content-Length (how the API
 * sends JSON), 0.5–0.7 ms.
 */
import { connect, type Socket } from 'node:net';

export interface Answer {
  /** From the request's write to its answer's last byte (or to the failure). */
  ms: number;
  /** 0 when no answer came. */
  status: number;
  error?: string;
  empty: boolean;
}

const HEADER_END = Buffer.from('\r\n\r\n');

function open(target: URL): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: Number(target.port || 80), host: target.hostname.replace(/^\[|\]$/g, '') });
    socket.setNoDelay(true);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Writes one request on the socket and reads its answer. */
function exchange(socket: Socket, request: Buffer, timeoutMs: number): Promise<{ status: number; body: Buffer; ms: number }> {
  return new Promise((resolve, reject) => {
    let head: Buffer | null = Buffer.alloc(0);
    let status = 0;
    let length = -1;
    const body: Buffer[] = [];
    let read = 0;
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onError);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve({ status, body: Buffer.concat(body, read), ms: performance.now() - started });
    };
    const onData = (chunk: Buffer) => {
      if (head) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf(HEADER_END);
        if (end < 0) return;
        const text = head.toString('latin1', 0, end);
        const contentLength = /\r\ncontent-length: *(\d+)/i.exec(text);
        if (!contentLength) return done(new Error(`an answer without a Content-Length: ${text.split('\r\n')[0]}`));
        status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
        length = Number(contentLength[1]);
        chunk = head.subarray(end + HEADER_END.length);
        head = null;
      }
      body.push(chunk);
      read += chunk.length;
      if (read >= length) done();
    };
    const onClose = () => done(new Error('the server closed the connection'));
    const onError = (e: Error) => done(e);
    const timer = setTimeout(() => done(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onError);
    const started = performance.now();
    socket.write(request);
  });
}

/** What an answer says: an error (the first one's code and message), empty, or fine. */
function classify(status: number, text: string): Pick<Answer, 'error' | 'empty'> {
  let body: { data?: Record<string, unknown> | null; errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return { error: `HTTP ${status}, an answer that is not JSON`, empty: false };
  }
  const first = body.errors?.[0];
  if (first)
    return { error: `${status === 200 ? '' : `HTTP ${status}, `}${first.extensions?.code ?? 'ERROR'}: ${first.message}`, empty: false };
  if (status !== 200) return { error: `HTTP ${status}`, empty: false };
  const roots = Object.values(body.data ?? {});
  return { empty: !roots.length || roots.some((v) => v == null || (Array.isArray(v) && !v.length)) };
}

/** Sends every body once, closed loop; the answers in the bodies' order. */
export async function send(url: string, bodies: string[], options: { concurrency: number; timeoutMs?: number }): Promise<Answer[]> {
  const target = new URL(url);
  const header = `POST ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\nContent-Length: `;
  const answers: Answer[] = new Array(bodies.length);
  let next = 0;
  const worker = async () => {
    let socket: Socket | undefined;
    while (next < bodies.length) {
      const i = next++;
      const payload = Buffer.from(bodies[i]);
      const request = Buffer.concat([Buffer.from(`${header}${payload.length}\r\n\r\n`, 'latin1'), payload]);
      const started = performance.now();
      try {
        if (!socket || socket.destroyed || !socket.writable) socket = await open(target);
        const { status, body, ms } = await exchange(socket, request, options.timeoutMs ?? 60_000);
        answers[i] = { ms, status, ...classify(status, body.toString('utf8')) };
      } catch (e) {
        answers[i] = { ms: performance.now() - started, status: 0, error: `no answer: ${(e as Error).message}`, empty: false };
        socket?.destroy();
        socket = undefined;
      }
    }
    socket?.end();
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return answers;
}
