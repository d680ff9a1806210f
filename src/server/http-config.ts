/**
 * The HTTP server's limits and policies, read from the settings once at start (startApp's
 * options win over them): timeouts, the connection cap, the shutdown grace period and CORS.
 */
import { readFileSync } from 'node:fs';
import { SettingsError, setting } from '../config/settings.js';
import { parseCorsOrigins, type CorsPolicy } from './cors.js';

export interface HttpSettings {
  /** A request's head must arrive within this (slowloris). */
  headersTimeoutMs: number;
  /** A whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections at most; see connections.ts. */
  maxConnections: number;
  /** On close, connections still open after this are destroyed. */
  shutdownGraceMs: number;
  cors: CorsPolicy;
}

export interface HttpOptions {
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  maxConnections?: number;
  shutdownGraceMs?: number;
  /** As CORS_ORIGINS: `*`, `none`, or a comma-separated list of exact origins. */
  corsOrigins?: string;
}

/** File descriptors kept for everything that is not a client connection (store, threads, logs). */
export const FD_RESERVE = 128;
/** When the open-file limit cannot be read: below the common default of 1,024. */
export const FALLBACK_MAX_CONNECTIONS = 900;

/**
 * The process's soft open-file limit less a reserve, within 64..10,000: a connection is a file
 * descriptor, and a server that runs out of them can accept no one (the finding: about 1,000 idle
 * sockets locked real clients out under a limit of 1,024).
 */
export function defaultMaxConnections(limits: () => string = () => readFileSync('/proc/self/limits', 'utf8')): number {
  let text: string;
  try {
    text = limits();
  } catch {
    return FALLBACK_MAX_CONNECTIONS; // not Linux, or no /proc
  }
  const soft = /^Max open files\s+(\S+)/m.exec(text)?.[1];
  const n = soft === 'unlimited' ? Infinity : Number(soft);
  if (soft === undefined || Number.isNaN(n)) return FALLBACK_MAX_CONNECTIONS;
  return Math.max(64, Math.min(10_000, n - FD_RESERVE));
}

/** Settings from options, else the environment (src/config/settings.ts); throws on a value that makes no sense. */
export function httpSettings(options: HttpOptions = {}, env: NodeJS.ProcessEnv = process.env): HttpSettings {
  const s: HttpSettings = {
    headersTimeoutMs: options.headersTimeoutMs ?? setting('HTTP_HEADERS_TIMEOUT_MS', env),
    requestTimeoutMs: options.requestTimeoutMs ?? setting('HTTP_REQUEST_TIMEOUT_MS', env),
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? setting('HTTP_KEEP_ALIVE_TIMEOUT_MS', env),
    maxConnections: options.maxConnections ?? setting('MAX_CONNECTIONS', env) ?? defaultMaxConnections(),
    shutdownGraceMs: options.shutdownGraceMs ?? setting('SHUTDOWN_GRACE_MS', env),
    cors: parseCorsOrigins(options.corsOrigins ?? setting('CORS_ORIGINS', env)),
  };
  // Node refuses a head timeout longer than the whole request's; say which variables clash.
  if (s.headersTimeoutMs > s.requestTimeoutMs) {
    throw new SettingsError([
      `HTTP_HEADERS_TIMEOUT_MS (${s.headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${s.requestTimeoutMs})`,
    ]);
  }
  return s;
}
