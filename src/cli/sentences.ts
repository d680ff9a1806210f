/**
 * Prints a document's sentences with their offsets, for annotators to quote from:
 * `npm run -s sentences -- 004 63 124` (document prefix, first and last line, 1-based).
 */
import { loadSources } from '../dataset/sources.js';

const [prefix, first = '1', last = '100000'] = process.argv.slice(2);
const texts = loadSources();
const doc = [...texts.keys()].find((k) => k.startsWith(prefix ?? ''));
if (!prefix || !doc) {
  console.error('usage: npm run -s sentences -- <doc prefix, e.g. 004> [first line] [last line]');
  process.exit(2);
}
const text = texts.get(doc)!;
let offset = 0;
text.split('\n').forEach((line, i) => {
  const n = i + 1;
  if (n >= Number(first) && n <= Number(last) && line.trim()) {
    // A sentence ends at . ; ! ? followed by a space and a capital, digit, quote or 【 (not "Co., Ltd.").
    const re = /[^]*?(?:[.!?;](?=\s+[A-Z0-9“"【(])|$)/g;
    for (const m of line.matchAll(re)) {
      if (!m[0].trim()) continue;
      const lead = m[0].length - m[0].trimStart().length;
      const s = offset + m.index! + lead;
      console.log(`[${doc} ${s}-${s + m[0].trim().length} L${n}] ${m[0].trim()}`);
    }
  }
  offset += line.length + 1;
});
