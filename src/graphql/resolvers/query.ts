/** Entry points: lookups by id, lists, totals, visits, search and paths. */
import type { InvestmentInTotals, Resolvers } from '../../generated/graphql.js';
import type { ApiContext } from '../context.js';
import type { NodeLabel, RelType } from '../../store/graph-rows.js';
import { badInput, checkYear, cut, notFound } from '../errors.js';
import { isNodeId } from '../ids.js';
import { paginate, checkFirst, MAX_PAGE } from '../pagination.js';
import { donationTotals, filterDonations, groupCriteria, sumYuan, type DonationCriteria } from '../../queries/donation-query.js';
import { provinceTotals } from '../../queries/province-totals.js';
import { coverage, reconciliationNote, statedTotals, statesAidTotal, statesOverallAid } from '../../queries/reconciliation.js';
import { findPath } from '../../queries/path-finder.js';
import { donationKind, pairingChangeKind } from '../enums.js';
import { fromEnum, num, provenance, str } from '../../queries/props.js';
import { yearCoverage } from '../../queries/coverage.js';
import { filterPairings } from '../../queries/pairing-query.js';
import { pairingChanges } from '../../queries/pairing-history.js';
import { filterStatistics } from '../../queries/statistic-query.js';
import { filterCommitments } from '../../queries/commitment-query.js';
import { AID_KINDS, buildPanel, DONATION_KINDS, yuanOf } from '../../queries/panel.js';
import { panelCriteria } from '../panel-criteria.js';
import { pairingLevel, pairingStatus } from '../enums.js';
import { donationConnection, donationCriteria, expand, pairingConnection, visitConnection } from './actors.js';

/** Refuses ids that cannot name anything, with the reason, before they reach the store. */
function checkId(id: string, argument = 'id'): void {
  if (!isNodeId(id)) {
    throw badInput(
      `"${String(id).slice(0, 80)}" is not an id of this API (ids look like gb:510822@201210, person:zhao-hongzhu, donation:a-1)`,
      argument,
    );
  }
}

function nodeById(ctx: ApiContext, id: string) {
  checkId(id);
  if (id.startsWith('pairing:')) return ctx.graph.pairing(id);
  return ctx.graph.node(id);
}

const LEVEL = (l: string) => l.toLowerCase();

/**
 * Investment kept apart from aid: left out by default (a city's planned investment can be fifty
 * times its aid), unless the totals are by kind or the filter names its kinds.
 */
function withInvestment(c: DonationCriteria, how: InvestmentInTotals, byKind: boolean): DonationCriteria {
  if (how === 'ONLY') return { ...c, kinds: (c.kinds ?? ['investment']).filter((k) => k === 'investment') };
  if (how === 'COMBINED' || byKind || c.kinds?.length) return c;
  return { ...c, kinds: AID_KINDS };
}

function within(ctx: ApiContext, id: string | null | undefined): Set<string> | null {
  if (!id) return null;
  checkId(id, 'within');
  return expand(ctx, id, true);
}

/** A page of a list of node numbers from the read model, as nodes. */
async function pageOf(ctx: ApiContext, numbers: Int32Array | number[], first: number, after?: string | null) {
  // Cut from the list as it is: copying a national list of officials cost more than the page.
  const page = paginate<number>(numbers, first, after);
  return { ...page, items: await ctx.graph.nodesAt(page.items) };
}

/** Every actor of a label by name, or those whose `relation` points inside the place `w`. */
function locatedWithin(ctx: ApiContext, label: NodeLabel, relation: RelType, w: string | null | undefined): number[] {
  const { topology: t } = ctx.graph.model;
  const all = Array.from(ctx.graph.model.actorsByName(label));
  const inside = within(ctx, w);
  if (!inside) return all;
  const places = new Set([...inside].map((id) => t.indexOf(id)));
  return all.filter((n) => t.ends(n, 'out', relation).some((p) => places.has(p)));
}

export const queryResolvers: Resolvers = {
  Query: {
    node: (_r, { id }, ctx) => nodeById(ctx, id),
    nodes: async (_r, { ids }, ctx) => {
      if (ids.length > MAX_PAGE) throw badInput(`at most ${MAX_PAGE} ids at once (got ${ids.length})`, 'ids');
      return Promise.all(ids.map((id) => nodeById(ctx, id)));
    },
    place: (_r, { id, code }, ctx) => {
      if (!id && !code) throw badInput('give the place id or its GB/T 2260 code');
      if (id) {
        checkId(id);
        return ctx.graph.labelOf(id) === 'Place' ? ctx.graph.node(id) : null;
      }
      // Divisions have six digits (GB/T 2260); townships nine and villages twelve (the statistical codes the dataset gives them).
      if (!/^\d{6}(\d{3}){0,2}$/.test(code!))
        throw badInput(`a place code has 6 digits (GB/T 2260), 9 for a township or 12 for a village (got "${cut(code!, 40)}")`, 'code');
      // The latest snapshot holding the code.
      const { topology: t, cards } = ctx.graph.model;
      // Places only: a few thousand, where every node of the graph would be a million.
      const [latest] = Array.from(ctx.graph.model.actorsByName('Place'))
        .filter((n) => cards.str(n, 'code') === code)
        .sort((a, b) => (cards.str(b, 'revision') ?? '').localeCompare(cards.str(a, 'revision') ?? ''));
      return latest === undefined ? null : ctx.graph.node(t.idAt(latest));
    },
    places: (_r, { filter, first, after }, ctx) => {
      checkFirst(first);
      const { topology: t, cards } = ctx.graph.model;
      const inside = within(ctx, filter?.within);
      const levels = filter?.level?.map(LEVEL);
      const places = Array.from(ctx.graph.model.actorsByName('Place'))
        .filter((n) => !levels?.length || levels.includes(cards.str(n, 'level') ?? 'other'))
        .filter((n) => !inside || (inside.has(t.idAt(n)) && t.idAt(n) !== filter?.within));
      return pageOf(ctx, places, first, after);
    },
    officials: (_r, { first, after }, ctx) => pageOf(ctx, ctx.graph.model.actorsByName('Official'), first, after),
    organisations: (_r, { first, after }, ctx) => pageOf(ctx, ctx.graph.model.actorsByName('Organisation'), first, after),
    enterprises: (_r, { within: w, first, after }, ctx) => {
      checkFirst(first);
      return pageOf(ctx, locatedWithin(ctx, 'Enterprise', 'BASED_IN', w), first, after);
    },
    projects: (_r, { within: w, first, after }, ctx) => {
      checkFirst(first);
      return pageOf(ctx, locatedWithin(ctx, 'Project', 'LOCATED_IN', w), first, after);
    },
    pairings: (_r, { filter, first, after }, ctx) => {
      checkFirst(first);
      return pairingConnection(ctx, filter, {}, first, after);
    },
    donations: (_r, { filter, orderBy, first, after }, ctx) => {
      checkFirst(first);
      return donationConnection(ctx, donationCriteria(ctx, filter), orderBy ?? 'DATE_ASC', first, after);
    },
    donationTotals: async (_r, { groupBy, filter, orderBy, first, investment, rollUp }, ctx) => {
      checkFirst(first);
      if (!groupBy.length) throw badInput('groupBy needs at least one key', 'groupBy');
      if (filter?.includeParts)
        throw badInput(
          'filter.includeParts does not apply to totals, which count money once: shares of stated totals and restatements stay out of them; list those with donations(filter: { includeParts: true })',
          'filter.includeParts',
        );
      const facts = ctx.graph.model.facts;
      const criteria = withInvestment(donationCriteria(ctx, filter), investment ?? 'APART', groupBy.includes('KIND'));
      if (rollUp === 'PROVINCE') {
        const rows = await filterDonations(facts, criteria);
        const keys = new Set(groupBy);
        const by = {
          donor: keys.has('DONOR') || keys.has('PAIR'),
          recipient: keys.has('RECIPIENT') || keys.has('PAIR'),
          year: keys.has('YEAR'),
          kind: keys.has('KIND'),
        };
        const side = (id: string | null) => (id ? ctx.graph.expand(id, true) : undefined);
        return provinceTotals(ctx.graph.model, rows, by, orderBy ?? 'TOTAL_DESC', first).map((t) => ({
          ...t,
          criteria,
          donorSide: side(t.donorId),
          recipientSide: side(t.recipientId),
        }));
      }
      const totals = await donationTotals(facts, criteria, groupBy, orderBy ?? 'TOTAL_DESC', first, (task) =>
        ctx.services.work.whenIdle(task),
      );
      return totals.map((t) => ({ ...t, criteria }));
    },
    visits: (_r, { filter, first, after }, ctx) => {
      checkFirst(first);
      return visitConnection(ctx, filter, {}, first, after);
    },
    search: async (_r, { query, types, first }, ctx) => {
      const limit = first ?? 10;
      checkFirst(limit);
      if (query.length > 200) throw badInput(`search text is limited to 200 characters (got ${query.length})`, 'query');
      const labels = types?.map((t) => (t.charAt(0) + t.slice(1).toLowerCase()) as NodeLabel) ?? null;
      const matches = await ctx.graph.model.search.search(query, labels, limit);
      const nodes = await ctx.graph.nodes(matches.map((m) => m.id));
      return matches.flatMap((m, i) => {
        const node = nodes[i];
        return node ? [{ node, score: m.score, matched: m.matched }] : [];
      });
    },
    path: (_r, { from, to, maxHops, relations }, ctx) => {
      checkId(from, 'from');
      checkId(to, 'to');
      const hops = maxHops ?? 4;
      if (!Number.isInteger(hops) || hops < 1 || hops > 6) throw badInput(`maxHops must be from 1 to 6 (got ${hops})`, 'maxHops');
      for (const id of [from, to]) if (!ctx.graph.labelOf(id)) throw notFound(`no node with id "${id}"`, id);
      return findPath(ctx.graph.model, from, to, hops, relations ? [...new Set(relations as RelType[])] : null);
    },
    documents: (_r, { year, pairing }, ctx) => {
      let docs = year == null ? ctx.services.documents : ctx.services.documents.filter((d) => d.year === year);
      if (pairing != null) {
        checkId(pairing, 'pairing');
        const p = ctx.graph.pairing(pairing);
        if (!p) throw notFound(`no pairing with id "${pairing}"`, pairing);
        const naming = ctx.services.placeDocuments;
        const both = (doc: string) => !!naming.get(p.supporterId)?.has(doc) && !!naming.get(p.supportedId)?.has(doc);
        docs = docs.filter((d) => d.doc === p.props.sourceDoc || both(d.doc));
      }
      return docs;
    },
    pairingMap: (_r, { asOf }, ctx) => {
      checkYear(asOf, 'asOf');
      const criteria = { year: asOf, documentYears: ctx.services.documentYears };
      return { asOf, pairings: filterPairings(ctx.graph.model.facts.pairings, criteria) };
    },
    pairingChanges: (_r, { from, to, first }, ctx) => {
      checkYear(from, 'from');
      checkYear(to, 'to');
      if (from > to) throw badInput(`from (${from}) is after to (${to})`, 'from');
      const limit = first ?? MAX_PAGE;
      checkFirst(limit);
      return pairingChanges(ctx.graph.model.facts.pairings, from, to, ctx.services.documentYears).slice(0, limit);
    },
    panel: (_r, { filter, first, after }, ctx) => {
      checkFirst(first);
      return paginate(buildPanel(ctx.graph.model, panelCriteria(ctx, filter)), first, after);
    },
    reconciliation: async (_r, { place, year }, ctx) => {
      checkId(place, 'place');
      checkYear(year, 'year');
      if (ctx.graph.labelOf(place) !== 'Place') throw notFound(`no place with id "${place}"`, place);
      const model = ctx.graph.model;
      const inside = ctx.graph.expand(place, true);
      // The statistics about the place itself that state a year's aid, largest first.
      const candidates = await ctx.graph.nodesAt(filterStatistics(model, { about: new Set([place]), year }));
      const stated = candidates
        .filter((s) => statesAidTotal(str(s.props, 'metric'), str(s.props, 'unit')))
        .sort((a, b) => (num(b.props, 'value') ?? 0) - (num(a.props, 'value') ?? 0));
      const overall = stated.find((s) => statesOverallAid(str(s.props, 'metric')));
      const statedTotal = overall ? num(overall.props, 'value') : null;
      const itemised = async (side: 'donors' | 'recipients') => {
        const criteria = { year, kinds: AID_KINDS, [side]: inside };
        const rows = await filterDonations(model.facts, criteria);
        return { criteria, total: sumYuan(model.facts, rows), count: rows.length, statedTotal };
      };
      const [given, received] = [await itemised('donors'), await itemised('recipients')];
      const involving = await filterDonations(model.facts, { year, parties: inside });
      const totals = statedTotals(
        model,
        Array.from(involving, (row) => model.facts.donationId(row)),
      );
      const name = (await ctx.graph.node(place))?.props.name;
      return {
        placeId: place,
        year,
        totals,
        stated,
        statedTotal,
        given,
        received,
        note: reconciliationNote(typeof name === 'string' ? name : place, year, statedTotal, given, received, totals),
      };
    },
    commitments: async (_r, { filter, first, after }, ctx) => {
      checkFirst(first);
      if (filter?.giver) checkId(filter.giver, 'filter.giver');
      if (filter?.recipient) checkId(filter.recipient, 'filter.recipient');
      if (filter?.year != null) checkYear(filter.year, 'filter.year');
      if (filter?.includeDescendants && !filter.giver && !filter.recipient)
        throw badInput('includeDescendants needs a giver or a recipient to take the places inside of', 'filter.includeDescendants');
      const model = ctx.graph.model;
      const descend = filter?.includeDescendants ?? false;
      let numbers = filterCommitments(model, {
        givers: expand(ctx, filter?.giver, descend),
        recipients: expand(ctx, filter?.recipient, descend),
        year: filter?.year,
        kinds: filter?.kind?.map(fromEnum),
        evidence: filter?.evidence?.map(fromEnum),
      });
      if (filter?.stage?.length) {
        // The stage is read with the node: commitments are few, and a card column would cost every node.
        const stages = new Set(filter.stage.map(fromEnum));
        const kept = new Set((await ctx.graph.nodesAt(numbers)).filter((n) => stages.has(String(n.props.stage))).map((n) => n.id));
        numbers = numbers.filter((n) => kept.has(model.topology.idAt(n)));
      }
      // A share of a larger commitment also listed counts once, in the whole.
      const counted = numbers.filter((n) => !model.topology.ends(n, 'out', 'PART_OF').length);
      const totalYuan = counted.reduce((sum, n) => sum + (model.cards.num(n, 'yuan') ?? 0), 0);
      return { ...(await pageOf(ctx, numbers, first, after)), totalYuan };
    },
    statistics: async (_r, { filter, first, after }, ctx) => {
      checkFirst(first);
      if (filter?.place) checkId(filter.place, 'filter.place');
      if (filter?.topic && filter.topic.length > 100)
        throw badInput(`topic is limited to 100 characters (got ${filter.topic.length})`, 'filter.topic');
      const model = ctx.graph.model;
      const numbers = filterStatistics(model, {
        about: filter?.place ? ctx.graph.expand(filter.place, filter.includeDescendants ?? false) : null,
        year: filter?.year,
        topic: filter?.topic,
        evidence: filter?.evidence?.map(fromEnum),
      });
      const year = (n: number) => model.cards.num(n, 'year') ?? 0;
      numbers.sort((a, b) => year(a) - year(b) || a - b);
      return pageOf(ctx, numbers, first, after);
    },
  },
  PanelRow: {
    supporter: async (r, _a, ctx) => (await ctx.graph.node(r.supporterId))!,
    supported: async (r, _a, ctx) => (await ctx.graph.node(r.supportedId))!,
    level: (r) => pairingLevel(r.level),
    statuses: (r) => r.statuses.map(pairingStatus),
    amounts: (r) =>
      DONATION_KINDS.filter((k) => r.donationIdsByKind.has(k)).map((k) => ({
        kind: donationKind(k),
        yuan: r.yuan.get(k) ?? 0,
        donationIds: r.donationIdsByKind.get(k)!,
      })),
    aidYuan: (r) => yuanOf(r, AID_KINDS),
    investmentYuan: (r) => yuanOf(r, ['investment']),
  },
  Reconciliation: {
    place: async (r, _a, ctx) => (await ctx.graph.node(r.placeId))!,
  },
  StatedTotal: {
    total: async (s, _a, ctx) => (await ctx.graph.node(s.totalId))!,
    parts: (s, _a, ctx) => ctx.graph.existing(s.partIds),
    partsYuan: (s) => s.partsYuan,
    coverage: (s) => coverage({ total: s.partsYuan }, s.totalYuan),
  },
  ItemisedMoney: {
    coverage: (m) => coverage(m, m.statedTotal),
    donations: (m, { first, after }, ctx) => donationConnection(ctx, m.criteria, 'AMOUNT_DESC', first, after),
  },
  PairingMap: {
    count: (m) => m.pairings.length,
    pairings: (m, { first, after }) => {
      checkFirst(first);
      return paginate(m.pairings, first, after);
    },
    coverage: (m, _a, ctx) => yearCoverage(ctx.services.documents, m.asOf),
  },
  PairingChange: {
    kind: (c) => pairingChangeKind(c.kind),
    pairing: (c) => c.pairing,
    replacedBy: (c, _a, ctx) => {
      const id = c.pairing.props.replacedBy;
      return typeof id === 'string' ? ctx.graph.pairing(id) : null;
    },
    provenance: (c) => provenance(c.pairing.props)!,
  },
  DonationTotal: {
    donations: (t, { first, after }, ctx) => donationConnection(ctx, groupCriteria(t), 'DATE_ASC', first, after),
    donor: (t, _a, ctx) => (t.donorId ? ctx.graph.node(t.donorId) : null),
    recipient: (t, _a, ctx) => (t.recipientId ? ctx.graph.node(t.recipientId) : null),
    kind: (t) => (t.kind ? donationKind(t.kind) : null),
  },
  SearchHit: {},
  Path: {
    nodes: (p, _a, ctx) => ctx.graph.existing(p.nodeIds),
    length: (p) => p.steps.length,
  },
  PathStep: {
    from: async (s, _a, ctx) => (await ctx.graph.node(s.fromId))!,
    to: async (s, _a, ctx) => (await ctx.graph.node(s.toId))!,
  },
};
