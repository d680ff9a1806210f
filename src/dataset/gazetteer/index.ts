/** The committed gazetteer, loaded and searchable by any spelling. */
import { readFileSync } from 'node:fs';
import { SEEDS } from '../paths.js';
import { Division } from './division.js';

export interface Gazetteer {
  byId: Map<string, Division>;
  all: Division[];
}

export function loadGazetteer(file = `${SEEDS}/gazetteer/divisions.jsonl`): Gazetteer {
  const all = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => Division.parse(JSON.parse(l)));
  return { all, byId: new Map(all.map((d) => [d.id, d])) };
}

/** Case-, space-, hyphen- and apostrophe-insensitive form used for matching names. */
export function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’‘`\-–]/g, '');
}

/** The division and its ancestors, nearest first. */
export function chainOf(g: Gazetteer, id: string): Division[] {
  const out: Division[] = [];
  for (let d = g.byId.get(id); d; d = d.parentId ? g.byId.get(d.parentId) : undefined) out.push(d);
  return out;
}

/** Divisions whose code, Chinese name, English name or stem matches the query. */
export function searchGazetteer(g: Gazetteer, query: string): Division[] {
  const q = fold(query);
  return g.all.filter(
    (d) =>
      d.code === query ||
      d.id === query ||
      d.zh.includes(query) ||
      fold(d.name) === q ||
      fold(d.shortName) === q ||
      fold(d.name).startsWith(q) ||
      fold(d.shortName).startsWith(q),
  );
}
