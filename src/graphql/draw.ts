/** Checks a subgraph request, expands it, lays it out and exports it: shared by GraphQL and the export downloads. */
import type { SubgraphInput } from '../generated/graphql.js';
import { badInput } from './errors.js';
import { isActorId } from './ids.js';
import { PARTIAL_DATE } from '../dataset/schema.js';
import { defaultLayoutIterations, layoutInput, withLayout } from '../queries/graph-analysis.js';
import type { ApiServices } from './services.js';
import { WorkBudget } from './budget.js';
import { exportRequest, type ExportableGraph, type ExportFormat } from '../queries/export-formats.js';
import { expansionUnits, exportFloorUnits, exportUnits, layoutUnits, subgraphBounds } from '../queries/work-price.js';
import { edgeDetails, expandSubgraph, needsDetails, VISUAL_RELATIONS, type VisualRelation } from '../queries/subgraph.js';
import type { ApiContext } from './context.js';

function intIn(value: number | null | undefined, fallback: number, min: number, max: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw badInput(`${name} must be an integer from ${min} to ${max} (got ${v})`, name);
  return v;
}

/**
 * The laid-out subgraph: its neighbourhood walked on the read model, then laid out on the serving
 * thread when small, on the worker pool otherwise (work-pool.ts). Without `layoutIterations`, the
 * number of ForceAtlas2 iterations follows the graph's size (`defaultLayoutIterations`).
 * `measures`: whether communities and PageRank are shown (they cost more than a small layout).
 */
export function drawSubgraph(services: ApiServices, input: SubgraphInput, budget: WorkBudget, measures = true): Promise<ExportableGraph> {
  if (!input.seeds.length || input.seeds.length > 20) throw badInput(`give 1 to 20 seeds (got ${input.seeds.length})`, 'seeds');
  for (const s of input.seeds)
    if (!isActorId(s))
      throw badInput(`"${String(s).slice(0, 80)}" is not the id of a place, official, organisation, enterprise or project`, 'seeds');
  for (const [name, d] of [
    ['from', input.from],
    ['to', input.to],
  ] as const) {
    if (d != null && !PARTIAL_DATE.test(d)) throw badInput(`${name} must be yyyy, yyyy-mm or yyyy-mm-dd (got "${d}")`, name);
  }
  const relations = input.relations?.length ? (input.relations as VisualRelation[]) : null;
  for (const r of relations ?? []) if (!VISUAL_RELATIONS.includes(r)) throw badInput(`unknown relation ${r}`, 'relations');
  const options = {
    seeds: [...new Set(input.seeds)],
    hops: intIn(input.hops, 1, 1, 3, 'hops'),
    relations,
    year: input.year ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
    perNodeLimit: intIn(input.perNodeLimit, 25, 1, 100, 'perNodeLimit'),
    perNodeOffset: intIn(input.perNodeOffset, 0, 0, 100_000, 'perNodeOffset'),
  };
  const seed = intIn(input.layoutSeed, 1, -2_147_483_648, 2_147_483_647, 'layoutSeed');
  const asked = input.layoutIterations == null ? null : intIn(input.layoutIterations, 0, 0, 1000, 'layoutIterations');
  const model = services.model;
  return services.work.admit(budget, async () => {
    const graph = await expandSubgraph(model, { ...options, documentYears: services.documentYears });
    const [nodes, edges] = [graph.nodes.length, graph.edges.length];
    const iterations = asked ?? defaultLayoutIterations(nodes);
    const units = layoutUnits(nodes, edges, iterations);
    budget.charge(units, `laying out ${nodes} nodes and ${edges} edges over ${iterations} iterations`);
    const laidOut = await services.work.layout(budget, layoutInput(graph, { seed, iterations, seeds: options.seeds, measures }), units);
    // The request that drew it goes with it, for the files made of it to record.
    return { ...withLayout(graph, seed, laidOut), request: exportRequest(input) };
  });
}

/**
 * The budget of a download (GET /export): priced as the same subgraph with one export would be
 * through GraphQL, refused with QUERY_TOO_COSTLY when over the limit.
 */
export function downloadBudget(services: ApiServices, input: SubgraphInput): WorkBudget {
  const bounds = subgraphBounds(input, services.graphSize);
  const budget = new WorkBudget();
  budget.charge(expansionUnits(bounds) + exportFloorUnits(bounds), 'this download');
  return budget;
}

/**
 * A laid-out subgraph as a file, priced on its real size before it is written. A file shows every
 * edge's label and quote: those that live on an event's node are read first, in one batch.
 */
export async function exportSubgraph(ctx: ApiContext, graph: ExportableGraph, format: ExportFormat, budget: WorkBudget): Promise<string> {
  const [nodes, edges] = [graph.nodes.length, graph.edges.length];
  budget.charge(exportUnits(nodes, edges), `a ${format} export of ${nodes} nodes and ${edges} edges`);
  const events = await ctx.graph.nodes(graph.edges.map((e) => (needsDetails(e) && e.eventId ? e.eventId : '')));
  // Every file says which dataset it was drawn from.
  const dataset = graph.dataset !== undefined ? graph.dataset : ((await ctx.services.store.datasetInfo())?.checksum ?? null);
  const complete = { ...graph, dataset, edges: graph.edges.map((e, i) => ({ ...e, ...edgeDetails(e, events[i]) })) };
  return ctx.services.work.admit(budget, () => ctx.services.work.exportFile(complete, format));
}
