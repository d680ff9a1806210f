/** A fingerprint of the dataset files: a store loaded from other files is stale. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { RECORD_TYPES } from './schema.js';
import { DATA_DIR } from './read.js';

export function datasetChecksum(dir = DATA_DIR): string {
  const hash = createHash('sha256');
  for (const { file } of Object.values(RECORD_TYPES)) {
    hash.update(file);
    if (existsSync(`${dir}/${file}`)) hash.update(readFileSync(`${dir}/${file}`));
  }
  return hash.digest('hex').slice(0, 16);
}
