/** Entry points: lookups by id, lists, totals, visits, search and paths. */
import type { Resolvers } from '../../generated/graphql.js';
import type { ApiContext } from '../context.js';
import type { GraphNode } from '../../store/graph-store.js';
import type { NodeLabel, RelType } from '../../store/graph-rows.js';
import { badInput, cut, notFound } from '../errors.js';
import { isNodeId } from '../ids.js';
import { paginate, checkFirst, MAX_PAGE } from '../pagination.js';
import { donationTotals, filterDonations } from '../../queries/donation-query.js';
import { findPath } from '../../queries/path-finder.js';
import { str } from '../../queries/props.js';
import { donationConnection, donationCriteria, listKey, pairingConnection, visitConnection } from './actors.js';
import { expand, nodeOf, nodesAt, nodesOf } from './common.js';
import { andThen } from '../maybe.js';
import { requestBudget } from '../context.js';


/** Refuses ids that cannot name anything, with the reason, before they reach the store. */
function checkId(id: string, argument = 'id'): void {
  if (!isNodeId(id)) {
    throw badInput(`"${String(id).slice(0, 80)}" is not an id of this API (ids look like gb:510822@201210, person:zhao-hongzhu, donation:a-1)`, argument);
  }
}

function nodeById(ctx: ApiContext, id: string) {
  checkId(id);
  if (id.startsWith('pairing:')) return ctx.loaders.pairing.load(id);
  return nodeOf(ctx, id);
}

const LEVEL = (l: string) => l.toLowerCase();

async function within(ctx: ApiContext, id: string | null | undefined): Promise<Set<string> | null> {
  if (!id) return null;
  checkId(id, 'within');
  return expand(ctx, id, true);
}

/** Every node of a label, or those whose `relation` points inside the place `w`. */
async function locatedWithin(ctx: ApiContext, label: NodeLabel, relation: RelType, w: string | null | undefined, first: number): Promise<GraphNode[]> {
  checkFirst(first);
  const inside = await within(ctx, w);
  const list = await ctx.loaders.withLabel(label);
  if (!inside) return list;
  const where = await ctx.loaders.edges('out', [relation]).loadMany(list.map((e) => e.id));
  return list.filter((_e, i) => {
    const edges = where[i];
    return !(edges instanceof Error) && edges.some((x) => inside.has(x.otherId));
  });
}

async function listOf(ctx: ApiContext, label: NodeLabel, first: number, after?: string | null) {
  checkFirst(first);
  return paginate(await ctx.loaders.withLabel(label), first, after);
}

export const queryResolvers: Resolvers = {
  Query: {
    node: (_r, { id }, ctx) => nodeById(ctx, id) as never,
    nodes: async (_r, { ids }, ctx) => {
      if (ids.length > MAX_PAGE) throw badInput(`at most ${MAX_PAGE} ids at once (got ${ids.length})`, 'ids');
      return Promise.all(ids.map((id) => nodeById(ctx, id))) as never;
    },
    place: (_r, { id, code }, ctx) => {
      if (!id && !code) throw badInput('give the place id or its GB/T 2260 code');
      if (id) {
        checkId(id);
        return andThen(nodeOf(ctx, id), (n) => (n?.label === 'Place' ? n : null));
      }
      // Divisions have six digits (GB/T 2260); townships nine and villages twelve (the statistical codes the dataset gives them).
      if (!/^\d{6}(\d{3}){0,2}$/.test(code!)) throw badInput(`a place code has 6 digits (GB/T 2260), 9 for a township or 12 for a village (got "${cut(code!, 40)}")`, 'code');
      // The latest snapshot holding the code.
      return ctx.loaders.withLabel('Place').then((places) =>
        places.filter((p) => str(p.props, 'code') === code).sort((a, b) => String(b.props.revision).localeCompare(String(a.props.revision)))[0] ?? null);
    },
    places: async (_r, { filter, first, after }, ctx) => {
      checkFirst(first);
      const inside = await within(ctx, filter?.within);
      const levels = filter?.level?.map(LEVEL);
      const places = (await ctx.loaders.withLabel('Place'))
        .filter((p) => !levels?.length || levels.includes(str(p.props, 'level') ?? 'other'))
        .filter((p) => !inside || (inside.has(p.id) && p.id !== filter?.within));
      return paginate(places, first, after);
    },
    officials: (_r, { first, after }, ctx) => listOf(ctx, 'Official', first, after),
    organisations: (_r, { first, after }, ctx) => listOf(ctx, 'Organisation', first, after),
    enterprises: async (_r, { within: w, first, after }, ctx) => paginate(await locatedWithin(ctx, 'Enterprise', 'BASED_IN', w, first), first, after),
    projects: async (_r, { within: w, first, after }, ctx) => paginate(await locatedWithin(ctx, 'Project', 'LOCATED_IN', w, first), first, after),
    pairings: (_r, { filter, first, after }, ctx) => {
      checkFirst(first);
      return pairingConnection(ctx, listKey('pairings', null, filter), filter, async () => ({}), first, after);
    },
    donations: (_r, { filter, orderBy, first, after }, ctx) => {
      checkFirst(first);
      return donationConnection(ctx, listKey('donations', null, filter), () => donationCriteria(ctx, filter), orderBy ?? 'DATE_ASC', first, after);
    },
    donationTotals: (_r, { groupBy, filter, orderBy, first }, ctx) => {
      checkFirst(first);
      if (!groupBy.length) throw badInput('groupBy needs at least one key', 'groupBy');
      return ctx.services.memoNow(`totals ${JSON.stringify([groupBy, filter, orderBy, first])}`, async () => {
        const criteria = await donationCriteria(ctx, filter);
        const facts = filterDonations((await ctx.services.facts()).donationCandidates(criteria), criteria);
        return donationTotals(facts, groupBy, orderBy ?? 'TOTAL_DESC').slice(0, first);
      });
    },
    visits: (_r, { filter, first, after }, ctx) => {
      checkFirst(first);
      return visitConnection(ctx, listKey('visits', null, filter), filter, async () => ({}), first, after);
    },
    search: (_r, { query, types, first }, ctx) => {
      const limit = first ?? 10;
      checkFirst(limit);
      if (query.length > 200) throw badInput(`search text is limited to 200 characters (got ${query.length})`, 'query');
      const labels = types?.map((t) => (t.charAt(0) + t.slice(1).toLowerCase()) as NodeLabel) ?? null;
      const found = ctx.services.memoNow(`search ${JSON.stringify([query, labels, limit])}`, async () => (await ctx.services.search()).search(query, labels, limit));
      return andThen(found, (matches) => andThen(nodesAt(ctx, matches.map((m) => m.id)), (nodes) => matches.flatMap((m, i) => {
        const node = nodes[i];
        return node ? [{ node, score: m.score, matched: m.matched }] : [];
      })));
    },
    path: (_r, { from, to, maxHops, relations }, ctx) => {
      checkId(from, 'from');
      checkId(to, 'to');
      const hops = maxHops ?? 4;
      if (!Number.isInteger(hops) || hops < 1 || hops > 6) throw badInput(`maxHops must be from 1 to 6 (got ${hops})`, 'maxHops');
      const only = relations ? [...new Set(relations as RelType[])].sort() : null;
      return andThen(nodesAt(ctx, [from, to]), ([a, b]) => {
        if (!a) throw notFound(`no node with id "${from}"`, from);
        if (!b) throw notFound(`no node with id "${to}"`, to);
        return ctx.services.memoNow(`path ${JSON.stringify([from, to, hops, only])}`, () => ctx.services.work.admit(requestBudget(ctx), () => findPath(ctx.services.store, ctx.loaders, ctx.services.work, from, to, hops, only)));
      });
    },
    documents: (_r, _a, ctx) => ctx.services.documents,
  },
  DonationTotal: {
    donor: (t, _a, ctx) => (t.donorId ? nodeOf(ctx, t.donorId) : null) as never,
    recipient: (t, _a, ctx) => (t.recipientId ? nodeOf(ctx, t.recipientId) : null) as never,
    kind: (t) => (t.kind ? (t.kind.toUpperCase().replace(/-/g, '_') as never) : null),
  },
  SearchHit: {},
  Path: {
    nodes: (p, _a, ctx) => nodesOf(ctx, p.nodeIds),
    length: (p) => p.steps.length,
  },
  PathStep: {
    from: (s, _a, ctx) => nodeOf(ctx, s.fromId) as never,
    to: (s, _a, ctx) => nodeOf(ctx, s.toId) as never,
  },
};
