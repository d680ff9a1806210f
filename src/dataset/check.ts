/**
 * Record-level checks shared by the dataset validator and the annotation-draft checker:
 * schema, provenance (the quote stands at its offsets), amounts, dates and references.
 */
import type { z } from 'zod';
import { RECORD_TYPES, type RecordType, type Source } from './schema.js';
import { parseAmount } from './amount.js';
import type { SourceTexts } from './sources.js';

export interface Problem {
  file: string;
  line: number;
  field: string;
  reason: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line} ${p.field}: ${p.reason}`;
}

/** A record as read from a JSON Lines file, with where it came from. */
export interface Located<T = Record<string, unknown>> {
  type: RecordType;
  file: string;
  line: number;
  record: T;
}

/** Schema problems, each with the dotted path of the field at fault. */
export function schemaProblems(type: RecordType, record: unknown): Array<{ field: string; reason: string }> {
  const result = (RECORD_TYPES[type].schema as z.ZodType).safeParse(record);
  if (result.success) return [];
  return result.error.issues.map((i) => ({
    field: i.path.length ? i.path.join('.') : '(record)',
    reason: `${i.message}${'received' in i && i.received !== undefined ? ` (got ${JSON.stringify(i.received)})` : ''}`,
  }));
}

/** Every `source` in a record (facts have one; officials have one per title), with its field path. */
export function sourcesOf(record: Record<string, unknown>): Array<{ field: string; source: Source }> {
  const out: Array<{ field: string; source: Source }> = [];
  if (record.source) out.push({ field: 'source', source: record.source as Source });
  if (Array.isArray(record.titles)) {
    record.titles.forEach((t: { source?: Source }, i: number) => {
      if (t.source) out.push({ field: `titles.${i}.source`, source: t.source });
    });
  }
  return out;
}

export function provenanceProblems(record: Record<string, unknown>, texts: SourceTexts): Array<{ field: string; reason: string }> {
  const out: Array<{ field: string; reason: string }> = [];
  for (const { field, source } of sourcesOf(record)) {
    const text = texts.get(source.doc);
    if (text === undefined) {
      out.push({ field: `${field}.doc`, reason: `no source document "${source.doc}"` });
      continue;
    }
    const actual = text.slice(source.start, source.end);
    if (actual !== source.quote) {
      const at = text.indexOf(source.quote);
      out.push({
        field: `${field}.quote`,
        reason:
          at === -1
            ? `quote not found in ${source.doc}; [${source.start}, ${source.end}) reads "${actual.slice(0, 60)}…"`
            : `quote is at ${at}, not at ${source.start}`,
      });
    }
  }
  return out;
}

/** A yyyy-mm-dd that names a real day (not 2012-02-30). */
function isCalendarDate(d: string): boolean {
  const t = Date.parse(d);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}

/** Money and figures must be written inside their quote and read back to the same value. */
export function valueProblems(type: RecordType, record: Record<string, unknown>): Array<{ field: string; reason: string }> {
  const out: Array<{ field: string; reason: string }> = [];
  const quote = (record.source as Source | undefined)?.quote ?? '';
  const amount = record.amount as { yuan: number; text: string } | undefined;
  if (amount) {
    if (!quote.includes(amount.text)) out.push({ field: 'amount.text', reason: `"${amount.text}" is not in the quote` });
    const parsed = parseAmount(amount.text);
    if ('error' in parsed) out.push({ field: 'amount.text', reason: parsed.error });
    else if (parsed.yuan !== amount.yuan)
      out.push({ field: 'amount.yuan', reason: `${amount.yuan} ≠ ${parsed.yuan} read from "${amount.text}"` });
  }
  if (type === 'statistic' && typeof record.text === 'string' && !quote.includes(record.text)) {
    out.push({ field: 'text', reason: `"${record.text}" is not in the quote` });
  }
  const date = record.date as { start: string; end?: string; precision: string; text: string } | undefined;
  if (date) {
    const expected = { year: 4, month: 7, day: 10 }[date.precision];
    if (date.start.length !== expected)
      out.push({ field: 'date.start', reason: `"${date.start}" does not have ${date.precision} precision` });
    if (date.end && date.end < date.start) out.push({ field: 'date.end', reason: `${date.end} is before ${date.start}` });
    for (const [field, d] of [
      ['date.start', date.start],
      ['date.end', date.end],
    ] as const) {
      if (d?.length === 10 && !isCalendarDate(d)) out.push({ field, reason: `${d} is not a calendar date` });
    }
    if (typeof record.year === 'number' && Number(date.start.slice(0, 4)) !== record.year) {
      out.push({ field: 'year', reason: `${record.year} differs from the date ${date.start}` });
    }
  }
  if (typeof record.evidence === 'string' && record.evidence !== 'stated' && !record.evidenceNote) {
    out.push({ field: 'evidenceNote', reason: `evidence "${record.evidence}" needs a note saying what the record adds to its quote` });
  }
  if (type === 'pairing' && typeof record.from === 'number' && typeof record.to === 'number' && record.to < record.from) {
    out.push({ field: 'to', reason: `${record.to} is before ${record.from}` });
  }
  return out;
}

const REF_FIELDS = [
  'parentId',
  'placeId',
  'organisationId',
  'homePlaceId',
  'supporterId',
  'supportedId',
  'headId',
  'fromId',
  'projectId',
  'scopeId',
  'visitId',
  'replacedBy',
  'partOfId',
  'restatesId',
];
const REF_LIST_FIELDS = [
  'donorIds',
  'giverIds',
  'realisedIds',
  'recipientIds',
  'visitorIds',
  'destinationIds',
  'hostIds',
  'guestIds',
  'partyIds',
  'sponsorIds',
];

/** Every id a record points at, with the field that holds it. */
export function referencesOf(record: Record<string, unknown>): Array<{ field: string; id: string }> {
  const out: Array<{ field: string; id: string }> = [];
  for (const f of REF_FIELDS) if (typeof record[f] === 'string') out.push({ field: f, id: record[f] as string });
  for (const f of REF_LIST_FIELDS) {
    if (Array.isArray(record[f])) (record[f] as string[]).forEach((id, i) => out.push({ field: `${f}.${i}`, id }));
  }
  if (Array.isArray(record.titles)) {
    (record.titles as Array<Record<string, unknown>>).forEach((t, i) => {
      for (const f of ['placeId', 'organisationId'])
        if (typeof t[f] === 'string') out.push({ field: `titles.${i}.${f}`, id: t[f] as string });
    });
  }
  return out;
}
