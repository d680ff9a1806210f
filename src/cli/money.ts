/**
 * Every amount of money the texts write and the record(s) it became: `npm run money`.
 * Writes seeds/review/money-coverage.md; prints each amount nothing accounts for, with its
 * sentence, to stderr (npm run validate fails while there is one).
 *   --doc 004 --from 63 --to 124   only the amounts of one document's lines (an annotator's chunk)
 *   --draft seeds/drafts/c.jsonl   count one draft's records and not-transfer lines instead of the
 *                                  dataset (run draft:check first: it fills the quotes' offsets);
 *                                  writes no report
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { accountForMoney, readNotTransfers, type MoneyAccount, type NotTransfer } from '../dataset/money-coverage.js';
import type { Commitment, Donation, Project, Statistic } from '../dataset/schema.js';
import { SEEDS } from '../dataset/paths.js';
import { loadSources } from '../dataset/sources.js';
import { validateDataset } from '../dataset/validate.js';

const { values } = parseArgs({
  options: { doc: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, draft: { type: 'string' } },
});
const texts = loadSources();
const { dataset, notTransfers } = values.draft
  ? readDraft(values.draft)
  : { dataset: validateDataset().dataset, notTransfers: readNotTransfers() };
const { accounts } = accountForMoney(dataset, notTransfers, texts);

/** A draft's money-holding records and not-transfer lines, as they stand (no merge). */
function readDraft(file: string) {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { type: string } & Record<string, unknown>);
  const of = <T>(type: string) => lines.filter((l) => l.type === type) as unknown as T[];
  return {
    dataset: {
      donation: of<Donation>('donation'),
      commitment: of<Commitment>('commitment'),
      statistic: of<Statistic>('statistic'),
      project: of<Project>('project'),
    },
    notTransfers: of<NotTransfer>('not-transfer'),
  };
}
const lineOf = (doc: string, offset: number) => texts.get(doc)!.slice(0, offset).split('\n').length;
const inChunk = (a: MoneyAccount) =>
  (!values.doc || a.mention.doc.startsWith(values.doc)) &&
  (!values.from || lineOf(a.mention.doc, a.mention.start) >= Number(values.from)) &&
  (!values.to || lineOf(a.mention.doc, a.mention.start) <= Number(values.to));

/** The sentence around an offset: from the previous full stop to the next. */
function sentence(doc: string, start: number, end: number): string {
  const text = texts.get(doc)!;
  const from = Math.max(text.lastIndexOf('. ', start) + 2, text.lastIndexOf('\n', start) + 1, start - 400);
  const stops = [text.indexOf('. ', end), text.indexOf('\n', end)].filter((i) => i >= 0);
  const to = Math.min(...stops, end + 300);
  return text
    .slice(from, to + 1)
    .replace(/\s+/g, ' ')
    .trim();
}

const byKind = (a: MoneyAccount) =>
  a.records.length === 0
    ? 'unaccounted'
    : a.notTransfer
      ? `not a transfer (${a.notTransfer.reason})`
      : a.records.some((r) => r.startsWith('donation:'))
        ? 'donation'
        : a.records.some((r) => r.startsWith('commitment:'))
          ? 'commitment'
          : a.records.some((r) => r.startsWith('stat:'))
            ? 'statistic'
            : 'project amount';
const tally = new Map<string, number>();
for (const a of accounts) tally.set(byKind(a), (tally.get(byKind(a)) ?? 0) + 1);

const shown = accounts.filter(inChunk);
const rows = accounts.map(
  (a) =>
    `| ${a.mention.doc.slice(0, 3)} | ${lineOf(a.mention.doc, a.mention.start)} | ${a.mention.start} | ${a.mention.text} | ${
      a.records.length ? a.records.filter((r) => r !== 'not-transfer').join(', ') || '—' : '**none**'
    } | ${a.notTransfer ? `${a.notTransfer.reason}: ${a.notTransfer.note.replace(/\|/g, '/')}` : ''} |`,
);
if (!values.draft)
  writeFileSync(
    `${SEEDS}/review/money-coverage.md`,
    `# Money coverage

Every amount of money the five texts write, and the record(s) it became: a donation, a statistic, a
project's amount, or a line in \`money-not-transfers.jsonl\` saying why it is not a transfer.
Written by \`npm run money\`; \`npm run validate\` fails while any amount is accounted for by none.

${accounts.length} amounts: ${[...tally].map(([k, n]) => `${k} ${n}`).join(', ')}.

| doc | line | offset | amount | records | not a transfer |
|---|---:|---:|---|---|---|
${rows.join('\n')}
`,
  );
const missing = shown.filter((a) => !a.records.length);
for (const a of missing)
  console.error(
    `${a.mention.doc} line ${lineOf(a.mention.doc, a.mention.start)} at ${a.mention.start}: "${a.mention.text}" — ${sentence(a.mention.doc, a.mention.start, a.mention.end)}`,
  );
const shownTally = new Map<string, number>();
for (const a of shown) shownTally.set(byKind(a), (shownTally.get(byKind(a)) ?? 0) + 1);
console.log(`${shown.length} amounts of money: ${[...shownTally].map(([k, n]) => `${k} ${n}`).join(', ')}`);
if (!values.draft) console.log('wrote seeds/review/money-coverage.md');
if (missing.length) console.log(`${missing.length} unaccounted, listed above`);
