/** Drawable subgraphs, their layout and measures, and every export format parsed back. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { MultiDirectedGraph } from 'graphology';
import cytoscape from 'cytoscape';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ds, texts } from '../helpers/dataset.js';
import { defaultLayoutIterations } from '../../src/queries/graph-analysis.js';

const QINGCHUAN = 'gb:510822@201210';
const ZHEJIANG = 'gb:330000@201210';

describe('subgraphs and exports', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.app.close());

  const subgraph = async (input: Record<string, unknown>, extra = '') => {
    const r = await server.gql(
      `query($input: SubgraphInput!) { subgraph(input: $input) {
      truncated omittedEdges omittedNodes layoutSeed
      nodes { id type label x y size community degree pagerank yuanReceived yuanGiven }
      edges { id source target type label eventId yuan shared year dateStart fromYear toYear level status provenance { quote start end document { id } } }
      ${extra} } }`,
      { input },
    );
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    return r.body.data.subgraph;
  };

  it('draws a neighbourhood whose every edge is a fact of the dataset, with its quote', async () => {
    const g = await subgraph({ seeds: [ZHEJIANG], hops: 1, perNodeLimit: 100 });
    const ids = new Set(g.nodes.map((n: any) => n.id));
    expect(ids.has(ZHEJIANG)).toBe(true);
    for (const e of g.edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      if (e.type === 'DONATION') {
        const d = ds.donation.find((x) => x.id === e.eventId)!;
        expect(d.donorIds).toContain(e.source);
        expect([...d.recipientIds, d.projectId]).toContain(e.target);
        expect(e.yuan).toBe(d.amount ? String(d.amount.yuan) : null);
      }
      if (e.type === 'PAIRING') {
        const p = ds.pairing.find((x) => x.id === e.eventId)!;
        expect([p.supporterId, p.supportedId]).toEqual([e.source, e.target]);
      }
      if (e.provenance) expect(texts.get(e.provenance.document.id)!.slice(e.provenance.start, e.provenance.end)).toBe(e.provenance.quote);
    }
    // Every pairing Zhejiang is a side of is drawn.
    const pairings = ds.pairing.filter((p) => p.supporterId === ZHEJIANG || p.supportedId === ZHEJIANG);
    expect(g.edges.filter((e: any) => e.type === 'PAIRING').length).toBe(pairings.length);
  });

  it("sums each node's money once: a joint donation once for each of its ends, shares of stated totals and restatements not again", async () => {
    const g = await subgraph({ seeds: ['gb:510822@201210', 'gb:330000@201210'], relations: ['DONATION'], perNodeLimit: 100 });
    const drawn = new Set(g.edges.filter((e: any) => e.type === 'DONATION').map((e: any) => e.eventId));
    const counted = ds.donation.filter((d) => drawn.has(d.id) && !d.partOfId && !d.restatesId);
    // The dataset draws shares and restatements here: the test has something to leave out.
    expect(counted.length).toBeLessThan(drawn.size);
    // A node's money: the counted donations drawn into (out of) it, each once however many edges it draws.
    const sum = (ids: Set<string>) => counted.filter((d) => ids.has(d.id)).reduce((s, d) => s + (d.amount?.yuan ?? 0), 0);
    const events = (end: 'source' | 'target', id: string) =>
      new Set<string>(g.edges.filter((e: any) => e.type === 'DONATION' && e[end] === id).map((e: any) => e.eventId as string));
    for (const n of g.nodes) {
      expect(Number(n.yuanReceived), n.id).toBe(sum(events('target', n.id)));
      expect(Number(n.yuanGiven), n.id).toBe(sum(events('source', n.id)));
    }
    // Qingchuan: what the list of its donations received counts, for the donations drawn.
    const qingchuan = g.nodes.find((n: any) => n.id === 'gb:510822@201210');
    const listed = await server.gql('{ place(id: "gb:510822@201210") { donationsReceived(first: 100) { totalYuan nodes { id } } } }');
    const drawnIn = events('target', 'gb:510822@201210');
    for (const d of listed.body.data.place.donationsReceived.nodes) expect(drawnIn.has(d.id)).toBe(true);
    expect(qingchuan.yuanReceived).toBe(listed.body.data.place.donationsReceived.totalYuan);
  });

  it('reads a seed whole but a crowded node beyond it only a few times its limit, and counts the rest as unread', async () => {
    const q = `query($input: SubgraphInput!) { subgraph(input: $input) { truncated unreadRelationships nodes { id } edges { source target } } }`;
    const seed = (await server.gql(q, { input: { seeds: [ZHEJIANG], hops: 1, perNodeLimit: 5 } })).body.data.subgraph;
    expect(seed.unreadRelationships).toBe(0);
    // Zhejiang (147 relationships) as a neighbour of a place it supports: read up to 50 each way.
    const partner = ds.pairing.find((p) => p.supporterId === ZHEJIANG)!.supportedId;
    const far = (await server.gql(q, { input: { seeds: [partner], hops: 2, perNodeLimit: 5 } })).body.data.subgraph;
    expect(far.nodes.some((n: any) => n.id === ZHEJIANG)).toBe(true);
    expect(far.unreadRelationships).toBeGreaterThan(0);
    expect(far.truncated).toBe(true);
    // What is drawn of Zhejiang stays within its limit: at most 5 edges added at the second hop.
    const zhejiangEdges = far.edges.filter((e: any) => e.source === ZHEJIANG || e.target === ZHEJIANG);
    expect(zhejiangEdges.length).toBeLessThanOrEqual(5 + 5);
  });

  it('keeps to the per-node limit, says it did, and pages on with an offset', async () => {
    const full = await subgraph({ seeds: [ZHEJIANG], perNodeLimit: 100 });
    const cut = await subgraph({ seeds: [ZHEJIANG], perNodeLimit: 5 });
    expect(full.truncated).toBe(false);
    expect(cut.truncated).toBe(true);
    expect(cut.edges.length).toBe(5);
    expect(cut.omittedEdges).toBe(full.edges.length - 5);
    const next = await subgraph({ seeds: [ZHEJIANG], perNodeLimit: 5, perNodeOffset: 5 });
    const first = new Set(cut.edges.map((e: any) => e.id));
    expect(next.edges.some((e: any) => first.has(e.id))).toBe(false);
  });

  it('filters by relation and by year', async () => {
    const g = await subgraph({ seeds: [ZHEJIANG], relations: ['DONATION'], year: 2012, perNodeLimit: 100 });
    expect(g.edges.length).toBeGreaterThan(0);
    for (const e of g.edges) {
      expect(e.type).toBe('DONATION');
      expect(e.year).toBe(2012);
    }
  });

  it('lays out deterministically for a seed, differently for another, with communities and measures', async () => {
    const a = await subgraph({ seeds: [QINGCHUAN, ZHEJIANG], hops: 2, layoutSeed: 7 });
    const b = await subgraph({ seeds: [QINGCHUAN, ZHEJIANG], hops: 2, layoutSeed: 7 });
    const c = await subgraph({ seeds: [QINGCHUAN, ZHEJIANG], hops: 2, layoutSeed: 8 });
    expect(a.nodes).toEqual(b.nodes);
    expect(a.nodes.map((n: any) => [n.x, n.y])).not.toEqual(c.nodes.map((n: any) => [n.x, n.y]));
    expect(new Set(a.nodes.map((n: any) => n.community)).size).toBeGreaterThan(1);
    const z = a.nodes.find((n: any) => n.id === ZHEJIANG);
    expect(z.degree).toBe(a.edges.filter((e: any) => e.source === ZHEJIANG || e.target === ZHEJIANG).length);
    // Each donation drawn out of Zhejiang once, shares of stated totals and restatements not again.
    const drawnOut = new Set(a.edges.filter((e: any) => e.type === 'DONATION' && e.source === ZHEJIANG).map((e: any) => e.eventId));
    const given = ds.donation
      .filter((d) => drawnOut.has(d.id) && !d.partOfId && !d.restatesId)
      .reduce((n, d) => n + (d.amount?.yuan ?? 0), 0);
    expect(Number(z.yuanGiven)).toBe(given);
    const ranks = a.nodes.reduce((n: number, x: any) => n + x.pagerank, 0);
    expect(ranks).toBeCloseTo(1, 1);
  });

  it('without layoutIterations, gives a small drawing iterations by its size and a large one none; given, honours them', async () => {
    expect([1, 26, 200, 201, 650].map(defaultLayoutIterations)).toEqual([200, 76, 10, 0, 0]);
    const small = { seeds: [ZHEJIANG], perNodeLimit: 100, layoutSeed: 3 };
    const drawn = await subgraph(small);
    const iterations = defaultLayoutIterations(drawn.nodes.length);
    expect(iterations).toBeGreaterThan(0);
    expect((await subgraph({ ...small, layoutIterations: iterations })).nodes).toEqual(drawn.nodes);
    const xy = (g: any) => g.nodes.map((n: any) => [n.x, n.y]);
    expect(xy(await subgraph({ ...small, layoutIterations: 0 }))).not.toEqual(xy(drawn));
    expect(xy(await subgraph({ ...small, layoutIterations: 200 }))).not.toEqual(xy(drawn));
    const places = await server.gql('{ places(filter: { level: [PROVINCE] }, first: 20) { nodes { id } } }');
    const provinces = places.body.data.places.nodes.map((n: any) => n.id);
    const large = { seeds: provinces, perNodeLimit: 100, layoutSeed: 3 };
    const big = await subgraph(large);
    expect(big.nodes.length).toBeGreaterThan(200);
    expect(big.nodes).toEqual((await subgraph({ ...large, layoutIterations: 0 })).nodes);
  });

  it("lays a drawing out where it is served while the request's allowance lasts, then on the pool, to the same picture", async () => {
    const toPool = vi.spyOn(server.app.services.work as any, 'run');
    try {
      const aliases = Array.from({ length: 12 }, (_, i) => `a${i}: subgraph(input: $input) { nodes { id x y community pagerank } }`);
      const input = { seeds: [ZHEJIANG], perNodeLimit: 100, layoutSeed: 5 };
      const r = await server.gql(`query($input: SubgraphInput!) { ${aliases.join(' ')} }`, { input });
      expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
      const drawings = Object.values(r.body.data!);
      for (const d of drawings) expect(d).toEqual(drawings[0]);
      const pooled = toPool.mock.calls.filter(([t]) => (t as { task: string }).task === 'layout').length;
      expect(pooled).toBeGreaterThan(0);
      expect(pooled).toBeLessThan(drawings.length);
    } finally {
      toPool.mockRestore();
    }
  });

  it('refuses bad requests with BAD_USER_INPUT', async () => {
    for (const input of [{ seeds: [] }, { seeds: [QINGCHUAN], hops: 9 }, { seeds: ['DROP'] }, { seeds: [QINGCHUAN], perNodeLimit: 0 }]) {
      const r = await server.gql(`query($input: SubgraphInput!) { subgraph(input: $input) { truncated } }`, { input });
      expect(r.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    }
  });

  describe('exports, parsed back', () => {
    const input = { seeds: [QINGCHUAN, ZHEJIANG], hops: 1, perNodeLimit: 50 };
    let g: any;
    const files: Record<string, string> = {};
    beforeAll(async () => {
      g = await subgraph(
        input,
        'cytoscape: export(format: CYTOSCAPE) graphology: export(format: GRAPHOLOGY) gexf: export(format: GEXF) graphml: export(format: GRAPHML)',
      );
      Object.assign(files, { cytoscape: g.cytoscape, graphology: g.graphology, gexf: g.gexf, graphml: g.graphml });
    });
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name, _path, _leaf, isAttribute) =>
        !isAttribute && ['node', 'edge', 'attvalue', 'attribute', 'attributes', 'key', 'data'].includes(name),
    });

    it('Cytoscape.js: its own headless core reads the elements', () => {
      const cy = cytoscape({ headless: true, layout: { name: 'preset' }, elements: JSON.parse(files.cytoscape).elements });
      expect(cy.nodes().length).toBe(g.nodes.length);
      expect(cy.edges().length).toBe(g.edges.length);
      expect(cy.getElementById(ZHEJIANG).position()).toEqual({
        x: g.nodes.find((n: any) => n.id === ZHEJIANG).x,
        y: g.nodes.find((n: any) => n.id === ZHEJIANG).y,
      });
    });

    it('graphology: its own import reads the serialisation', () => {
      const graph = new MultiDirectedGraph();
      graph.import(JSON.parse(files.graphology));
      expect(graph.order).toBe(g.nodes.length);
      expect(graph.size).toBe(g.edges.length);
      const pairing = g.edges.find((e: any) => e.type === 'PAIRING');
      expect(graph.getEdgeAttribute(pairing.id, 'quote')).toBe(pairing.provenance.quote);
    });

    it('GEXF 1.3: a dynamic graph with declared attributes, nodes, and dated edges', () => {
      const doc = parser.parse(files.gexf);
      expect(doc.gexf.version).toBe('1.3');
      expect(doc.gexf.xmlns).toBe('http://gexf.net/1.3');
      const graph = doc.gexf.graph;
      expect(graph.mode).toBe('dynamic');
      const declared = new Map(graph.attributes.map((a: any) => [a.class, new Set(a.attribute.map((x: any) => x.id))]));
      const nodes = graph.nodes.node;
      const edges = graph.edges.edge;
      expect(nodes.length).toBe(g.nodes.length);
      expect(edges.length).toBe(g.edges.length);
      const ids = new Set(nodes.map((n: any) => n.id));
      for (const n of nodes) {
        for (const v of n.attvalues.attvalue) expect((declared.get('node') as Set<string>).has(v.for)).toBe(true);
        // Where the official GEXF 1.3 schema declares it: in the GEXF namespace (exports.test.ts validates it).
        expect(Number.isFinite(Number(n.position.x))).toBe(true);
      }
      let dated = 0;
      for (const e of edges) {
        expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
        for (const v of e.attvalues.attvalue) expect((declared.get('edge') as Set<string>).has(v.for)).toBe(true);
        if (e.start) {
          dated++;
          expect(e.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (e.end) expect(e.end >= e.start).toBe(true);
        }
      }
      // Every donation and visit edge is dated for the timeline.
      expect(dated).toBeGreaterThanOrEqual(g.edges.filter((e: any) => e.type === 'DONATION' || e.type === 'VISIT').length);
    });

    it('GraphML: keys declared for every value, nodes and edges complete', () => {
      const doc = parser.parse(files.graphml);
      const keys = new Map(doc.graphml.key.map((k: any) => [k.id, k]));
      const graph = doc.graphml.graph;
      expect(graph.edgedefault).toBe('directed');
      expect(graph.node.length).toBe(g.nodes.length);
      expect(graph.edge.length).toBe(g.edges.length);
      for (const n of graph.node) for (const d of n.data ?? []) expect((keys.get(d.key) as any)?.for).toBe('node');
      for (const e of graph.edge) for (const d of e.data ?? []) expect((keys.get(d.key) as any)?.for).toBe('edge');
    });

    it('downloads the same graph over plain HTTP, as an attachment, recording the request that drew it', async () => {
      const q = new URLSearchParams({ seeds: input.seeds.join(','), hops: '1', perNodeLimit: '50' });
      // The files differ only in what they say about themselves: a download knows its request.
      const graphOf = {
        cytoscape: (f: string) => JSON.parse(f).elements,
        graphology: (f: string) => ({ nodes: JSON.parse(f).nodes, edges: JSON.parse(f).edges }),
        gexf: (f: string) => parser.parse(f).gexf.graph,
        graphml: (f: string) => ({ node: parser.parse(f).graphml.graph.node, edge: parser.parse(f).graphml.graph.edge }),
      };
      for (const format of ['cytoscape', 'graphology', 'gexf', 'graphml'] as const) {
        const res = await fetch(`${server.app.url}/export/${format}?${q}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pairing-graph\./);
        const file = await res.text();
        expect(graphOf[format](file)).toEqual(graphOf[format](files[format]));
        if (format === 'cytoscape') {
          expect(JSON.parse(file).data).toMatchObject({ seeds: input.seeds, hops: 1, perNodeLimit: 50, truncated: g.truncated });
          expect(JSON.parse(files[format]).data).toMatchObject({ truncated: g.truncated, omittedNodes: g.omittedNodes });
        }
      }
      const bad = await fetch(`${server.app.url}/export/gexf?seeds=DROP`);
      expect(bad.status).toBe(400);
      expect((await bad.json()).code).toBe('BAD_USER_INPUT');
      expect((await fetch(`${server.app.url}/export/pdf?seeds=${QINGCHUAN}`)).status).toBe(404);
    });
  });
});
