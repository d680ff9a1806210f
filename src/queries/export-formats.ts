/**
 * A drawable subgraph in the formats visualisation tools read: Cytoscape.js elements JSON,
 * graphology's serialisation (sigma.js), GEXF 1.3 with dated edges (Gephi's timeline) and GraphML.
 * XML is written with fast-xml-parser's builder, so escaping is never hand-rolled.
 */
import { MultiDirectedGraph } from 'graphology';
import { XMLBuilder } from 'fast-xml-parser';
import type { AnalysedGraph, AnalysedNode } from './graph-analysis.js';
import type { VisualEdge } from './subgraph.js';
import { earliest, latest } from './dates.js';

export const EXPORT_FORMATS = {
  cytoscape: { mime: 'application/json', extension: 'cyjs.json' },
  graphology: { mime: 'application/json', extension: 'graphology.json' },
  gexf: { mime: 'application/gexf+xml', extension: 'gexf' },
  graphml: { mime: 'application/graphml+xml', extension: 'graphml' },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** The attributes every format carries, flat and JSON-safe (amounts as exact strings). */
function nodeData(n: AnalysedNode): Record<string, string | number | null> {
  return {
    label: n.label,
    type: n.type,
    kind: n.kind,
    level: n.level,
    code: n.code,
    community: n.community,
    degree: n.degree,
    pagerank: n.pagerank,
    yuanReceived: String(n.yuanReceived),
    yuanGiven: String(n.yuanGiven),
    size: n.size,
  };
}

function edgeData(e: VisualEdge): Record<string, string | number | boolean | null> {
  return {
    label: e.label,
    type: e.type,
    eventId: e.eventId,
    yuan: e.yuan === null ? null : String(e.yuan),
    shared: e.shared,
    year: e.year,
    dateStart: e.dateStart,
    dateEnd: e.dateEnd,
    fromYear: e.fromYear,
    toYear: e.toYear,
    level: e.level,
    status: e.status,
    quote: e.provenance?.quote ?? null,
    document: e.provenance?.doc ?? null,
  };
}

const compact = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as T;

export function toCytoscape(g: AnalysedGraph): unknown {
  return {
    elements: {
      nodes: g.nodes.map((n) => ({ data: compact({ id: n.id, ...nodeData(n) }), position: { x: n.x, y: n.y } })),
      edges: g.edges.map((e) => ({ data: compact({ id: e.id, source: e.source, target: e.target, ...edgeData(e) }) })),
    },
    data: {
      truncated: g.truncated,
      omittedEdges: g.omittedEdges,
      omittedNodes: g.omittedNodes,
      unreadRelationships: g.unreadRelationships,
      seed: g.seed,
    },
  };
}

export function toGraphologyGraph(g: AnalysedGraph): MultiDirectedGraph {
  const graph = new MultiDirectedGraph();
  graph.replaceAttributes({
    truncated: g.truncated,
    omittedEdges: g.omittedEdges,
    omittedNodes: g.omittedNodes,
    unreadRelationships: g.unreadRelationships,
    seed: g.seed,
  });
  for (const n of g.nodes) graph.addNode(n.id, compact({ ...nodeData(n), x: n.x, y: n.y }));
  for (const e of g.edges) graph.addEdgeWithKey(e.id, e.source, e.target, compact(edgeData(e)));
  return graph;
}

export function toGraphology(g: AnalysedGraph): unknown {
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

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

type AttrType = 'string' | 'integer' | 'double' | 'boolean';

function attributeTypes(rows: Array<Record<string, unknown>>): Array<[string, AttrType]> {
  const keys = new Map<string, AttrType>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      if (v === null || keys.get(k) === 'string') continue;
      const t: AttrType =
        typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'double') : 'string';
      keys.set(k, keys.has(k) && keys.get(k) !== t ? (t === 'double' || keys.get(k) === 'double' ? 'double' : 'string') : t);
    }
  }
  return [...keys];
}

export function toGexf(g: AnalysedGraph): string {
  const nodeRows = g.nodes.map(nodeData);
  const edgeRows = g.edges.map(edgeData);
  const nodeAttrs = attributeTypes(nodeRows).filter(([k]) => k !== 'label');
  const edgeAttrs = attributeTypes(edgeRows).filter(([k]) => k !== 'label');
  const values = (row: Record<string, unknown>, attrs: Array<[string, AttrType]>) =>
    attrs.filter(([k]) => row[k] !== null && row[k] !== undefined).map(([k]) => ({ '@_for': k, '@_value': String(row[k]) }));
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    gexf: {
      '@_xmlns': 'http://gexf.net/1.3',
      '@_xmlns:viz': 'http://gexf.net/1.3/viz',
      '@_version': '1.3',
      meta: { creator: 'pairing-graph', description: 'East–West pairing-off cooperation subgraph' },
      graph: {
        '@_defaultedgetype': 'directed',
        '@_mode': 'dynamic',
        '@_timeformat': 'date',
        '@_timerepresentation': 'interval',
        attributes: [
          { '@_class': 'node', '@_mode': 'static', attribute: nodeAttrs.map(([k, t]) => ({ '@_id': k, '@_title': k, '@_type': t })) },
          { '@_class': 'edge', '@_mode': 'static', attribute: edgeAttrs.map(([k, t]) => ({ '@_id': k, '@_title': k, '@_type': t })) },
        ],
        nodes: {
          node: g.nodes.map((n, i) => ({
            '@_id': n.id,
            '@_label': n.label,
            attvalues: { attvalue: values(nodeRows[i], nodeAttrs) },
            'viz:position': { '@_x': n.x, '@_y': n.y, '@_z': 0 },
            'viz:size': { '@_value': n.size },
          })),
        },
        edges: {
          edge: g.edges.map((e, i) => {
            const spell = edgeSpell(e);
            return {
              '@_id': e.id,
              '@_source': e.source,
              '@_target': e.target,
              '@_label': e.label,
              ...(spell.start ? { '@_start': spell.start } : {}),
              ...(spell.end ? { '@_end': spell.end } : {}),
              attvalues: { attvalue: values(edgeRows[i], edgeAttrs) },
            };
          }),
        },
      },
    },
  };
  return builder.build(doc);
}

export function toGraphml(g: AnalysedGraph): string {
  const nodeRows = g.nodes.map((n) => ({ ...nodeData(n), x: n.x, y: n.y }));
  const edgeRows = g.edges.map(edgeData);
  const graphmlType = (t: AttrType) => (t === 'integer' ? 'long' : t);
  const nodeKeys = attributeTypes(nodeRows);
  const edgeKeys = attributeTypes(edgeRows);
  const data = (row: Record<string, unknown>, keys: Array<[string, AttrType]>, prefix: string) =>
    keys.filter(([k]) => row[k] !== null && row[k] !== undefined).map(([k]) => ({ '@_key': `${prefix}_${k}`, '#text': String(row[k]) }));
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    graphml: {
      '@_xmlns': 'http://graphml.graphdrawing.org/xmlns',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
      key: [
        ...nodeKeys.map(([k, t]) => ({ '@_id': `n_${k}`, '@_for': 'node', '@_attr.name': k, '@_attr.type': graphmlType(t) })),
        ...edgeKeys.map(([k, t]) => ({ '@_id': `e_${k}`, '@_for': 'edge', '@_attr.name': k, '@_attr.type': graphmlType(t) })),
      ],
      graph: {
        '@_id': 'G',
        '@_edgedefault': 'directed',
        node: g.nodes.map((n, i) => ({ '@_id': n.id, data: data(nodeRows[i], nodeKeys, 'n') })),
        edge: g.edges.map((e, i) => ({ '@_id': e.id, '@_source': e.source, '@_target': e.target, data: data(edgeRows[i], edgeKeys, 'e') })),
      },
    },
  };
  return builder.build(doc);
}

export function exportGraph(g: AnalysedGraph, format: ExportFormat): string {
  switch (format) {
    case 'cytoscape':
      return JSON.stringify(toCytoscape(g));
    case 'graphology':
      return JSON.stringify(toGraphology(g));
    case 'gexf':
      return toGexf(g);
    case 'graphml':
      return toGraphml(g);
  }
}
