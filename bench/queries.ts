/**
 * The benchmark's queries: what users do most, each one GraphQL document with variables, and for
 * each a pool of targets that exist in a synthetic graph of any size (bench/synthetic.ts), so that
 * every request can ask about a target not asked before.
 */
import seedrandom from 'seedrandom';
import { syntheticCounts, syntheticPlaces } from './synthetic.js';

export type Variables = Record<string, unknown>;

export interface BenchQuery {
  name: string;
  /**
   * Only one actor's surroundings (search, one actor's facts, a region, a capped neighbourhood):
   * first-time p50 ≤ 5 ms and p99 ≤ 25 ms. The others (a path of up to six hops, totals over every
   * donation) read across the graph: p99 ≤ 100 ms.
   */
  local: boolean;
  operationName: string;
  query: string;
  /** `count` distinct targets' variables for a graph of `nodes` nodes, in a random order. */
  targets(nodes: number, count: number, random: () => number): Variables[];
}

/** A request the client sends: one query about one target. */
export interface BenchRequest {
  query: BenchQuery;
  variables: Variables;
}

/** The request's JSON body: the document, its operation name and this target's variables. */
export const requestBody = (r: BenchRequest) =>
  JSON.stringify({ operationName: r.query.operationName, query: r.query.query, variables: r.variables });

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Actors numbered 1 to n, as bench/synthetic.ts names them. */
const numbered = (n: number, id: (i: number) => string, name: (i: number) => string) =>
  Array.from({ length: n }, (_, k) => ({ id: id(k + 1), name: name(k + 1) }));

/** The actors by kind: places, officials, organisations, enterprises (ids and names). */
function actors(nodes: number): { id: string; name: string }[][] {
  const c = syntheticCounts(nodes);
  return [
    syntheticPlaces(),
    numbered(
      c.officials,
      (i) => `person:o-${i}`,
      (i) => `Official ${i}`,
    ),
    numbered(
      c.organisations,
      (i) => `org:g-${i}`,
      (i) => `Office ${i}`,
    ),
    numbered(
      c.enterprises,
      (i) => `ent:e-${i}`,
      (i) => `Enterprise ${i} Group`,
    ),
  ];
}

/**
 * `count` targets, as many of each kind at every size (places make most actors at 10k, officials
 * at 1M: drawn from all alike, the sizes would compare different mixes); a kind with too few fails
 * the run rather than repeat a target.
 */
function stratified<T>(name: string, pools: T[][], count: number, random: () => number, shares = pools.map(() => 1)): T[] {
  const total = shares.reduce((a, b) => a + b, 0);
  let left = count;
  const out = pools.flatMap((pool, k) => {
    const n = k === pools.length - 1 ? left : Math.round((count * shares[k]) / total);
    left -= n;
    if (pool.length < n) throw new Error(`${name}: ${n} targets of one kind asked for, only ${pool.length} in this graph`);
    return shuffle(pool, random).slice(0, n);
  });
  return shuffle(out, random);
}

const SEARCH = `query Search($q: String!) {
  search(query: $q, first: 10) { score matched node { __typename ... on Place { id name level } ... on Official { id name } ... on Organisation { id name } ... on Enterprise { id name } ... on Project { id name } } }
}`;

const ACTOR_FACTS = `query ActorFacts($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Actor {
      name
      donationsGiven(first: 5) { totalCount totalYuan nodes { id year amount { yuan } } }
      donationsReceived(first: 5) { totalCount totalYuan nodes { id year amount { yuan } } }
      supporting(first: 5) { totalCount nodes { supported { name } } }
      supportedBy(first: 5) { totalCount nodes { supporter { name } } }
    }
    ... on Official { titles { title year place { name } } visits(first: 10) { totalCount nodes { date { start } destinations { name } } } }
    ... on Place { level visitsReceived(first: 5) { totalCount nodes { date { start } } } }
  }
}`;

const REGION = `query RegionRollup($id: ID!) {
  place(id: $id) {
    name level
    supportedBy(first: 20, filter: { includeDescendants: true }) { totalCount nodes { level supporter { __typename name } } }
    donationsReceived(first: 10, filter: { includeDescendants: true }) { totalCount totalYuan nodes { amount { yuan } year donors { __typename name } } }
  }
}`;

// The schema's default limits (25 edges per node, 200 layout iterations).
const NEIGHBOURHOOD = `query Neighbourhood($id: ID!) {
  subgraph(input: { seeds: [$id], hops: 2 }) { truncated nodes { id label x y } edges { source target type } }
}`;

const PATH = `query ShortestPath($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxHops: 6) { length nodes { __typename id } steps { relation forward } }
}`;

const TOTALS = `query DonationTotals($groupBy: [DonationGroupKey!]!, $filter: DonationFilter) {
  donationTotals(groupBy: $groupBy, filter: $filter, first: 20) { year kind total count jointCount donor { __typename id name } recipient { __typename ... on Node { id } } }
}`;

const GROUPINGS = [['YEAR'], ['KIND'], ['DONOR'], ['RECIPIENT'], ['YEAR', 'KIND'], ['DONOR', 'YEAR']];
const YEARS = [undefined, ...Array.from({ length: 10 }, (_, i) => 2005 + i)];
const KINDS = [undefined, 'GOVERNMENT_AID', 'SOCIAL_CASH', 'IN_KIND', 'INVESTMENT'];

/** Distinct totals: every grouping × year × kind, at as many amount floors as it takes to reach `count`. */
function totalsFilters(count: number): Variables[] {
  const combos = GROUPINGS.length * YEARS.length * KINDS.length;
  const floors = Math.ceil(count / combos);
  const out: Variables[] = [];
  for (let f = 0; f < floors; f++) {
    for (const groupBy of GROUPINGS) {
      for (const year of YEARS) {
        for (const kind of KINDS) {
          // Amounts run from 0.1 to 50 million yuan.
          const filter = { ...(year ? { year } : {}), ...(kind ? { kind: [kind] } : {}), ...(f ? { minYuan: String(f * 2_500_000) } : {}) };
          out.push(Object.keys(filter).length ? { groupBy, filter } : { groupBy });
        }
      }
    }
  }
  return out;
}

export const QUERY_MIX: BenchQuery[] = [
  {
    name: 'search',
    local: true,
    operationName: 'Search',
    query: SEARCH,
    targets: (nodes, count, random) => {
      const projects = numbered(
        syntheticCounts(nodes).projects,
        (i) => `proj:p-${i}`,
        (i) => `Project ${i}`,
      );
      return stratified('search', [...actors(nodes), projects], count, random).map(({ name }) => ({ q: name }));
    },
  },
  {
    name: "one actor's facts",
    local: true,
    operationName: 'ActorFacts',
    query: ACTOR_FACTS,
    targets: (nodes, count, random) => stratified("one actor's facts", actors(nodes), count, random).map(({ id }) => ({ id })),
  },
  {
    // Provinces, prefectures and counties in the hierarchy's own proportions: a province rolls up a hundred counties.
    name: "a region's roll-up",
    local: true,
    operationName: 'RegionRollup',
    query: REGION,
    targets: (_, count, random) => {
      const levels = (['province', 'prefecture', 'county'] as const).map((level) => syntheticPlaces().filter((p) => p.level === level));
      return stratified(
        "a region's roll-up",
        levels,
        count,
        random,
        levels.map((l) => l.length),
      ).map(({ id }) => ({ id }));
    },
  },
  {
    name: '2-hop neighbourhood',
    local: true,
    operationName: 'Neighbourhood',
    query: NEIGHBOURHOOD,
    targets: (nodes, count, random) => stratified('2-hop neighbourhood', actors(nodes), count, random).map(({ id }) => ({ id })),
  },
  {
    name: 'shortest path',
    local: false,
    operationName: 'ShortestPath',
    query: PATH,
    targets: (nodes, count, random) => {
      // Each end a kind of actor at random, then an actor of that kind: the pairs far outnumber any count asked for.
      const kinds = actors(nodes);
      const end = () => {
        const kind = kinds[Math.floor(random() * kinds.length)];
        return kind[Math.floor(random() * kind.length)].id;
      };
      const pairs = new Map<string, Variables>();
      for (let tries = 0; pairs.size < count && tries < count * 10; tries++) {
        const [from, to] = [end(), end()];
        if (from !== to) pairs.set(`${from} ${to}`, { from, to });
      }
      if (pairs.size < count) throw new Error(`shortest path: only ${pairs.size} distinct pairs drawn, ${count} asked for`);
      return [...pairs.values()];
    },
  },
  {
    name: 'global totals',
    local: false,
    operationName: 'DonationTotals',
    query: TOTALS,
    targets: (_, count, random) => shuffle(totalsFilters(count), random).slice(0, count),
  },
];

/**
 * What one run sends: `targets` requests per query, each about another target, all queries
 * interleaved in a random order (a mixed load), and `warmUp` more per query, about targets not in
 * the measured ones. Deterministic for a seed.
 */
export function plan(
  nodes: number,
  options: { targets: number; warmUp: number; queries?: BenchQuery[]; seed?: string },
): { warmUp: BenchRequest[]; measured: BenchRequest[] } {
  const random = seedrandom(options.seed ?? 'first-time');
  const warmUp: BenchRequest[] = [];
  const measured: BenchRequest[] = [];
  for (const query of options.queries ?? QUERY_MIX) {
    const all = query.targets(nodes, options.targets + options.warmUp, random).map((variables) => ({ query, variables }));
    warmUp.push(...all.slice(0, options.warmUp));
    measured.push(...all.slice(options.warmUp));
  }
  return { warmUp: shuffle(warmUp, random), measured: shuffle(measured, random) };
}
