/** The price of an operation, worked out before it runs, against the real schema. */
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { schema } from '../../src/graphql/apollo.js';
import { MAX_COST, priceOperation } from '../../src/graphql/cost.js';
import { layoutUnits, LAYOUT_UNITS_PER_NODE_ITERATION, type GraphSize } from '../../src/queries/work-price.js';
import { BARNES_HUT_ABOVE, defaultLayoutIterations } from '../../src/queries/graph-analysis.js';
import { INLINE_LAYOUT_UNITS } from '../../src/queries/work-pool.js';

const price = (query: string, variables: Record<string, unknown> = {}, size?: GraphSize) =>
  priceOperation(schema, parse(query), variables, undefined, size);
const code = (f: () => unknown) => {
  try {
    f();
    return 'admitted';
  } catch (e) {
    return (e as { extensions?: { code?: string } }).extensions?.code;
  }
};
const MILLION: GraphSize = {
  actors: 300_000,
  relationships: 2_700_000,
  donations: 400_000,
  visits: 200_000,
  pairings: 500,
  statistics: 0,
  commitments: 0,
};
const REAL: GraphSize = { actors: 1_045, relationships: 3_354, donations: 206, visits: 109, pairings: 125, statistics: 0, commitments: 0 };

describe('priceOperation', () => {
  it('prices a fragment once however often it is spread, as if written out', () => {
    const inline = price('{ place(id: "gb:510822@201210") { parent { parent { name } } a: parent { parent { name } } } }').cost;
    const spread = price(
      '{ place(id: "gb:510822@201210") { ...P a: parent { parent { name } } } } fragment P on Place { parent { parent { name } } }',
    ).cost;
    expect(spread).toBe(inline);
  });

  it('prices a fragment bomb in milliseconds, far over the limit', () => {
    const levels = Array.from(
      { length: 8 },
      (_, l) => `fragment F${l} on Place { ${Array.from({ length: 10 }, () => `parent { ${l < 7 ? `...F${l + 1}` : 'id'} }`).join(' ')} }`,
    );
    const t0 = performance.now();
    expect(code(() => price(`{ place(id: "gb:510822@201210") { ...F0 } } ${levels.join(' ')}`))).toBe('QUERY_TOO_COSTLY');
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('prices a list over every fact by how many there are, and one pinned to an actor by its page', () => {
    const totals = (groupBy: string, filter = '') => `{ donationTotals(groupBy: [${groupBy}], first: 20${filter}) { total } }`;
    expect(price(totals('YEAR'), {}, MILLION).cost).toBeGreaterThan(price(totals('YEAR'), {}, REAL).cost);
    expect(code(() => price(totals('YEAR'), {}, MILLION))).toBe('admitted');
    expect(code(() => price(totals('PAIR'), {}, MILLION))).toBe('QUERY_TOO_COSTLY');
    expect(code(() => price(totals('PAIR', ', filter: { donor: "gb:310000@201210" }'), {}, MILLION))).toBe('admitted');
    expect(code(() => price(totals('PAIR'), {}, REAL))).toBe('admitted');
  });

  it('prices a subgraph by what its seeds, hops and per-node limit can reach, capped by the graph', () => {
    const subgraph = (input: string) => `{ subgraph(input: ${input}) { nodes { id } } }`;
    const big = '{ seeds: ["gb:330000@201210", "gb:310000@201210"], hops: 3, perNodeLimit: 100 }';
    expect(code(() => price(subgraph(big), {}, MILLION))).toBe('QUERY_TOO_COSTLY');
    expect(price(subgraph(big), {}, REAL).cost).toBeLessThan(MAX_COST);
    const one = price(subgraph('{ seeds: ["gb:330000@201210"] }'), {}, MILLION).cost;
    const two = price(subgraph('{ seeds: ["gb:330000@201210"], hops: 2 }'), {}, MILLION).cost;
    expect(two).toBeGreaterThan(5 * one);
  });

  it("prices a layout pairwise below Barnes-Hut's threshold and flat above it; a default drawing fits the inline allowance", () => {
    const perNodeIteration = (nodes: number) => (layoutUnits(nodes, 0, 1000) - layoutUnits(nodes, 0, 0)) / nodes / 1000;
    expect(perNodeIteration(BARNES_HUT_ABOVE)).toBeCloseTo(LAYOUT_UNITS_PER_NODE_ITERATION, 3);
    expect(perNodeIteration(4 * BARNES_HUT_ABOVE)).toBeCloseTo(LAYOUT_UNITS_PER_NODE_ITERATION, 3);
    expect(perNodeIteration(BARNES_HUT_ABOVE / 10)).toBeCloseTo(LAYOUT_UNITS_PER_NODE_ITERATION / 10, 3);
    // A seed and 25 neighbours, and a 2-hop drawing at 25 per node (1 + 25 + 625 nodes, with some ties between them).
    for (const [nodes, edges] of [
      [26, 25],
      [111, 120],
      [651, 650],
    ]) {
      expect(layoutUnits(nodes, edges, defaultLayoutIterations(nodes))).toBeLessThanOrEqual(INLINE_LAYOUT_UNITS);
    }
    expect(layoutUnits(2000, 4000, 100)).toBeGreaterThan(10 * INLINE_LAYOUT_UNITS);
  });

  it('refuses an id no node can have in any argument, filters included, naming where', () => {
    expect(() =>
      price('query($f: DonationFilter) { donations(filter: $f, first: 1) { totalCount } }', { f: { donor: 'x'.repeat(10_000) } }),
    ).toThrow(/donations\(filter\.donor\)/);
    expect(() => price('{ subgraph(input: { seeds: ["gb:510822@201210", "DROP"] }) { truncated } }')).toThrow(
      /subgraph\(input\.seeds\[1\]\)/,
    );
  });
});
