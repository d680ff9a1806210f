/**
 * Validates the whole dataset: each record against its schema, each quote at its offsets,
 * amounts and dates, unique ids, and every reference pointing at a record that exists.
 */
import { ID_PATTERNS, RECORD_TYPE_NAMES, type Dataset, type RecordType } from './schema.js';
import { provenanceProblems, referencesOf, schemaProblems, valueProblems, type Problem } from './check.js';
import { readRawDataset, toDataset, DATA_DIR } from './read.js';
import { loadSources, type SourceTexts } from './sources.js';
import { loadGazetteer, type Gazetteer } from './gazetteer/index.js';
import { accountForMoney, notTransferProblems, NOT_TRANSFERS_FILE, readNotTransfers } from './money-coverage.js';
import { SEEDS } from './paths.js';
import { relative } from 'node:path';

export interface ValidationReport {
  /** What makes the dataset wrong: the store refuses to load it. */
  problems: Problem[];
  /**
   * What makes it incomplete: amounts of money the texts write that no record and no not-transfer
   * line accounts for, and not-transfer lines that point at nothing. `npm run validate` fails on
   * these too; a store still loads what is there.
   */
  moneyProblems: Problem[];
  counts: Record<RecordType, number>;
  dataset: Dataset;
}

/** Which record type an id must name, from its prefix. */
function typeOfId(id: string): RecordType | undefined {
  if (ID_PATTERNS.place.test(id)) return 'place';
  if (ID_PATTERNS.official.test(id)) return 'official';
  if (ID_PATTERNS.organisation.test(id)) return 'organisation';
  if (ID_PATTERNS.enterprise.test(id)) return 'enterprise';
  if (ID_PATTERNS.project.test(id)) return 'project';
  const prefix = id.split(':')[0];
  return (
    {
      pairing: 'pairing',
      donation: 'donation',
      commitment: 'commitment',
      visit: 'visit',
      meeting: 'meeting',
      agreement: 'agreement',
      stat: 'statistic',
      mention: 'placeMention',
    } as const
  )[prefix as 'pairing'];
}

export function validateDataset(
  dir = DATA_DIR,
  texts: SourceTexts = loadSources(),
  gazetteer: Gazetteer = loadGazetteer(),
  notTransfersFile = NOT_TRANSFERS_FILE,
): ValidationReport {
  const { records, problems } = readRawDataset(dir);
  const ids = new Map<string, { file: string; line: number; type: RecordType }>();
  for (const { type, file, line, record } of records) {
    const add = (field: string, reason: string) => problems.push({ file, line, field, reason });
    for (const p of schemaProblems(type, record)) add(p.field, p.reason);
    for (const p of provenanceProblems(record, texts)) add(p.field, p.reason);
    for (const p of valueProblems(type, record)) add(p.field, p.reason);
    const id = record.id as string;
    if (typeof id === 'string') {
      const prior = ids.get(id);
      if (prior) add('id', `${id} is already defined at ${prior.file}:${prior.line}`);
      else ids.set(id, { file, line, type });
      if (typeOfId(id) !== type) add('id', `${id} does not name a ${type}`);
    }
  }
  for (const { file, line, record } of records) {
    for (const ref of referencesOf(record)) {
      if (!ids.has(ref.id)) problems.push({ file, line, field: ref.field, reason: `${ref.id} does not exist in the dataset` });
    }
  }
  // A mention's candidates are gazetteer divisions or places of the dataset.
  for (const { type, file, line, record } of records) {
    if (type !== 'placeMention' || !Array.isArray(record.candidates)) continue;
    (record.candidates as string[]).forEach((c, i) => {
      if (!gazetteer.byId.has(c) && !ids.has(c))
        problems.push({ file, line, field: `candidates.${i}`, reason: `${c} is neither a gazetteer division nor a place of the dataset` });
    });
  }
  // A place's parent chain must end at a province without a cycle.
  const places = new Map(records.filter((r) => r.type === 'place').map((r) => [r.record.id as string, r.record]));
  for (const { type, file, line, record } of records) {
    if (type !== 'place') continue;
    const seen = new Set<string>();
    for (let p: Record<string, unknown> | undefined = record; p?.parentId; p = places.get(p.parentId as string)) {
      if (seen.has(p.id as string)) {
        problems.push({ file, line, field: 'parentId', reason: 'the parent chain loops' });
        break;
      }
      seen.add(p.id as string);
    }
  }
  const counts = Object.fromEntries(RECORD_TYPE_NAMES.map((t) => [t, records.filter((r) => r.type === t).length])) as Record<
    RecordType,
    number
  >;
  const dataset = toDataset(records);
  return { problems, moneyProblems: moneyCoverageProblems(dataset, texts, notTransfersFile), counts, dataset };
}

/** Every amount of money in the texts that nothing accounts for, and every not-transfer line that is wrong. */
function moneyCoverageProblems(dataset: Dataset, texts: SourceTexts, file: string): Problem[] {
  const lines = readNotTransfers(file);
  const name = relative(SEEDS, file);
  const out: Problem[] = lines.flatMap((n) => notTransferProblems({ ...n }).map((p) => ({ file: name, line: n.line, ...p })));
  const { accounts, problems } = accountForMoney(dataset, lines, texts);
  for (const p of problems) out.push({ file: name, line: lines[p.index].line, field: 'quote', reason: p.reason });
  for (const { mention: m, records } of accounts) {
    if (records.length) continue;
    const text = texts.get(m.doc)!;
    const line = text.slice(0, m.start).split('\n').length;
    out.push({
      file: `sources/${m.doc}.txt`,
      line,
      field: `money at ${m.start}`,
      reason: `"${m.text}" is in no donation, statistic or project amount, and no not-transfer line says why (npm run money)`,
    });
  }
  return out;
}
