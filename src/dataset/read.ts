/** Reads the dataset's JSON Lines files, keeping each record's file and line for error reports. */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { RECORD_TYPES, RECORD_TYPE_NAMES, type Dataset, type RecordType } from './schema.js';
import type { Located, Problem } from './check.js';
import { SEEDS } from './paths.js';

export const DATA_DIR = `${SEEDS}/data`;

export interface RawDataset {
  records: Located[];
  /** Lines that are not JSON objects. */
  problems: Problem[];
}

/** Every record of every type file in `dir`, unvalidated. A missing file is an empty type. */
export function readRawDataset(dir = DATA_DIR): RawDataset {
  const records: Located[] = [];
  const problems: Problem[] = [];
  for (const type of RECORD_TYPE_NAMES) {
    const path = `${dir}/${RECORD_TYPES[type].file}`;
    if (!existsSync(path)) continue;
    const file = `${basename(dir)}/${RECORD_TYPES[type].file}`;
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (!text.trim()) return;
        try {
          const record = JSON.parse(text);
          if (record === null || typeof record !== 'object' || Array.isArray(record)) {
            problems.push({ file, line: i + 1, field: '(line)', reason: 'not a JSON object' });
          } else records.push({ type, file, line: i + 1, record });
        } catch (e) {
          problems.push({ file, line: i + 1, field: '(line)', reason: `bad JSON: ${(e as Error).message}` });
        }
      });
  }
  return { records, problems };
}

/** Groups located records by type (after validation, when the records are known to fit their schema). */
export function toDataset(records: Located[]): Dataset {
  const ds = Object.fromEntries(RECORD_TYPE_NAMES.map((t) => [t, [] as unknown[]])) as unknown as Dataset;
  for (const r of records) (ds[r.type as RecordType] as unknown[]).push(r.record);
  return ds;
}
