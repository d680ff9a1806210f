/**
 * Finds every place mention in the source texts and resolves it to a place: a gazetteer division
 * or one of the dataset's non-coded places. Spellings come from the gazetteer (full names, stems
 * with their suffixes) and from the aliases annotators recorded (typos, non-pinyin names).
 *
 * A spelling shared by several places is decided, in order, by: the annotators' own choice (a fact
 * whose quote covers the mention names one candidate, or a review line chose it); a parent named
 * nearby; the provinces of the section's pairing; the one candidate the dataset already uses.
 * Anything still open is left unresolved, and every decision that was not unique is written to
 * the review file with its reason.
 */
import type { Gazetteer } from './gazetteer/index.js';
import { chainOf } from './gazetteer/index.js';
import type { Place } from './schema.js';
import type { SourceTexts } from './sources.js';

export interface PlaceMention {
  doc: string;
  start: number;
  end: number;
  text: string;
  placeId: string | null;
  method:
    | 'unique'
    | 'annotated'
    | 'exact-name'
    | 'province-list'
    | 'parent-nearby'
    | 'containing'
    | 'section'
    | 'dataset'
    | 'unresolved'
    | 'doubtful';
  candidates: string[];
  reason?: string;
}

/** What the resolver knows of a place. */
interface Known {
  id: string;
  /** GB/T 2260 snapshots the division stands in; empty for non-coded places (always current). */
  revisions: string[];
  stem: string;
  level: string;
  ancestors: string[];
  /** Province code prefix, for matching a section's provinces. */
  province: string | null;
}

/** Suffix words a stem takes in English, by level. */
const SUFFIXES: Record<string, string[]> = {
  province: ['Province', 'Municipality', 'City', 'Autonomous Region', 'Region'],
  prefecture: ['City', 'Prefecture', 'League', 'Autonomous Prefecture'],
  county: ['County', 'City', 'District', 'Banner', 'Autonomous County', 'Special District', 'New Area'],
};

/** Capitalised English words that equal a pinyin stem and must not count as a bare-stem mention. */
const NOT_PLACES = new Set(['Dali', 'Ping', 'Long', 'Anshan']);

function apostropheVariants(s: string): string[] {
  return s.includes("'") || s.includes('’') ? [s.replace(/’/g, "'"), s.replace(/'/g, '’')] : [s];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface MentionContext {
  gazetteer: Gazetteer;
  places: Place[];
  texts: SourceTexts;
  /** Quotes of fact records with the place ids they reference: annotators' resolutions. */
  factRefs: Array<{ doc: string; start: number; end: number; ids: string[] }>;
  /** Annotators' review lines: a mention in a quote with the candidate they chose. */
  reviews: Array<{ doc: string; quote: string; mention: string; chosen: string | null }>;
  /** Names of people, whose syllables must not be read as places ("Luo Huining"). */
  personNames: string[];
  /** Company names: past their first word they are names, not places ("Century Lianhua"). */
  enterpriseNames: string[];
  /** Each document's year and, for single-pair chapters, the province codes of its pairing. */
  documents: Array<{ doc: string; year: number; provinces?: string[] }>;
}

/** Vowel groups: a rough syllable count for romanised names ("Hainan" 2, "Xian" 1). */
function syllables(s: string): number {
  return (s.toLowerCase().match(/[aeiouv]+/g) ?? []).length;
}

export function findPlaceMentions(ctx: MentionContext): PlaceMention[] {
  const known = new Map<string, Known>();
  const forms = new Map<string, Set<string>>();
  const addForm = (form: string, id: string) => {
    for (const f of apostropheVariants(form.trim())) {
      if (f.length < 3) continue;
      if (!forms.has(f)) forms.set(f, new Set());
      forms.get(f)!.add(id);
    }
  };
  for (const d of ctx.gazetteer.all) {
    const chain = chainOf(ctx.gazetteer, d.id);
    known.set(d.id, {
      id: d.id,
      revisions: d.revisions,
      stem: d.shortName,
      level: d.level,
      ancestors: chain.slice(1).map((a) => a.id),
      province: d.code.slice(0, 2),
    });
    addForm(d.name, d.id);
    for (const suffix of SUFFIXES[d.level] ?? []) addForm(`${d.shortName} ${suffix}`, d.id);
    // Bare stems of two syllables or more ("Qingchuan", "Ganzi"); one-syllable stems only with a suffix.
    if (syllables(d.shortName) >= 2 && !NOT_PLACES.has(d.shortName)) addForm(d.shortName, d.id);
  }
  const placeById = new Map(ctx.places.map((p) => [p.id, p]));
  for (const p of ctx.places) {
    if (!known.has(p.id)) {
      const ancestors: string[] = [];
      for (let a = p.parentId; a; a = placeById.get(a)?.parentId ?? null) ancestors.push(a);
      const coded = [p.id, ...ancestors].find((a) => a.startsWith('gb:'));
      known.set(p.id, { id: p.id, revisions: [], stem: p.name, level: p.level, ancestors, province: coded ? coded.slice(3, 5) : null });
      addForm(p.name, p.id);
      // "Batang Town" is also written "Batang".
      const bare = p.name.replace(/\s+(Town|Township|Village|Subdistrict)$/i, '');
      if (bare !== p.name && syllables(bare) >= 2) addForm(bare, p.id);
    }
    for (const a of p.aliases) {
      addForm(a, p.id);
      // A misspelt stem takes the same suffixes ("Dunhua" → "Dunhua County").
      if (!/\s/.test(a)) for (const suffix of SUFFIXES[p.level] ?? []) addForm(`${a} ${suffix}`, p.id);
    }
  }
  const alternation = [...forms.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  const pattern = new RegExp(`(?<![A-Za-z’'-])(?:${alternation})(?![A-Za-z’'-])`, 'g');
  const datasetIds = new Set(ctx.places.map((p) => p.id));
  const years = new Map(ctx.documents.map((d) => [d.doc, d.year]));

  const provinceStems = new Set([...known.values()].filter((k) => k.level === 'province').map((k) => k.stem));
  const mentions: PlaceMention[] = [];
  for (const [doc, text] of ctx.texts) {
    const sections = sectionProvinces(text, forms, known, ctx.documents.find((d) => d.doc === doc)?.provinces ?? []);
    // Spans that are names, not places: people ("Luo Huining"), company names past their first
    // word ("Century Lianhua"), and universities named after a district ("Nankai University").
    const skip: Array<[number, number]> = [];
    for (const name of ctx.personNames)
      for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) skip.push([i, i + name.length]);
    for (const name of ctx.enterpriseNames) {
      const firstWord = name.indexOf(' ') + 1;
      for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1))
        if (firstWord > 0) skip.push([i + firstWord, i + name.length]);
    }
    // The snapshot of the document's year: a 2012 text means Tongren City (520600), not the 2010 prefecture.
    const snapshot = `${years.get(doc) ?? 2012}10`;
    for (const m of text.matchAll(pattern)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (skip.some(([s, e]) => start >= s && end <= e) || /^\s+University/.test(text.slice(end, end + 12))) continue;
      const all = [...forms.get(m[0])!].sort();
      const current = all.filter((c) => {
        const r = known.get(c)!.revisions;
        return r.length === 0 || r.includes(snapshot);
      });
      const candidates = current.length ? current : all;
      const section = [...sections].reverse().find((x) => x.start <= start)!;
      const where: Where = {
        ctx,
        doc,
        text,
        start,
        end,
        surface: m[0],
        candidates,
        known,
        section: section.provinces,
        datasetIds,
        provinceStems,
      };
      mentions.push({ doc, start, end, text: m[0], candidates, ...resolve(where) });
    }
  }
  return mentions;
}

interface Where {
  ctx: MentionContext;
  doc: string;
  text: string;
  start: number;
  end: number;
  surface: string;
  candidates: string[];
  known: Map<string, Known>;
  /** Province code prefixes of the pairing the section (or document) is about. */
  section: Set<string>;
  datasetIds: Set<string>;
  provinceStems: Set<string>;
}

type Resolution = Pick<PlaceMention, 'placeId' | 'method' | 'reason'>;

/** For each offset, the provinces of the pairing its section's heading names (or the document's own). */
function sectionProvinces(
  text: string,
  forms: Map<string, Set<string>>,
  known: Map<string, Known>,
  documentProvinces: string[],
): Array<{ start: number; provinces: Set<string> }> {
  const out: Array<{ start: number; provinces: Set<string> }> = [{ start: 0, provinces: new Set(documentProvinces) }];
  const heading = /^\s*(.{3,120}?)\s+Pairing-off Poverty Alleviation\s*$/gm;
  for (const h of text.matchAll(heading)) {
    const provinces = new Set<string>();
    for (const part of h[1].split(/\s*[-–]\s*/)) {
      const words = part.trim();
      for (const [form, ids] of forms) {
        if (!words.includes(form)) continue;
        for (const id of ids) {
          const k = known.get(id)!;
          if (k.level === 'province' || k.level === 'prefecture') provinces.add(k.province ?? '');
        }
      }
    }
    out.push({ start: h.index!, provinces });
  }
  return out;
}

/** Each rule either decides or passes; the first that decides wins. */
const RULES: Array<(w: Where) => Resolution | undefined> = [
  // An annotator's review line covering this very mention overrides everything (text errors such as "Dongying County").
  (w) => {
    for (const r of w.ctx.reviews) {
      if (r.doc !== w.doc || !r.chosen || !r.quote.includes(w.surface)) continue;
      const at = w.text.indexOf(r.quote);
      const same = r.mention === w.surface || (w.candidates.includes(r.chosen) && r.mention.includes(w.surface));
      if (same && at !== -1 && at <= w.start && at + r.quote.length >= w.end) {
        return {
          placeId: r.chosen,
          method: 'annotated',
          reason: `"${w.surface}" fits ${w.candidates.join(', ')}; an annotator's review chose ${r.chosen}`,
        };
      }
    }
  },
  (w) => {
    if (w.candidates.length > 1) return;
    const k = w.known.get(w.candidates[0])!;
    if (!/\s/.test(w.surface) && k.level === 'county' && !w.datasetIds.has(k.id) && !w.section.has(k.province ?? '-')) {
      return {
        placeId: null,
        method: 'doubtful',
        reason: `"${w.surface}" fits only ${k.id}, a county outside this section's provinces and unused by any fact: probably part of another name`,
      };
    }
    return { placeId: k.id, method: 'unique' };
  },
  // A fact whose quote covers the mention names exactly one candidate.
  (w) => {
    const named = new Set<string>();
    for (const f of w.ctx.factRefs)
      if (f.doc === w.doc && f.start <= w.start && f.end >= w.end) for (const id of f.ids) if (w.candidates.includes(id)) named.add(id);
    if (named.size === 1) {
      const [id] = named;
      return {
        placeId: id,
        method: 'annotated',
        reason: `"${w.surface}" fits ${w.candidates.join(', ')}; the annotated record quoting this sentence names ${id}`,
      };
    }
  },
  // The spelling is one candidate's full standard name ("Zunyi City" the city, not Zunyi County).
  (w) => {
    const exact = w.candidates.filter((c) => w.ctx.gazetteer.byId.get(c)?.name.replace(/’/g, "'") === w.surface.replace(/’/g, "'"));
    if (exact.length === 1)
      return {
        placeId: exact[0],
        method: 'exact-name',
        reason: `"${w.surface}" fits ${w.candidates.join(', ')}; it is the full name of ${exact[0]}`,
      };
  },
  // In a list of provinces ("Hebei, Henan, Hubei"), the province.
  (w) => {
    const provinces = w.candidates.filter((c) => w.known.get(c)!.level === 'province');
    if (provinces.length !== 1) return;
    const before = /([A-Z][a-z’']+)(?:,\s*|\s+and\s+)$/.exec(w.text.slice(Math.max(0, w.start - 30), w.start))?.[1];
    const after = /^(?:,\s*|\s+and\s+)([A-Z][a-z’']+)/.exec(w.text.slice(w.end, w.end + 30))?.[1];
    if ((before && w.provinceStems.has(before)) || (after && w.provinceStems.has(after))) {
      return {
        placeId: provinces[0],
        method: 'province-list',
        reason: `"${w.surface}" fits ${w.candidates.join(', ')}; it stands in a list of provinces`,
      };
    }
  },
  // A parent named close by ("Yiyang of Hunan", "Chengguan Town of Chunhua County"): the nearest level wins.
  (w) => {
    const window = `${w.text.slice(Math.max(0, w.start - 80), w.start)} ${w.text.slice(w.end, w.end + 80)}`;
    let best: { id: string; depth: number }[] = [];
    for (const c of w.candidates) {
      const depth = w.known.get(c)!.ancestors.findIndex((a) => {
        const stem = w.known.get(a)?.stem;
        return stem && stem.length >= 3 && stem !== w.surface && window.includes(stem);
      });
      if (depth === -1) continue;
      if (!best.length || depth < best[0].depth) best = [{ id: c, depth }];
      else if (depth === best[0].depth) best.push({ id: c, depth });
    }
    if (best.length === 1)
      return {
        placeId: best[0].id,
        method: 'parent-nearby',
        reason: `"${w.surface}" fits ${w.candidates.join(', ')}; a parent of ${best[0].id} is named close by`,
      };
  },
  // A bare name shared by a division and places inside it ("Enshi", "Changzhi"): the division
  // (among the candidates in the section's provinces, when there are any).
  (w) => {
    const inSection = w.candidates.filter((c) => w.section.has(w.known.get(c)!.province ?? '-'));
    const pool = inSection.length ? inSection : w.candidates;
    const outer = pool.filter((c) => pool.every((o) => o === c || w.known.get(o)!.ancestors.includes(c)));
    if (outer.length === 1)
      return {
        placeId: outer[0],
        method: 'containing',
        reason: `"${w.surface}" fits ${w.candidates.join(', ')}; the others lie inside ${outer[0]}`,
      };
  },
  // The provinces of the section's pairing.
  (w) => {
    const inSection = w.candidates.filter((c) => w.section.has(w.known.get(c)!.province ?? '-'));
    if (inSection.length === 1)
      return {
        placeId: inSection[0],
        method: 'section',
        reason: `"${w.surface}" fits ${w.candidates.join(', ')}; only ${inSection[0]} lies in a province of this section's pairing`,
      };
  },
  // The one candidate the dataset's facts already use.
  (w) => {
    const inSection = w.candidates.filter((c) => w.section.has(w.known.get(c)!.province ?? '-'));
    const used = (inSection.length ? inSection : w.candidates).filter((c) => w.datasetIds.has(c));
    if (used.length === 1)
      return {
        placeId: used[0],
        method: 'dataset',
        reason: `"${w.surface}" fits ${w.candidates.join(', ')}; only ${used[0]} is a place of the dataset's facts`,
      };
    if (
      !/\s/.test(w.surface) &&
      inSection.length === 0 &&
      used.length === 0 &&
      w.candidates.every((c) => w.known.get(c)!.level === 'county')
    ) {
      return {
        placeId: null,
        method: 'doubtful',
        reason: `"${w.surface}" fits only counties (${w.candidates.join(', ')}) outside this section's provinces and unused by any fact: probably part of another name`,
      };
    }
  },
];

function resolve(w: Where): Resolution {
  for (const rule of RULES) {
    const r = rule(w);
    if (r) return r;
  }
  return {
    placeId: null,
    method: 'unresolved',
    reason: `"${w.surface}" fits ${w.candidates.join(', ')} and nothing nearby decides between them`,
  };
}
