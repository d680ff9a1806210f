/**
 * Finds actors by any name: MiniSearch (prefix and fuzzy matching, BM25 ranking) over names,
 * aliases and Chinese names, with terms folded so that case, spaces, hyphens and apostrophes
 * (straight or curly) do not matter: "pingan", "Ping'an" and "Ping’an" are one term.
 */
import MiniSearch from 'minisearch';
import type { GraphStore, SearchCandidate } from '../store/graph-store.js';
import type { NodeLabel } from '../store/graph-rows.js';

export function foldName(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/['’‘`]/g, '').replace(/[\s\-–]+/g, ' ').trim();
}

const squash = (s: string) => foldName(s).replace(/\s+/g, '');

export interface SearchMatch {
  id: string;
  label: NodeLabel;
  score: number;
  matched: string;
}

export class SearchIndex {
  private mini: MiniSearch<{ id: string; names: string }>;
  private byId = new Map<string, SearchCandidate>();

  constructor(candidates: SearchCandidate[]) {
    this.mini = new MiniSearch({
      fields: ['names'],
      storeFields: [],
      // Words split on spaces, hyphens and punctuation, but not on apostrophes (Ping'an is one word).
      tokenize: (text) => text.split(/[\s\-–,.;:()/"“”]+/).filter(Boolean),
      processTerm: (term) => squash(term) || null,
      searchOptions: { prefix: true, fuzzy: (term) => (term.length > 4 ? 0.25 : term.length > 2 ? 1 : 0), combineWith: 'AND' },
    });
    for (const c of candidates) this.byId.set(c.id, c);
    this.mini.addAll(candidates.map((c) => ({ id: c.id, names: [c.name, ...c.aliases, c.zh ?? ''].join(' ; ') })));
  }

  static async build(store: GraphStore): Promise<SearchIndex> {
    return new SearchIndex(await store.searchCandidates());
  }

  /**
   * Ranked matches: a whole name equal to the query (ignoring case, spaces and apostrophes) scores 1,
   * a whole alias 0.9, a name or alias that starts with it 0.8; the rest keep MiniSearch's relevance,
   * scaled below 0.7.
   */
  search(query: string, labels: NodeLabel[] | null, limit: number): SearchMatch[] {
    const q = squash(query);
    if (!q) return [];
    // The words as typed, and the whole query as one squashed word ("ping an" → "pingan").
    const merged = new Map<string, { id: unknown; score: number }>();
    for (const h of [...this.mini.search(query), ...this.mini.search(q)]) {
      const prior = merged.get(String(h.id));
      if (!prior || prior.score < h.score) merged.set(String(h.id), h);
    }
    const hits = [...merged.values()].sort((a, b) => b.score - a.score);
    const top = hits[0]?.score ?? 1;
    const out: SearchMatch[] = [];
    for (const h of hits) {
      const c = this.byId.get(h.id as string)!;
      if (labels && !labels.includes(c.label)) continue;
      const names = [c.name, ...c.aliases, ...(c.zh ? [c.zh] : [])];
      const exactName = squash(c.name) === q;
      const exactAlias = names.find((n) => squash(n) === q);
      const prefix = names.find((n) => squash(n).startsWith(q));
      const score = exactName ? 1 : exactAlias ? 0.9 : prefix ? 0.8 : Math.max(0.01, 0.7 * (h.score / top));
      out.push({ id: c.id, label: c.label, score: Math.round(score * 1000) / 1000, matched: exactName ? c.name : exactAlias ?? prefix ?? c.name });
    }
    // Equal scores: places and officials before the rest, then shorter names, then id, for a stable order.
    const rank: Record<string, number> = { Place: 0, Official: 1, Organisation: 2, Enterprise: 3, Project: 4 };
    out.sort((a, b) => b.score - a.score || rank[a.label] - rank[b.label] || this.byId.get(a.id)!.name.length - this.byId.get(b.id)!.name.length || a.id.localeCompare(b.id));
    return out.slice(0, limit);
  }
}
