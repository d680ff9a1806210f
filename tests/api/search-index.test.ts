/** The search index ranks as its documented rules say, with MiniSearch's relevance for the rest, however many names share a word. */
import { describe, expect, it } from 'vitest';
import MiniSearch from 'minisearch';
import seedrandom from 'seedrandom';
import { SearchIndex, foldName, type SearchMatch } from '../../src/graph/search-index.js';
import type { SearchCandidate } from '../../src/store/graph-store.js';
import type { NodeLabel } from '../../src/store/graph-rows.js';
import { ds } from '../helpers/dataset.js';

const squash = (s: string) => foldName(s).replace(/\s+/g, '');
const tokenize = (text: string) => text.split(/[\s\-–,.;:()/"“”]+/).filter(Boolean);
const squashed = new WeakMap<SearchCandidate, string[]>();
const nameOf = new Map<string, string>();
const RANK: Record<string, number> = { Place: 0, Official: 1, Organisation: 2, Enterprise: 3, Project: 4 };

/** The bundled dataset's actors, and thousands of numbered ones whose names share their first word. */
function candidates(): SearchCandidate[] {
  const real: SearchCandidate[] = [
    ...ds.place.map((p) => ({ id: p.id, label: 'Place' as const, name: p.name, aliases: p.aliases ?? [], zh: p.zh ?? null })),
    ...ds.official.map((o) => ({ id: o.id, label: 'Official' as const, name: o.name, aliases: o.aliases ?? [], zh: null })),
    ...ds.organisation.map((o) => ({ id: o.id, label: 'Organisation' as const, name: o.name, aliases: o.aliases ?? [], zh: null })),
    ...ds.enterprise.map((e) => ({ id: e.id, label: 'Enterprise' as const, name: e.name, aliases: e.aliases ?? [], zh: null })),
    ...ds.project.map((p) => ({ id: p.id, label: 'Project' as const, name: p.name, aliases: p.aliases ?? [], zh: null })),
  ];
  const numbered = (n: number, make: (i: number) => SearchCandidate) => Array.from({ length: n }, (_, i) => make(i + 1));
  return [
    ...real,
    ...numbered(3000, (i) => ({ id: `gb:${110120 + i}@201210`, label: 'Place', name: `County ${110120 + i}`, aliases: [], zh: null })),
    ...numbered(3000, (i) => ({
      id: `person:o-${i}`,
      label: 'Official',
      name: `Official ${i}`,
      aliases: i % 7 ? [] : [`Deputy ${i}`],
      zh: null,
    })),
    ...numbered(2000, (i) => ({
      id: `org:g-${i}`,
      label: 'Organisation',
      name: `Office ${i}`,
      aliases: i % 5 ? [] : [`Official ${i}`],
      zh: null,
    })),
  ] as SearchCandidate[];
}

/**
 * The rules spelt out over every candidate: whole name 1, whole alias 0.9, a name that starts with
 * the query 0.8, then what MiniSearch itself finds (words AND, prefix, misspellings but not of numbers,
 * and the whole query as one word), scaled below 0.7; ties by label, shorter name, then id.
 */
function reference(all: SearchCandidate[], mini: MiniSearch, query: string, labels: NodeLabel[] | null, limit: number): SearchMatch[] {
  const q = squash(query);
  if (!q) return [];
  const relevance = new Map<string, number>();
  for (const h of [...mini.search(query), ...mini.search(q)]) relevance.set(h.id, Math.max(relevance.get(h.id) ?? 0, h.score));
  const top = Math.max(0, ...relevance.values());
  const out: SearchMatch[] = [];
  for (const c of all) {
    if (labels && !labels.includes(c.label)) continue;
    const folded = squashed.get(c)!;
    const raw = relevance.get(c.id);
    if (!raw && !folded.some((f) => f.startsWith(q))) continue;
    const names = [c.name, ...c.aliases, ...(c.zh ? [c.zh] : [])];
    const alias = names.find((_, i) => folded[i] === q);
    const prefix = names.find((_, i) => folded[i].startsWith(q));
    const score =
      squash(c.name) === q ? 1 : alias ? 0.9 : prefix ? 0.8 : raw ? Math.round(Math.max(0.01, 0.7 * (raw / top)) * 1000) / 1000 : 0;
    if (score) out.push({ id: c.id, label: c.label, score, matched: score === 1 ? c.name : (alias ?? prefix ?? c.name) });
  }
  out.sort(
    (a, b) =>
      b.score - a.score || RANK[a.label] - RANK[b.label] || nameOf.get(a.id)!.length - nameOf.get(b.id)!.length || a.id.localeCompare(b.id),
  );
  return out.slice(0, limit);
}

describe('search index', () => {
  const all = candidates();
  for (const c of all) {
    squashed.set(c, [c.name, ...c.aliases, ...(c.zh ? [c.zh] : [])].map(squash));
    nameOf.set(c.id, c.name);
  }
  const index = new SearchIndex(all);
  const mini = new MiniSearch<{ id: string; names: string }>({
    fields: ['names'],
    tokenize,
    processTerm: (term) => squash(term) || null,
    searchOptions: {
      prefix: true,
      fuzzy: (term) => (/^\d+$/.test(term) ? 0 : term.length > 4 ? Math.min(2, Math.round(term.length * 0.25)) : term.length > 2 ? 1 : 0),
      combineWith: 'AND',
    },
  });
  mini.addAll(all.map((c) => ({ id: c.id, names: [c.name, ...c.aliases, c.zh ?? ''].join(' ; ') })));

  it('ranks exactly as the rules say, for names, prefixes, misspellings, Chinese names and types', () => {
    const rng = seedrandom('search');
    const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
    const typo = (w: string) => (w.length < 4 ? w : w.slice(0, 2) + w[3] + w[2] + w.slice(4));
    const queries = [
      'Offic',
      'official',
      'Qingchaun',
      'Liaoqing',
      'ping an',
      'Ping’an',
      'County 1101',
      'Deputy 14',
      'Group',
      'Department of Education',
    ];
    for (let i = 0; i < 150; i++) {
      const c = pick(all);
      const words = c.name.split(' ');
      queries.push(
        c.name,
        c.name.slice(0, 2 + Math.floor(rng() * (c.name.length - 1))),
        [typo(words[0]), ...words.slice(1)].join(' '),
        words[words.length - 1],
        c.name.toUpperCase().replace(/ /g, ''),
        ...(c.zh ? [c.zh, c.zh.slice(0, 2)] : []),
        ...c.aliases,
      );
    }
    const typeSets: (NodeLabel[] | null)[] = [null, ['Place'], ['Organisation', 'Official'] as NodeLabel[]];
    for (const [k, q] of queries.entries()) {
      const labels = typeSets[k % typeSets.length];
      expect(index.search(q, labels, 20), `${q} ${labels}`).toEqual(reference(all, mini, q, labels, 20));
    }
  });

  it('puts an exact name first among thousands that share its words, however it is typed', () => {
    for (const q of ['Official 123', 'official123', 'OFFICIAL  123', 'Official-123']) {
      expect(index.search(q, null, 5)[0], q).toMatchObject({ id: 'person:o-123', score: 1, matched: 'Official 123' });
    }
    // A whole alias comes next, before names that only start with the query.
    expect(index.search('Official 125', null, 3).map((m) => [m.id, m.score])).toEqual([
      ['person:o-125', 1],
      ['org:g-125', 0.9],
      ['person:o-1250', 0.8],
    ]);
    expect(index.search('County 111120', ['Place'], 1)[0]).toMatchObject({ id: 'gb:111120@201210', score: 1 });
    expect(index.search('Ofical 2999', null, 1)[0]).toMatchObject({ id: 'person:o-2999', score: 0.7 });
  });

  it('does not take a number one digit off for a misspelling', () => {
    expect(index.search('County 119999', null, 10)).toEqual([]);
  });
});
