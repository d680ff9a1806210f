/** Looks a place up in the gazetteer: `npm run places -- Qingchuan` (also a code or Chinese name). */
import { loadGazetteer, searchGazetteer, chainOf } from '../dataset/gazetteer/index.js';

const queries = process.argv.slice(2);
if (queries.length === 0) {
  console.error('usage: npm run places -- <name | 6-digit code | Chinese name> [...]');
  process.exit(2);
}
const g = loadGazetteer();
for (const q of queries) {
  const hits = searchGazetteer(g, q);
  if (hits.length === 0) console.log(`${q}: no division found`);
  for (const d of hits.slice(0, 25)) {
    const chain = chainOf(g, d.id)
      .slice(1)
      .map((p) => p.name)
      .join(' < ');
    const succ = d.successors?.length
      ? `  → now ${d.successors.at(-1)!.name ?? d.successors.at(-1)!.note} (${d.successors.at(-1)!.code})`
      : '';
    console.log(`${d.id}\t${d.name}\t${d.zh}\t${d.kind}\t${chain}${succ}`);
  }
  if (hits.length > 25) console.log(`… ${hits.length - 25} more`);
}
