/**
 * What the store needs from a database: run parameterised Cypher and get plain rows back
 * (numbers, strings, booleans, lists, maps, null), and run work in one write transaction.
 * Two adapters implement it: the embedded Grafeo engine and neo4j-driver.
 */
import type { Engine } from './cypher-files.js';
import type { GraphRows } from './graph-rows.js';

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
export type Row = Record<string, Value>;
export type Params = Record<string, unknown>;

export interface CypherRunner {
  run(query: string, params?: Params): Promise<Row[]>;
}

export interface CypherSession extends CypherRunner {
  readonly engine: Engine;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  writeTransaction<T>(work: (tx: CypherRunner) => Promise<T>): Promise<T>;
  /**
   * Creates the rows in an empty graph faster than the load files can, where the engine has a
   * bulk API. Not one transaction: the loader clears the graph again if it fails.
   */
  bulkCreate?(graph: GraphRows, onProgress?: (rows: number, step: string) => void): Promise<void>;
  /** Cheap round trip used by readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The database cannot be reached or read (Neo4j down, the embedded file unreadable). */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The embedded store file is held by another process (Grafeo locks it for as long as it is open):
 * an operator's fault to fix, not an outage to wait out, so the commands stop and say so.
 */
export class StoreFileInUseError extends Error {
  constructor(
    readonly path: string,
    readonly cause?: unknown,
  ) {
    super(`the store file ${path} is in use by another process`);
    this.name = 'StoreFileInUseError';
  }
}

/**
 * The embedded store file cannot be read: damaged, not a Grafeo file, or written by another
 * version. Nothing in it is lost that the seeds cannot rebuild, but deleting it is the operator's call.
 */
export class StoreFileDamagedError extends Error {
  /** `detail`: Grafeo's reason, without its error code and the path. */
  constructor(
    readonly path: string,
    readonly detail: string,
    readonly cause?: unknown,
  ) {
    super(`cannot read the store file ${path}: ${detail}`);
    this.name = 'StoreFileDamagedError';
  }
}

/** A store call took longer than the configured limit and was abandoned. */
export class StoreTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`the graph store did not answer within ${ms} ms`);
    this.name = 'StoreTimeoutError';
  }
}
