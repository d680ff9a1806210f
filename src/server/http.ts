/**
 * The HTTP front: /graphql through Apollo (its documented executeHTTPGraphQLRequest integration
 * on node:http), /health (liveness), /ready (readiness: the store answers) and the plain routes
 * beside them, and /metrics. Each GraphQL request gets fresh DataLoaders. Every answer goes through
 * the same gate first: a request target that is no path is a 400, a method a path does not take is
 * a 405 before any of its work, CORS and nosniff headers on everything. Every request gets an id
 * (the client's X-Request-Id when it sends a sane one), one log line and its place in the metrics.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { ROOT } from '../dataset/paths.js';
import { createContext, type ApiContext } from '../graphql/context.js';
import type { ApiServices } from '../graphql/services.js';
import { addVary, answerPreflight, applyCors, isPreflight } from './cors.js';
import type { HttpSettings } from './http-config.js';
import { baseHeaders, clip, GRAPHQL_METHODS, htmlHeaders, parseTarget, READ_METHODS } from './http-policy.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';
import { newRecord, recordFor, type GraphqlRecord } from './request-record.js';

/** Larger bodies are refused before they are read to the end. */
export const MAX_BODY_BYTES = 1_100_000;
/** No real query is this long; a longer one is refused before it is parsed. */
export const MAX_QUERY_CHARS = 100_000;

/**
 * A plain route: it answers GET and HEAD (HEAD is GET without the body); any other method on a
 * path it matches is refused with 405 before `serve` is called.
 */
export interface Route {
  /** What the logs and metrics call it. */
  name: string;
  /** Whether the path is this route's. */
  matches(url: URL): boolean;
  /** Serves a GET or HEAD on a path it matches. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Whether a browser's CORS preflight (OPTIONS) is answered: for what other origins' scripts fetch. */
  preflight?: boolean;
}

/**
 * Sends a whole JSON body. Headers are set, not written (no writeHead): `end` then knows the
 * length, sends Content-Length instead of chunked encoding, and writes headers and body at once.
 * The body goes as bytes: given a string, Node joins it to the header text and copies the joined
 * string again on its way to the socket, two more copies of a 14 KB answer on the heap; as bytes it
 * is copied once, outside the heap.
 */
function send(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(Buffer.from(text));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body));
}

/** What readBody gives when the connection went away before the body was whole. */
const CLIENT_GONE = Symbol('client gone');

/** The body as text, null once it passes MAX_BODY_BYTES (the rest is left unread), or CLIENT_GONE. */
function readBody(req: IncomingMessage): Promise<string | null | typeof CLIENT_GONE> {
  // Plain events rather than an async iterator: this runs for every request.
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.pause();
        return resolve(null);
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // A client that leaves mid-body (or is cut by a timeout or a shutdown) is nobody to answer,
    // and not worth a stack trace on stderr for each.
    req.once('error', () => resolve(CLIENT_GONE));
    req.once('close', () => resolve(CLIENT_GONE));
  });
}

/** What the server knows of its start: why it is not serving yet, and when it tries again. */
export interface StartState {
  /** The store's last failure while starting, until the start succeeds. */
  readonly error?: string;
  /** When the next attempt to reach the store is due (ms since the epoch). */
  readonly retryAt?: number;
}

export interface Observer {
  logger: Logger;
  metrics: ServerMetrics;
  start: StartState;
}

/** /health, /ready, /metrics and / (the home page, which works offline; Apollo Sandbox stays on /graphql). */
function coreRoutes(services: ApiServices, observer: Observer): Route[] {
  const at = (name: string, path: string, serve: Route['serve']): Route => ({ name, matches: (url) => url.pathname === path, serve });
  const { metrics, start } = observer;
  return [
    at('health', '/health', async (_req, res) => json(res, 200, { status: 'ok' })),
    at('ready', '/ready', async (_req, res) => {
      const store = services.store.engine;
      try {
        await services.store.ping();
        if (!services.prepared) {
          // The store answers, but the seeds are loading or the read model is being built.
          metrics.setReadiness(start.error ? 'unavailable' : 'loading');
          const reason = start.error ?? 'the seeds are being loaded and the read model built';
          return json(res, 503, { status: start.error ? 'unavailable' : 'loading', store, reason, ...retry(start) });
        }
        metrics.setReadiness('ready');
        return json(res, 200, { status: 'ready', store });
      } catch (e) {
        metrics.setReadiness('unavailable');
        return json(res, 503, { status: 'unavailable', store, reason: (e as Error).message, ...retry(start) });
      }
    }),
    at('metrics', '/metrics', async (_req, res) => {
      const text = await metrics.text();
      res.statusCode = 200;
      res.setHeader('content-type', metrics.contentType);
      res.end(text);
    }),
    at('home', '/', async (_req, res) => {
      // A page of the server's own (its assets and the GraphQL IDE are homeRoute's in routes.ts):
      // Apollo Sandbox on /graphql loads from the internet, this does not.
      htmlHeaders(res);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(await readFile(`${ROOT}/src/clients/home/index.html`));
    }),
  ];
}

function retry(start: StartState): { retryInMs?: number } {
  return start.retryAt ? { retryInMs: Math.max(0, start.retryAt - Date.now()) } : {};
}

/** A client's request id is kept when it is short and plain; anything else gets a new one. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

const graphqlError = (res: ServerResponse, status: number, message: string, code: string) =>
  json(res, status, { errors: [{ message, extensions: { code } }] });

export function createHttpServer(
  apollo: ApolloServer<ApiContext>,
  services: ApiServices,
  extraRoutes: Route[],
  settings: HttpSettings,
  observer: Observer,
): Server {
  const routes = [...coreRoutes(services, observer), ...extraRoutes];
  const serve = async (req: IncomingMessage, res: ServerResponse, seen: Seen): Promise<void> => {
    baseHeaders(res);
    applyCors(settings.cors, req, res);
    const url = parseTarget(req.url);
    if (!url) return json(res, 400, { error: 'malformed request target: expected a path such as /graphql', code: 'BAD_REQUEST' });
    seen.path = clip(url.pathname);
    const method = req.method ?? 'GET';
    if (url.pathname === '/graphql') {
      seen.route = 'graphql';
      if (!(GRAPHQL_METHODS as readonly string[]).includes(method)) {
        res.setHeader('allow', GRAPHQL_METHODS.join(', '));
        return graphqlError(res, 405, `${method} is not allowed on /graphql: use GET or POST`, 'METHOD_NOT_ALLOWED');
      }
      if (method === 'OPTIONS') {
        res.setHeader('allow', GRAPHQL_METHODS.join(', '));
        return answerPreflight(settings.cors, res, GRAPHQL_METHODS);
      }
      seen.graphql = newRecord();
      return graphql(apollo, services, req, res, url, seen.graphql);
    }
    const route = routes.find((r) => r.matches(url));
    if (!route) return json(res, 404, { error: `no such path: ${clip(url.pathname)}`, code: 'NOT_FOUND' });
    seen.route = route.name;
    if (method === 'GET' || method === 'HEAD') return route.serve(req, res, url);
    if (route.preflight && settings.cors.kind !== 'none' && isPreflight(req)) return answerPreflight(settings.cors, res, READ_METHODS);
    res.setHeader('allow', READ_METHODS.join(', '));
    json(res, 405, { error: `${method} is not allowed here: use GET or HEAD`, code: 'METHOD_NOT_ALLOWED' });
  };
  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default, which would let a head take
      // up to 40 s instead of 10).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(settings.headersTimeoutMs / 4))),
    },
    async (req, res) => {
      const seen = see(req, res, observer);
      try {
        await serve(req, res, seen);
      } catch (e) {
        console.error('request failed:', e);
        observer.logger.error({ reqId: seen.id, err: e }, 'request failed');
        if (!res.headersSent) json(res, 500, { error: 'internal error', code: 'INTERNAL_SERVER_ERROR' });
        else res.end();
      }
    },
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => rejectUnparsed(err, socket));
  return server;
}

/** What the log line and the metrics say of a request, filled in as it is served. */
interface Seen {
  id: string;
  route: string;
  path?: string;
  graphql?: GraphqlRecord;
}

/** Gives the request its id, and logs and counts it once its answer has gone (or its client has). */
function see(req: IncomingMessage, res: ServerResponse, { logger, metrics }: Observer): Seen {
  const started = process.hrtime.bigint();
  const given = req.headers['x-request-id'];
  const seen: Seen = { id: typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID(), route: 'not_found' };
  res.setHeader('x-request-id', seen.id);
  res.once('close', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const gql = seen.graphql;
    const status = res.writableFinished ? res.statusCode : 499;
    const outcome = gql?.outcome ?? (status === 499 ? 'client_gone' : status < 400 ? 'ok' : `http_${status}`);
    const operation = gql ? metrics.operationLabel(gql.operation) : '-';
    metrics.observeRequest({ route: seen.route, operation, outcome, seconds, cost: gql?.cost });
    logger.info(
      {
        reqId: seen.id,
        method: req.method,
        path: seen.path,
        route: seen.route,
        operation: gql ? (gql.operation ?? null) : undefined,
        cost: gql?.cost,
        status,
        outcome,
        ms: Math.round(seconds * 1e4) / 10,
      },
      'request',
    );
  });
  return seen;
}

/**
 * What Node's parser refuses before there is a request (a target it cannot read, a head too
 * large, a head or request past its timeout) gets the same JSON errors as the rest, where Node
 * would send a bare status line.
 */
function rejectUnparsed(err: NodeJS.ErrnoException, socket: Duplex): void {
  const [status, reason, error, code] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'request head too large', 'HEADERS_TOO_LARGE']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'the request did not arrive in time', 'REQUEST_TIMEOUT']
        : err.code === 'HPE_INVALID_URL'
          ? [400, 'Bad Request', 'malformed request target', 'BAD_REQUEST']
          : [400, 'Bad Request', 'malformed request', 'BAD_REQUEST'];
  // Only while no answer has begun on this connection (the check Node's own default makes) and
  // the client still listens: anything else would corrupt the stream.
  const answering = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (socket.writable && !answering?.headersSent && err.code !== 'ECONNRESET') {
    const body = JSON.stringify({ error, code });
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\nx-content-type-options: nosniff\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

async function graphql(
  apollo: ApolloServer<ApiContext>,
  services: ApiServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  record: GraphqlRecord,
): Promise<void> {
  let body: unknown;
  if (req.method === 'POST') {
    const text = await readBody(req);
    if (text === CLIENT_GONE) return;
    if (text === null) {
      // The rest of the body is not read: the connection closes after the answer.
      res.setHeader('connection', 'close');
      return json(res, 413, {
        errors: [{ message: `request body over ${MAX_BODY_BYTES} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      });
    }
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      return json(res, 400, { errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
    if (Array.isArray(body))
      return json(res, 400, {
        errors: [
          { message: 'batched requests are not accepted: send one operation per request', extensions: { code: 'BATCH_NOT_SUPPORTED' } },
        ],
      });
  }
  const query = req.method === 'POST' ? (body as { query?: unknown } | null)?.query : url.searchParams.get('query');
  if (typeof query === 'string' && query.length > MAX_QUERY_CHARS) {
    return json(res, 413, {
      errors: [
        { message: `query of ${query.length} characters is over the limit of ${MAX_QUERY_CHARS}`, extensions: { code: 'QUERY_TOO_LARGE' } },
      ],
    });
  }
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => recordFor(createContext(services), record),
  });
  // Apollo's Vary (accept) joins the CORS one (Origin) rather than replacing it.
  for (const [k, v] of result.headers)
    if (k === 'vary') addVary(res, v);
    else res.setHeader(k, v);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(Buffer.from(result.body.string));
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
}
