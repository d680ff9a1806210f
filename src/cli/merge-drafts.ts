/**
 * Merges annotation drafts into the dataset: `npm run seeds:merge -- [drafts dir]`.
 * Writes seeds/data/*.jsonl, the place review file and the amounts that are not transfers; prints
 * conflicts between drafts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadDocuments, loadSources } from '../dataset/sources.js';
import { SEEDS } from '../dataset/paths.js';
import { loadGazetteer } from '../dataset/gazetteer/index.js';
import { mergeDrafts, readDrafts, writeDataset } from '../dataset/merge-drafts.js';
import { DATA_DIR } from '../dataset/read.js';
import { NOT_TRANSFERS_FILE } from '../dataset/money-coverage.js';

const dir = process.argv[2] ?? `${SEEDS}/drafts`;
const sameAsFile = `${SEEDS}/review/same-entities.json`;
const sameAs = existsSync(sameAsFile) ? JSON.parse(readFileSync(sameAsFile, 'utf8')).sameAs : {};
const townshipFile = `${SEEDS}/gazetteer/townships-2023.jsonl`;
const townshipRows = existsSync(townshipFile)
  ? readFileSync(townshipFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : undefined;
const { byType, reviews, notTransfers, conflicts, townships } = mergeDrafts(readDrafts(dir), {
  gazetteer: loadGazetteer(),
  texts: loadSources(),
  documents: loadDocuments(),
  sameAs,
  townships: townshipRows,
});
writeDataset(DATA_DIR, byType);
mkdirSync(`${SEEDS}/review`, { recursive: true });
writeFileSync(`${SEEDS}/review/place-mentions.jsonl`, reviews.map((r) => JSON.stringify(r)).join('\n') + '\n');
writeFileSync(NOT_TRANSFERS_FILE, notTransfers.map((r) => JSON.stringify(r)).join('\n') + '\n');
for (const c of conflicts) console.error(`conflict: ${c}`);
if (townships)
  console.log(
    `towns and villages given a 2023 code: ${townships.matched}; no match: ${townships.unmatched.length}; several matches: ${townships.ambiguous.length}`,
  );
console.log(
  Object.entries(byType)
    .map(([t, rs]) => `${t} ${rs.length}`)
    .join(', '),
);
const mentions = byType.placeMention;
const resolved = mentions.filter((m) => m.placeId).length;
console.log(
  `place mentions: ${mentions.length}, resolved ${resolved} (${((100 * resolved) / mentions.length).toFixed(1)} %); ${reviews.length} review lines; ${conflicts.length} conflicts`,
);
