/**
 * Donation totals over many rows run on a worker thread when one is free: the thread reads the
 * serving thread's columns in shared memory and answers exactly what the serving thread would; a
 * busy pool hands the work back rather than queue it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { columnCriteria, grouping, runTotals, type TotalsTask } from '../../src/queries/donation-query.js';
import { WorkPool } from '../../src/queries/work-pool.js';
import { ds } from '../helpers/dataset.js';

describe('donation totals on a worker thread', () => {
  let server: TestServer;
  let pool: WorkPool;
  beforeAll(async () => {
    server = await startTestServer();
    pool = new WorkPool({ threads: 1 });
  });
  afterAll(async () => {
    await pool?.close();
    await server?.app.close();
  });

  const zhejiang = new Set(ds.place.filter((p) => p.id === 'gb:330000@201210' || p.id.startsWith('gb:33')).map((p) => p.id));
  const cases: Array<[string, string[], Record<string, unknown>]> = [
    ['by donor', ['DONOR'], {}],
    ['by recipient and year, from 2011', ['RECIPIENT', 'YEAR'], { yearFrom: 2011 }],
    ['by kind, stated', ['KIND'], { evidence: ['stated'] }],
    ['by pair, given inside Zhejiang', ['PAIR'], { donors: zhejiang }],
    [
      'by donor and year, aid only, 1 million yuan or more',
      ['DONOR', 'YEAR'],
      { kinds: ['government-aid', 'social-cash', 'in-kind'], minYuan: 1e6 },
    ],
    ['by year and kind in 2011', ['YEAR', 'KIND'], { year: 2011 }],
  ];

  it('keeps the donation columns in shared memory', () => {
    const cols = server.app.services.model.facts.donationColumns;
    for (const a of [cols.year, cols.yuan, cols.once, cols.yearSlot, cols.kindSlot, cols.donorsOf.items, cols.rowsByYear, cols.actorRank])
      expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it.each(cases)('%s: the worker thread gives the serving thread’s totals', async (_name, groupBy, criteria) => {
    const facts = server.app.services.model.facts;
    const task: TotalsTask = {
      columns: facts.donationColumns,
      criteria: columnCriteria(facts, criteria),
      by: grouping(groupBy),
      order: 'TOTAL_DESC',
      first: 50,
    };
    const here = runTotals(task);
    expect(here.length).toBeGreaterThan(0);
    const there = pool.whenIdle(task);
    expect(there).not.toBeNull();
    expect(await there).toEqual(here);
  });

  it('hands the work back while every thread is busy, and takes it again once one is free', async () => {
    const facts = server.app.services.model.facts;
    const task: TotalsTask = {
      columns: facts.donationColumns,
      criteria: columnCriteria(facts, {}),
      by: grouping(['DONOR']),
      order: 'TOTAL_DESC',
      first: 5,
    };
    const first = pool.whenIdle(task);
    expect(first).not.toBeNull();
    expect(pool.whenIdle(task)).toBeNull();
    await first;
    const again = pool.whenIdle(task);
    expect(again).not.toBeNull();
    expect(await again).toEqual(runTotals(task));
  });
});
