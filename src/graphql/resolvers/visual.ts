/** Drawable subgraphs and their exports. */
import type { ExportFormat as ExportFormatValue, Resolvers } from '../../generated/graphql.js';
import { drawSubgraph, exportSubgraph } from '../draw.js';
import { requestBudget, type ApiContext } from '../context.js';
import type { ExportFormat } from '../../queries/export-formats.js';
import { edgeDetails, needsDetails, type VisualEdge } from '../../queries/subgraph.js';
import { selects } from '../selection.js';

/** The schema's export formats as the writers name them. */
const EXPORT_FORMAT: Record<ExportFormatValue, ExportFormat> = {
  CYTOSCAPE: 'cytoscape',
  GRAPHOLOGY: 'graphology',
  GEXF: 'gexf',
  GRAPHML: 'graphml',
  NODES_CSV: 'nodes.csv',
  EDGES_CSV: 'edges.csv',
};

/** Fields that need communities and PageRank worked out: the measures themselves, and files (which carry them). */
const MEASURED = new Set(['community', 'pagerank', 'export']);

/** An edge's label and quote, reading its event's node only when they live there. */
async function details(e: VisualEdge, ctx: ApiContext) {
  return edgeDetails(e, needsDetails(e) && e.eventId ? await ctx.graph.node(e.eventId) : null);
}

export const visualResolvers: Resolvers = {
  Query: {
    subgraph: (_r, { input }, ctx, info) => drawSubgraph(ctx.services, input, requestBudget(ctx), selects(info, MEASURED)),
  },
  Subgraph: {
    layoutSeed: (g) => g.seed,
    export: (g, { format }, ctx) => exportSubgraph(ctx, g, EXPORT_FORMAT[format], requestBudget(ctx)),
  },
  SubgraphNode: {
    node: async (n, _a, ctx) => (await ctx.graph.node(n.id))!,
  },
  SubgraphEdge: {
    label: async (e, _a, ctx) => (await details(e, ctx)).label,
    provenance: async (e, _a, ctx) => (await details(e, ctx)).provenance,
  },
};
