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

export function placeAndDescendants(id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of ds.place)
      if (p.parentId && out.has(p.parentId) && !out.has(p.id)) {
        out.add(p.id);
        grew = true;
      }
  }
  return out;
}

/**
 * What a place with everything inside it stands for, from the records: the place, the places
 * below it, and the organisations (with their departments), enterprises and projects based or
 * located in any of them.
 */
export function placeAndBodiesInside(id: string): Set<string> {
  const out = placeAndDescendants(id);
  const places = new Set(out);
  for (const e of ds.enterprise) if (e.homePlaceId && places.has(e.homePlaceId)) out.add(e.id);
  for (const p of ds.project) if (p.placeId && places.has(p.placeId)) out.add(p.id);
  const orgs = new Set(ds.organisation.filter((o) => o.placeId && places.has(o.placeId)).map((o) => o.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of ds.organisation)
      if (o.parentId && orgs.has(o.parentId) && !orgs.has(o.id)) {
        orgs.add(o.id);
        grew = true;
      }
  }
  for (const o of orgs) out.add(o);
  return out;
}
