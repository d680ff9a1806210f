/**
 * The embedded default store: Grafeo, in memory or in one file (exclusively locked by this process).
 * Its rows are already plain values; only bigints, dates and bytes need turning into JSON-safe ones.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import grafeo from '@grafeo-db/js';
import { bulkCreate } from './grafeo-bulk.js';
import type { GraphRows } from './graph-rows.js';
import { StoreUnavailableError, type CypherRunner, type CypherSession, type Params, type Row, type Value } from './session.js';

/** Grafeo's internal and I/O failures (GRAFEO-X…) mean the store cannot serve; query errors are the caller's. */
export function classifyGrafeoError(e: unknown): unknown {
  const message = e instanceof Error ? e.message : String(e);
  return /GRAFEO-X\d+/.test(message) ? new StoreUnavailableError(`the embedded store failed: ${message}`, e) : e;
}

type GrafeoDB = InstanceType<typeof grafeo.GrafeoDB>;

function plain(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, plain(x)]));
  return v as Value;
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
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = path && path !== ':memory:' ? grafeo.GrafeoDB.create(path) : grafeo.GrafeoDB.create();
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
        if (tx.isActive) tx.rollback();
        throw e;
      }
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  bulkCreate(graph: GraphRows, onProgress?: (rows: number, step: string) => void): Promise<void> {
    const next = this.writes.then(() => bulkCreate(this.db, graph, onProgress).catch((e) => { throw classifyGrafeoError(e); }));
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
