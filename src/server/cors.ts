/**
 * Cross-origin access. The API is public and read-only, and sends no cookies and accepts no
 * credentials, so by default any page may read it (researchers draw the graph in pages of their
 * own); CORS_ORIGINS can narrow that to a list of exact origins, or `none` to send no CORS
 * headers at all.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type CorsPolicy = { kind: 'any' } | { kind: 'none' } | { kind: 'list'; origins: ReadonlySet<string> };

/** The request headers a cross-origin client may send: JSON bodies and Apollo's CSRF-prevention headers. */
export const ALLOWED_HEADERS = 'content-type, apollo-require-preflight, x-apollo-operation-name';
/** How long (s) a browser may keep a preflight's answer. */
export const PREFLIGHT_MAX_AGE = 600;

/** `*` (or empty), `none`, or a comma-separated list of origins (`https://host[:port]`, nothing more). */
export function parseCorsOrigins(value: string): CorsPolicy {
  const v = value.trim();
  if (v === '' || v === '*') return { kind: 'any' };
  if (v.toLowerCase() === 'none') return { kind: 'none' };
  const origins = new Set<string>();
  for (const entry of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      /* reported below */
    }
    // An origin is scheme, host and port only; kept as a browser sends it (lower case, no default port).
    if (!url || url.origin === 'null' || url.pathname !== '/' || url.search || url.hash || url.username) {
      throw new Error(`CORS_ORIGINS: "${entry}" is not an origin (scheme://host[:port], e.g. https://example.org)`);
    }
    origins.add(url.origin);
  }
  return { kind: 'list', origins };
}

/** Adds to Vary rather than replacing what another part of the answer put there. */
export function addVary(res: ServerResponse, value: string): void {
  const had = res.getHeader('vary');
  const list =
    had === undefined
      ? []
      : String(had)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  for (const v of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!list.some((w) => w.toLowerCase() === v.toLowerCase())) list.push(v);
  }
  res.setHeader('vary', list.join(', '));
}

/** The Access-Control-Allow-Origin an answer to this request carries, per the policy. */
export function applyCors(policy: CorsPolicy, req: IncomingMessage, res: ServerResponse): void {
  if (policy.kind === 'none') return;
  if (policy.kind === 'any') {
    res.setHeader('access-control-allow-origin', '*');
    return;
  }
  // The answer depends on Origin whether or not this one is listed: caches must keep them apart.
  addVary(res, 'Origin');
  const origin = req.headers.origin;
  if (origin && policy.origins.has(origin)) res.setHeader('access-control-allow-origin', origin);
}

/** A browser's preflight: OPTIONS asking, for a cross-origin request, which method it may use. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && !!req.headers.origin && !!req.headers['access-control-request-method'];
}

/** Answers a preflight (204, no body). Allow-Origin, if any, was set by applyCors. */
export function answerPreflight(policy: CorsPolicy, res: ServerResponse, methods: readonly string[]): void {
  if (policy.kind !== 'none' && res.hasHeader('access-control-allow-origin')) {
    res.setHeader('access-control-allow-methods', methods.join(', '));
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE));
  }
  res.statusCode = 204;
  res.end();
}
