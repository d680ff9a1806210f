/** The dataset as the files hold it: what tests compute expected answers from (never the store). */
import { readRawDataset, toDataset } from '../../src/dataset/read.js';
import type { Dataset, Donation } from '../../src/dataset/schema.js';
import { loadSources } from '../../src/dataset/sources.js';

export const ds: Dataset = toDataset(readRawDataset().records);
export const texts = loadSources();

/** Donations whose money counts in totals: not a share of a stated total, not a restatement. */
export const countedDonations = (): Donation[] => ds.donation.filter((d) => !d.partOfId && !d.restatesId);

/** What totals sum by default: counted donations, business investment kept apart. */
export const countedAid = (): Donation[] => countedDonations().filter((d) => d.kind !== 'investment');

/** `seeds` and every record below them along `parentId`, however deep. */
function withChildren(seeds: Iterable<string>, records: readonly { id: string; parentId?: string | null }[]): Set<string> {
  const out = new Set(seeds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of records)
      if (r.parentId && out.has(r.parentId) && !out.has(r.id)) {
        out.add(r.id);
        grew = true;
      }
  }
  return out;
}

export function placeAndDescendants(id: string): Set<string> {
  return withChildren([id], ds.place);
}

/**
 * What a place with everything inside it stands for, from the records: the place, the places
 * below it, and the organisations (with their departments), enterprises and projects based or
 * located in any of them.
 */
export function placeAndBodiesInside(id: string): Set<string> {
  const places = placeAndDescendants(id);
  const out = new Set(places);
  for (const e of ds.enterprise) if (e.homePlaceId && places.has(e.homePlaceId)) out.add(e.id);
  for (const p of ds.project) if (p.placeId && places.has(p.placeId)) out.add(p.id);
  const based = ds.organisation.filter((o) => o.placeId && places.has(o.placeId)).map((o) => o.id);
  for (const o of withChildren(based, ds.organisation)) out.add(o);
  return out;
}
