/**
 * Validates the dataset (`npm run validate`): prints counts per record type and the number of
 * unresolved place mentions; every problem goes to stderr as file:line field: reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { validateDataset } from '../dataset/validate.js';
import { formatProblem } from '../dataset/check.js';
import { SEEDS } from '../dataset/paths.js';

const report = validateDataset();
for (const p of report.problems) console.error(formatProblem(p));
const reviewFile = `${SEEDS}/review/place-mentions.jsonl`;
const reviews = existsSync(reviewFile) ? readFileSync(reviewFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
const unresolved = reviews.filter((r) => !r.chosen).length;
const width = Math.max(...Object.keys(report.counts).map((k) => k.length));
for (const [type, n] of Object.entries(report.counts)) console.log(`${type.padEnd(width)} ${String(n).padStart(5)}`);
console.log(`place mentions reviewed: ${reviews.length}, unresolved: ${unresolved}`);
if (report.problems.length) {
  console.error(`${report.problems.length} problem(s) in the dataset`);
  process.exit(1);
}
console.log('dataset valid');
