/**
 * The benchmark's query mix: what users do most, with ids that exist in every synthetic size.
 * Each has an operation name (the reference server answers by it) and asks __typename wherever a
 * type is abstract (the reference resolves types from it).
 */
export interface BenchQuery {
  name: string;
  /** Whether the query only touches one actor's surroundings (its latency must not grow with the graph). */
  local: boolean;
  query: string;
}

export const QUERY_MIX: BenchQuery[] = [
  { name: 'search', local: true, query: 'query Search { search(query: "County 410121", first: 10) { score matched node { __typename ... on Place { id name } } } }' },
  {
    name: 'region pairings + donations', local: true,
    query: 'query RegionPairings { place(id: "gb:410100@201210") { name supportedBy(first: 20) { totalCount nodes { level supporter { __typename name } } } donationsReceived(first: 10) { totalCount totalYuan nodes { amount { yuan } year donors { __typename name } } } } }',
  },
  {
    name: 'official visits', local: true,
    query: 'query OfficialVisits { node(id: "person:o-1") { __typename ... on Official { name titles { title year } visits(first: 10) { totalCount nodes { date { start } destinations { name } } } } } }',
  },
  { name: 'totals by year', local: false, query: 'query TotalsByYear { donationTotals(groupBy: [YEAR], first: 20) { year total count } }' },
  {
    name: '2-hop neighbourhood', local: true,
    query: 'query Neighbourhood { subgraph(input: { seeds: ["gb:410121@201210"], hops: 2, perNodeLimit: 10, layoutIterations: 50 }) { truncated nodes { id x y community } edges { source target type } } }',
  },
  { name: 'shortest path', local: true, query: 'query ShortestPath { path(from: "gb:410121@201210", to: "gb:110000@201210", maxHops: 4) { length nodes { __typename id } } }' },
];

export const operationName = (q: BenchQuery) => /query (\w+)/.exec(q.query)![1];
