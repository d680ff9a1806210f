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
import { checkFirst, decodeCursor, paginate } from '../pagination.js';
import { placeCoverage } from '../../queries/coverage.js';
import { fromEnum, num, provenance, str, strings } from '../../queries/props.js';
import type { NodeModel, PairingModel } from '../../queries/models.js';
import { compareIds } from '../../graph/id-order.js';
import { placeLevel } from '../enums.js';
import { badInput } from '../errors.js';

/** An id from a filter, or (for a place, with `includeDescendants`) it and everything inside it. */
export function expand(ctx: ApiContext, id: string | null | undefined, descendants: boolean | null | undefined): Set<string> | null {
  return id ? ctx.graph.expand(id, descendants ?? false) : null;
}

/** Donation criteria from a filter; `side` fixes one side to the actor (and what lies inside it). */
export function donationCriteria(
  ctx: ApiContext,
  f: DonationFilter | null | undefined,
  side?: { donors?: Set<string>; recipients?: Set<string> },
): DonationCriteria {
  const descend = f?.includeDescendants ?? false;
  const counterpart = expand(ctx, f?.counterpart, descend);
  const donor = expand(ctx, f?.donor, descend);
  const recipient = expand(ctx, f?.recipient, descend);
  return {
    year: f?.year,
    yearFrom: f?.yearFrom,
    yearTo: f?.yearTo,
    kinds: f?.kind?.map(fromEnum),
    minYuan: f?.minYuan,
    maxYuan: f?.maxYuan,
    evidence: f?.evidence?.map(fromEnum),
    includeParts: f?.includeParts ?? false,
    donors: side?.donors ?? donor ?? (side?.recipients ? counterpart : null),
    recipients: side?.recipients ?? recipient ?? (side?.donors ? counterpart : null),
    parties: side ? null : counterpart,
  };
}

/** A page of donations matching the criteria, in the order asked, with the whole list's count and total. */
export async function donationConnection(ctx: ApiContext, c: DonationCriteria, order: string, first: number, after?: string | null) {
  const facts = ctx.graph.model.facts;
  const rows = await filterDonations(facts, c);
  checkFirst(first);
  const offset = after ? decodeCursor(after) + 1 : 0;
  const ordered = orderDonations(facts, rows, order, offset + first);
  const page = paginate({ length: rows.length, slice: (a, b) => ordered.slice(a, b) }, first, after, { totalYuan: sumYuan(facts, rows) });
  return { ...page, items: await ctx.graph.existing(page.items.map((row) => facts.donationId(row))) };
}

function toPairingModel(p: { id: string; supporterId: string; supportedId: string; props: PairingModel['props'] }): PairingModel {
  return { id: p.id, supporterId: p.supporterId, supportedId: p.supportedId, props: p.props };
}

type PairingSide = { supporters?: Set<string> | null; supported?: Set<string> | null };

export function pairingConnection(
  ctx: ApiContext,
  f: PairingFilter | null | undefined,
  fixed: PairingSide,
  first: number,
  after?: string | null,
) {
  const criteria = {
    year: f?.year,
    levels: f?.level?.map(fromEnum),
    statuses: f?.status?.map(fromEnum),
    evidence: f?.evidence?.map(fromEnum),
    supporters: fixed.supporters ?? null,
    supported: fixed.supported ?? null,
    sides: expand(ctx, f?.province, true),
    documentYears: ctx.services.documentYears,
  };
  return paginate(filterPairings(ctx.graph.model.facts.pairingCandidates(criteria), criteria).map(toPairingModel), first, after);
}

type VisitSide = { official?: string; destinations?: Set<string> };

export async function visitConnection(
  ctx: ApiContext,
  f: VisitFilter | null | undefined,
  fixed: VisitSide,
  first: number,
  after?: string | null,
) {
  const descend = f?.includeDescendants ?? false;
  const criteria = {
    from: f?.from,
    to: f?.to,
    senders: expand(ctx, f?.sender, descend),
    destinations: fixed.destinations ?? expand(ctx, f?.destination, descend),
    official: fixed.official ?? f?.official ?? null,
    evidence: f?.evidence?.map(fromEnum),
  };
  const page = paginate(filterVisits(ctx.graph.model.facts.visitCandidates(criteria), criteria), first, after);
  return { ...page, items: await ctx.graph.existing(page.items.map((v) => v.id)) };
}

/** The actor itself, or with `includeDescendants` everything inside it. */
function self(ctx: ApiContext, node: NodeModel, descend: boolean | null | undefined): Set<string> {
  return ctx.graph.expand(node.id, descend ?? false);
}

type ListArgs<F> = { filter?: F | null; first: number; after?: string | null };

/**
 * A filter field that names the side the list is already fixed to would be silently ignored:
 * refused instead, saying what to use.
 */
function refuseFixedSide(filter: object | null | undefined, field: string, list: string, instead: string): void {
  if (filter && (filter as Record<string, unknown>)[field] != null) {
    throw badInput(`filter.${field} does not apply to ${list}, whose ${field} is this actor: ${instead}`, `filter.${field}`);
  }
}

const actorFields = {
  name: (n: GraphNode) => str(n.props, 'name') ?? n.id,
  aliases: (n: GraphNode) => strings(n.props, 'aliases'),
  donationsGiven: (n: GraphNode, a: ListArgs<DonationFilter>, ctx: ApiContext) => {
    refuseFixedSide(a.filter, 'donor', 'donationsGiven', 'use filter.recipient or filter.counterpart for the other side');
    return donationConnection(
      ctx,
      donationCriteria(ctx, a.filter, { donors: self(ctx, n, a.filter?.includeDescendants) }),
      'DATE_ASC',
      a.first,
      a.after,
    );
  },
  donationsReceived: (n: GraphNode, a: ListArgs<DonationFilter>, ctx: ApiContext) => {
    refuseFixedSide(a.filter, 'recipient', 'donationsReceived', 'use filter.donor or filter.counterpart for the other side');
    return donationConnection(
      ctx,
      donationCriteria(ctx, a.filter, { recipients: self(ctx, n, a.filter?.includeDescendants) }),
      'DATE_ASC',
      a.first,
      a.after,
    );
  },
  supporting: (n: GraphNode, a: ListArgs<PairingFilter>, ctx: ApiContext) =>
    pairingConnection(ctx, a.filter, { supporters: self(ctx, n, a.filter?.includeDescendants) }, a.first, a.after),
  supportedBy: (n: GraphNode, a: ListArgs<PairingFilter>, ctx: ApiContext) =>
    pairingConnection(ctx, a.filter, { supported: self(ctx, n, a.filter?.includeDescendants) }, a.first, a.after),
};

export const actorResolvers: Resolvers = {
  Place: {
    ...actorFields,
    coverage: (n, _a, ctx) => placeCoverage(ctx.services.documents, ctx.services.placeDocuments.get(n.id), str(n.props, 'name') ?? n.id),
    kind: (n) => str(n.props, 'kind') ?? 'other',
    level: (n) => placeLevel(str(n.props, 'level') ?? 'other'),
    code: (n) => str(n.props, 'code'),
    revision: (n) => str(n.props, 'revision'),
    zh: (n) => str(n.props, 'zh'),
    parent: (n, _a, ctx) => ctx.graph.relatedOne(n.id, 'out', 'PART_OF'),
    ancestors: async (n, _a, ctx) => {
      const out: GraphNode[] = [];
      for (let p = await ctx.graph.relatedOne(n.id, 'out', 'PART_OF'); p; p = await ctx.graph.relatedOne(p.id, 'out', 'PART_OF'))
        out.push(p);
      return out;
    },
    children: (n, _a, ctx) =>
      ctx.graph.existing(ctx.graph.relatedIds(n.id, 'in', 'PART_OF').filter((id) => ctx.graph.labelOf(id) === 'Place')),
    successors: (n) => {
      const code = str(n.props, 'successorCode');
      const since = str(n.props, 'successorSince');
      if (!since) return [];
      return [{ code, name: str(n.props, 'successorName'), zh: str(n.props, 'successorZh'), kind: str(n.props, 'successorKind'), since }];
    },
    provenance: (n) => provenance(n.props),
    visitsReceived: (n, a, ctx) => {
      refuseFixedSide(a.filter, 'destination', 'visitsReceived', 'use filter.sender for the other side');
      return visitConnection(ctx, a.filter, { destinations: self(ctx, n, a.filter?.includeDescendants) }, a.first, a.after);
    },
  },
  Official: {
    ...actorFields,
    titles: async (n, _a, ctx) =>
      (await ctx.graph.related(n.id, 'out', 'HAS_TITLE')).sort(
        (a, b) => (num(a.props, 'year') ?? 0) - (num(b.props, 'year') ?? 0) || compareIds(a.id, b.id),
      ),
    visits: (n, a, ctx) => {
      refuseFixedSide(a.filter, 'official', 'Official.visits', 'filter by sender or destination instead');
      return visitConnection(ctx, a.filter, { official: n.id }, a.first, a.after);
    },
    meetings: async (n, _a, ctx) => {
      const meetings = await ctx.graph.existing([
        ...ctx.graph.relatedIds(n.id, 'out', 'HOSTED'),
        ...ctx.graph.relatedIds(n.id, 'out', 'ATTENDED'),
      ]);
      const unique = [...new Map(meetings.map((m) => [m.id, m])).values()];
      return unique.sort(
        (a, b) => (str(a.props, 'dateStart') ?? '9999').localeCompare(str(b.props, 'dateStart') ?? '9999') || a.id.localeCompare(b.id),
      );
    },
  },
  Title: {
    title: (t) => str(t.props, 'name')!,
    year: (t) => num(t.props, 'year')!,
    place: (t, _a, ctx) =>
      ctx.graph.node(ctx.graph.relatedIds(t.id, 'out', 'TITLE_AT').find((id) => ctx.graph.labelOf(id) === 'Place') ?? ''),
    organisation: (t, _a, ctx) =>
      ctx.graph.node(ctx.graph.relatedIds(t.id, 'out', 'TITLE_AT').find((id) => ctx.graph.labelOf(id) === 'Organisation') ?? ''),
    provenance: (t) => provenance(t.props)!,
  },
  Organisation: {
    ...actorFields,
    kind: (n) => str(n.props, 'kind') ?? 'other',
    place: (n, _a, ctx) => ctx.graph.relatedOne(n.id, 'out', 'LOCATED_IN'),
    parent: (n, _a, ctx) =>
      ctx.graph.node(ctx.graph.relatedIds(n.id, 'out', 'PART_OF').find((id) => ctx.graph.labelOf(id) === 'Organisation') ?? ''),
    provenance: (n) => provenance(n.props)!,
  },
  Enterprise: {
    ...actorFields,
    sector: (n) => str(n.props, 'sector'),
    homePlace: (n, _a, ctx) => ctx.graph.relatedOne(n.id, 'out', 'BASED_IN'),
    provenance: (n) => provenance(n.props)!,
  },
};
