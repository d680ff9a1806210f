/**
 * The production store: Neo4j 5 over Bolt with neo4j-driver. One driver per process.
 * Values are converted both ways so the rest of the code sees the same plain shapes as with
 * the embedded store: integers go out as Cypher INTEGER (never FLOAT), and Integer, Node,
 * Relationship, Path and temporal values come back as numbers, maps and ISO strings.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { StoreUnavailableError, type CypherRunner, type CypherSession, type Params, type Row, type Value } from './session.js';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** Connection failures mean the store cannot serve; everything else is the query's own error. */
function classify(e: unknown): unknown {
  const code = (e as { code?: string })?.code;
  return code && UNAVAILABLE.has(code) ? new StoreUnavailableError(`Neo4j is unavailable: ${(e as Error).message}`, e) : e;
}

/** Outgoing parameters: a JS integer must arrive as an INTEGER, or sums and ids of amounts drift. */
export function toNeo4jParam(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v)) return neo4j.int(v);
  if (Array.isArray(v)) return v.map(toNeo4jParam);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toNeo4jParam(x)]));
  }
  return v;
}

/** Incoming values: driver classes to plain values. Integers beyond 2^53 become exact strings. */
export function fromNeo4jValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (neo4j.isInt(v)) return v.inSafeRange() ? v.toNumber() : v.toString();
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(fromNeo4jValue);
  if (neo4j.isNode(v as never)) {
    const n = v as neo4j.Node;
    return { ...(fromNeo4jValue(n.properties) as object), _labels: n.labels } as Value;
  }
  if (neo4j.isRelationship(v as never)) {
    const r = v as neo4j.Relationship;
    return { ...(fromNeo4jValue(r.properties) as object), _type: r.type } as Value;
  }
  if (neo4j.isPath(v as never)) {
    const p = v as neo4j.Path;
    return {
      nodes: [p.start, ...p.segments.map((s) => s.end)].map(fromNeo4jValue),
      relationships: p.segments.map((s) => fromNeo4jValue(s.relationship)),
    } as Value;
  }
  if (
    neo4j.isDate(v as never) ||
    neo4j.isDateTime(v as never) ||
    neo4j.isLocalDateTime(v as never) ||
    neo4j.isTime(v as never) ||
    neo4j.isLocalTime(v as never) ||
    neo4j.isDuration(v as never)
  )
    return String(v);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, fromNeo4jValue(x)]));
  return v as Value;
}

export interface Neo4jOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Server-side transaction timeout for reads, in ms. */
  timeoutMs?: number;
}

export class Neo4jSession implements CypherSession {
  readonly engine = 'neo4j' as const;
  private driver: Driver;

  constructor(private options: Neo4jOptions) {
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: false,
    });
  }

  private static toRows(records: Array<{ keys: PropertyKey[]; get(k: PropertyKey): unknown }>): Row[] {
    return records.map((r) => Object.fromEntries(r.keys.map((k) => [String(k), fromNeo4jValue(r.get(k))])));
  }

  async run(query: string, params: Params = {}): Promise<Row[]> {
    try {
      const { records } = await this.driver.executeQuery(query, toNeo4jParam(params) as Params, {
        database: this.options.database,
        // The server cancels a read that outlives the API's own limit.
        transactionConfig: this.options.timeoutMs ? { timeout: this.options.timeoutMs } : undefined,
      });
      return Neo4jSession.toRows(records);
    } catch (e) {
      throw classify(e);
    }
  }

  async writeTransaction<T>(work: (tx: CypherRunner) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    // An explicit transaction, not a managed one: a retried load must not run twice.
    const tx = await session.beginTransaction();
    try {
      const result = await work({
        run: async (q, p = {}) => Neo4jSession.toRows((await tx.run(q, toNeo4jParam(p) as Params)).records),
      });
      await tx.commit();
      return result;
    } catch (e) {
      if (tx.isOpen()) await tx.rollback();
      throw e;
    } finally {
      await session.close();
    }
  }

  async ping(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.options.database });
    } catch (e) {
      throw new StoreUnavailableError(`Neo4j is unavailable: ${(e as Error).message}`, e);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
