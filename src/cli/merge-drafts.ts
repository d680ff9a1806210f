/**
 * Merges annotation drafts into the dataset: `npm run seeds:merge -- [drafts dir]`.
 * Writes seeds/data/*.jsonl and the place review file; prints conflicts between drafts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { SEEDS } from '../dataset/paths.js';
import { loadGazetteer } from '../dataset/gazetteer/index.js';
import { mergeDrafts, readDrafts, writeDataset } from '../dataset/merge-drafts.js';
import { DATA_DIR } from '../dataset/read.js';

const dir = process.argv[2] ?? `${SEEDS}/drafts`;
const { byType, reviews, conflicts } = mergeDrafts(readDrafts(dir), loadGazetteer());
writeDataset(DATA_DIR, byType);
mkdirSync(`${SEEDS}/review`, { recursive: true });
writeFileSync(`${SEEDS}/review/place-mentions.jsonl`, reviews.map((r) => JSON.stringify(r)).join('\n') + '\n');
for (const c of conflicts) console.error(`conflict: ${c}`);
console.log(Object.entries(byType).map(([t, rs]) => `${t} ${rs.length}`).join(', '));
console.log(`${reviews.length} place mentions for review, ${conflicts.length} conflicts`);
