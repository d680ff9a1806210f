/**
 * The HTTP front: /graphql through Apollo (its documented executeHTTPGraphQLRequest integration
 * on node:http), /health (liveness) and /ready (readiness: the store answers). Each GraphQL
 * request gets fresh DataLoaders.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { ApiContext } from '../api/context.js';
import { createLoaders } from '../api/loaders.js';
import type { ApiServices } from '../api/services.js';
import type { KnownOperations } from '../api/known-operations.js';

/** Larger bodies are refused before they are read to the end. */
export const MAX_BODY_BYTES = 1_100_000;
/** No real query is this long; a longer one is refused before it is parsed. */
export const MAX_QUERY_CHARS = 100_000;

export interface Route {
  (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
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

/** The body as text, or null once it passes MAX_BODY_BYTES (the rest is left unread). */
function readBody(req: IncomingMessage): Promise<string | null> {
  // Plain events rather than an async iterator: this runs for every request.
  return new Promise((resolve, reject) => {
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
    req.once('error', reject);
  });
}

export function createHttpServer(apollo: ApolloServer<ApiContext>, services: ApiServices, known: KnownOperations | undefined, extraRoutes: Route[] = []): Server {
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/health') return json(res, 200, { status: 'ok' });
      if (url.pathname === '/ready') {
        try {
          await services.store.ping();
          if (!services.prepared) return json(res, 503, { status: 'loading', store: services.store.engine });
          return json(res, 200, { status: 'ready', store: services.store.engine });
        } catch (e) {
          return json(res, 503, { status: 'unavailable', store: services.store.engine, error: (e as Error).message });
        }
      }
      if (url.pathname === '/graphql') return await graphql(apollo, services, known, req, res, url);
      for (const route of extraRoutes) if (await route(req, res, url)) return;
      if (url.pathname === '/') {
        res.writeHead(302, { location: '/graphql' });
        return res.end();
      }
      json(res, 404, { error: `no such path: ${url.pathname}` });
    } catch (e) {
      console.error('request failed:', e);
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.end();
    }
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A JSON POST whose client takes plain JSON back: what the repeat path answers (Apollo does the rest). */
function plainJsonPost(req: IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? '';
  const accept = req.headers.accept ?? '*/*';
  return req.method === 'POST' && type.startsWith('application/json') && !accept.includes('graphql-response') && (accept.includes('application/json') || accept.includes('*/*'));
}

async function graphql(apollo: ApolloServer<ApiContext>, services: ApiServices, known: KnownOperations | undefined, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let body: unknown;
  if (req.method === 'POST') {
    const text = await readBody(req);
    if (text === null) {
      // The rest of the body is not read: the connection closes after the answer.
      res.setHeader('connection', 'close');
      return json(res, 413, { errors: [{ message: `request body over ${MAX_BODY_BYTES} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    }
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      return json(res, 400, { errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
    if (Array.isArray(body)) return json(res, 400, { errors: [{ message: 'batched requests are not accepted: send one operation per request', extensions: { code: 'BATCH_NOT_SUPPORTED' } }] });
  }
  const query = req.method === 'POST' ? (body as { query?: unknown } | null)?.query : url.searchParams.get('query');
  if (typeof query === 'string' && query.length > MAX_QUERY_CHARS) {
    return json(res, 413, { errors: [{ message: `query of ${query.length} characters is over the limit of ${MAX_QUERY_CHARS}`, extensions: { code: 'QUERY_TOO_LARGE' } }] });
  }
  const context = (): ApiContext => ({ loaders: createLoaders(services.store), services });
  if (known && typeof query === 'string' && plainJsonPost(req)) {
    const { operationName, variables } = body as { operationName?: unknown; variables?: unknown };
    if ((operationName == null || typeof operationName === 'string') && (variables == null || isPlainObject(variables))) {
      const run = known.run(query, operationName, variables ?? {}, context());
      const answer = run instanceof Promise ? await run : run;
      if (answer !== null) return send(res, 200, answer);
    }
  }
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => context(),
  });
  for (const [k, v] of result.headers) res.setHeader(k, v);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(Buffer.from(result.body.string));
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
}
