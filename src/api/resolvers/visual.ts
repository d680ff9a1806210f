/** Drawable subgraphs and their exports. */
import type { Resolvers } from '../../generated/graphql.js';
import { drawSubgraph } from '../draw.js';
import { nodeOf } from './common.js';
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
    node: (n, _a, ctx) => nodeOf(ctx, n.id) as never,
  },
  SubgraphEdge: {
    provenance: (e) => e.provenance,
  },
};
