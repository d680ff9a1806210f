/**
 * Finds actors by any name: names, aliases and Chinese names, with terms folded so that case, spaces,
 * hyphens and apostrophes (straight or curly) do not matter: "pingan", "Ping'an" and "Ping’an" are one term.
 *
 * Whole names and names that start with the query are found in sorted lists of folded names, so a
 * query costs the same however many names share its first word. Other matches (words in any order,
 * prefixes of words, misspellings) are ranked by MiniSearch's BM25 relevance with its prefix and
 * fuzzy weights, over an inverted index kept in typed arrays: a query is driven by its rarest word
 * and the others are checked against each of that word's candidates, so the postings of a word in a
 * hundred thousand names ("official") are never scanned unless it is the only word.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { GraphStore, SearchCandidate } from '../store/graph-store.js';
import type { NodeLabel } from '../store/graph-rows.js';

export function foldName(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[\s\-–]+/g, ' ')
    .trim();
}

const squash = (s: string) => foldName(s).replace(/\s+/g, '');

// Words split on spaces, hyphens and punctuation, but not on apostrophes (Ping'an is one word).
const tokenize = (text: string) => text.split(/[\s\-–,.;:()/"“”]+/).filter(Boolean);

export interface SearchMatch {
  id: string;
  label: NodeLabel;
  score: number;
  matched: string;
}

// Equal scores: places and officials before the rest, then shorter names, then id.
const LABEL_ORDER: NodeLabel[] = ['Place', 'Official', 'Organisation', 'Enterprise', 'Project'];
// MiniSearch's defaults, so that relevance is what MiniSearch would give.
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/**
 * Edits allowed in a misspelt word: none in numbers (a code one digit off is another place, not a
 * typo), and at most two, beyond which a long word mostly matches unrelated ones.
 */
const maxEdits = (term: string) =>
  /^\d+$/.test(term) ? 0 : term.length > 4 ? Math.min(2, Math.round(term.length * 0.25)) : term.length > 2 ? 1 : 0;
const NONE = 0x7fffffff;

/** The folded names (name, aliases, Chinese name) of one label's candidates, sorted, with a min-tree over their ranks. */
interface NameList {
  label: NodeLabel;
  keys: string[];
  doc: Int32Array;
  isName: Uint8Array;
  /** Segment tree of the entries' candidate ranks: the best `k` of a prefix's range without scanning it. */
  tree: Int32Array;
  size: number;
}

/** One query word's matching index terms: a prefix range of the sorted terms, plus misspellings. */
interface Expansion {
  length: number;
  lo: number;
  hi: number;
  exact: number;
  fuzzy: Map<number, number>;
  postings: number;
}

export class SearchIndex {
  private readonly candidates: SearchCandidate[];
  /** Each candidate's place in the tie order (label, name length, id). */
  private readonly rank: Int32Array;
  private readonly labelOf: Uint8Array;
  private readonly lists: NameList[] = [];

  // Inverted index: terms sorted (a prefix is a range of term numbers), postings and each candidate's terms.
  private readonly terms: string[];
  private readonly termLength: Uint16Array;
  private readonly idf: Float64Array;
  private readonly postStart: Int32Array;
  private readonly postDoc: Int32Array;
  private readonly postTf: Uint16Array;
  private readonly docStart: Int32Array;
  private readonly docTerm: Int32Array;
  private readonly docTf: Uint16Array;
  /** BM25's length factor per candidate: k · (1 − b + b · length / average length). */
  private readonly lengthNorm: Float64Array;
  /** Terms with a letter in them: misspellings are looked for among these only. */
  private readonly words = new SearchableMap<number>();
  // Scratch per candidate, zero between searches (a search runs to its end before the next starts).
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;
  private readonly best: Float64Array;
  private readonly hits: Int32Array;
  private hitCount = 0;
  private top = 0;

  constructor(candidates: SearchCandidate[]) {
    this.candidates = candidates;
    const n = candidates.length;
    const labelCode = new Map<string, number>(LABEL_ORDER.map((l, i) => [l, i]));
    for (const c of candidates) if (!labelCode.has(c.label)) labelCode.set(c.label, labelCode.size);
    this.labelOf = Uint8Array.from(candidates, (c) => labelCode.get(c.label)!);
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) =>
        this.labelOf[a] - this.labelOf[b] ||
        candidates[a].name.length - candidates[b].name.length ||
        candidates[a].id.localeCompare(candidates[b].id),
    );
    this.rank = new Int32Array(n);
    order.forEach((d, r) => (this.rank[d] = r));

    // Names, one sorted list per label.
    const byLabel = [...labelCode.keys()].map(() => ({ keys: [] as string[], doc: [] as number[], isName: [] as number[] }));
    for (let d = 0; d < n; d++) {
      const c = candidates[d];
      const seen = new Set<string>();
      const list = byLabel[this.labelOf[d]];
      [c.name, ...c.aliases, c.zh ?? ''].forEach((name, i) => {
        const key = squash(name);
        if (!key || seen.has(key)) return;
        seen.add(key);
        list.keys.push(key);
        list.doc.push(d);
        list.isName.push(i === 0 ? 1 : 0);
      });
    }
    for (const [label, code] of labelCode) {
      const { keys, doc, isName } = byLabel[code];
      if (!keys.length) continue;
      const sorted = Array.from(keys, (_, i) => i).sort((a, b) =>
        keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : this.rank[doc[a]] - this.rank[doc[b]],
      );
      let size = 1;
      while (size < sorted.length) size *= 2;
      const tree = new Int32Array(2 * size).fill(NONE);
      const list: NameList = {
        label: label as NodeLabel,
        keys: sorted.map((i) => keys[i]),
        doc: Int32Array.from(sorted, (i) => doc[i]),
        isName: Uint8Array.from(sorted, (i) => isName[i]),
        tree,
        size,
      };
      list.doc.forEach((d, i) => (tree[size + i] = this.rank[d]));
      for (let i = size - 1; i > 0; i--) tree[i] = Math.min(tree[2 * i], tree[2 * i + 1]);
      this.lists.push(list);
    }

    // Terms of every candidate's names, as MiniSearch would index one field of them all.
    const termIds = new Map<string, number>();
    const folded = new Map<string, string>();
    const rawTerms: number[] = [];
    const rawStart = new Int32Array(n + 1);
    const fieldLength = new Float64Array(n);
    let totalLength = 0;
    for (let d = 0; d < n; d++) {
      const c = candidates[d];
      const tokens = tokenize([c.name, ...c.aliases, c.zh ?? ''].join(' ; '));
      fieldLength[d] = new Set(tokens).size;
      totalLength += fieldLength[d];
      for (const token of tokens) {
        let term = folded.get(token);
        if (term === undefined) folded.set(token, (term = squash(token)));
        if (!term) continue;
        let id = termIds.get(term);
        if (id === undefined) termIds.set(term, (id = termIds.size));
        rawTerms.push(id);
      }
      rawStart[d + 1] = rawTerms.length;
    }
    const unsorted = [...termIds.keys()];
    const byTerm = Array.from(unsorted, (_, i) => i).sort((a, b) => (unsorted[a] < unsorted[b] ? -1 : 1));
    const renumber = new Int32Array(byTerm.length);
    byTerm.forEach((old, id) => (renumber[old] = id));
    this.terms = byTerm.map((i) => unsorted[i]);
    this.termLength = Uint16Array.from(this.terms, (t) => t.length);
    this.terms.forEach((t, id) => {
      if (/\D/.test(t)) this.words.set(t, id);
    });

    // Each candidate's distinct terms with their counts, then the postings from them.
    const docTerm: number[] = [];
    const docTf: number[] = [];
    this.docStart = new Int32Array(n + 1);
    const df = new Int32Array(this.terms.length);
    for (let d = 0; d < n; d++) {
      const own = Array.from(rawTerms.slice(rawStart[d], rawStart[d + 1]), (t) => renumber[t]).sort((a, b) => a - b);
      for (let i = 0; i < own.length; i++) {
        if (i && own[i] === own[i - 1]) docTf[docTf.length - 1]++;
        else {
          docTerm.push(own[i]);
          docTf.push(1);
          df[own[i]]++;
        }
      }
      this.docStart[d + 1] = docTerm.length;
    }
    this.docTerm = Int32Array.from(docTerm);
    this.docTf = Uint16Array.from(docTf);
    this.postStart = new Int32Array(this.terms.length + 1);
    for (let t = 0; t < this.terms.length; t++) this.postStart[t + 1] = this.postStart[t] + df[t];
    this.postDoc = new Int32Array(this.docTerm.length);
    this.postTf = new Uint16Array(this.docTerm.length);
    const fill = this.postStart.slice(0, -1);
    for (let d = 0; d < n; d++) {
      for (let j = this.docStart[d]; j < this.docStart[d + 1]; j++) {
        const at = fill[this.docTerm[j]]++;
        this.postDoc[at] = d;
        this.postTf[at] = this.docTf[j];
      }
    }
    this.idf = Float64Array.from(df, (m) => Math.log(1 + (n - m + 0.5) / (m + 0.5)));
    const average = totalLength / Math.max(1, n);
    this.lengthNorm = Float64Array.from(fieldLength, (l) => BM25.k * (1 - BM25.b + (BM25.b * l) / average));
    this.acc = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.best = new Float64Array(n);
    this.hits = new Int32Array(n);
  }

  static async build(store: GraphStore): Promise<SearchIndex> {
    return new SearchIndex(await store.searchCandidates());
  }

  /**
   * Ranked matches: a whole name equal to the query (ignoring case, spaces and apostrophes) scores 1,
   * a whole alias 0.9, a name or alias that starts with it 0.8; the rest keep MiniSearch's relevance,
   * scaled below 0.7. Equal scores: places and officials before the rest, then shorter names, then id.
   */
  search(query: string, labels: NodeLabel[] | null, limit: number): SearchMatch[] {
    const q = squash(query);
    if (!q || limit <= 0) return [];
    const lists = this.lists.filter((l) => !labels || labels.includes(l.label));
    const taken = new Set<number>();
    const out: SearchMatch[] = [];
    const add = (d: number, score: number, matched: string) => {
      taken.add(d);
      const c = this.candidates[d];
      out.push({ id: c.id, label: c.label, score, matched });
    };

    // Whole names, then whole aliases: the entries equal to the query open its prefix's range.
    const ranges = lists.map((l) => prefixRange(l.keys, q));
    const exactName: number[] = [];
    const exactAlias: number[] = [];
    lists.forEach((l, k) => {
      for (let i = ranges[k][0]; i < ranges[k][1] && l.keys[i] === q; i++) (l.isName[i] ? exactName : exactAlias).push(l.doc[i]);
    });
    const byRank = (a: number, b: number) => this.rank[a] - this.rank[b];
    for (const d of exactName.sort(byRank)) add(d, 1, this.candidates[d].name);
    for (const d of exactAlias.sort(byRank)) {
      if (taken.has(d)) continue;
      const { aliases, zh } = this.candidates[d];
      const alias = [...aliases, zh ?? ''].find((n) => squash(n) === q)!;
      add(d, 0.9, alias);
    }
    // Names that start with it, best in tie order first: labels are ranked before anything else.
    for (let k = 0; k < lists.length && out.length < limit; k++) {
      for (const d of lowest(lists[k], ranges[k][0], ranges[k][1], limit - out.length, taken)) {
        const { name, aliases, zh } = this.candidates[d];
        const start = [name, ...aliases, zh ?? ''].find((n) => squash(n).startsWith(q))!;
        add(d, 0.8, start);
      }
    }
    if (out.length >= limit) return out.slice(0, limit);

    // The rest by relevance: the words as typed, and the whole query as one squashed word ("ping an" → "pingan").
    const words = tokenize(query).map(squash).filter(Boolean);
    const whole = tokenize(q).map(squash).filter(Boolean);
    this.hitCount = 0;
    this.top = 0;
    this.relevance(words);
    if (whole.join(' ') !== words.join(' ')) this.relevance(whole);
    const { best, hits, rank, labelOf, top } = this;
    const allowed = new Uint8Array(256);
    for (const l of lists) allowed[labelOf[l.doc[0]]] = 1;
    const want = limit - out.length;
    // The best `want` by rounded score, then tie order, kept sorted as they come.
    const chosen: { d: number; score: number }[] = [];
    for (let i = 0; i < this.hitCount; i++) {
      const d = hits[i];
      const raw = best[d];
      best[d] = 0;
      if (!allowed[labelOf[d]] || (taken.size && taken.has(d))) continue;
      const score = Math.round(Math.max(0.01, 0.7 * (raw / top)) * 1000) / 1000;
      const r = rank[d];
      if (chosen.length === want) {
        const last = chosen[want - 1];
        if (score < last.score || (score === last.score && r > rank[last.d])) continue;
        chosen.pop();
      }
      let at = chosen.length;
      while (at > 0 && (chosen[at - 1].score < score || (chosen[at - 1].score === score && rank[chosen[at - 1].d] > r))) at--;
      chosen.splice(at, 0, { d, score });
    }
    for (const { d, score } of chosen) add(d, score, this.candidates[d].name);
    return out;
  }

  /**
   * MiniSearch's score for every candidate that matches all the words (prefix and fuzzy, AND), kept
   * in `best` (the higher of this and what it holds), listed in `hits` and its highest in `top`. The candidates are those
   * of the word with the fewest postings, each checked against the other words through its own terms.
   */
  private relevance(words: string[]): void {
    // A word typed twice counts twice, as in MiniSearch, but its candidates are looked up once.
    const times = new Map<string, number>();
    for (const w of words) times.set(w, (times.get(w) ?? 0) + 1);
    const expansions = [...times].map(([w, n]) => ({ ...this.expand(w), times: n }));
    if (!expansions.length) return;
    let driver = 0;
    expansions.forEach((e, i) => {
      if (e.postings < expansions[driver].postings) driver = i;
    });
    const lead = expansions[driver];
    if (!lead.postings) return;
    let count = 0;
    for (let t = lead.lo; t < lead.hi; t++) count = this.visit(t, lead.times * this.weight(lead, t), count);
    for (const [t, weight] of lead.fuzzy) count = this.visit(t, lead.times * weight, count);

    const others = expansions.filter((_, i) => i !== driver);
    // MiniSearch multiplies a score by the number of distinct words matched: with AND, all of them.
    const quality = times.size;
    const { acc, touched, best, hits, docStart, docTerm, docTf, idf, lengthNorm } = this;
    for (let i = 0; i < count; i++) {
      const d = touched[i];
      let score = acc[d];
      acc[d] = 0;
      for (let k = 0; k < others.length && score; k++) {
        let s = 0;
        for (let j = docStart[d]; j < docStart[d + 1]; j++) {
          const weight = this.weight(others[k], docTerm[j]);
          if (weight) s += weight * idf[docTerm[j]] * (BM25.d + (docTf[j] * (BM25.k + 1)) / (docTf[j] + lengthNorm[d]));
        }
        score = s ? score + others[k].times * s : 0;
      }
      if (!score) continue;
      score *= quality;
      if (!best[d]) hits[this.hitCount++] = d;
      if (best[d] < score) best[d] = score;
      if (this.top < score) this.top = score;
    }
  }

  /** Adds one term's postings to `acc`, listing candidates new to it in `touched` (a posting's score is above zero). */
  private visit(t: number, weight: number, count: number): number {
    const { acc, touched, postDoc, postTf, lengthNorm } = this;
    const w = weight * this.idf[t];
    for (let p = this.postStart[t], end = this.postStart[t + 1]; p < end; p++) {
      const d = postDoc[p];
      const tf = postTf[p];
      if (!acc[d]) touched[count++] = d;
      acc[d] += w * (BM25.d + (tf * (BM25.k + 1)) / (tf + lengthNorm[d]));
    }
    return count;
  }

  /** The index terms a query word matches: itself, the terms it begins, and misspellings of it (not numbers). */
  private expand(word: string): Expansion {
    const [lo, hi] = prefixRange(this.terms, word);
    const exact = lo < hi && this.terms[lo] === word ? lo : -1;
    const fuzzy = new Map<number, number>();
    let postings = this.postStart[hi] - this.postStart[lo];
    const edits = maxEdits(word);
    if (edits) {
      for (const [term, [t, distance]] of this.words.fuzzyGet(word, edits)) {
        if (!distance || (t >= lo && t < hi)) continue;
        fuzzy.set(t, (FUZZY_WEIGHT * term.length) / (term.length + distance));
        postings += this.postStart[t + 1] - this.postStart[t];
      }
    }
    return { length: word.length, lo, hi, exact, fuzzy, postings };
  }

  /** MiniSearch's weight of index term `t` for a query word: 1 for itself, less the longer a term it begins, less again for a misspelling. */
  private weight(e: Expansion, t: number): number {
    if (t >= e.lo && t < e.hi) {
      if (t === e.exact) return 1;
      const length = this.termLength[t];
      return (PREFIX_WEIGHT * length) / (length + 0.3 * (length - e.length));
    }
    return e.fuzzy.size ? (e.fuzzy.get(t) ?? 0) : 0;
  }
}

/** The range of sorted `keys` that start with `prefix`. */
function prefixRange(keys: string[], prefix: string): [number, number] {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const start = lo;
  hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid].startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return [start, lo];
}

/** Up to `need` candidates of entries [lo, hi) of a list, best rank first, none of `skip` and each once. */
function lowest(list: NameList, lo: number, hi: number, need: number, skip: Set<number>): number[] {
  const { tree, size, doc } = list;
  const found: number[] = [];
  if (lo >= hi || need <= 0) return found;
  // A binary heap of tree nodes by their subtree's best rank, seeded with the nodes that cover the range.
  const heap: number[] = [];
  const push = (node: number) => {
    let i = heap.push(node) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (tree[heap[parent]] <= tree[node]) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = node;
  };
  const pop = () => {
    const first = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= heap.length) break;
        if (child + 1 < heap.length && tree[heap[child + 1]] < tree[heap[child]]) child++;
        if (tree[heap[child]] >= tree[last]) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return first;
  };
  for (let l = lo + size, r = hi + size; l < r; l >>= 1, r >>= 1) {
    if (l & 1) push(l++);
    if (r & 1) push(--r);
  }
  const seen = new Set<number>();
  while (heap.length && found.length < need) {
    const node = pop();
    if (node < size) {
      push(2 * node);
      push(2 * node + 1);
      continue;
    }
    const d = doc[node - size];
    if (seen.has(d) || skip.has(d)) continue;
    seen.add(d);
    found.push(d);
  }
  return found;
}
