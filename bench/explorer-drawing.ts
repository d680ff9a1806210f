/**
 * A synthetic drawing for the explorer, in the API's `subgraph` shape: `n` nodes on a sunflower
 * (a disc filled evenly), `m` edges each joining near neighbours. Used by `npm run bench:explorer`
 * and by the explorer test's large-drawing check, which answer /graphql with it.
 */
export interface SyntheticSubgraph {
  truncated: boolean;
  omittedEdges: number;
  omittedNodes: number;
  nodes: Array<Record<string, unknown> & { id: string; x: number; y: number; type: string; label: string }>;
  edges: Array<Record<string, unknown> & { id: string; source: string; target: string; type: string }>;
}

export function syntheticSubgraph(n: number, m: number): SyntheticSubgraph {
  const types = ['Place', 'Official', 'Organisation', 'Enterprise', 'Project'];
  const relations = ['PAIRING', 'DONATION', 'VISIT', 'MEETING', 'AGREEMENT'];
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    type: types[i % 5],
    label: `Synthetic place number ${i}`,
    kind: null,
    level: null,
    code: null,
    x: Math.sqrt(i) * 10 * Math.cos(i * 2.39996),
    y: Math.sqrt(i) * 10 * Math.sin(i * 2.39996),
    size: 7,
    // Communities of 200 neighbouring nodes (for "Colour by community").
    community: Math.floor(i / 200) % 12,
    degree: 3,
    yuanReceived: '0',
    yuanGiven: '0',
  }));
  const edges = Array.from({ length: m }, (_, i) => ({
    id: `e${i}`,
    source: `n${i % n}`,
    target: `n${((i % n) + [13, 21, 34][i % 3]) % n}`,
    type: relations[i % 5],
    label: '',
    eventId: null,
    yuan: i % 5 === 1 ? '1000000' : null,
    shared: false,
    year: 2011,
    dateStart: null,
    dateEnd: null,
    fromYear: null,
    toYear: null,
    level: null,
    status: null,
    provenance: null,
  }));
  return { truncated: false, omittedEdges: 0, omittedNodes: 0, nodes, edges };
}
