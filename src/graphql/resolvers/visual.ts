/** Drawable subgraphs and their exports. */
import type { Resolvers } from '../../generated/graphql.js';
import { drawSubgraph, exportSubgraph } from '../draw.js';
import { requestBudget } from '../context.js';
import { nodeOf } from './common.js';
import type { ExportFormat } from '../../queries/export-formats.js';

export const visualResolvers: Resolvers = {
  Query: {
    subgraph: (_r, { input }, ctx) => drawSubgraph(ctx.loaders, ctx.services, input, requestBudget(ctx)),
  },
  Subgraph: {
    layoutSeed: (g) => g.seed,
    export: (g, { format }, ctx) => exportSubgraph(ctx.services, g, format.toLowerCase() as ExportFormat, requestBudget(ctx)),
  },
  SubgraphNode: {
    node: (n, _a, ctx) => nodeOf(ctx, n.id) as never,
  },
  SubgraphEdge: {
    provenance: (e) => e.provenance,
  },
};
