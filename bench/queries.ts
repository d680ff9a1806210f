/**
 * The benchmark's query mix: what users do most, with ids that exist in every synthetic size.
 * Each has an operation name (the reference server answers by it) and asks __typename wherever a
 * type is abstract (the reference resolves types from it). `variant(i)` asks the same thing about
 * the i-th other target (another county, official, year…): the cold probe sends each once, so
 * nothing it asks has been read or computed before.
 */
export interface BenchQuery {
  name: string;
  /**
   * Whether the query only touches one actor's surroundings, so its latency must not grow with the
   * graph: search, one actor's facts, a capped neighbourhood. A path of up to six hops and a
   * total over every donation are not.
   */
  local: boolean;
  query: string;
  variant(i: number): string;
}

/** Synthetic place codes: provinces 11–44, ten prefectures each (01–10), counties 21–29 in each. */
const province = (i: number) => String(11 + (i % 34));
const prefecture = (i: number) => `${province(i)}${String(1 + (Math.floor(i / 34) % 10)).padStart(2, '0')}`;
const county = (i: number) => `${prefecture(i)}${21 + (i % 9)}`;
const place = (code: string) => `gb:${code.padEnd(6, '0')}@201210`;

const search = (code: string) => `query Search { search(query: "County ${code}", first: 10) { score matched node { __typename ... on Place { id name } } } }`;
// A region with what lies inside it: at every size it has more than a page of donations, so the
// answer is the same size at 10k as at 1M (a prefecture alone has one or two at 10k, ten at 1M).
const region = (id: string) => `query RegionPairings { place(id: "${id}") { name supportedBy(first: 20, filter: { includeDescendants: true }) { totalCount nodes { level supporter { __typename name } } } donationsReceived(first: 10, filter: { includeDescendants: true }) { totalCount totalYuan nodes { amount { yuan } year donors { __typename name } } } } }`;
// An official with four visits at every size (official 1 has three, two and four), so the answer
// is the same size at 10k as at 1M, as for the region.
const visits = (id: string) => `query OfficialVisits { node(id: "${id}") { __typename ... on Official { name titles { title year } visits(first: 10) { totalCount nodes { date { start } destinations { name } } } } } }`;
const totals = (minYuan: number) => `query TotalsByYear { donationTotals(groupBy: [YEAR], first: 20${minYuan ? `, filter: { minYuan: "${minYuan}" }` : ''}) { year total count } }`;
const neighbourhood = (id: string) => `query Neighbourhood { subgraph(input: { seeds: ["${id}"], hops: 2, perNodeLimit: 10, layoutIterations: 50 }) { truncated nodes { id x y community } edges { source target type } } }`;
const path = (from: string) => `query ShortestPath { path(from: "${from}", to: "gb:110000@201210", maxHops: 6) { length nodes { __typename id } } }`;

export const QUERY_MIX: BenchQuery[] = [
  { name: 'search', local: true, query: search('410121'), variant: (i) => search(county(i + 1)) },
  { name: 'region pairings + donations', local: true, query: region('gb:410100@201210'), variant: (i) => region(place(prefecture(i + 1))) },
  { name: 'official visits', local: true, query: visits('person:o-42'), variant: (i) => visits(`person:o-${2 + i * 23}`) },
  { name: 'totals by year', local: false, query: totals(0), variant: (i) => totals(1000 * (i + 1)) },
  { name: '2-hop neighbourhood', local: true, query: neighbourhood('gb:410121@201210'), variant: (i) => neighbourhood(place(county(i + 1))) },
  { name: 'shortest path', local: false, query: path('gb:410121@201210'), variant: (i) => path(place(county(i + 1))) },
];

export const operationName = (q: BenchQuery) => /query (\w+)/.exec(q.query)![1];
