/** Checks a subgraph request, expands it and lays it out: shared by GraphQL and the export downloads. */
import type { SubgraphInput } from '../generated/graphql.js';
import { badInput } from './errors.js';
import { isActorId } from './ids.js';
import { PARTIAL_DATE } from '../dataset/schema.js';
import { analyse, type AnalysedGraph } from './graph-analysis.js';
import type { Loaders } from './loaders.js';
import type { ApiServices } from './services.js';
import { expandSubgraph, VISUAL_RELATIONS, type VisualRelation } from './subgraph.js';


function intIn(value: number | null | undefined, fallback: number, min: number, max: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw badInput(`${name} must be an integer from ${min} to ${max} (got ${v})`, name);
  return v;
}

/** The laid-out subgraph; at once, without a promise, when the same request was drawn before. */
export function drawSubgraph(loaders: Loaders, services: ApiServices, input: SubgraphInput): AnalysedGraph | Promise<AnalysedGraph> {
  if (!input.seeds.length || input.seeds.length > 20) throw badInput(`give 1 to 20 seeds (got ${input.seeds.length})`, 'seeds');
  for (const s of input.seeds) if (!isActorId(s)) throw badInput(`"${String(s).slice(0, 80)}" is not the id of a place, official, organisation, enterprise or project`, 'seeds');
  for (const [name, d] of [['from', input.from], ['to', input.to]] as const) {
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
  const layout = {
    seed: intIn(input.layoutSeed, 1, -2_147_483_648, 2_147_483_647, 'layoutSeed'),
    iterations: intIn(input.layoutIterations, 200, 0, 1000, 'layoutIterations'),
  };
  // The same request draws the same picture (the layout is seeded): computed once per dataset.
  return services.memoNow(`subgraph ${JSON.stringify([options, layout])}`, async () =>
    analyse(await expandSubgraph(loaders, { ...options, documentYears: services.documentYears }), layout));
}
