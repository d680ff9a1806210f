/**
 * Totals grouped by year or kind, or not grouped, come from the amount cells (two binary searches
 * per cell) rather than a pass over the rows: for every filter of years, kinds, readings and amount
 * bounds they must be exactly the totals the pass gives, on the real dataset and on random columns
 * with repeated amounts, donations without an amount and shares that do not count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { amountCells } from '../../src/graph/amount-cells.js';
import type { DonationColumns } from '../../src/graph/fact-index.js';
import { cellTotals, columnCriteria, grouping, runTotals, type ColumnCriteria } from '../../src/queries/donation-query.js';

const GROUPINGS = [[], ['YEAR'], ['KIND'], ['YEAR', 'KIND']];
const ORDERS = ['TOTAL_DESC', 'TOTAL_ASC', 'COUNT_DESC'];

/** The totals with the cells and by going through the rows (the columns without cells). */
function bothWays(columns: DonationColumns, criteria: ColumnCriteria, groupBy: string[], order: string) {
  const task = { columns, criteria, by: grouping(groupBy), order, first: 1000 };
  return { cells: runTotals(task), rows: runTotals({ ...task, columns: { ...columns, cells: null } }) };
}

describe('amount cells on the real dataset', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.app.close();
  });

  it('are built: every amount in the dataset is a whole number of yuan', () => {
    const cols = server.app.services.model.facts.donationColumns;
    expect(cols.cells).not.toBeNull();
    // Every donation that counts once is in exactly one cell.
    let once = 0;
    for (let row = 0; row < cols.size; row++) once += cols.once[row];
    expect(cols.cells!.start[cols.cells!.size]).toBe(once);
  });

  it('give the totals a pass over the rows gives, for filters of every kind', () => {
    const facts = server.app.services.model.facts;
    const cols = facts.donationColumns;
    const amounts = [...cols.yuan].filter((y) => !Number.isNaN(y)).sort((a, b) => a - b);
    const [low, mid, high] = [
      amounts[Math.floor(amounts.length / 4)],
      amounts[amounts.length >> 1],
      amounts[Math.floor((amounts.length * 3) / 4)],
    ];
    const filters = [
      {},
      { year: 2011 },
      { yearFrom: 2011 },
      { yearTo: 2010 },
      { year: 2011, yearFrom: 2012 },
      { kinds: ['government-aid'] },
      { kinds: ['social-cash', 'in-kind'] },
      { evidence: ['stated'] },
      // Bounds exactly on amounts the data has: both ends are inclusive.
      { minYuan: mid },
      { maxYuan: mid },
      { minYuan: low, maxYuan: high },
      { minYuan: high, maxYuan: low },
      { yearFrom: 2010, yearTo: 2011, kinds: ['government-aid', 'social-cash'], minYuan: low, evidence: ['stated', 'section'] },
    ];
    let nonEmpty = 0;
    for (const filter of filters)
      for (const groupBy of GROUPINGS)
        for (const order of ORDERS) {
          const { cells, rows } = bothWays(cols, columnCriteria(facts, filter), groupBy, order);
          expect(cells, `${JSON.stringify(filter)} by ${groupBy.join('+')} ${order}`).toEqual(rows);
          if (rows.length) nonEmpty++;
        }
    expect(nonEmpty).toBeGreaterThan(filters.length * GROUPINGS.length * ORDERS.length * 0.7);
  });

  it('do not answer totals by actor or naming one: those go through the rows', () => {
    const facts = server.app.services.model.facts;
    const cols = facts.donationColumns;
    expect(cellTotals(cols, columnCriteria(facts, {}), grouping(['DONOR']))).toBeNull();
    expect(cellTotals(cols, columnCriteria(facts, {}), grouping(['PAIR']))).toBeNull();
    const someDonor = facts.donations.actorId(cols.donorsOf.items[0]);
    expect(cellTotals(cols, columnCriteria(facts, { donors: new Set([someDonor]) }), grouping(['YEAR']))).toBeNull();
    expect(cellTotals(cols, columnCriteria(facts, {}), grouping(['YEAR']))).not.toBeNull();
  });
});

describe('amount cells on random columns', () => {
  /** Columns of `size` donations: few years, kinds and readings, amounts repeating, some missing. */
  function randomColumns(size: number, seed: string, fraction = false): DonationColumns {
    const random = seedrandom(seed);
    const pick = (n: number) => Math.floor(random() * n);
    const years = [null, 2009, 2010, 2011, 2012];
    const kinds = [null, 'government-aid', 'in-kind', 'social-cash'];
    const yearSlot = Uint16Array.from({ length: size }, () => pick(years.length));
    const yuan = Float64Array.from({ length: size }, () => (random() < 0.1 ? NaN : pick(50) * 10_000 + (fraction ? 0.5 : 0)));
    const none = { offsets: new Uint32Array(size + 1), items: new Uint32Array(0) };
    // The rows of each year slot, in row order, as the scan reads them for a filter by year.
    const byYear = years.map((_, k) => [...yearSlot.keys()].filter((row) => yearSlot[row] === k));
    const yearStart = Int32Array.from({ length: years.length + 1 }, (_, k) => byYear.slice(0, k).reduce((n, rows) => n + rows.length, 0));
    return {
      size,
      actorCount: 0,
      year: Float64Array.from(yearSlot, (k) => years[k] ?? NaN),
      yuan,
      evidence: Int32Array.from({ length: size }, () => pick(4) - 1),
      once: Uint8Array.from({ length: size }, () => (random() < 0.85 ? 1 : 0)),
      yearSlot,
      years,
      kindSlot: Uint16Array.from({ length: size }, () => pick(kinds.length)),
      kinds,
      donorsOf: none,
      recipientsOf: none,
      donorRows: { offsets: new Uint32Array(1), items: new Uint32Array(0) },
      rowsByYear: Int32Array.from(byYear.flat()),
      yearStart,
      actorRank: new Int32Array(0),
      cells: null,
    };
  }

  const criteria = (c: Partial<ColumnCriteria>): ColumnCriteria => ({
    none: false,
    yearFrom: -Infinity,
    yearTo: Infinity,
    yearBounded: false,
    kindSlots: null,
    evidence: null,
    minYuan: -Infinity,
    maxYuan: Infinity,
    yuanBounded: false,
    donors: null,
    recipients: null,
    parties: null,
    includeParts: false,
    naming: null,
    ...c,
  });

  it('give the pass over the rows’ totals for a thousand random filters', () => {
    const base = randomColumns(20_000, 'amount-cells');
    const cols = { ...base, cells: amountCells(base) };
    expect(cols.cells).not.toBeNull();
    const random = seedrandom('filters');
    const maybe = <T>(v: T) => (random() < 0.5 ? v : undefined);
    for (let i = 0; i < 1000; i++) {
      const yearFrom = maybe(2009 + Math.floor(random() * 4));
      const yearTo = maybe(2009 + Math.floor(random() * 4));
      const minYuan = maybe(Math.floor(random() * 50) * 10_000);
      const maxYuan = maybe(Math.floor(random() * 50) * 10_000);
      const c = criteria({
        ...(yearFrom !== undefined || yearTo !== undefined
          ? { yearBounded: true, yearFrom: yearFrom ?? -Infinity, yearTo: yearTo ?? Infinity }
          : {}),
        ...(minYuan !== undefined || maxYuan !== undefined
          ? { yuanBounded: true, minYuan: minYuan ?? -Infinity, maxYuan: maxYuan ?? Infinity }
          : {}),
        kindSlots: maybe([1 + Math.floor(random() * 3), 1 + Math.floor(random() * 3)]) ?? null,
        evidence: maybe([Math.floor(random() * 3)]) ?? null,
      });
      const groupBy = GROUPINGS[i % GROUPINGS.length];
      const { cells, rows } = bothWays(cols, c, groupBy, ORDERS[i % ORDERS.length]);
      expect(cells, `filter ${i}: ${JSON.stringify(c)} by ${groupBy.join('+')}`).toEqual(rows);
    }
  });

  it('are not built where an amount is not a whole number of yuan (running sums would round)', () => {
    expect(amountCells(randomColumns(1000, 'fractions', true))).toBeNull();
  });
});
