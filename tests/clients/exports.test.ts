/**
 * Every export read back the way its users read it: GEXF and GraphML checked against the official
 * schemas by xmllint, loaded by networkx, and the CSV pair parsed by csv-parse and matched against
 * the GEXF of the same request.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ds } from '../helpers/dataset.js';

const ZHEJIANG = 'gb:330000@201210';
const XSD = fileURLToPath(new URL('../fixtures/xsd/', import.meta.url));
const GEXF_XSD = 'gexf-1.3/gexf.xsd';
const GRAPHML_XSD = 'graphml-1.0/graphml.xsd';

/** Zhejiang's whole neighbourhood (joint donations among it), and the same cut by the default limit of 25 edges a node. */
const WHOLE = { seeds: ZHEJIANG, perNodeLimit: '100' };
const CUT = { seeds: ZHEJIANG };

/** xmllint's verdict, offline: the catalog serves the schemas' web addresses from tests/fixtures/xsd. */
function xmllint(schema: string, file: string): { status: number | null; output: string } {
  const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', join(XSD, schema), file], {
    encoding: 'utf8',
    env: { ...process.env, XML_CATALOG_FILES: join(XSD, 'catalog.xml') },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/**
 * networkx's reading of a file: every attribute with the Python type it was read as. Debian's
 * networkx (2.8) knows GEXF up to 1.2draft; 1.3 differs only in its namespaces, registered here
 * as networkx itself does from 3.6 on.
 */
const NETWORKX = `
import json, sys
import networkx as nx
from networkx.readwrite.gexf import GEXF
GEXF.versions.setdefault("1.3", {"NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz",
  "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance", "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "VERSION": "1.3"})
G = nx.read_gexf(sys.argv[2]) if sys.argv[1] == "gexf" else nx.read_graphml(sys.argv[2])
typed = lambda d: {k: [v, type(v).__name__] for k, v in d.items() if not isinstance(v, dict)}
edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
print(json.dumps({"directed": G.is_directed(), "graph": typed(G.graph),
  "nodes": {n: typed(d) for n, d in G.nodes(data=True)},
  "edges": [{"source": u, "target": v, "key": k, "data": typed(d)} for u, v, k, d in edges]}))
`;

type Typed = Record<string, [unknown, string]>;
interface NetworkxGraph {
  directed: boolean;
  graph: Typed;
  nodes: Record<string, Typed>;
  edges: Array<{ source: string; target: string; key: string | null; data: Typed }>;
}

function networkx(format: 'gexf' | 'graphml', file: string): NetworkxGraph {
  const r = spawnSync('/usr/bin/python3', ['-c', NETWORKX, format, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as NetworkxGraph;
}

/** The GraphML form of an id: characters outside an XML name token written as _xHHHH_. */
const graphmlId = (id: string) =>
  id.replace(/[^A-Za-z0-9.:-]|_(?=x)/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);

describe('exports read back by strict validators and real consumers', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = mkdtempSync(join(tmpdir(), 'pairing-graph-exports-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server?.app.close();
  });

  const download = async (format: string, query: Record<string, string>) => {
    const res = await fetch(`${server.app.url}/export/${format}?${new URLSearchParams(query)}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return { text: await res.text(), type: res.headers.get('content-type') };
  };
  const saved = async (format: 'gexf' | 'graphml', query: Record<string, string>, name: string) => {
    const file = join(dir, `${name}.${format}`);
    writeFileSync(file, (await download(format, query)).text);
    return file;
  };
  const drawn = async (input: Record<string, unknown>) => {
    const r = await server.gql(
      `query($input: SubgraphInput!) { subgraph(input: $input) { truncated omittedNodes omittedEdges nodes { id } edges { id type eventId yuan shared } } }`,
      { input },
    );
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    return r.body.data.subgraph;
  };

  it('GEXF is valid against the official GEXF 1.3 schema, joint donations included', async () => {
    const whole = await drawn({ seeds: [ZHEJIANG], perNodeLimit: 100 });
    expect(whole.edges.some((e: any) => e.type === 'DONATION' && e.shared)).toBe(true);
    for (const [name, query] of Object.entries({ whole: WHOLE, cut: CUT })) {
      const verdict = xmllint(GEXF_XSD, await saved('gexf', query, name));
      expect(verdict.output).toMatch(/ validates$/m);
      expect(verdict.status).toBe(0);
    }
  });

  it('GraphML is valid against the official GraphML schema', async () => {
    for (const [name, query] of Object.entries({ whole: WHOLE, cut: CUT })) {
      const verdict = xmllint(GRAPHML_XSD, await saved('graphml', query, name));
      expect(verdict.output).toMatch(/ validates$/m);
      expect(verdict.status).toBe(0);
    }
  });

  it('the schemas refuse what the exports used to write: a bare attribute name, an id that is no XML name token', async () => {
    const gexf = (await download('gexf', WHOLE)).text;
    expect(gexf).toContain('<attvalue for="shared" value="true"/>');
    const bare = join(dir, 'bare.gexf');
    writeFileSync(bare, gexf.replace('<attvalue for="shared" value="true"/>', '<attvalue for="shared" value/>'));
    expect(xmllint(GEXF_XSD, bare).output).toMatch(/Specification mandates value for attribute value/);
    const graphml = (await download('graphml', WHOLE)).text;
    const raw = join(dir, 'raw-ids.graphml');
    writeFileSync(raw, graphml.replaceAll(graphmlId(ZHEJIANG), ZHEJIANG));
    const verdict = xmllint(GRAPHML_XSD, raw);
    expect(verdict.status).not.toBe(0);
    expect(verdict.output).toContain(`'${ZHEJIANG}' is not a valid value of the atomic type 'xs:NMTOKEN'`);
  });

  it('networkx reads the GEXF with amounts, years and measures as numbers, and leaves missing values out', async () => {
    const whole = await drawn({ seeds: [ZHEJIANG], perNodeLimit: 100 });
    const g = networkx('gexf', await saved('gexf', WHOLE, 'whole'));
    expect(g.directed).toBe(true);
    expect(Object.keys(g.nodes).sort()).toEqual(whole.nodes.map((n: any) => n.id).sort());
    expect(g.edges.length).toBe(whole.edges.length);
    for (const n of Object.values(g.nodes)) {
      expect(n.degree[1]).toBe('int');
      expect(n.pagerank[1]).toBe('float');
      expect(n.yuanGiven[1]).toBe('int');
      expect(n.yuanReceived[1]).toBe('int');
    }
    const amounts = new Map(ds.donation.map((d) => [d.id, d.amount?.yuan ?? null]));
    const donations = g.edges.filter((e) => e.data.type[0] === 'DONATION');
    expect(donations.length).toBeGreaterThan(0);
    for (const e of donations) {
      const yuan = amounts.get(e.data.eventId[0] as string);
      if (yuan === null) expect(e.data.yuan).toBeUndefined();
      else expect(e.data.yuan).toEqual([yuan, 'int']);
      expect(e.data.shared[1]).toBe('bool');
      if (e.data.year) expect(e.data.year[1]).toBe('int');
    }
    expect(donations.some((e) => e.data.shared[0] === true)).toBe(true);
  });

  it('keeps an amount beyond 32 bits a whole number', async () => {
    const largest = ds.donation.reduce((a, b) => ((b.amount?.yuan ?? 0) > (a.amount?.yuan ?? 0) ? b : a));
    expect(largest.amount!.yuan).toBeGreaterThan(2 ** 31);
    const query = { seeds: largest.donorIds.join(','), relations: 'DONATION', perNodeLimit: '100' };
    const g = networkx('gexf', await saved('gexf', query, 'largest'));
    const edges = g.edges.filter((e) => e.data.eventId[0] === largest.id);
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) expect(e.data.yuan).toEqual([largest.amount!.yuan, 'int']);
    for (const donor of largest.donorIds) expect(g.nodes[donor].yuanGiven[1]).toBe('int');
  });

  it('networkx reads the GraphML with typed values and the graph-level record of the request', async () => {
    const cut = await drawn({ seeds: [ZHEJIANG] });
    const g = networkx('graphml', await saved('graphml', CUT, 'cut'));
    // Ids are XML name tokens there, each node and edge keeping its own id as datasetId.
    expect(Object.keys(g.nodes).sort()).toEqual(cut.nodes.map((n: any) => graphmlId(n.id)).sort());
    for (const [id, n] of Object.entries(g.nodes)) expect(graphmlId(n.datasetId[0] as string)).toBe(id);
    expect(g.edges.map((e) => e.data.datasetId[0]).sort()).toEqual(cut.edges.map((e: any) => e.id).sort());
    for (const n of Object.values(g.nodes)) {
      expect(n.degree[1]).toBe('int');
      expect(n.pagerank[1]).toBe('float');
      expect(n.x[1]).toBe('float');
    }
    for (const e of g.edges) if (e.data.yuan) expect(e.data.yuan[1]).toBe('int');
    const info = await server.app.services.store.datasetInfo();
    expect(g.graph).toMatchObject({
      seeds: [ZHEJIANG, 'str'],
      hops: [1, 'int'],
      perNodeLimit: [25, 'int'],
      perNodeOffset: [0, 'int'],
      truncated: [true, 'bool'],
      omittedNodes: [cut.omittedNodes, 'int'],
      omittedEdges: [cut.omittedEdges, 'int'],
      dataset: [info!.checksum, 'str'],
    });
    expect(g.graph.relations).toBeUndefined();
  });

  it('every format says what request drew it, whether the limit cut it and by how much, and from which dataset', async () => {
    const cut = await drawn({ seeds: [ZHEJIANG] });
    expect(cut.truncated).toBe(true);
    expect(cut.omittedNodes).toBeGreaterThan(0);
    const info = await server.app.services.store.datasetInfo();
    const expected = {
      seeds: [ZHEJIANG],
      hops: 1,
      perNodeLimit: 25,
      truncated: true,
      omittedNodes: cut.omittedNodes,
      omittedEdges: cut.omittedEdges,
      dataset: info!.checksum,
    };
    const cytoscape = JSON.parse((await download('cytoscape', CUT)).text);
    expect(cytoscape.data).toMatchObject(expected);
    const graphology = JSON.parse((await download('graphology', CUT)).text);
    expect(graphology.attributes).toMatchObject(expected);
    const gexf = (await download('gexf', CUT)).text;
    const meta = /<meta lastmodifieddate="(\d{4}-\d{2}-\d{2})">[\s\S]*<description>([^<]*)<\/description>/.exec(gexf);
    expect(meta).not.toBeNull();
    const described = Object.fromEntries(meta![2].split('; ').map((kv) => kv.split('=') as [string, string]));
    expect(described).toMatchObject({
      seeds: ZHEJIANG,
      hops: '1',
      perNodeLimit: '25',
      truncated: 'true',
      omittedNodes: String(cut.omittedNodes),
      omittedEdges: String(cut.omittedEdges),
      dataset: info!.checksum,
    });
    // Through GraphQL the files say the same, and the CSV pair is there too.
    const r = await server.gql(
      `query($input: SubgraphInput!) { subgraph(input: $input) { cyto: export(format: CYTOSCAPE) nodes: export(format: NODES_CSV) edges: export(format: EDGES_CSV) } }`,
      { input: { seeds: [ZHEJIANG] } },
    );
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    expect(JSON.parse(r.body.data.subgraph.cyto).data).toMatchObject(expected);
    // The file as downloaded, byte-order mark included (fetch's text() drops it).
    for (const which of ['nodes', 'edges'] as const) {
      const file = r.body.data.subgraph[which] as string;
      expect(file.startsWith('\ufeff')).toBe(true);
      expect(file.slice(1)).toBe((await download(`${which}.csv`, CUT)).text);
    }
  });

  it('writes the nodes and edges as a pair of CSV files that match the GEXF of the same request', async () => {
    const g = networkx('gexf', await saved('gexf', WHOLE, 'whole'));
    const nodesCsv = await download('nodes.csv', WHOLE);
    const edgesCsv = await download('edges.csv', WHOLE);
    // UTF-8 with a byte-order mark, which spreadsheets take as the sign of UTF-8.
    const bytes = new Uint8Array(await (await fetch(`${server.app.url}/export/nodes.csv?${new URLSearchParams(WHOLE)}`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(nodesCsv.type).toBe('text/csv; charset=utf-8');
    expect(edgesCsv.type).toBe('text/csv; charset=utf-8');
    const nodes = parse(nodesCsv.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    const edges = parse(edgesCsv.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(nodes[0]).slice(0, 3)).toEqual(['id', 'label', 'type']);
    expect(Object.keys(edges[0]).slice(0, 5)).toEqual(['id', 'source', 'target', 'type', 'label']);

    expect(nodes.map((n) => n.id).sort()).toEqual(Object.keys(g.nodes).sort());
    for (const n of nodes) {
      const read = g.nodes[n.id];
      expect(n.label).toBe(read.label[0]);
      expect(n.type).toBe(read.type[0]);
      expect(Number(n.degree)).toBe(read.degree[0]);
      expect(Number(n.yuanGiven)).toBe(read.yuanGiven[0]);
    }
    const byId = new Map(g.edges.map((e) => [e.key, e]));
    expect(edges.length).toBe(g.edges.length);
    for (const e of edges) {
      const read = byId.get(e.id)!;
      expect([e.source, e.target, e.type, e.label]).toEqual([read.source, read.target, read.data.type[0], read.data.label[0]]);
      expect(e.yuan === '' ? undefined : Number(e.yuan)).toBe(read.data.yuan?.[0]);
      expect(e.year === '' ? undefined : Number(e.year)).toBe(read.data.year?.[0]);
      expect(e.shared).toBe(String(read.data.shared[0]));
      expect(e.quote === '' ? undefined : e.quote).toBe(read.data.quote?.[0]);
      expect(e.document === '' ? undefined : e.document).toBe(read.data.document?.[0]);
    }
    // Every pairing carries the quote of the fact behind it.
    const pairings = edges.filter((e) => e.type === 'PAIRING');
    expect(pairings.length).toBeGreaterThan(0);
    for (const p of pairings) expect(p.quote).not.toBe('');
  });
});
