/**
 * The pair × year panel: one row per supporter–supported pair and year, with the money, visits,
 * meetings and agreements between the two sides that year and the ids of the facts behind each
 * cell — the table researchers of paired assistance otherwise build by hand.
 *
 * A pair is a supporter and a supported side joined by at least one pairing. A fact belongs to a
 * pair when its two ends lie on the pair's two sides: a side is the place itself, every place
 * inside it, and the organisations, enterprises, projects and officials based in or holding a
 * post in them. A fact can so count for a province pair and for a city pair inside it: sum the
 * rows of one pairing level at a time. Money counts once: shares of a stated total and
 * restatements are left out, as in the totals. Money promised has columns of its own.
 */
import type { ReadModel } from '../graph/read-model.js';
import type { PairingFact } from '../store/graph-store.js';
import { DonationKind } from '../dataset/schema.js';
import type { ConnectionModel } from './models.js';
import { inForce } from './pairing-query.js';
import { str } from './props.js';

/** Every kind of donation the dataset knows, in the order the columns give them. */
export const DONATION_KINDS = DonationKind.options;
export type PanelKind = (typeof DONATION_KINDS)[number];

export interface PanelRow {
  supporterId: string;
  supportedId: string;
  level: string;
  year: number;
  /** Whether a pairing of the two was in force that year. */
  inForce: boolean;
  /** The statuses of the pair's pairings in force that year. */
  statuses: string[];
  pairingIds: string[];
  /** Yuan by kind, and the donations behind each kind's sum (those without an amount included). */
  yuan: Map<PanelKind, number>;
  donationIdsByKind: Map<PanelKind, string[]>;
  donationIds: string[];
  /** Money promised (planned, agreed or signed), kept apart from money given. */
  promisedYuan: number;
  commitmentIds: string[];
  /** Visits from the supporter's side to the supported side, and back. */
  visitsEastToWest: string[];
  visitsWestToEast: string[];
  meetingIds: string[];
  agreementIds: string[];
}

export type PanelRowModel = PanelRow;
export type PanelConnectionModel = ConnectionModel<PanelRow>;

export interface PanelCriteria {
  /** Pairs whose supporter / supported side is one of these (ids), when given. */
  supporters?: Set<string> | null;
  supported?: Set<string> | null;
  levels?: string[] | null;
  yearFrom: number;
  yearTo: number;
  documentYears: Map<string, number>;
}

interface Pair {
  supporter: number;
  supported: number;
  pairings: PairingFact[];
  rows: Map<number, PanelRow>;
}

/** The rows, pair by pair (supporter, then supported, by id) and year. */
export function buildPanel(model: ReadModel, c: PanelCriteria): PanelRow[] {
  const t = model.topology;
  const pairs = new Map<string, Pair>();
  for (const p of model.facts.pairings) {
    if (c.supporters && !c.supporters.has(p.supporterId)) continue;
    if (c.supported && !c.supported.has(p.supportedId)) continue;
    if (c.levels?.length && !c.levels.includes(str(p.props, 'level') ?? '')) continue;
    const key = `${p.supporterId}\u0000${p.supportedId}`;
    let pair = pairs.get(key);
    if (!pair)
      pairs.set(key, (pair = { supporter: t.indexOf(p.supporterId), supported: t.indexOf(p.supportedId), pairings: [], rows: new Map() }));
    pair.pairings.push(p);
  }
  const bySupporter = new Map<number, Pair[]>();
  for (const pair of pairs.values()) {
    const list = bySupporter.get(pair.supporter);
    if (list) list.push(pair);
    else bySupporter.set(pair.supporter, [pair]);
  }
  const sides = new SideFinder(model);
  const rowOf = (pair: Pair, year: number): PanelRow => {
    let row = pair.rows.get(year);
    if (!row)
      pair.rows.set(
        year,
        (row = emptyRow(t.idAt(pair.supporter), t.idAt(pair.supported), str(pair.pairings[0].props, 'level') ?? 'mixed', year)),
      );
    return row;
  };
  const inRange = (year: number | null): year is number => year !== null && year >= c.yearFrom && year <= c.yearTo;
  /** The pairs with a supporter among `east`'s sides and the supported side among `west`'s. */
  const pairsBetween = (east: Set<number>, west: Set<number>): Pair[] => {
    const out: Pair[] = [];
    for (const s of east) for (const pair of bySupporter.get(s) ?? []) if (west.has(pair.supported)) out.push(pair);
    return out;
  };

  // Pairings in force, year by year.
  for (const pair of pairs.values()) {
    for (let year = c.yearFrom; year <= c.yearTo; year++) {
      const active = pair.pairings.filter((p) => inForce(p, year, c.documentYears));
      if (!active.length) continue;
      const row = rowOf(pair, year);
      row.inForce = true;
      row.pairingIds = active.map((p) => p.id);
      row.statuses = [...new Set(active.map((p) => str(p.props, 'status') ?? 'active'))];
    }
  }

  const { cards } = model;
  for (const d of t.withLabel('Donation')) {
    const year = cards.num(d, 'year');
    if (!inRange(year)) continue;
    // Counted once: not a share of a stated total, not a restatement.
    if (cards.str(d, 'restates') || t.ends(d, 'out', 'PART_OF').length) continue;
    const found = pairsBetween(sides.of(t.ends(d, 'in', 'GAVE')), sides.of(t.ends(d, 'out', 'TO')));
    if (!found.length) continue;
    const kind = (cards.str(d, 'kind') ?? 'other') as PanelKind;
    const yuan = cards.num(d, 'yuan');
    for (const pair of found) {
      const row = rowOf(pair, year);
      row.donationIds.push(t.idAt(d));
      row.donationIdsByKind.set(kind, [...(row.donationIdsByKind.get(kind) ?? []), t.idAt(d)]);
      if (yuan !== null) row.yuan.set(kind, (row.yuan.get(kind) ?? 0) + yuan);
    }
  }
  for (const m of model.commitments) {
    const year = cards.num(m, 'year');
    if (!inRange(year) || t.ends(m, 'out', 'PART_OF').length) continue;
    const yuan = cards.num(m, 'yuan') ?? 0;
    for (const pair of pairsBetween(sides.of(t.ends(m, 'in', 'PROMISED')), sides.of(t.ends(m, 'out', 'PROMISED_TO')))) {
      const row = rowOf(pair, year);
      row.commitmentIds.push(t.idAt(m));
      row.promisedYuan += yuan;
    }
  }
  for (const v of t.withLabel('Visit')) {
    const year = yearOf(cards.str(v, 'dateStart'));
    if (!inRange(year)) continue;
    const from = sides.of([...t.ends(v, 'out', 'FROM'), ...t.ends(v, 'in', 'WENT_ON')]);
    const to = sides.of(t.ends(v, 'out', 'TO'));
    for (const pair of pairsBetween(from, to)) rowOf(pair, year).visitsEastToWest.push(t.idAt(v));
    for (const pair of pairsBetween(to, from)) rowOf(pair, year).visitsWestToEast.push(t.idAt(v));
  }
  for (const m of t.withLabel('Meeting')) {
    const year = yearOf(cards.str(m, 'dateStart'));
    if (!inRange(year)) continue;
    const present = sides.of([...t.ends(m, 'in', 'HOSTED'), ...t.ends(m, 'in', 'ATTENDED'), ...t.ends(m, 'out', 'AT')]);
    for (const pair of pairsBetween(present, present)) rowOf(pair, year).meetingIds.push(t.idAt(m));
  }
  for (const a of t.withLabel('Agreement')) {
    const year = yearOf(cards.str(a, 'dateStart'));
    if (!inRange(year)) continue;
    const parties = sides.of(t.ends(a, 'in', 'PARTY_TO'));
    for (const pair of pairsBetween(parties, parties)) rowOf(pair, year).agreementIds.push(t.idAt(a));
  }

  const ordered = [...pairs.values()].sort((a, b) => a.supporter - b.supporter || a.supported - b.supported);
  return ordered.flatMap((pair) => [...pair.rows.values()].sort((a, b) => a.year - b.year));
}

function emptyRow(supporterId: string, supportedId: string, level: string, year: number): PanelRow {
  return {
    supporterId,
    supportedId,
    level,
    year,
    inForce: false,
    statuses: [],
    pairingIds: [],
    yuan: new Map(),
    donationIdsByKind: new Map(),
    donationIds: [],
    promisedYuan: 0,
    commitmentIds: [],
    visitsEastToWest: [],
    visitsWestToEast: [],
    meetingIds: [],
    agreementIds: [],
  };
}

const yearOf = (date: string | null): number | null => (date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null);

/**
 * Which pair sides an actor stands on: itself and every place above it; an organisation, enterprise
 * or project through the place it is based or located in (and the organisation it is part of); an
 * official through the places and organisations of their posts.
 */
class SideFinder {
  private readonly memo = new Map<number, number[]>();
  constructor(private readonly model: ReadModel) {}

  of(actors: Iterable<number>): Set<number> {
    const out = new Set<number>();
    for (const a of actors) for (const s of this.sidesOf(a)) out.add(s);
    return out;
  }

  private sidesOf(n: number): number[] {
    const known = this.memo.get(n);
    if (known) return known;
    this.memo.set(n, []); // a cycle in the data ends here
    const t = this.model.topology;
    const out = new Set<number>([n]);
    const through = (m: number) => {
      for (const s of this.sidesOf(m)) out.add(s);
    };
    switch (t.labelAt(n)) {
      case 'Place':
        for (const p of t.ends(n, 'out', 'PART_OF')) if (t.labelAt(p) === 'Place') through(p);
        break;
      case 'Organisation':
        for (const p of t.ends(n, 'out', 'LOCATED_IN')) through(p);
        for (const p of t.ends(n, 'out', 'PART_OF')) if (t.labelAt(p) === 'Organisation') through(p);
        break;
      case 'Enterprise':
        for (const p of t.ends(n, 'out', 'BASED_IN')) through(p);
        break;
      case 'Project':
        for (const p of t.ends(n, 'out', 'LOCATED_IN')) through(p);
        break;
      case 'Official':
        for (const title of t.ends(n, 'out', 'HAS_TITLE')) for (const at of t.ends(title, 'out', 'TITLE_AT')) through(at);
        break;
    }
    const sides = [...out];
    this.memo.set(n, sides);
    return sides;
  }
}

/** Sum of the yuan of these kinds in a row. */
export function yuanOf(row: PanelRow, kinds: readonly PanelKind[]): number {
  let total = 0;
  for (const k of kinds) total += row.yuan.get(k) ?? 0;
  return total;
}

export const AID_KINDS = DONATION_KINDS.filter((k) => k !== 'investment');
