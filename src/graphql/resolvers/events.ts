/** Donations, commitments, pairings, visits, meetings, agreements, statistics and projects. */
import type { Resolvers } from '../../generated/graphql.js';
import type { ApiContext } from '../context.js';
import { citation } from '../../queries/citation.js';
import { dateSpan, money, num, provenance, str, strings } from '../../queries/props.js';
import { commitmentStage, datePrecision, donationKind, evidence, pairingLevel, pairingStatus } from '../enums.js';

/** How a fact was read; a store loaded before facts said so has none, and must be loaded again. */
const howRead = {
  evidence: (n: { id: string; props: Record<string, unknown> }) => {
    const e = str(n.props as never, 'evidence');
    if (!e) throw new Error(`${n.id} has no evidence in the store: load the dataset again (npm run load)`);
    return evidence(e);
  },
  evidenceNote: (n: { props: Record<string, unknown> }) => str(n.props as never, 'evidenceNote'),
};

/** The larger donation or commitment a share is part of, or null. */
const wholeOf = (n: { props: Record<string, unknown> }, ctx: ApiContext) => {
  const id = str(n.props as never, 'partOf');
  return id ? ctx.graph.node(id) : null;
};

const byDate = <T extends { props: Record<string, unknown> }>(a: T, b: T) =>
  String(a.props.dateStart ?? '9999').localeCompare(String(b.props.dateStart ?? '9999'));

export const eventResolvers: Resolvers = {
  Donation: {
    amount: (n) => money(n.props),
    kind: (n) => donationKind(str(n.props, 'kind') ?? 'other'),
    year: (n) => num(n.props, 'year')!,
    date: (n) => dateSpan(n.props),
    purpose: (n) => str(n.props, 'purpose'),
    items: (n) => str(n.props, 'items'),
    donors: (n, _a, ctx) => ctx.graph.related(n.id, 'in', 'GAVE'),
    recipients: (n, _a, ctx) => ctx.graph.related(n.id, 'out', 'TO'),
    project: (n, _a, ctx) => ctx.graph.relatedOne(n.id, 'out', 'FUNDS'),
    partOf: (n, _a, ctx) => wholeOf(n, ctx),
    provenance: (n) => provenance(n.props)!,
    ...howRead,
  },
  Commitment: {
    amount: (n) => money(n.props)!,
    kind: (n) => donationKind(str(n.props, 'kind') ?? 'other'),
    stage: (n) => commitmentStage(str(n.props, 'stage')!),
    year: (n) => num(n.props, 'year')!,
    date: (n) => dateSpan(n.props),
    byYear: (n) => num(n.props, 'byYear'),
    yearly: (n) => n.props.yearly === true,
    purpose: (n) => str(n.props, 'purpose'),
    givers: (n, _a, ctx) => ctx.graph.related(n.id, 'in', 'PROMISED'),
    recipients: (n, _a, ctx) => ctx.graph.related(n.id, 'out', 'PROMISED_TO'),
    partOf: (n, _a, ctx) => wholeOf(n, ctx),
    realised: (n, _a, ctx) => ctx.graph.related(n.id, 'out', 'REALISED_AS'),
    realisedYuan: async (n, _a, ctx) => {
      const inYuan = (await ctx.graph.related(n.id, 'out', 'REALISED_AS')).flatMap((r) =>
        r.label === 'Donation' ? [num(r.props, 'yuan')] : str(r.props, 'unit') === 'yuan' ? [num(r.props, 'value')] : [],
      );
      const known = inYuan.filter((y): y is number => y != null);
      return known.length ? known.reduce((a, b) => a + b, 0) : null;
    },
    provenance: (n) => provenance(n.props)!,
    ...howRead,
  },
  Pairing: {
    id: (p) => p.id,
    supporter: async (p, _a, ctx) => (await ctx.graph.node(p.supporterId))!,
    supported: async (p, _a, ctx) => (await ctx.graph.node(p.supportedId))!,
    level: (p) => pairingLevel(str(p.props, 'level')!),
    fromYear: (p) => num(p.props, 'fromYear'),
    toYear: (p) => num(p.props, 'toYear'),
    basis: (p) => str(p.props, 'basis'),
    status: (p) => pairingStatus(str(p.props, 'status')!),
    scope: (p) => str(p.props, 'scope'),
    replacedBy: async (p, _a, ctx) => {
      const id = str(p.props, 'replacedBy');
      return id ? ctx.graph.pairing(id) : null;
    },
    provenance: (p) => provenance(p.props)!,
    ...howRead,
  },
  Visit: {
    date: (n) => dateSpan(n.props)!,
    delegation: (n) => str(n.props, 'delegation'),
    purpose: (n) => str(n.props, 'purpose'),
    visitors: (n, _a, ctx) => ctx.graph.related(n.id, 'in', 'WENT_ON'),
    head: async (n, _a, ctx) => {
      const head = (await ctx.graph.edges(n.id, 'in', 'WENT_ON')).find((e) => e.props.head === true);
      return head ? ctx.graph.node(head.otherId) : null;
    },
    from: (n, _a, ctx) => ctx.graph.relatedOne(n.id, 'out', 'FROM'),
    destinations: (n, _a, ctx) => ctx.graph.related(n.id, 'out', 'TO'),
    meetings: async (n, _a, ctx) => (await ctx.graph.related(n.id, 'in', 'DURING')).sort(byDate),
    provenance: (n) => provenance(n.props)!,
    ...howRead,
  },
  Meeting: {
    kind: (n) => str(n.props, 'kind') ?? 'meeting',
    name: (n) => (str(n.props, 'name') !== str(n.props, 'kind') ? str(n.props, 'name') : null),
    hosts: (n, _a, ctx) => ctx.graph.related(n.id, 'in', 'HOSTED'),
    guests: (n, _a, ctx) => ctx.graph.related(n.id, 'in', 'ATTENDED'),
    place: (n, _a, ctx) => ctx.graph.relatedOne(n.id, 'out', 'AT'),
    date: (n) => dateSpan(n.props),
    visit: (n, _a, ctx) => ctx.graph.relatedOne(n.id, 'out', 'DURING'),
    topic: (n) => str(n.props, 'topic'),
    provenance: (n) => provenance(n.props)!,
    ...howRead,
  },
  Agreement: {
    name: (n) => str(n.props, 'name')!,
    kind: (n) => str(n.props, 'kind') ?? 'agreement',
    parties: (n, _a, ctx) => ctx.graph.related(n.id, 'in', 'PARTY_TO'),
    date: (n) => dateSpan(n.props),
    terms: (n) => str(n.props, 'terms'),
    provenance: (n) => provenance(n.props)!,
    ...howRead,
  },
  Statistic: {
    metric: (n) => str(n.props, 'metric')!,
    year: (n) => num(n.props, 'year')!,
    value: (n) => num(n.props, 'value')!,
    unit: (n) => str(n.props, 'unit')!,
    text: (n) => str(n.props, 'text')!,
    scope: (n, _a, ctx) => ctx.graph.relatedOne(n.id, 'out', 'ABOUT'),
    scopeText: (n) => str(n.props, 'scopeText') ?? '',
    provenance: (n) => provenance(n.props)!,
    ...howRead,
  },
  Project: {
    name: (n) => str(n.props, 'name')!,
    aliases: (n) => strings(n.props, 'aliases'),
    category: (n) => str(n.props, 'category') ?? 'other',
    place: (n, _a, ctx) => ctx.graph.relatedOne(n.id, 'out', 'LOCATED_IN'),
    year: (n) => num(n.props, 'year'),
    amount: (n) => money(n.props),
    sponsors: (n, _a, ctx) => ctx.graph.related(n.id, 'in', 'SPONSORS'),
    description: (n) => str(n.props, 'description'),
    fundedBy: (n, _a, ctx) => ctx.graph.related(n.id, 'in', 'FUNDS'),
    provenance: (n) => provenance(n.props)!,
  },
  Provenance: {
    document: (p, _a, ctx) => ctx.services.documents.find((d) => d.doc === p.doc)!,
    citation: (p, _a, ctx) =>
      citation(
        ctx.services.documents.find((d) => d.doc === p.doc),
        p,
      ),
  },
  Document: {
    id: (d) => d.doc,
  },
  Money: {
    yuan: (m) => m.yuan,
  },
  DateSpan: {
    precision: (d) => datePrecision(d.precision),
  },
};
