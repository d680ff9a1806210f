/**
 * Every amount of money the source texts write, and what became of it: the donation, statistic or
 * project that records it, or a note saying why it is not a transfer (a plan, a rate, an output
 * value…). `npm run validate` fails while an amount is accounted for by neither, so that no money
 * the texts state is silently left out of the totals.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SEEDS } from './paths.js';
import type { Dataset, Source } from './schema.js';
import { locateQuote, type SourceTexts } from './sources.js';

/** Why an amount the texts write is not money given: each with a one-line note in its record. */
export const NOT_TRANSFER_REASONS = [
  /** Agreed, planned or promised, not given (yet): "shall increase to 60 million yuan". */
  'planned',
  /** A rate or a standard per unit: "a subsidy of 3,000 yuan per household". */
  'rate',
  /** An output value, income, turnover, price or cost: "the output value reached 60 million yuan". */
  'economic-figure',
  /** An investment signed or attracted, by or for no named giver and recipient. */
  'investment-deal',
  /** A project's or fund's size, not a transfer between actors. */
  'size',
  /** Another sentence states the same money, and it is recorded there. */
  'restated',
  /** The amount as written cannot be read ("300,00 yuan"): the transfer is recorded without it. */
  'unreadable',
  /** Anything else; the note says what. */
  'other',
] as const;
export type NotTransferReason = (typeof NOT_TRANSFER_REASONS)[number];

/** An amount of money the texts write that is not a transfer, and why (seeds/review/money-not-transfers.jsonl). */
export interface NotTransfer {
  doc: string;
  /** The sentence, or enough of it to be unique in the document, holding the amount. */
  quote: string;
  /** The amount as written, inside the quote. */
  text: string;
  reason: NotTransferReason;
  note: string;
}

/** Written by `npm run seeds:merge` from the drafts' `not-transfer` lines. */
export const NOT_TRANSFERS_FILE = `${SEEDS}/review/money-not-transfers.jsonl`;

/** The not-transfer lines, each with its line number in the file. */
export function readNotTransfers(file = NOT_TRANSFERS_FILE): (NotTransfer & { line: number })[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim())
    .map(({ text, line }) => ({ ...(JSON.parse(text) as NotTransfer), line }));
}

/** What is wrong with a not-transfer line, field by field (its place in the text is checked by `accountForMoney`). */
export function notTransferProblems(r: Record<string, unknown>): { field: string; reason: string }[] {
  const out: { field: string; reason: string }[] = [];
  for (const field of ['doc', 'quote', 'text', 'note'])
    if (typeof r[field] !== 'string' || !(r[field] as string).trim()) out.push({ field, reason: 'required (a non-empty string)' });
  if (!NOT_TRANSFER_REASONS.includes(r.reason as NotTransferReason))
    out.push({ field: 'reason', reason: `one of ${NOT_TRANSFER_REASONS.join(', ')}` });
  if (typeof r.quote === 'string' && typeof r.text === 'string' && !r.quote.includes(r.text))
    out.push({ field: 'text', reason: `"${r.text}" is not in the quote` });
  return out;
}

/** An amount of money as written in a source text. */
export interface MoneyMention {
  doc: string;
  start: number;
  end: number;
  text: string;
}

// Thousands groups of two digits too: the texts' typos ("300,00 yuan") are money as well.
const NUMBER = `(?:\\d{1,3}(?:,\\d{2,3})+|\\d+)(?:\\.\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred`;
/** "8.58 million yuan", "200,000 Yuan", "RMB 200,000", "one million yuan", "ten thousand yuan". */
const MONEY = new RegExp(
  `\\bRMB\\s*(?:${NUMBER})(?:\\s*(?:thousand|million|billion))?(?:\\s*yuan)?\\b|\\b(?:${NUMBER})\\s*(?:thousand|million|billion)?\\s*(?:yuan|RMB)\\b`,
  'gi',
);

/** Every amount of money written in the texts, in document order. */
export function moneyMentions(texts: SourceTexts): MoneyMention[] {
  const out: MoneyMention[] = [];
  for (const [doc, text] of [...texts].sort(([a], [b]) => (a < b ? -1 : 1)))
    for (const m of text.matchAll(MONEY)) out.push({ doc, start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

/** Where an amount's text first stands inside a quote, in its document. */
function spanIn(source: Source, text: string): { doc: string; start: number; end: number } | null {
  const at = source.quote.indexOf(text);
  return at < 0 ? null : { doc: source.doc, start: source.start + at, end: source.start + at + text.length };
}

export interface MoneyAccount {
  mention: MoneyMention;
  /** The records that hold this amount: donation, commitment, statistic and project ids, or `not-transfer`. */
  records: string[];
  /** For an amount that is not a transfer: why. */
  notTransfer?: { reason: NotTransferReason; note: string };
}

/** Every money mention with the records that account for it; `problems` for notes that point at nothing. */
export function accountForMoney(
  dataset: Pick<Dataset, 'donation' | 'commitment' | 'statistic' | 'project'>,
  notTransfers: NotTransfer[],
  texts: SourceTexts,
): { accounts: MoneyAccount[]; problems: { index: number; reason: string }[] } {
  const mentions = moneyMentions(texts);
  const key = (doc: string, start: number) => `${doc}@${start}`;
  const accounts = new Map(mentions.map((m) => [key(m.doc, m.start), { mention: m, records: [] as string[] } as MoneyAccount]));
  /** Every mention inside the span of a record's amount (a record's text may hold the mention whole, "RMB 200,000 yuan"). */
  const claim = (doc: string, start: number, end: number, id: string) => {
    let claimed = false;
    for (const m of mentions)
      if (m.doc === doc && m.start < end && start < m.end) {
        accounts.get(key(m.doc, m.start))!.records.push(id);
        claimed = true;
      }
    return claimed;
  };
  const holders: { id: string; source: Source; text: string }[] = [
    ...dataset.donation.flatMap((d) => (d.amount ? [{ id: d.id, source: d.source, text: d.amount.text }] : [])),
    ...dataset.commitment.map((c) => ({ id: c.id, source: c.source, text: c.amount.text })),
    ...dataset.statistic.map((s) => ({ id: s.id, source: s.source, text: s.text })),
    ...dataset.project.flatMap((p) => (p.amount ? [{ id: p.id, source: p.source, text: p.amount.text }] : [])),
  ];
  for (const h of holders) {
    // Every occurrence of the text in the quote counts: a sentence may write the same amount twice.
    for (let at = h.source.quote.indexOf(h.text); at >= 0; at = h.source.quote.indexOf(h.text, at + 1))
      claim(h.source.doc, h.source.start + at, h.source.start + at + h.text.length, h.id);
  }
  const problems: { index: number; reason: string }[] = [];
  notTransfers.forEach((n, index) => {
    const text = texts.get(n.doc);
    if (text === undefined) return void problems.push({ index, reason: `no source document ${n.doc}` });
    const at = locateQuote(text, n.quote);
    if ('error' in at) return void problems.push({ index, reason: at.error });
    const span = spanIn({ doc: n.doc, start: at.start, end: at.end, quote: n.quote }, n.text);
    if (!span) return void problems.push({ index, reason: `"${n.text}" is not in the quote` });
    const before = mentions.filter((m) => m.doc === n.doc && m.start < span.end && span.start < m.end);
    if (!before.length) return void problems.push({ index, reason: `"${n.text}" is not an amount of money the texts write` });
    for (const m of before) {
      const account = accounts.get(key(m.doc, m.start))!;
      account.records.push('not-transfer');
      account.notTransfer = { reason: n.reason, note: n.note };
    }
  });
  return { accounts: [...accounts.values()], problems };
}
