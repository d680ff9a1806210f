/** A reference a reader can cite and check: the chapter, the year it reports on, and where in it the quote stands. */
import type { DocumentModel, ProvenanceModel } from './models.js';

export function citation(doc: DocumentModel | undefined, p: ProvenanceModel): string {
  const where = `characters ${p.start}–${p.end}`;
  if (!doc) return `document ${p.doc}, ${where}`;
  return `"${doc.title}", chapter on ${doc.year} (document ${doc.doc}), ${where}`;
}
