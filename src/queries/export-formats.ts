/**
 * A drawable subgraph in the formats visualisation tools and spreadsheets read: Cytoscape.js
 * elements JSON, graphology's serialisation (sigma.js), GEXF 1.3 with dated edges (Gephi's
 * timeline), GraphML, and a pair of CSV tables (nodes, edges). Every format carries the same
 * attributes, typed (amounts, years and measures as numbers, a missing value left out), and says
 * what drew it: the request, what the per-node limit left out, the dataset's version.
 * XML is written with fast-xml-parser's builder and CSV with csv-stringify, so escaping is never
 * hand-rolled.
 */
import { MultiDirectedGraph } from 'graphology';
import { XMLBuilder } from 'fast-xml-parser';
import { stringify } from 'csv-stringify/sync';
import type { AnalysedGraph, AnalysedNode } from './graph-analysis.js';
import type { VisualEdge } from './subgraph.js';
import { earliest, latest } from './dates.js';

export const EXPORT_FORMATS = {
  cytoscape: { mime: 'application/json', extension: 'cyjs.json' },
  graphology: { mime: 'application/json', extension: 'graphology.json' },
  gexf: { mime: 'application/gexf+xml', extension: 'gexf' },
  graphml: { mime: 'application/graphml+xml', extension: 'graphml' },
  'nodes.csv': { mime: 'text/csv', extension: 'nodes.csv' },
  'edges.csv': { mime: 'text/csv', extension: 'edges.csv' },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** The request that drew a subgraph, its defaults filled in. */
export interface ExportRequest {
  seeds: string[];
  hops: number;
  /** null: every relation. */
  relations: string[] | null;
  year: number | null;
  from: string | null;
  to: string | null;
  perNodeLimit: number;
  perNodeOffset: number;
}

/** A subgraph as a file records it: where known, the request that drew it and the dataset's checksum. */
export type ExportableGraph = AnalysedGraph & { request?: ExportRequest; dataset?: string | null };

interface SubgraphRequestInput {
  seeds: readonly string[];
  hops?: number | null;
  relations?: readonly string[] | null;
  year?: number | null;
  from?: string | null;
  to?: string | null;
  perNodeLimit?: number | null;
  perNodeOffset?: number | null;
}

/** A subgraph request with SubgraphInput's defaults (schema.graphql) where it leaves a field out. */
export function exportRequest(input: SubgraphRequestInput): ExportRequest {
  return {
    seeds: [...new Set(input.seeds)],
    hops: input.hops ?? 1,
    relations: input.relations?.length ? [...input.relations] : null,
    year: input.year ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
    perNodeLimit: input.perNodeLimit ?? 25,
    perNodeOffset: input.perNodeOffset ?? 0,
  };
}

/** A value's type, named as GEXF names it. Amounts are `long`: a yuan total passes 2^31. */
type ValueType = 'string' | 'integer' | 'long' | 'double' | 'boolean';
type Value = string | number | boolean | null;
type Row = Record<string, Value>;
type Columns = ReadonlyArray<readonly [name: string, type: ValueType]>;

const NODE_COLUMNS = [
  ['label', 'string'],
  ['type', 'string'],
  ['kind', 'string'],
  ['level', 'string'],
  ['code', 'string'],
  ['community', 'integer'],
  ['degree', 'integer'],
  ['pagerank', 'double'],
  ['yuanReceived', 'long'],
  ['yuanGiven', 'long'],
  ['size', 'double'],
  ['x', 'double'],
  ['y', 'double'],
] as const satisfies Columns;

const EDGE_COLUMNS = [
  ['type', 'string'],
  ['label', 'string'],
  ['eventId', 'string'],
  ['yuan', 'long'],
  ['shared', 'boolean'],
  ['year', 'integer'],
  ['dateStart', 'string'],
  ['dateEnd', 'string'],
  ['fromYear', 'integer'],
  ['toYear', 'integer'],
  ['level', 'string'],
  ['status', 'string'],
  ['quote', 'string'],
  ['document', 'string'],
] as const satisfies Columns;

/** What a file says about itself; seeds and relations are lists (comma-separated outside JSON). */
const GRAPH_COLUMNS = [
  ['seeds', 'string'],
  ['hops', 'integer'],
  ['relations', 'string'],
  ['year', 'integer'],
  ['from', 'string'],
  ['to', 'string'],
  ['perNodeLimit', 'integer'],
  ['perNodeOffset', 'integer'],
  ['layoutSeed', 'integer'],
  ['truncated', 'boolean'],
  ['omittedNodes', 'integer'],
  ['omittedEdges', 'integer'],
  ['unreadRelationships', 'integer'],
  ['dataset', 'string'],
] as const satisfies Columns;

/** A number no reader could take (NaN, Infinity) counts as missing. */
const finite = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

function nodeRow(n: AnalysedNode): Row {
  return {
    label: n.label,
    type: n.type,
    kind: n.kind,
    level: n.level,
    code: n.code,
    community: finite(n.community),
    degree: finite(n.degree),
    pagerank: finite(n.pagerank),
    yuanReceived: finite(n.yuanReceived),
    yuanGiven: finite(n.yuanGiven),
    size: finite(n.size),
    x: finite(n.x),
    y: finite(n.y),
  };
}

function edgeRow(e: VisualEdge): Row {
  return {
    type: e.type,
    label: e.label,
    eventId: e.eventId,
    yuan: finite(e.yuan),
    shared: e.shared,
    year: finite(e.year),
    dateStart: e.dateStart,
    dateEnd: e.dateEnd,
    fromYear: finite(e.fromYear),
    toYear: finite(e.toYear),
    level: e.level,
    status: e.status,
    quote: e.provenance?.quote ?? null,
    document: e.provenance?.doc ?? null,
  };
}

type Facts = Record<(typeof GRAPH_COLUMNS)[number][0], Value | string[]>;

function graphFacts(g: ExportableGraph): Facts {
  const r = g.request;
  return {
    seeds: r?.seeds ?? null,
    hops: r?.hops ?? null,
    relations: r?.relations ?? null,
    year: r?.year ?? null,
    from: r?.from ?? null,
    to: r?.to ?? null,
    perNodeLimit: r?.perNodeLimit ?? null,
    perNodeOffset: r?.perNodeOffset ?? null,
    layoutSeed: g.seed,
    truncated: g.truncated,
    omittedNodes: g.omittedNodes,
    omittedEdges: g.omittedEdges,
    unreadRelationships: g.unreadRelationships,
    dataset: g.dataset ?? null,
  };
}

const compact = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as T;

/** A value as XML or CSV text: lists comma-separated. */
const text = (v: Value | string[]): string => (Array.isArray(v) ? v.join(',') : String(v));

/** The graph's facts as text, missing ones left out. */
function graphFactsText(g: ExportableGraph): Array<[name: string, value: string]> {
  return Object.entries(graphFacts(g))
    .filter(([, v]) => v !== null)
    .map(([k, v]) => [k, text(v)]);
}

export function toCytoscape(g: ExportableGraph): unknown {
  return {
    data: compact(graphFacts(g)),
    elements: {
      nodes: g.nodes.map((n) => ({ data: compact({ id: n.id, ...nodeRow(n) }), position: { x: n.x, y: n.y } })),
      edges: g.edges.map((e) => ({ data: compact({ id: e.id, source: e.source, target: e.target, ...edgeRow(e) }) })),
    },
  };
}

export function toGraphologyGraph(g: ExportableGraph): MultiDirectedGraph {
  const graph = new MultiDirectedGraph();
  graph.replaceAttributes(compact(graphFacts(g)));
  for (const n of g.nodes) graph.addNode(n.id, compact(nodeRow(n)));
  for (const e of g.edges) graph.addEdgeWithKey(e.id, e.source, e.target, compact(edgeRow(e)));
  return graph;
}

export function toGraphology(g: ExportableGraph): unknown {
  return toGraphologyGraph(g).export();
}

/** The span an edge stands for on a timeline: a pairing's years in force, an event's dates. */
export function edgeSpell(e: VisualEdge): { start?: string; end?: string } {
  if (e.type === 'PAIRING') {
    return { ...(e.fromYear ? { start: `${e.fromYear}-01-01` } : {}), ...(e.toYear ? { end: `${e.toYear}-12-31` } : {}) };
  }
  const start = e.dateStart ?? (e.year ? String(e.year) : null);
  if (!start) return {};
  return { start: earliest(start).padEnd(10, '-01').slice(0, 10), end: latest(e.dateEnd ?? start) };
}

// An attribute whose text is "true" is written out, never shortened to a bare name (`value`
// alone is not XML); `<edges/>` stays when a graph has none, as GEXF requires it.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressBooleanAttributes: false,
  suppressEmptyNode: true,
});

/** The values of a row that are present, as GEXF attvalues. */
function attvalues(row: Row, columns: Columns) {
  return columns.filter(([k]) => row[k] !== null).map(([k]) => ({ '@_for': k, '@_value': text(row[k]) }));
}

const declared = (kind: 'node' | 'edge', columns: Columns) => ({
  '@_class': kind,
  '@_mode': 'static',
  attribute: columns.map(([k, t]) => ({ '@_id': k, '@_title': k, '@_type': t })),
});

/**
 * GEXF 1.3 keeps graph-level facts to its `<meta>`: the description lists them as
 * `name=value; name=value`, the date is the day the file was written.
 */
function gexfMeta(g: ExportableGraph) {
  return {
    '@_lastmodifieddate': new Date().toISOString().slice(0, 10),
    creator: 'pairing-graph',
    description: graphFactsText(g)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
  };
}

/**
 * Positions and sizes are written as the official GEXF 1.3 schema declares them, in the GEXF
 * namespace (its viz.xsd has no namespace of its own); Gephi and graphology read them by name.
 */
function gexfNode(n: AnalysedNode, columns: Columns) {
  return {
    '@_id': n.id,
    '@_label': n.label,
    attvalues: { attvalue: attvalues(nodeRow(n), columns) },
    position: { '@_x': n.x, '@_y': n.y, '@_z': 0 },
    size: { '@_value': n.size },
  };
}

function gexfEdge(e: VisualEdge, columns: Columns) {
  const spell = edgeSpell(e);
  return {
    '@_id': e.id,
    '@_source': e.source,
    '@_target': e.target,
    ...(e.label !== null ? { '@_label': e.label } : {}),
    ...(spell.start ? { '@_start': spell.start } : {}),
    ...(spell.end ? { '@_end': spell.end } : {}),
    attvalues: { attvalue: attvalues(edgeRow(e), columns) },
  };
}

export function toGexf(g: ExportableGraph): string {
  // The label is the element's own attribute.
  const nodeColumns = NODE_COLUMNS.filter(([k]) => k !== 'label');
  const edgeColumns = EDGE_COLUMNS.filter(([k]) => k !== 'label');
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    gexf: {
      '@_xmlns': 'http://gexf.net/1.3',
      '@_version': '1.3',
      meta: gexfMeta(g),
      graph: {
        '@_defaultedgetype': 'directed',
        '@_mode': 'dynamic',
        '@_timeformat': 'date',
        '@_timerepresentation': 'interval',
        attributes: [declared('node', nodeColumns), declared('edge', edgeColumns)],
        nodes: { '@_count': g.nodes.length, node: g.nodes.map((n) => gexfNode(n, nodeColumns)) },
        edges: { '@_count': g.edges.length, edge: g.edges.map((e) => gexfEdge(e, edgeColumns)) },
      },
    },
  });
}

const GRAPHML_TYPE: Record<ValueType, string> = { string: 'string', integer: 'int', long: 'long', double: 'double', boolean: 'boolean' };

/**
 * An id as GraphML's schema takes it, an XML name token: any other character, and an underscore
 * before an x, written as _xHHHH_ (its UTF-16 code), as .NET's XmlConvert.EncodeNmToken does.
 * Each node and edge also carries its id unchanged, as `datasetId`.
 */
export function graphmlId(id: string): string {
  return id.replace(/[^A-Za-z0-9.:-]|_(?=x)/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

const DATASET_ID = ['datasetId', 'string'] as const;

const graphmlKeys = (domain: 'graph' | 'node' | 'edge', columns: Columns) =>
  columns.map(([k, t]) => ({ '@_id': `${domain[0]}_${k}`, '@_for': domain, '@_attr.name': k, '@_attr.type': GRAPHML_TYPE[t] }));

/** The values of a row that are present, as GraphML data. */
function graphmlData(entries: Array<[string, Value | string[]]>, domain: 'graph' | 'node' | 'edge') {
  return entries.filter(([, v]) => v !== null).map(([k, v]) => ({ '@_key': `${domain[0]}_${k}`, '#text': text(v) }));
}

export function toGraphml(g: ExportableGraph): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    graphml: {
      '@_xmlns': 'http://graphml.graphdrawing.org/xmlns',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
      key: [
        ...graphmlKeys('graph', GRAPH_COLUMNS),
        ...graphmlKeys('node', [DATASET_ID, ...NODE_COLUMNS]),
        ...graphmlKeys('edge', [DATASET_ID, ...EDGE_COLUMNS]),
      ],
      graph: {
        '@_id': 'G',
        '@_edgedefault': 'directed',
        data: graphmlData(Object.entries(graphFacts(g)), 'graph'),
        node: g.nodes.map((n) => ({
          '@_id': graphmlId(n.id),
          data: graphmlData([['datasetId', n.id], ...Object.entries(nodeRow(n))], 'node'),
        })),
        edge: g.edges.map((e) => ({
          '@_id': graphmlId(e.id),
          '@_source': graphmlId(e.source),
          '@_target': graphmlId(e.target),
          data: graphmlData([['datasetId', e.id], ...Object.entries(edgeRow(e))], 'edge'),
        })),
      },
    },
  });
}

/**
 * A table for spreadsheets: a header row, one row per node or edge, a missing value left empty.
 * The byte-order mark tells Excel the file is UTF-8; a text cell that would start a formula is
 * quoted with an apostrophe.
 */
function csvTable(rows: Row[], columns: string[]): string {
  return stringify(rows, {
    header: true,
    columns,
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { boolean: (v) => String(v) },
  });
}

export function toNodesCsv(g: ExportableGraph): string {
  const rows = g.nodes.map((n) => ({ id: n.id, ...nodeRow(n) }));
  return csvTable(rows, ['id', ...NODE_COLUMNS.map(([k]) => k)]);
}

export function toEdgesCsv(g: ExportableGraph): string {
  const rows = g.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, ...edgeRow(e) }));
  return csvTable(rows, ['id', 'source', 'target', ...EDGE_COLUMNS.map(([k]) => k)]);
}

export function exportGraph(g: ExportableGraph, format: ExportFormat): string {
  switch (format) {
    case 'cytoscape':
      return JSON.stringify(toCytoscape(g));
    case 'graphology':
      return JSON.stringify(toGraphology(g));
    case 'gexf':
      return toGexf(g);
    case 'graphml':
      return toGraphml(g);
    case 'nodes.csv':
      return toNodesCsv(g);
    case 'edges.csv':
      return toEdgesCsv(g);
  }
}
