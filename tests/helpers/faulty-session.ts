/**
 * The embedded store made to fail on demand: while `failing`, every call fails the way Grafeo
 * reports an unreadable file (through the same classification the real adapter applies);
 * `delayMs` makes every call slow.
 */
import { classifyGrafeoError, GrafeoSession } from '../../src/store/grafeo-session.js';
import type { CypherRunner, CypherSession, Params, Row } from '../../src/store/session.js';

export class FaultySession implements CypherSession {
  readonly engine = 'grafeo' as const;
  failing = false;
  delayMs = 0;
  constructor(readonly inner: CypherSession = new GrafeoSession(':memory:')) {}

  private async gate(): Promise<void> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failing)
      throw classifyGrafeoError(new Error('Database error: GRAFEO-X001: Internal error: database file cannot be locked for reading'));
  }

  async run(query: string, params?: Params): Promise<Row[]> {
    await this.gate();
    return this.inner.run(query, params);
  }

  async writeTransaction<T>(work: (tx: CypherRunner) => Promise<T>): Promise<T> {
    await this.gate();
    return this.inner.writeTransaction(work);
  }

  async ping(): Promise<void> {
    await this.gate();
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
