/**
 * Validates the dataset (`npm run validate`): prints counts per record type and the number of
 * unresolved place mentions; every problem goes to stderr as file:line field: reason.
 */
import { validateDataset } from '../dataset/validate.js';
import { formatProblem } from '../dataset/check.js';

const report = validateDataset();
for (const p of report.problems) console.error(formatProblem(p));
const mentions = report.dataset.placeMention;
const resolved = mentions.filter((m) => m.placeId).length;
const placeById = new Map(report.dataset.place.map((p) => [p.id, p]));
const coded = mentions.filter((m) => m.placeId && placeById.get(m.placeId)?.code).length;
const pct = (n: number) => `${((100 * n) / Math.max(1, mentions.length)).toFixed(1)} %`;
const width = Math.max(...Object.keys(report.counts).map((k) => k.length));
for (const [type, n] of Object.entries(report.counts)) console.log(`${type.padEnd(width)} ${String(n).padStart(5)}`);
console.log(
  `place mentions: ${mentions.length}; resolved to a place with its parent chain: ${resolved} (${pct(resolved)}), to a coded place: ${coded} (${pct(coded)}); unresolved: ${mentions.length - resolved} (listed in seeds/review/place-mentions.jsonl)`,
);
const money = report.moneyProblems;
for (const p of money) console.error(formatProblem(p));
if (report.problems.length || money.length) {
  if (report.problems.length) console.error(`${report.problems.length} problem(s) in the dataset`);
  if (money.length) console.error(`${money.length} amount(s) of money in the texts not accounted for (npm run money lists them)`);
  process.exit(1);
}
console.log('dataset valid');
