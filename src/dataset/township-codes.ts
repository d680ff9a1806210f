/**
 * Gives the dataset's towns and villages their 2023 statistical division code where the name still
 * stands under the same county (or town): an exact match of the romanised name, one candidate only.
 */
import type { Gazetteer } from './gazetteer/index.js';
import type { TownshipRow } from './gazetteer/townships.js';

type Rec = Record<string, unknown>;

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
const KIND_WORDS = /\s+(town|township|village|subdistrict|street|community|sumu)$/i;

/** 2023 county codes standing for a division: its own code and every successor's (all counties below a prefecture). */
export function countyCodesFor(gazetteer: Gazetteer, gbId: string, allCounties: string[]): string[] {
  const d = gazetteer.byId.get(gbId);
  if (!d) return [];
  const codes = [d.code, ...(d.successors ?? []).map((s) => s.code).filter((c): c is string => !!c)];
  if (d.level === 'county') return codes;
  if (d.level === 'prefecture') return allCounties.filter((c) => codes.some((p) => c.startsWith(p.slice(0, 4))));
  return [];
}

export interface TownshipMatch {
  matched: number;
  unmatched: string[];
  ambiguous: string[];
}

export function assignTownshipCodes(places: Rec[], rows: TownshipRow[], gazetteer: Gazetteer): TownshipMatch {
  const byId = new Map(places.map((p) => [p.id as string, p]));
  const counties = [...new Set(rows.filter((r) => r.level === 'township').map((r) => r.parent))];
  const result: TownshipMatch = { matched: 0, unmatched: [], ambiguous: [] };
  const nearestCoded = (p: Rec): string | null => {
    for (let a = p.parentId as string | null; a; a = (byId.get(a)?.parentId as string | null) ?? null) if (a.startsWith('gb:')) return a;
    return null;
  };
  // Towns first, so that villages can look inside their town.
  const order = (p: Rec) => (p.level === 'township' ? 0 : 1);
  for (const p of places.filter((x) => !x.code && (x.level === 'township' || x.level === 'village')).sort((a, b) => order(a) - order(b))) {
    const stem = fold((p.name as string).replace(KIND_WORDS, ''));
    const anchor = nearestCoded(p);
    if (!anchor || !stem) {
      result.unmatched.push(p.id as string);
      continue;
    }
    const countyCodes = new Set(countyCodesFor(gazetteer, anchor, counties));
    let candidates: TownshipRow[];
    if (p.level === 'township') {
      candidates = rows.filter((r) => r.level === 'township' && countyCodes.has(r.parent) && fold(r.stem) === stem);
    } else {
      const town = byId.get(p.parentId as string);
      const townCode = typeof town?.code === 'string' && town.code.length === 9 ? town.code : null;
      candidates = rows.filter(
        (r) => r.level === 'village' && fold(r.stem) === stem && (townCode ? r.parent === townCode : countyCodes.has(r.parent.slice(0, 6))),
      );
    }
    if (candidates.length === 1) {
      p.code = candidates[0].code;
      p.zh ??= candidates[0].zh;
      p.revision = '2023';
      result.matched++;
    } else if (candidates.length > 1) result.ambiguous.push(p.id as string);
    else result.unmatched.push(p.id as string);
  }
  return result;
}
