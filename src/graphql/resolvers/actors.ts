/**
 * Fields every actor has (donations given and received, pairings on either side), and the types
 * that are actors: places, officials, organisations, enterprises.
 */
import type { ApiContext } from '../context.js';
import type { GraphNode } from '../../store/graph-store.js';
import type { DonationFilter, PairingFilter, Resolvers, VisitFilter } from '../../generated/graphql.js';
import { filterDonations, orderDonations, sumYuan, type DonationCriteria } from '../../queries/donation-query.js';
import { filterPairings } from '../../queries/pairing-query.js';
import { filterVisits } from '../../queries/visit-query.js';
import { paginate } from '../pagination.js';
import { fromEnum, num, provenance, str, strings } from '../../queries/props.js';
import { expand, nodesOf, related, relatedOne } from './common.js';
import { andThen } from '../maybe.js';
import type { NodeModel, PairingModel } from '../../queries/models.js';
import { compareIds } from '../../queries/id-order.js';

/** Donation criteria from a filter; `side` fixes one side to the actor (and what lies inside it). */
export async function donationCriteria(ctx: ApiContext, f: DonationFilter | null | undefined, side?: { donors?: Set<string>; recipients?: Set<string> }): Promise<DonationCriteria> {
  const descend = f?.includeDescendants ?? false;
  const counterpart = await expand(ctx, f?.counterpart, descend);
  const donor = await expand(ctx, f?.donor, descend);
  const recipient = await expand(ctx, f?.recipient, descend);
  return {
    year: f?.year, yearFrom: f?.yearFrom, yearTo: f?.yearTo,
    kinds: f?.kind?.map(fromEnum), minYuan: f?.minYuan, maxYuan: f?.maxYuan,
    includeParts: f?.includeParts ?? false,
    donors: side?.donors ?? donor ?? (side?.recipients ? counterpart : null),
    recipients: side?.recipients ?? recipient ?? (side?.donors ? counterpart : null),
    parties: side ? null : counterpart,
  };
}

/**
 * The lists below are filtered and ordered once per dataset and kept under a key made of what the
 * request asked — the field, the actor and the filter as given — so that a repeat expands neither
 * the filter's ids nor the actor's descendants again: it only cuts a page. Donation and visit lists
 * are kept as the facts' rows in the fact index (a typed array: one object, whatever its length, for
 * the collector to walk), with the index they number, and a page reads the ids of its own rows only.
 */
export const listKey = (field: string, actorId: string | null, filter: unknown): string => `${field} ${actorId ?? '*'} ${JSON.stringify(filter ?? null)}`;

export function donationConnection(ctx: ApiContext, key: string, criteria: () => Promise<DonationCriteria>, order: string, first: number, after?: string | null) {
  // The rows are kept with the index they number: after a reload they must not be read against another.
  const list = ctx.services.memoNow(`donations ${order} ${key}`, async () => {
    const [c, index] = [await criteria(), await ctx.services.facts()];
    const facts = filterDonations(index.donationCandidates(c), c);
    return { index, rows: Int32Array.from(orderDonations(facts, order), (f) => f.row), totalYuan: sumYuan(facts) };
  });
  return andThen(list, ({ index, rows, totalYuan }) => pageOfRows(ctx, rows, (row) => index.donationId(row), first, after, { totalYuan }));
}

/** A page of a kept list of fact rows, as the nodes of its own rows only. */
function pageOfRows(ctx: ApiContext, rows: Int32Array, idOf: (row: number) => string, first: number, after: string | null | undefined, extra: { totalYuan?: number } = {}) {
  const page = paginate(rows, first, after, extra);
  return andThen(nodesOf(ctx, page.items.map(idOf)), (items) => ({ ...page, items }));
}

function toPairingModel(p: { id: string; supporterId: string; supportedId: string; props: PairingModel['props'] }): PairingModel {
  return { id: p.id, supporterId: p.supporterId, supportedId: p.supportedId, props: p.props };
}

type PairingSide = { supporters?: Set<string> | null; supported?: Set<string> | null };

export function pairingConnection(ctx: ApiContext, key: string, f: PairingFilter | null | undefined, side: () => Promise<PairingSide>, first: number, after?: string | null) {
  const models = ctx.services.memoNow(`pairings ${key}`, async () => {
    const fixed = await side();
    const criteria = {
      year: f?.year, levels: f?.level?.map(fromEnum), statuses: f?.status?.map(fromEnum),
      supporters: fixed.supporters ?? null, supported: fixed.supported ?? null, sides: await expand(ctx, f?.province, true),
      documentYears: ctx.services.documentYears,
    };
    return filterPairings((await ctx.services.facts()).pairingCandidates(criteria), criteria).map(toPairingModel);
  });
  return andThen(models, (all) => paginate(all, first, after));
}

type VisitSide = { official?: string; destinations?: Set<string> };

export function visitConnection(ctx: ApiContext, key: string, f: VisitFilter | null | undefined, side: () => Promise<VisitSide>, first: number, after?: string | null) {
  const list = ctx.services.memoNow(`visits ${key}`, async () => {
    const descend = f?.includeDescendants ?? false;
    const fixed = await side();
    const criteria = {
      from: f?.from, to: f?.to,
      senders: await expand(ctx, f?.sender, descend),
      destinations: fixed.destinations ?? (await expand(ctx, f?.destination, descend)),
      official: fixed.official ?? f?.official ?? null,
    };
    const index = await ctx.services.facts();
    return { index, rows: Int32Array.from(filterVisits(index.visitCandidates(criteria), criteria), (v) => v.row) };
  });
  return andThen(list, ({ index, rows }) => pageOfRows(ctx, rows, (row) => index.visitId(row), first, after));
}

/** The actor itself, or with `includeDescendants` everything inside it. */
async function self(ctx: ApiContext, node: NodeModel, descend: boolean | null | undefined): Promise<Set<string>> {
  return (await expand(ctx, node.id, descend ?? false))!;
}

const actorFields = {
  name: (n: GraphNode) => str(n.props, 'name') ?? n.id,
  aliases: (n: GraphNode) => strings(n.props, 'aliases'),
  donationsGiven: (n: GraphNode, a: { filter?: DonationFilter | null; first: number; after?: string | null }, ctx: ApiContext) =>
    donationConnection(ctx, listKey('given', n.id, a.filter), async () => donationCriteria(ctx, a.filter, { donors: await self(ctx, n, a.filter?.includeDescendants) }), 'DATE_ASC', a.first, a.after),
  donationsReceived: (n: GraphNode, a: { filter?: DonationFilter | null; first: number; after?: string | null }, ctx: ApiContext) =>
    donationConnection(ctx, listKey('received', n.id, a.filter), async () => donationCriteria(ctx, a.filter, { recipients: await self(ctx, n, a.filter?.includeDescendants) }), 'DATE_ASC', a.first, a.after),
  supporting: (n: GraphNode, a: { filter?: PairingFilter | null; first: number; after?: string | null }, ctx: ApiContext) =>
    pairingConnection(ctx, listKey('supporting', n.id, a.filter), a.filter, async () => ({ supporters: await self(ctx, n, a.filter?.includeDescendants) }), a.first, a.after),
  supportedBy: (n: GraphNode, a: { filter?: PairingFilter | null; first: number; after?: string | null }, ctx: ApiContext) =>
    pairingConnection(ctx, listKey('supportedBy', n.id, a.filter), a.filter, async () => ({ supported: await self(ctx, n, a.filter?.includeDescendants) }), a.first, a.after),
};

const LEVELS: Record<string, string> = { province: 'PROVINCE', prefecture: 'PREFECTURE', county: 'COUNTY', township: 'TOWNSHIP', village: 'VILLAGE', other: 'OTHER' };

export const actorResolvers: Resolvers = {
  Place: {
    ...actorFields,
    kind: (n) => str(n.props, 'kind') ?? 'other',
    level: (n) => (LEVELS[str(n.props, 'level') ?? 'other'] ?? 'OTHER') as never,
    code: (n) => str(n.props, 'code'),
    revision: (n) => str(n.props, 'revision'),
    zh: (n) => str(n.props, 'zh'),
    parent: (n, _a, ctx) => relatedOne(ctx, n.id, 'out', 'PART_OF'),
    ancestors: async (n, _a, ctx) => {
      const out: GraphNode[] = [];
      for (let p = await relatedOne(ctx, n.id, 'out', 'PART_OF'); p; p = await relatedOne(ctx, p.id, 'out', 'PART_OF')) out.push(p);
      return out;
    },
    children: async (n, _a, ctx) => (await related(ctx, n.id, 'in', 'PART_OF')).filter((c) => c.label === 'Place'),
    successors: (n) => {
      const code = str(n.props, 'successorCode');
      const since = str(n.props, 'successorSince');
      if (!since) return [];
      return [{ code, name: str(n.props, 'successorName'), zh: str(n.props, 'successorZh'), kind: str(n.props, 'successorKind'), since }];
    },
    provenance: (n) => provenance(n.props),
    visitsReceived: (n, a, ctx) => visitConnection(ctx, listKey('visitsReceived', n.id, a.filter), a.filter, async () => ({ destinations: await self(ctx, n, a.filter?.includeDescendants) }), a.first, a.after),
  },
  Official: {
    ...actorFields,
    titles: (n, _a, ctx) => andThen(related(ctx, n.id, 'out', 'HAS_TITLE'), (titles) =>
      titles.sort((a, b) => (num(a.props, 'year') ?? 0) - (num(b.props, 'year') ?? 0) || compareIds(a.id, b.id))),
    visits: (n, a, ctx) => visitConnection(ctx, listKey('visits', n.id, a.filter), a.filter, async () => ({ official: n.id }), a.first, a.after),
    meetings: async (n, _a, ctx) => {
      const meetings = [...(await related(ctx, n.id, 'out', 'HOSTED')), ...(await related(ctx, n.id, 'out', 'ATTENDED'))];
      const unique = [...new Map(meetings.map((m) => [m.id, m])).values()];
      return unique.sort((a, b) => (str(a.props, 'dateStart') ?? '9999').localeCompare(str(b.props, 'dateStart') ?? '9999') || a.id.localeCompare(b.id));
    },
  },
  Title: {
    title: (t) => str(t.props, 'name')!,
    year: (t) => num(t.props, 'year')!,
    place: async (t, _a, ctx) => (await related(ctx, t.id, 'out', 'TITLE_AT')).find((x) => x.label === 'Place') ?? null,
    organisation: async (t, _a, ctx) => (await related(ctx, t.id, 'out', 'TITLE_AT')).find((x) => x.label === 'Organisation') ?? null,
    provenance: (t) => provenance(t.props)!,
  },
  Organisation: {
    ...actorFields,
    kind: (n) => str(n.props, 'kind') ?? 'other',
    place: (n, _a, ctx) => relatedOne(ctx, n.id, 'out', 'LOCATED_IN'),
    parent: async (n, _a, ctx) => (await related(ctx, n.id, 'out', 'PART_OF')).find((x) => x.label === 'Organisation') ?? null,
    provenance: (n) => provenance(n.props)!,
  },
  Enterprise: {
    ...actorFields,
    sector: (n) => str(n.props, 'sector'),
    homePlace: (n, _a, ctx) => relatedOne(ctx, n.id, 'out', 'BASED_IN'),
    provenance: (n) => provenance(n.props)!,
  },
};
