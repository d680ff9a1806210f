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

export interface SyntheticSize {
  nodes: number;
}

/** Place ids in the dataset's own form: gb:<code>@201210. */
const placeId = (code: string) => `gb:${code}@201210`;

export function syntheticDataset(targetNodes: number, seed = 'pairing-graph'): Dataset {
  const rng = seedrandom(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T>(xs: T[]): T => xs[int(xs.length)];
  const ds: Dataset = {
    place: [], official: [], organisation: [], enterprise: [], project: [], agreement: [], pairing: [],
    donation: [], visit: [], meeting: [], statistic: [], placeMention: [],
  };
  // The hierarchy: 34 provinces (first 15 eastern), 10 prefectures each, ~9 counties each.
  const provinces: string[] = [];
  const prefectures: string[] = [];
  const counties: string[] = [];
  for (let p = 0; p < 34; p++) {
    const pc = String(11 + p).padStart(2, '0');
    const pid = placeId(`${pc}0000`);
    provinces.push(pid);
    ds.place.push({ id: pid, name: `Province ${pc}`, kind: 'province', level: 'province', parentId: null, zh: null, code: `${pc}0000`, revision: '201210', aliases: [] });
    for (let f = 1; f <= 10; f++) {
      const fc = `${pc}${String(f).padStart(2, '0')}00`;
      const fid = placeId(fc);
      prefectures.push(fid);
      ds.place.push({ id: fid, name: `City ${fc}`, kind: 'prefecture-level-city', level: 'prefecture', parentId: pid, zh: null, code: fc, revision: '201210', aliases: [] });
      for (let c = 1; c <= 9; c++) {
        const cc = `${fc.slice(0, 4)}${String(c + 20).padStart(2, '0')}`;
        const cid = placeId(cc);
        counties.push(cid);
        ds.place.push({ id: cid, name: `County ${cc}`, kind: 'county', level: 'county', parentId: fid, zh: null, code: cc, revision: '201210', aliases: [] });
      }
    }
  }
  const east = (id: string) => Number(id.slice(3, 5)) < 26;
  const eastPlaces = [...provinces, ...prefectures].filter(east);
  const westPlaces = [...provinces, ...prefectures, ...counties].filter((p) => !east(p));
  // Pairings: each eastern province and city supports a few western places.
  let n = 0;
  for (const supporter of eastPlaces) {
    for (let k = 0; k < 3; k++) {
      const supported = pick(westPlaces);
      ds.pairing.push({ id: `pairing:s-${++n}`, supporterId: supporter, supportedId: supported, level: 'mixed', from: 2000 + int(12), status: 'active', source: source(`${supporter} supports ${supported}.`) });
    }
  }
  // What fills the rest, in the real dataset's proportions.
  const remaining = Math.max(0, targetNodes - ds.place.length);
  const share = (f: number) => Math.floor(remaining * f);
  const officials = share(0.08);
  const organisations = share(0.06);
  const enterprises = share(0.05);
  const projects = share(0.08);
  const donations = share(0.4);
  const visits = share(0.2);
  const meetings = share(0.05);
  const allPlaces = [...provinces, ...prefectures, ...counties];
  const year = () => 2005 + int(10);
  for (let i = 1; i <= officials; i++) {
    // One title each: the Title node counts in the node total (officials ≈ 2 nodes).
    const place = pick(allPlaces);
    ds.official.push({ id: `person:o-${i}`, name: `Official ${i}`, aliases: [], titles: [{ title: 'Deputy Governor', placeId: place, year: year(), source: source(`Official ${i}, Deputy Governor.`) }] });
  }
  for (let i = 1; i <= organisations; i++) {
    ds.organisation.push({ id: `org:g-${i}`, name: `Office ${i}`, aliases: [], kind: 'office', placeId: pick(allPlaces), source: source(`Office ${i}.`) });
  }
  for (let i = 1; i <= enterprises; i++) {
    ds.enterprise.push({ id: `ent:e-${i}`, name: `Enterprise ${i} Group`, aliases: [], homePlaceId: pick(eastPlaces), source: source(`Enterprise ${i} Group.`) });
  }
  for (let i = 1; i <= projects; i++) {
    ds.project.push({ id: `proj:p-${i}`, name: `Project ${i}`, aliases: [], category: 'infrastructure', placeId: pick(westPlaces), year: year(), source: source(`Project ${i}.`) });
  }
  const donors = () => (rng() < 0.7 ? pick(eastPlaces) : enterprises ? `ent:e-${1 + int(enterprises)}` : pick(eastPlaces));
  for (let i = 1; i <= donations; i++) {
    const y = year();
    const yuan = (1 + int(500)) * 100_000;
    const text = `${yuan / 1_000_000} million yuan`;
    ds.donation.push({
      id: `donation:s-${i}`, donorIds: [...new Set(rng() < 0.3 ? [donors(), donors()] : [donors()])],
      recipientIds: [...new Set(rng() < 0.3 ? [pick(westPlaces), pick(westPlaces)] : [pick(westPlaces)])],
      projectId: projects && rng() < 0.4 ? `proj:p-${1 + int(projects)}` : undefined,
      amount: { yuan, text }, kind: pick(['government-aid', 'social-cash', 'in-kind', 'investment']), year: y,
      date: { start: `${y}-${String(1 + int(12)).padStart(2, '0')}`, precision: 'month', text: `${y}` },
      source: source(`Donation ${i} of ${text}.`),
    });
  }
  for (let i = 1; i <= visits; i++) {
    const y = year();
    const m = String(1 + int(12)).padStart(2, '0');
    const d = String(1 + int(27)).padStart(2, '0');
    const visitors = officials ? Array.from({ length: 1 + int(3) }, () => `person:o-${1 + int(officials)}`) : [];
    ds.visit.push({
      id: `visit:s-${i}`, visitorIds: [...new Set(visitors)], headId: visitors[0], fromId: pick(allPlaces),
      destinationIds: [...new Set(rng() < 0.4 ? [pick(allPlaces), pick(allPlaces)] : [pick(allPlaces)])], date: { start: `${y}-${m}-${d}`, precision: 'day', text: `${y}-${m}-${d}` },
      source: source(`Visit ${i}.`),
    });
  }
  for (let i = 1; i <= meetings; i++) {
    ds.meeting.push({
      id: `meeting:s-${i}`, kind: 'meeting', hostIds: [...new Set([pick(allPlaces), pick(allPlaces)])],
      guestIds: officials ? [...new Set([`person:o-${1 + int(officials)}`, `person:o-${1 + int(officials)}`])] : [],
      placeId: pick(allPlaces), visitId: visits ? `visit:s-${1 + int(visits)}` : undefined, source: source(`Meeting ${i}.`),
    });
  }
  return ds;
}
