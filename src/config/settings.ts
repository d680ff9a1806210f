/**
 * Every environment variable the service reads, in one table: its check, its default and what it
 * means. The README's Configure table and `.env.example` are tested against this table, so a
 * variable cannot be added, renamed or retired in one place only.
 *
 * A `.env` file in the working directory is read once, before the first variable, and never
 * overrides what the environment already sets. A bad value throws a SettingsError naming the
 * variable, what it must be and what it was.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const whole = (min: 0 | 1) => {
  const what = min === 1 ? 'must be a positive whole number' : 'must be a whole number';
  return z
    .string()
    .regex(/^\d+$/, what)
    .transform(Number)
    .refine((n) => n >= min, what);
};
const positive = whole(1);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

interface Variable<S extends z.ZodType> {
  schema: S;
  /** The default as the README states it. */
  default: string;
  meaning: string;
}
const variable = <S extends z.ZodType>(schema: S, defaultText: string, meaning: string): Variable<S> => ({
  schema,
  default: defaultText,
  meaning,
});

export const VARIABLES = {
  STORE: variable(oneOf(['grafeo', 'neo4j']).optional(), '`grafeo` (`neo4j` when `NEO4J_URI` is set)', 'which store'),
  GRAFEO_PATH: variable(
    z.string().min(1).default('data/pairing-graph.grafeo'),
    '`data/pairing-graph.grafeo`',
    'embedded store file (`:memory:` for none)',
  ),
  NEO4J_URI: variable(
    z
      .string()
      .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/, 'must be a bolt:// or neo4j:// address such as bolt://localhost:7687')
      .optional(),
    '— (`bolt://localhost:7687` with `STORE=neo4j`)',
    'Neo4j over Bolt',
  ),
  NEO4J_USER: variable(z.string().min(1).default('neo4j'), '`neo4j`', 'Neo4j user'),
  NEO4J_PASSWORD: variable(z.string().min(1).optional(), '— (required with Neo4j)', 'Neo4j password'),
  NEO4J_DATABASE: variable(z.string().min(1).optional(), "the server's default", 'Neo4j database'),
  LOAD_ON_START: variable(
    oneOf(['if-stale', 'if-empty', 'always', 'never']).default('if-stale'),
    '`if-stale`',
    '`if-stale` (empty or another dataset), `if-empty`, `always`, `never`',
  ),
  SEEDS_DIR: variable(z.string().min(1).optional(), '`seeds`', 'the dataset folder to load'),
  PORT: variable(
    whole(0)
      .refine((n) => n <= 65535, 'must be a port number (0–65535)')
      .default(4000),
    '`4000`',
    'HTTP port (`0`: any free port)',
  ),
  HOST: variable(z.string().min(1).default('127.0.0.1'), '`127.0.0.1`', 'address to listen on (`0.0.0.0`: every interface)'),
  STORE_TIMEOUT_MS: variable(positive.default(15_000), '`15000`', 'a store call still running after this fails with `STORE_TIMEOUT`'),
  STORE_RETRY_MS: variable(
    positive.default(5_000),
    '`5000`',
    'while the store is down at start: `/ready` answers 503 with the reason, and the store is tried again this often',
  ),
  INTROSPECTION: variable(
    z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((v) => v === 'true')
      .optional(),
    'on unless `NODE_ENV=production`',
    'schema introspection',
  ),
  CORS_ORIGINS: variable(
    z.string().default('*'),
    '`*`',
    "which other sites' pages may call the API: `*`, a comma-separated list of exact origins, or `none` (never with credentials)",
  ),
  WORK_THREADS: variable(
    whole(1).optional(),
    'cores − 1 (at least 1)',
    'worker threads for layouts, exports and totals over many donations',
  ),
  WORK_QUEUE: variable(whole(0).optional(), 'twice the threads', 'heavy requests that may wait for a worker thread (beyond: 503)'),
  MAX_CONNECTIONS: variable(
    positive.optional(),
    'the open-file limit − 128',
    'open connections; at the cap the longest-idle one is closed for a newcomer',
  ),
  HTTP_HEADERS_TIMEOUT_MS: variable(positive.default(10_000), '`10000`', 'a request head not received in time gets 408'),
  HTTP_REQUEST_TIMEOUT_MS: variable(positive.default(30_000), '`30000`', 'a whole request not received in time gets 408'),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: variable(positive.default(5_000), '`5000`', 'idle kept-alive connections close after this'),
  SHUTDOWN_GRACE_MS: variable(
    positive.default(10_000),
    '`10000`',
    'on SIGTERM, connections still open after this are cut; the process then exits 0',
  ),
  LOG_LEVEL: variable(
    oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    '`info`',
    'JSON log lines on stdout at this level and above (`info`: one per request)',
  ),
  NODE_ENV: variable(
    z.string().optional(),
    '—',
    '`production`: introspection off by default; `development`: stack traces in errors and on stderr',
  ),
} as const;

export type VariableName = keyof typeof VARIABLES;
export type Settings = { [K in VariableName]: z.output<(typeof VARIABLES)[K]['schema']> };

/** One or more variables with values that make no sense; the message names each. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'SettingsError';
  }
}

let dotEnvRead = false;
/** Reads `.env` from the working directory into the environment once; what is set already wins. */
export function readDotEnv(path = '.env'): void {
  if (dotEnvRead) return;
  dotEnvRead = true;
  if (existsSync(path)) process.loadEnvFile(path);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function parseOne<K extends VariableName>(name: K, env: NodeJS.ProcessEnv): Parsed<Settings[K]> {
  const raw = env[name];
  // An empty value is an unset one, as `.env.example`'s blank lines mean.
  const result = VARIABLES[name].schema.safeParse(raw === '' ? undefined : raw);
  if (result.success) return { ok: true, value: result.data as Settings[K] };
  return { ok: false, problem: `${name} ${result.error.issues[0]?.message ?? 'is invalid'} (got "${raw}")` };
}

/** One variable, checked. */
export function setting<K extends VariableName>(name: K, env: NodeJS.ProcessEnv = process.env): Settings[K] {
  if (env === process.env) readDotEnv();
  const parsed = parseOne(name, env);
  if (!parsed.ok) throw new SettingsError([parsed.problem]);
  return parsed.value;
}

/** Every variable, checked together so that one start names every problem at once. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  if (env === process.env) readDotEnv();
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(VARIABLES) as VariableName[]) {
    const parsed = parseOne(name, env);
    if (parsed.ok) out[name] = parsed.value;
    else problems.push(parsed.problem);
  }
  if (problems.length) throw new SettingsError(problems);
  return out as Settings;
}

/** The README's Configure table, one row per variable (`npm run docs:tables` writes it; a test compares). */
export function settingsTable(): string {
  const rows = (Object.keys(VARIABLES) as VariableName[]).map((name) => {
    const v = VARIABLES[name];
    return `| \`${name}\` | ${v.default} | ${v.meaning} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
