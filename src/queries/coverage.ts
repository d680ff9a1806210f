/**
 * What the dataset holds for a year or a place, said in words: a year or place no chapter reports
 * on answers so, rather than with empty lists that read as "nothing happened".
 */
import type { ReadModel } from '../graph/read-model.js';
import type { CoverageModel, DocumentModel } from './models.js';

const years = (documents: readonly DocumentModel[]) => [...new Set(documents.map((d) => d.year))].sort((a, b) => a - b);

export function yearCoverage(documents: readonly DocumentModel[], year: number): CoverageModel {
  const reporting = documents.filter((d) => d.year === year);
  if (reporting.length) {
    return { covered: true, documents: reporting, note: `${reporting.length} chapter(s) of the dataset report on ${year}.` };
  }
  return {
    covered: false,
    documents: [],
    note: `No chapter of the dataset reports on ${year}: its chapters report on ${years(documents).join(', ')}. Pairings stated to run through ${year} are listed; nothing else is known of that year here.`,
  };
}

export function placeCoverage(documents: readonly DocumentModel[], naming: ReadonlySet<string> | undefined, name: string): CoverageModel {
  const reporting = documents.filter((d) => naming?.has(d.doc));
  if (reporting.length) {
    return {
      covered: true,
      documents: reporting,
      note: `${reporting.length} chapter(s) of the dataset name ${name} or a place inside it.`,
    };
  }
  return {
    covered: false,
    documents: [],
    note: `No chapter of the dataset names ${name} or a place inside it: the dataset holds no report on it, which is not a report that it received or gave nothing.`,
  };
}

/**
 * For every place, the documents naming it or a place inside it: each mention counts for its
 * place and every place above it (along PART_OF between places).
 */
export function placeDocumentsRolledUp(model: ReadModel, naming: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const t = model.topology;
  const out = new Map<string, Set<string>>();
  for (const [placeId, docs] of naming) {
    let n = t.indexOf(placeId);
    const seen = new Set<number>();
    while (n >= 0 && !seen.has(n)) {
      seen.add(n);
      const id = t.idAt(n);
      let held = out.get(id);
      if (!held) out.set(id, (held = new Set()));
      for (const d of docs) held.add(d);
      n = t.ends(n, 'out', 'PART_OF').find((p) => t.labelAt(p) === 'Place') ?? -1;
    }
  }
  return out;
}
