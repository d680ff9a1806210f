/**
 * Checks annotation drafts (seeds/drafts/*.jsonl: one record per line with a "type") and fills in
 * each quote's offsets: `npm run draft:check -- seeds/drafts/004-b.jsonl`.
 * A draft is self-contained: every id it points at is defined in it, or is a gazetteer division.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RECORD_TYPE_NAMES, type RecordType } from '../dataset/schema.js';
import { loadSources, locateQuote } from '../dataset/sources.js';
import { loadGazetteer } from '../dataset/gazetteer/index.js';
import { notTransferProblems } from '../dataset/money-coverage.js';
import {
  formatProblem,
  provenanceProblems,
  referencesOf,
  schemaProblems,
  sourcesOf,
  valueProblems,
  type Problem,
} from '../dataset/check.js';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: npm run draft:check -- <draft.jsonl> [...]');
  process.exit(2);
}
const texts = loadSources();
const gazetteer = loadGazetteer();
let failed = 0;

for (const file of files) {
  const problems: Problem[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const rows: Array<{ line: number; rec: Record<string, unknown> }> = [];
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    try {
      rows.push({ line: i + 1, rec: JSON.parse(text) });
    } catch (e) {
      problems.push({ file, line: i + 1, field: '(line)', reason: `bad JSON: ${(e as Error).message}` });
    }
  });
  const defined = new Map<string, number>();
  for (const { line, rec } of rows) {
    if (typeof rec.id === 'string') {
      if (defined.has(rec.id))
        problems.push({ file, line, field: 'id', reason: `${rec.id} already defined on line ${defined.get(rec.id)}` });
      defined.set(rec.id, line);
    }
  }
  const counts: Record<string, number> = {};
  for (const { line, rec } of rows) {
    const { type, ...record } = rec as { type: string } & Record<string, unknown>;
    counts[type] = (counts[type] ?? 0) + 1;
    const add = (field: string, reason: string) => problems.push({ file, line, field, reason });
    if (type === 'alias') {
      if (typeof record.place !== 'string' || !(gazetteer.byId.has(record.place) || defined.has(record.place)))
        add('place', `unknown place ${JSON.stringify(record.place)}`);
      if (typeof record.alias !== 'string' || ![...texts.values()].some((t) => t.includes(record.alias as string)))
        add('alias', `${JSON.stringify(record.alias)} is not written in any source`);
      continue;
    }
    if (type === 'review') {
      // An ambiguous or unresolved place mention, for the review file: it must quote the text.
      const quote = record.quote as string | undefined;
      const text = texts.get(record.doc as string);
      if (!text) add('doc', `no source document ${JSON.stringify(record.doc)}`);
      else if (typeof quote !== 'string' || !text.includes(quote)) add('quote', 'not found verbatim in the document');
      if (typeof record.mention !== 'string' || !quote?.includes(record.mention)) add('mention', 'must be written inside the quote');
      if (typeof record.reason !== 'string') add('reason', 'say why the mention is ambiguous or unresolved');
      continue;
    }
    if (type === 'not-transfer') {
      // An amount of money the texts write that is not a transfer: it must stand in the quote.
      for (const p of notTransferProblems(record)) add(p.field, p.reason);
      const text = texts.get(record.doc as string);
      if (!text) add('doc', `no source document ${JSON.stringify(record.doc)}`);
      else if (typeof record.quote === 'string') {
        const hit = locateQuote(text, record.quote);
        if ('error' in hit) add('quote', hit.error);
      }
      continue;
    }
    if (!RECORD_TYPE_NAMES.includes(type as RecordType)) {
      add('type', `unknown type ${JSON.stringify(type)} (one of ${RECORD_TYPE_NAMES.join(', ')}, alias, review, not-transfer)`);
      continue;
    }
    // Fill offsets from the quote (an annotator's `start` picks among repeated quotes).
    for (const { field, source } of sourcesOf(record)) {
      const text = texts.get(source.doc);
      if (!text || typeof source.quote !== 'string') continue;
      if (text.slice(source.start, source.end) === source.quote) continue;
      const hit = locateQuote(text, source.quote, typeof source.start === 'number' ? source.start : undefined);
      if ('error' in hit) {
        add(`${field}.quote`, `${hit.error}: "${source.quote.slice(0, 80)}"`);
        continue;
      }
      source.start = hit.start;
      source.end = hit.end;
    }
    for (const p of [
      ...schemaProblems(type as RecordType, record),
      ...provenanceProblems(record, texts),
      ...valueProblems(type as RecordType, record),
    ])
      add(p.field, p.reason);
    for (const ref of referencesOf(record)) {
      // A restatement points at the first record of the same money, usually in another draft.
      if (ref.field === 'restatesId') continue;
      if (!(gazetteer.byId.has(ref.id) || defined.has(ref.id)))
        add(ref.field, `${ref.id} is neither a gazetteer division nor defined in this draft`);
    }
    rec.source = record.source ?? rec.source;
  }
  writeFileSync(file, rows.map((r) => JSON.stringify(r.rec)).join('\n') + '\n');
  for (const p of problems) console.error(formatProblem(p));
  console.log(
    `${file}: ${rows.length} records (${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}), ${problems.length} problems`,
  );
  if (problems.length) failed++;
}
process.exit(failed ? 1 : 0);
