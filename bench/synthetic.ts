/**
 * A synthetic dataset shaped like the real one at national scale and beyond: 34 provinces, ~340
 * prefectures and ~3,000 counties, eastern provinces paired with western ones at every level, and
 * officials, organisations, enterprises, projects, donations, visits and meetings over many years
 * filling the requested number of nodes at about three relationships per node. Deterministic for a
 * seed. Records have the dataset's own types, so the same loader loads them.
 */
import seedrandom from 'seedrandom';
import type { Dataset, Source } from '../src/dataset/schema.js';

const DOC = '999_0000000000000000';
const source = (quote: string): Source => ({ doc: DOC, start: 0, end: quote.length, quote });
/** One fact in ten has its giver, sender or host supplied by the section, as the texts' sometimes do. */
const evidence = (i: number) =>
  i % 10 === 0 ? { evidence: 'section' as const, evidenceNote: 'the section’s province' } : { evidence: 'stated' as const };

/** Place ids in the dataset's own form: gb:<code>@201210. */
const placeId = (code: string) => `gb:${code}@201210`;

export interface SyntheticPlace {
  id: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  code: string;
  parentId: string | null;
}

/** The hierarchy, the same at every size: 34 provinces (first 15 eastern), 10 prefectures each, 9 counties each. */
export function syntheticPlaces(): SyntheticPlace[] {
  const places: SyntheticPlace[] = [];
  for (let p = 0; p < 34; p++) {
    const pc = `${11 + p}0000`;
    places.push({ id: placeId(pc), name: `Province ${pc.slice(0, 2)}`, level: 'province', code: pc, parentId: null });
    for (let f = 1; f <= 10; f++) {
      const fc = `${pc.slice(0, 2)}${String(f).padStart(2, '0')}00`;
      places.push({ id: placeId(fc), name: `City ${fc}`, level: 'prefecture', code: fc, parentId: placeId(pc) });
      for (let c = 21; c <= 29; c++) {
        const cc = `${fc.slice(0, 4)}${c}`;
        places.push({ id: placeId(cc), name: `County ${cc}`, level: 'county', code: cc, parentId: placeId(fc) });
      }
    }
  }
  return places;
}

/**
 * How many of each kind fill a graph of `targetNodes` beyond the places, in the real dataset's
 * proportions; ids run from 1 to the count (person:o-N "Official N", org:g-N "Office N",
 * ent:e-N "Enterprise N Group", proj:p-N "Project N").
 */
export function syntheticCounts(targetNodes: number) {
  const remaining = Math.max(0, targetNodes - 34 * (1 + 10 * (1 + 9)));
  const share = (f: number) => Math.floor(remaining * f);
  return {
    officials: share(0.08),
    organisations: share(0.06),
    enterprises: share(0.05),
    projects: share(0.08),
    donations: share(0.4),
    visits: share(0.2),
    meetings: share(0.05),
  };
}

export function syntheticDataset(targetNodes: number, seed = 'pairing-graph'): Dataset {
  const rng = seedrandom(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T>(xs: T[]): T => xs[int(xs.length)];
  const ds: Dataset = {
    place: [],
    official: [],
    organisation: [],
    enterprise: [],
    project: [],
    agreement: [],
    pairing: [],
    donation: [],
    commitment: [],
    visit: [],
    meeting: [],
    statistic: [],
    placeMention: [],
  };
  const provinces: string[] = [];
  const prefectures: string[] = [];
  const counties: string[] = [];
  for (const { id, name, level, code, parentId } of syntheticPlaces()) {
    ds.place.push({
      id,
      name,
      kind: level === 'prefecture' ? 'prefecture-level-city' : level,
      level,
      parentId,
      zh: null,
      code,
      revision: '201210',
      aliases: [],
    });
    ({ province: provinces, prefecture: prefectures, county: counties })[level].push(id);
  }
  const east = (id: string) => Number(id.slice(3, 5)) < 26;
  const eastPlaces = [...provinces, ...prefectures].filter(east);
  const westPlaces = [...provinces, ...prefectures, ...counties].filter((p) => !east(p));
  // Pairings: each eastern province and city supports a few western places.
  let n = 0;
  for (const supporter of eastPlaces) {
    for (let k = 0; k < 3; k++) {
      const supported = pick(westPlaces);
      ds.pairing.push({
        id: `pairing:s-${++n}`,
        supporterId: supporter,
        supportedId: supported,
        level: 'mixed',
        from: 2000 + int(12),
        status: 'active',
        ...evidence(n),
        source: source(`${supporter} supports ${supported}.`),
      });
    }
  }
  // What fills the rest, in the real dataset's proportions.
  const { officials, organisations, enterprises, projects, donations, visits, meetings } = syntheticCounts(targetNodes);
  const allPlaces = [...provinces, ...prefectures, ...counties];
  const year = () => 2005 + int(10);
  for (let i = 1; i <= officials; i++) {
    // One title each: the Title node counts in the node total (officials ≈ 2 nodes).
    const place = pick(allPlaces);
    ds.official.push({
      id: `person:o-${i}`,
      name: `Official ${i}`,
      aliases: [],
      titles: [{ title: 'Deputy Governor', placeId: place, year: year(), source: source(`Official ${i}, Deputy Governor.`) }],
    });
  }
  for (let i = 1; i <= organisations; i++) {
    ds.organisation.push({
      id: `org:g-${i}`,
      name: `Office ${i}`,
      aliases: [],
      kind: 'office',
      placeId: pick(allPlaces),
      source: source(`Office ${i}.`),
    });
  }
  for (let i = 1; i <= enterprises; i++) {
    ds.enterprise.push({
      id: `ent:e-${i}`,
      name: `Enterprise ${i} Group`,
      aliases: [],
      homePlaceId: pick(eastPlaces),
      source: source(`Enterprise ${i} Group.`),
    });
  }
  for (let i = 1; i <= projects; i++) {
    ds.project.push({
      id: `proj:p-${i}`,
      name: `Project ${i}`,
      aliases: [],
      category: 'infrastructure',
      placeId: pick(westPlaces),
      year: year(),
      source: source(`Project ${i}.`),
    });
  }
  const donors = () => (rng() < 0.7 ? pick(eastPlaces) : enterprises ? `ent:e-${1 + int(enterprises)}` : pick(eastPlaces));
  for (let i = 1; i <= donations; i++) {
    const y = year();
    const yuan = (1 + int(500)) * 100_000;
    const text = `${yuan / 1_000_000} million yuan`;
    ds.donation.push({
      id: `donation:s-${i}`,
      donorIds: [...new Set(rng() < 0.3 ? [donors(), donors()] : [donors()])],
      recipientIds: [...new Set(rng() < 0.3 ? [pick(westPlaces), pick(westPlaces)] : [pick(westPlaces)])],
      projectId: projects && rng() < 0.4 ? `proj:p-${1 + int(projects)}` : undefined,
      amount: { yuan, text },
      kind: pick(['government-aid', 'social-cash', 'in-kind', 'investment']),
      year: y,
      date: { start: `${y}-${String(1 + int(12)).padStart(2, '0')}`, precision: 'month', text: `${y}` },
      ...evidence(i),
      source: source(`Donation ${i} of ${text}.`),
    });
  }
  for (let i = 1; i <= visits; i++) {
    const y = year();
    const m = String(1 + int(12)).padStart(2, '0');
    const d = String(1 + int(27)).padStart(2, '0');
    const visitors = officials ? Array.from({ length: 1 + int(3) }, () => `person:o-${1 + int(officials)}`) : [];
    ds.visit.push({
      id: `visit:s-${i}`,
      visitorIds: [...new Set(visitors)],
      headId: visitors[0],
      fromId: pick(allPlaces),
      destinationIds: [...new Set(rng() < 0.4 ? [pick(allPlaces), pick(allPlaces)] : [pick(allPlaces)])],
      date: { start: `${y}-${m}-${d}`, precision: 'day', text: `${y}-${m}-${d}` },
      ...evidence(i),
      source: source(`Visit ${i}.`),
    });
  }
  for (let i = 1; i <= meetings; i++) {
    ds.meeting.push({
      id: `meeting:s-${i}`,
      kind: 'meeting',
      hostIds: [...new Set([pick(allPlaces), pick(allPlaces)])],
      guestIds: officials ? [...new Set([`person:o-${1 + int(officials)}`, `person:o-${1 + int(officials)}`])] : [],
      placeId: pick(allPlaces),
      visitId: visits ? `visit:s-${1 + int(visits)}` : undefined,
      ...evidence(i),
      source: source(`Meeting ${i}.`),
    });
  }
  return ds;
}
