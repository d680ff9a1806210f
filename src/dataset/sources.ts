/** The source documents: the texts every quote must be found in. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SEEDS } from './paths.js';

export type SourceTexts = Map<string, string>;

export interface SourceDocument {
  doc: string;
  /** The year the chapter reports on: its place names are those of that year's GB/T 2260 snapshot. */
  year: number;
  title: string;
  /** For a chapter about one pairing: the province codes (2 digits) of its two sides. */
  provinces?: string[];
}

export function loadDocuments(dir = `${SEEDS}/sources`): SourceDocument[] {
  return JSON.parse(readFileSync(`${dir}/documents.json`, 'utf8'));
}

export function loadSources(dir = `${SEEDS}/sources`): SourceTexts {
  const texts: SourceTexts = new Map();
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    texts.set(f.slice(0, -4), readFileSync(`${dir}/${f}`, 'utf8'));
  }
  return texts;
}

/**
 * Where a quote stands in a document. With several occurrences, `near` (an offset the
 * annotator gave) picks the closest; without it, an ambiguous quote is an error.
 */
export function locateQuote(text: string, quote: string, near?: number): { start: number; end: number } | { error: string } {
  const hits: number[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) hits.push(i);
  if (hits.length === 0) return { error: 'quote not found verbatim in the document' };
  if (hits.length > 1 && near === undefined) {
    return { error: `quote occurs ${hits.length} times (at ${hits.join(', ')}): give source.start or a longer quote` };
  }
  const start = near === undefined ? hits[0] : hits.reduce((a, b) => (Math.abs(b - near) < Math.abs(a - near) ? b : a));
  return { start, end: start + quote.length };
}

/** For each place the chapters name, the documents that name it (read from the resolved place mentions). */
export function placeDocuments(dir = `${SEEDS}/data`): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const file = `${dir}/place-mentions.jsonl`;
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as { placeId?: string | null; source: { doc: string } };
    if (!m.placeId) continue;
    let docs = out.get(m.placeId);
    if (!docs) out.set(m.placeId, (docs = new Set()));
    docs.add(m.source.doc);
  }
  return out;
}
