/**
 * The HTTP front: /graphql through Apollo (its documented executeHTTPGraphQLRequest integration
 * on node:http), /health (liveness), /ready (readiness: the store answers) and the plain routes
 * beside them. Each GraphQL request gets fresh DataLoaders. Every answer goes through the same
 * gate first: a request target that is no path is a 400, a method a path does not take is a 405
 * before any of its work, CORS and nosniff headers on everything.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { createContext, type ApiContext } from '../graphql/context.js';
import type { ApiServices } from '../graphql/services.js';
import { addVary, answerPreflight, applyCors, isPreflight } from './cors.js';
import type { HttpSettings } from './http-config.js';
import { baseHeaders, clip, GRAPHQL_METHODS, parseTarget, READ_METHODS } from './http-policy.js';

/** Larger bodies are refused before they are read to the end. */
export const MAX_BODY_BYTES = 1_100_000;
/** No real query is this long; a longer one is refused before it is parsed. */
export const MAX_QUERY_CHARS = 100_000;

/**
 * A plain route: it answers GET and HEAD (HEAD is GET without the body); any other method on a
 * path it matches is refused with 405 before `serve` is called.
 */
export interface Route {
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

/** /health, /ready and / (to the Sandbox on /graphql). */
function coreRoutes(services: ApiServices): Route[] {
  const at = (path: string, serve: Route['serve']): Route => ({ matches: (url) => url.pathname === path, serve });
  return [
    at('/health', async (_req, res) => json(res, 200, { status: 'ok' })),
    at('/ready', async (_req, res) => {
      try {
        await services.store.ping();
        if (!services.prepared) return json(res, 503, { status: 'loading', store: services.store.engine });
        return json(res, 200, { status: 'ready', store: services.store.engine });
      } catch (e) {
        return json(res, 503, { status: 'unavailable', store: services.store.engine, error: (e as Error).message });
      }
    }),
    at('/', async (_req, res) => {
      res.writeHead(302, { location: '/graphql' });
      res.end();
    }),
  ];
}

const graphqlError = (res: ServerResponse, status: number, message: string, code: string) =>
  json(res, status, { errors: [{ message, extensions: { code } }] });

export function createHttpServer(
  apollo: ApolloServer<ApiContext>,
  services: ApiServices,
  extraRoutes: Route[],
  settings: HttpSettings,
): Server {
  const routes = [...coreRoutes(services), ...extraRoutes];
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    baseHeaders(res);
    applyCors(settings.cors, req, res);
    const url = parseTarget(req.url);
    if (!url) return json(res, 400, { error: 'malformed request target: expected a path such as /graphql', code: 'BAD_REQUEST' });
    const method = req.method ?? 'GET';
    if (url.pathname === '/graphql') {
      if (!(GRAPHQL_METHODS as readonly string[]).includes(method)) {
        res.setHeader('allow', GRAPHQL_METHODS.join(', '));
        return graphqlError(res, 405, `${method} is not allowed on /graphql: use GET or POST`, 'METHOD_NOT_ALLOWED');
      }
      if (method === 'OPTIONS') {
        res.setHeader('allow', GRAPHQL_METHODS.join(', '));
        return answerPreflight(settings.cors, res, GRAPHQL_METHODS);
      }
      return graphql(apollo, services, req, res, url);
    }
    const route = routes.find((r) => r.matches(url));
    if (!route) return json(res, 404, { error: `no such path: ${clip(url.pathname)}`, code: 'NOT_FOUND' });
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
      try {
        await serve(req, res);
      } catch (e) {
        console.error('request failed:', e);
        if (!res.headersSent) json(res, 500, { error: 'internal error', code: 'INTERNAL_SERVER_ERROR' });
        else res.end();
      }
    },
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => rejectUnparsed(err, socket));
  return server;
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
    context: async () => createContext(services),
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
