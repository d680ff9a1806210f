/**
 * The embedded default store: Grafeo, in memory or in one file (exclusively locked by this process).
 * Its rows are already plain values; only bigints, dates and bytes need turning into JSON-safe ones.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import grafeo from '@grafeo-db/js';
import { bulkCreate } from './grafeo-bulk.js';
import type { GraphRows } from './graph-rows.js';
import {
  StoreFileDamagedError,
  StoreFileInUseError,
  StoreUnavailableError,
  type CypherRunner,
  type CypherSession,
  type Params,
  type Row,
  type Value,
} from './session.js';

/** Grafeo's internal and I/O failures (GRAFEO-X…) mean the store cannot serve; query errors are the caller's. */
export function classifyGrafeoError(e: unknown): unknown {
  const message = e instanceof Error ? e.message : String(e);
  return /GRAFEO-X\d+/.test(message) ? new StoreUnavailableError(`the embedded store failed: ${message}`, e) : e;
}

/**
 * Why Grafeo could not open the store file at `path`. Held by another process and unreadable are
 * faults an operator fixes (stop the other process; delete the file), told apart from an outage
 * that retrying may cure. Grafeo reports a held lock as GRAFEO-X001 (internal), a file that is
 * not its own as X002, damage as S002/S003, and a stray `<path>.wal` of another database as V001.
 */
export function classifyGrafeoOpenError(e: unknown, path: string): unknown {
  const message = e instanceof Error ? e.message : String(e);
  if (/locked by another process|cannot be locked|database locked/i.test(message)) return new StoreFileInUseError(path, e);
  if (
    /GRAFEO-(?:S00[23]|X002)|sidecar WAL|written by (?:another|a newer)|newer (?:version|release)|unsupported (?:file )?format version/i.test(
      message,
    )
  ) {
    return new StoreFileDamagedError(path, grafeoReason(message, path), e);
  }
  return classifyGrafeoError(e);
}

/** Grafeo's words without the wrapper, the code and the path the operator is told anyway. */
function grafeoReason(message: string, path: string): string {
  return message
    .replace(/^Database error:\s*/, '')
    .replace(/^GRAFEO-\w+:\s*/, '')
    .replace(/^(?:Serialization error|Internal error|I\/O error|Invalid value):\s*/, '')
    .replace(`cannot open ${path}: `, '')
    .replace(`cannot create a database at ${path}: `, '')
    .replace(`the file ${path} is `, '')
    .replace(/\s+/g, ' ')
    .trim();
}

type GrafeoDB = InstanceType<typeof grafeo.GrafeoDB>;

/**
 * A value as JSON-safe data. Rows are fresh objects of this call's own: they are mended in place
 * rather than copied, since every relationship read passes through here on the serving thread.
 */
function plain(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v !== 'object') return v as Value;
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = plain(v[i]);
    return v as Value;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) o[k] = plain(o[k]);
  return o as Value;
}

function rows(result: { toArray(): Array<Record<string, unknown>> }): Row[] {
  return result.toArray().map((r) => plain(r) as Row);
}

export class GrafeoSession implements CypherSession {
  readonly engine = 'grafeo' as const;
  private db: GrafeoDB;
  /** Grafeo takes one writer at a time: write transactions queue here. */
  private writes: Promise<unknown> = Promise.resolve();

  /** `path` undefined or ':memory:' keeps the graph in memory. */
  constructor(readonly path?: string) {
    const file = path && path !== ':memory:' ? path : undefined;
    if (file) mkdirSync(dirname(file), { recursive: true });
    try {
      this.db = file ? grafeo.GrafeoDB.create(file) : grafeo.GrafeoDB.create();
    } catch (e) {
      throw file ? classifyGrafeoOpenError(e, file) : classifyGrafeoError(e);
    }
  }

  async run(query: string, params: Params = {}): Promise<Row[]> {
    try {
      return rows(await this.db.executeCypher(query, params));
    } catch (e) {
      throw classifyGrafeoError(e);
    }
  }

  writeTransaction<T>(work: (tx: CypherRunner) => Promise<T>): Promise<T> {
    const next = this.writes.then(async () => {
      const tx = this.db.beginTransaction();
      try {
        const result = await work({ run: async (q, p = {}) => rows(await tx.executeCypher(q, p)) });
        tx.commit();
        return result;
      } catch (e) {
        // A commit that could not be written (GRAFEO-T009, a full disk) is rolled back already,
        // yet isActive stays true and rollback() then throws: keep the error that says why.
        try {
          if (tx.isActive) tx.rollback();
        } catch {
          // nothing left to undo
        }
        throw e;
      }
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  bulkCreate(graph: GraphRows, onProgress?: (rows: number, step: string) => void): Promise<void> {
    const next = this.writes.then(() =>
      bulkCreate(this.db, graph, onProgress).catch((e) => {
        throw classifyGrafeoError(e);
      }),
    );
    this.writes = next.catch(() => undefined);
    return next;
  }

  async ping(): Promise<void> {
    await this.run('RETURN 1 AS ok');
  }

  async close(): Promise<void> {
    await this.writes;
    this.db.close();
  }
}
