/**
 * Merges annotation drafts (one per chunk of text, every record type mixed, entities defined
 * wherever they are used) into the dataset's per-type files: entities deduplicated by id,
 * coded places generated from the gazetteer with their parent chains and the spellings seen.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import type { z } from 'zod';
import { RECORD_TYPES, RECORD_TYPE_NAMES, type RecordType } from './schema.js';
import { referencesOf, sourcesOf } from './check.js';
import type { Gazetteer } from './gazetteer/index.js';
import { chainOf } from './gazetteer/index.js';
import { findPlaceMentions, type PlaceMention } from './place-mentions.js';
import type { SourceDocument, SourceTexts } from './sources.js';
import type { Place } from './schema.js';
import type { TownshipRow } from './gazetteer/townships.js';
import { assignTownshipCodes, type TownshipMatch } from './township-codes.js';

type Rec = Record<string, unknown>;

export interface DraftLine {
  file: string;
  line: number;
  rec: Rec;
}

export interface MergeResult {
  byType: Record<RecordType, Rec[]>;
  /** Every place mention whose resolution was not unique, and the annotators' own review lines. */
  reviews: Rec[];
  /** Amounts of money the texts write that are not transfers, with why (seeds/review/money-not-transfers.jsonl). */
  notTransfers: Rec[];
  conflicts: string[];
  townships?: TownshipMatch;
}

export interface MergeSources {
  gazetteer: Gazetteer;
  texts: SourceTexts;
  documents: SourceDocument[];
  /** Entity ids that name the same thing as another id: `{ "org:a": "org:b" }` makes every org:a an org:b. */
  sameAs?: Record<string, string>;
  /** 2023 town and village codes, to give the dataset's towns and villages a code where the name still stands. */
  townships?: TownshipRow[];
}

export function readDrafts(dir: string): DraftLine[] {
  const out: DraftLine[] = [];
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    readFileSync(`${dir}/${f}`, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (text.trim()) out.push({ file: f, line: i + 1, rec: JSON.parse(text) });
      });
  }
  return out;
}

const ENTITY_TYPES = new Set<RecordType>(['official', 'organisation', 'enterprise', 'project', 'place']);

function union(a: unknown, b: unknown): string[] {
  return [...new Set([...((a as string[]) ?? []), ...((b as string[]) ?? [])])];
}

/** Two drafts defining one entity: aliases and titles are pooled; other fields keep the first value given. */
function mergeEntity(type: RecordType, into: Rec, from: Rec, conflicts: string[]): void {
  into.aliases = union(into.aliases, from.aliases);
  if (type === 'official') {
    const titles = into.titles as Rec[];
    const key = (t: Rec) => `${t.title}|${t.year}|${(t.source as Rec).doc}|${(t.source as Rec).start}`;
    const have = new Set(titles.map(key));
    for (const t of from.titles as Rec[]) if (!have.has(key(t))) titles.push(t);
  }
  for (const [k, v] of Object.entries(from)) {
    if (k === 'aliases' || k === 'titles' || k === 'source' || v === null || v === undefined) continue;
    if (into[k] === null || into[k] === undefined) into[k] = v;
    else if (JSON.stringify(into[k]) !== JSON.stringify(v) && typeof v !== 'object') {
      conflicts.push(`${into.id}.${k}: kept ${JSON.stringify(into[k])}, other draft said ${JSON.stringify(v)}`);
    }
  }
  if (from.name && from.name !== into.name) into.aliases = union(into.aliases, [from.name]);
}

function codedPlace(d: ReturnType<typeof chainOf>[number], aliases: string[]): Rec {
  return {
    id: d.id,
    name: d.name,
    standardName: d.name,
    kind: d.kind,
    level: d.level,
    parentId: d.parentId,
    zh: d.zh,
    code: d.code,
    revision: d.revision,
    aliases: aliases.sort(),
    ...(d.successors ? { successors: d.successors } : {}),
  };
}

function scanMentions(byType: Record<RecordType, Rec[]>, reviews: Rec[], sources: MergeSources): PlaceMention[] {
  const factRefs: Array<{ doc: string; start: number; end: number; ids: string[] }> = [];
  for (const type of RECORD_TYPE_NAMES) {
    for (const r of byType[type]) {
      for (const { source } of sourcesOf(r))
        factRefs.push({ doc: source.doc, start: source.start, end: source.end, ids: referencesOf(r).map((x) => x.id) });
    }
  }
  return findPlaceMentions({
    gazetteer: sources.gazetteer,
    places: byType.place as unknown as Place[],
    texts: sources.texts,
    factRefs,
    reviews: reviews as never,
    personNames: byType.official.map((o) => o.name as string),
    enterpriseNames: byType.enterprise.map((e) => e.name as string),
    documents: sources.documents,
  });
}

/** Fields in schema order, sources as doc/start/end/quote: stable, readable diffs. */
export function canonical(type: RecordType, rec: Rec): Rec {
  const shape = (RECORD_TYPES[type].schema as unknown as z.ZodObject).shape as Record<string, unknown>;
  const out: Rec = {};
  for (const k of Object.keys(shape)) if (rec[k] !== undefined) out[k] = rec[k];
  for (const { source } of sourcesOf(out)) {
    const s = source as unknown as Rec;
    const ordered = { doc: s.doc, start: s.start, end: s.end, quote: s.quote };
    for (const k of Object.keys(s)) delete s[k];
    Object.assign(s, ordered);
  }
  return out;
}

/** Rewrites every id the redirect table names, wherever it stands in a record. */
function redirect(value: unknown, sameAs: Record<string, string>): unknown {
  if (typeof value === 'string') return sameAs[value] ?? value;
  if (Array.isArray(value)) return [...new Set(value.map((v) => redirect(v, sameAs)))];
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'source' || k === 'quote' ? v : redirect(v, sameAs)]));
  }
  return value;
}

export function mergeDrafts(draftLines: DraftLine[], sources: MergeSources): MergeResult {
  const { gazetteer } = sources;
  const lines = draftLines.map((l) => ({ ...l, rec: redirect(l.rec, sources.sameAs ?? {}) as Rec }));
  const byType = Object.fromEntries(RECORD_TYPE_NAMES.map((t) => [t, [] as Rec[]])) as Record<RecordType, Rec[]>;
  const entities = new Map<string, { type: RecordType; rec: Rec }>();
  const aliases = new Map<string, Set<string>>();
  const reviews: Rec[] = [];
  const notTransfers: Rec[] = [];
  const conflicts: string[] = [];
  const factIds = new Set<string>();

  for (const { file, line, rec } of lines) {
    const { type, ...record } = rec as { type: string } & Rec;
    if (type === 'alias') {
      const set = aliases.get(record.place as string) ?? new Set();
      set.add(record.alias as string);
      aliases.set(record.place as string, set);
    } else if (type === 'review') {
      reviews.push({ ...record, draft: `${file}:${line}` });
    } else if (type === 'not-transfer') {
      const { doc, quote, text, reason, note } = record;
      notTransfers.push({ doc, quote, text, reason, note, draft: `${file}:${line}` });
    } else if (ENTITY_TYPES.has(type as RecordType)) {
      const prior = entities.get(record.id as string);
      if (prior) mergeEntity(prior.type, prior.rec, record, conflicts);
      else entities.set(record.id as string, { type: type as RecordType, rec: structuredClone(record) });
    } else {
      if (factIds.has(record.id as string)) conflicts.push(`${record.id} defined twice (${file}:${line})`);
      factIds.add(record.id as string);
      byType[type as RecordType].push(record);
    }
  }
  for (const { type, rec } of entities.values()) byType[type].push(rec);

  // Coded places: every division referenced, with its ancestors, from the gazetteer.
  const referenced = new Set<string>(aliases.keys());
  for (const type of RECORD_TYPE_NAMES) for (const r of byType[type]) for (const ref of referencesOf(r)) referenced.add(ref.id);
  const coded = new Map<string, Rec>();
  for (const id of referenced) {
    if (!id.startsWith('gb:')) continue;
    for (const d of chainOf(gazetteer, id)) {
      if (coded.has(d.id)) continue;
      coded.set(d.id, codedPlace(d, [...(aliases.get(d.id) ?? [])]));
    }
  }
  for (const r of byType.place) r.aliases = union(r.aliases, [...(aliases.get(r.id as string) ?? [])]);
  byType.place.push(...coded.values());

  // Every place the texts name: resolved, added with its parents when no fact uses it yet, and
  // each spelling kept as an alias.
  const mentions = scanMentions(byType, reviews, sources);
  const places = new Map(byType.place.map((p) => [p.id as string, p]));
  for (const m of mentions) {
    if (!m.placeId) continue;
    if (!places.has(m.placeId)) {
      for (const d of chainOf(gazetteer, m.placeId)) {
        if (places.has(d.id)) continue;
        const rec = codedPlace(d, []);
        places.set(d.id, rec);
        byType.place.push(rec);
      }
    }
    const p = places.get(m.placeId)!;
    const spelling = m.text.replace(/’/g, "'");
    if (spelling !== p.name && spelling !== p.standardName && !(p.aliases as string[]).includes(m.text)) {
      p.aliases = union(p.aliases, [m.text]);
    }
  }
  const townships = sources.townships ? assignTownshipCodes(byType.place, sources.townships, gazetteer) : undefined;
  byType.placeMention = mentions.map((m) => ({
    id: `mention:${m.doc.slice(0, 3)}-${m.start}`,
    placeId: m.placeId,
    method: m.method,
    candidates: m.candidates,
    ...(m.reason ? { reason: m.reason } : {}),
    source: { doc: m.doc, start: m.start, end: m.end, quote: m.text },
  }));
  const decided = mentions
    .filter((m) => m.method !== 'unique')
    .map((m) => ({
      kind: 'place-mention',
      mention: m.text,
      doc: m.doc,
      start: m.start,
      end: m.end,
      chosen: m.placeId,
      method: m.method,
      candidates: m.candidates,
      reason: m.reason,
    }));
  reviews.splice(0, reviews.length, ...decided, ...reviews.map((r) => ({ kind: 'annotator-note', ...r })));

  for (const type of RECORD_TYPE_NAMES) {
    byType[type] = byType[type]
      .map((r) => canonical(type, r))
      .sort((a, b) => String(a.id).localeCompare(String(b.id), 'en', { numeric: true }));
  }
  return { byType, reviews, notTransfers, conflicts, townships };
}

export function writeDataset(dir: string, byType: Record<RecordType, Rec[]>): void {
  mkdirSync(dir, { recursive: true });
  for (const type of RECORD_TYPE_NAMES) {
    writeFileSync(
      `${dir}/${RECORD_TYPES[type].file}`,
      byType[type].map((r) => JSON.stringify(r)).join('\n') + (byType[type].length ? '\n' : ''),
    );
  }
}
