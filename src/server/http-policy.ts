/**
 * What every answer obeys whatever the route: how a request target is read, which methods a
 * path takes, the security headers, and how much of a client's input an error may repeat.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Plain routes only read. HEAD is GET without the body (Node leaves it out). */
export const READ_METHODS = ['GET', 'HEAD'] as const;
/** /graphql: queries by GET or POST, OPTIONS for browsers' CORS preflight. */
export const GRAPHQL_METHODS = ['GET', 'POST', 'OPTIONS'] as const;

/**
 * The request target as a URL, or null when it is not one this server serves: an absolute path
 * (`/graphql?…`) or an absolute http(s) URL. A target starting with `//` (or `/\`, which URL
 * parsers read the same way) is refused: a URL parser takes it for a host, not a path, and
 * `//a:99999/graphql` made `new URL` throw (a 500 with a stack trace).
 */
export function parseTarget(target: string | undefined): URL | null {
  if (!target) return null;
  const path = target.startsWith('/');
  if (path ? /^\/[/\\]/.test(target) : !/^https?:\/\//i.test(target)) return null;
  try {
    return path ? new URL(target, 'http://localhost') : new URL(target);
  } catch {
    return null;
  }
}

/** Longest stretch of a client's input an answer repeats (a 10 MB path is not sent back). */
export const MAX_ECHO_CHARS = 200;

export function clip(text: string, max = MAX_ECHO_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/**
 * The explorer page's Content-Security-Policy: its own scripts, styles, images and API only,
 * never framed. Cytoscape.js inserts one inline <style> (`position: relative` on its container);
 * it is allowed by its hash rather than opening style-src to every inline style. The page uses
 * no inline script, no style attribute in markup and no data: or blob: URL.
 */
export const CYTOSCAPE_INLINE_STYLE = '.__________cytoscape_container { position: relative; }';
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' '${sha256(CYTOSCAPE_INLINE_STYLE)}'`,
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The GraphQL IDE's page (/graphiql): the same policy, but GraphiQL's bundled stylesheet embeds its
 * fonts and icons as data: URLs, so fonts and images may come from data: as well. Scripts stay the
 * server's own; GraphiQL sets styles through the CSSOM only, which style-src does not govern.
 */
export const GRAPHIQL_CSP = EXPLORER_CSP.replace("img-src 'self'", "img-src 'self' data:; font-src 'self' data:");

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** On every answer: a browser must take the declared content type (a JSON error is not a script). */
export function baseHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
}

/** On every HTML page the server itself serves (home, explorer, GraphQL IDE): the explorer's policy unless told. */
export function htmlHeaders(res: ServerResponse, csp: string = EXPLORER_CSP): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
}
