/** Drawable subgraphs and their exports. */
import type { Resolvers } from '../../generated/graphql.js';
import { drawSubgraph } from '../draw.js';
import { exportGraph, type ExportFormat } from '../../clients/exports/formats.js';

export const visualResolvers: Resolvers = {
  Query: {
    subgraph: (_r, { input }, ctx) => drawSubgraph(ctx.loaders, ctx.services, input),
  },
  Subgraph: {
    layoutSeed: (g) => g.seed,
    export: (g, { format }) => exportGraph(g, format.toLowerCase() as ExportFormat),
  },
  SubgraphNode: {
    node: (n, _a, ctx) => ctx.loaders.node.load(n.id),
  },
  SubgraphEdge: {
    provenance: (e) => e.provenance,
  },
};
