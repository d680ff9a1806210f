/**
 * The dataset as property-graph rows: which nodes and relationships each record becomes.
 * Pure, so the loader and the tests that compute expected results share one mapping.
 *
 * Donations, commitments, visits, meetings, agreements and statistics are nodes of their own, so that a
 * donation with three donors is counted once and each keeps its provenance; pairings are
 * SUPPORTS relationships carrying theirs.
 */
import type { Dataset, DateSpan, Source } from '../dataset/schema.js';

export type Props = Record<string, string | number | boolean | string[] | null>;
export interface NodeRow {
  id: string;
  props: Props;
}
export interface EdgeRow {
  fromId: string;
  toId: string;
  props: Props;
}

export const NODE_LABELS = [
  'Place',
  'Official',
  'Title',
  'Organisation',
  'Enterprise',
  'Project',
  'Donation',
  'Commitment',
  'Visit',
  'Meeting',
  'Agreement',
  'Statistic',
] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

export const REL_TYPES = [
  'PART_OF',
  'LOCATED_IN',
  'BASED_IN',
  'HAS_TITLE',
  'TITLE_AT',
  'SPONSORS',
  'SUPPORTS',
  'GAVE',
  'TO',
  'FUNDS',
  'WENT_ON',
  'FROM',
  'HOSTED',
  'ATTENDED',
  'AT',
  'DURING',
  'PARTY_TO',
  'ABOUT',
  'PROMISED',
  'PROMISED_TO',
  'REALISED_AS',
] as const;
export type RelType = (typeof REL_TYPES)[number];

export interface GraphRows {
  nodes: Record<NodeLabel, NodeRow[]>;
  edges: Record<RelType, EdgeRow[]>;
}

/** Provenance flattened onto the node or relationship (maps are not Neo4j property values). */
export function sourceProps(s: Source): Props {
  return { sourceDoc: s.doc, sourceStart: s.start, sourceEnd: s.end, quote: s.quote };
}

/** How a fact was read (stated, section, list-order, inferred) and, unless stated, what was added. */
export function evidenceProps(r: { evidence: string; evidenceNote?: string }): Props {
  return { evidence: r.evidence, evidenceNote: r.evidenceNote ?? null };
}

export function dateProps(d: DateSpan | undefined): Props {
  if (!d) return {};
  return { dateStart: d.start, dateEnd: d.end ?? null, datePrecision: d.precision, dateText: d.text };
}

/** Drops undefined and null so that absent and null read alike on both engines. */
function compact(p: Record<string, unknown>): Props {
  // A plain loop: this runs for every node and relationship of a million-node load.
  const out: Props = {};
  for (const k in p) if (p[k] !== undefined && p[k] !== null) out[k] = p[k] as Props[string];
  return out;
}

function node(id: string, p: Record<string, unknown>): NodeRow {
  return { id, props: compact({ id, ...p }) };
}

export function toGraphRows(ds: Dataset): GraphRows {
  const nodes = Object.fromEntries(NODE_LABELS.map((l) => [l, [] as NodeRow[]])) as GraphRows['nodes'];
  const edges = Object.fromEntries(REL_TYPES.map((t) => [t, [] as EdgeRow[]])) as GraphRows['edges'];
  const edge = (type: RelType, from: string, to: string, props: Record<string, unknown> = {}) =>
    edges[type].push({ fromId: from, toId: to, props: compact(props) });

  for (const p of ds.place) {
    const last = p.successors?.at(-1);
    nodes.Place.push(
      node(p.id, {
        name: p.name,
        standardName: p.standardName,
        kind: p.kind,
        level: p.level,
        zh: p.zh,
        code: p.code,
        revision: p.revision,
        aliases: p.aliases,
        successorCode: last?.code,
        successorName: last?.name,
        successorZh: last?.zh,
        successorKind: last?.kind,
        successorSince: last?.since,
        successorHistory: p.successors?.map((s) => `${s.since}: ${s.code ?? '-'} ${s.zh ?? s.note ?? ''}`.trim()),
        ...(p.source ? sourceProps(p.source) : {}),
      }),
    );
    if (p.parentId) edge('PART_OF', p.id, p.parentId);
  }
  for (const o of ds.official) {
    nodes.Official.push(node(o.id, { name: o.name, aliases: o.aliases }));
    o.titles.forEach((t, i) => {
      const id = `${o.id}#title-${i + 1}`;
      nodes.Title.push(node(id, { name: t.title, year: t.year, ...sourceProps(t.source) }));
      edge('HAS_TITLE', o.id, id);
      if (t.placeId) edge('TITLE_AT', id, t.placeId);
      if (t.organisationId) edge('TITLE_AT', id, t.organisationId);
    });
  }
  for (const o of ds.organisation) {
    nodes.Organisation.push(node(o.id, { name: o.name, aliases: o.aliases, kind: o.kind, ...sourceProps(o.source) }));
    if (o.placeId) edge('LOCATED_IN', o.id, o.placeId);
    if (o.parentId) edge('PART_OF', o.id, o.parentId);
  }
  for (const e of ds.enterprise) {
    nodes.Enterprise.push(node(e.id, { name: e.name, aliases: e.aliases, sector: e.sector, ...sourceProps(e.source) }));
    if (e.homePlaceId) edge('BASED_IN', e.id, e.homePlaceId);
  }
  for (const p of ds.project) {
    nodes.Project.push(
      node(p.id, {
        name: p.name,
        aliases: p.aliases,
        category: p.category,
        year: p.year,
        yuan: p.amount?.yuan,
        amountText: p.amount?.text,
        description: p.description,
        ...sourceProps(p.source),
      }),
    );
    if (p.placeId) edge('LOCATED_IN', p.id, p.placeId);
    for (const s of p.sponsorIds ?? []) edge('SPONSORS', s, p.id);
  }
  for (const p of ds.pairing) {
    edge('SUPPORTS', p.supporterId, p.supportedId, {
      id: p.id,
      level: p.level,
      fromYear: p.from,
      toYear: p.to,
      basis: p.basis,
      status: p.status,
      scope: p.scope,
      replacedBy: p.replacedBy,
      ...evidenceProps(p),
      ...sourceProps(p.source),
    });
  }
  for (const d of ds.donation) {
    nodes.Donation.push(
      node(d.id, {
        name: d.amount ? `${d.amount.text} (${d.kind})` : `${d.items ?? 'donation'} (${d.kind})`,
        yuan: d.amount?.yuan,
        amountText: d.amount?.text,
        kind: d.kind,
        year: d.year,
        purpose: d.purpose,
        items: d.items,
        partOf: d.partOfId,
        restates: d.restatesId,
        ...evidenceProps(d),
        ...dateProps(d.date),
        ...sourceProps(d.source),
      }),
    );
    if (d.partOfId) edge('PART_OF', d.id, d.partOfId);
    for (const a of d.donorIds) edge('GAVE', a, d.id);
    for (const r of d.recipientIds) edge('TO', d.id, r);
    if (d.projectId) edge('FUNDS', d.id, d.projectId);
  }
  // Money promised: its own relationship types, so that nothing reading GAVE or TO counts it as given.
  for (const c of ds.commitment) {
    nodes.Commitment.push(
      node(c.id, {
        name: `${c.amount.text} ${c.stage} (${c.kind})`,
        yuan: c.amount.yuan,
        amountText: c.amount.text,
        kind: c.kind,
        stage: c.stage,
        year: c.year,
        byYear: c.byYear,
        yearly: c.yearly,
        purpose: c.purpose,
        projectId: c.projectId,
        partOf: c.partOfId,
        ...evidenceProps(c),
        ...dateProps(c.date),
        ...sourceProps(c.source),
      }),
    );
    if (c.partOfId) edge('PART_OF', c.id, c.partOfId);
    for (const g of c.giverIds) edge('PROMISED', g, c.id);
    for (const r of c.recipientIds) edge('PROMISED_TO', c.id, r);
    for (const r of c.realisedIds ?? []) edge('REALISED_AS', c.id, r);
  }
  for (const v of ds.visit) {
    nodes.Visit.push(
      node(v.id, {
        name: v.delegation ?? v.purpose ?? 'visit',
        delegation: v.delegation,
        purpose: v.purpose,
        ...evidenceProps(v),
        ...dateProps(v.date),
        ...sourceProps(v.source),
      }),
    );
    const visitors = new Set([...v.visitorIds, ...(v.headId ? [v.headId] : [])]);
    for (const o of visitors) edge('WENT_ON', o, v.id, { head: o === v.headId });
    if (v.fromId) edge('FROM', v.id, v.fromId);
    for (const p of v.destinationIds) edge('TO', v.id, p);
  }
  for (const m of ds.meeting) {
    nodes.Meeting.push(
      node(m.id, {
        name: m.name ?? m.topic ?? m.kind,
        kind: m.kind,
        topic: m.topic,
        ...evidenceProps(m),
        ...dateProps(m.date),
        ...sourceProps(m.source),
      }),
    );
    for (const h of m.hostIds) edge('HOSTED', h, m.id);
    for (const g of m.guestIds) edge('ATTENDED', g, m.id);
    if (m.placeId) edge('AT', m.id, m.placeId);
    if (m.visitId) edge('DURING', m.id, m.visitId);
  }
  for (const a of ds.agreement) {
    nodes.Agreement.push(
      node(a.id, { name: a.name, kind: a.kind, terms: a.terms, ...evidenceProps(a), ...dateProps(a.date), ...sourceProps(a.source) }),
    );
    for (const p of a.partyIds) edge('PARTY_TO', p, a.id);
  }
  for (const s of ds.statistic) {
    nodes.Statistic.push(
      node(s.id, {
        name: `${s.metric} ${s.year}`,
        scopeText: s.scopeText,
        year: s.year,
        metric: s.metric,
        value: s.value,
        unit: s.unit,
        text: s.text,
        ...evidenceProps(s),
        ...sourceProps(s.source),
      }),
    );
    if (s.scopeId) edge('ABOUT', s.id, s.scopeId);
  }
  return { nodes, edges };
}
