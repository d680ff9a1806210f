import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../src/dataset/validate.js';
import { loadSources } from '../../src/dataset/sources.js';
import { sourcesOf } from '../../src/dataset/check.js';
import { RECORD_TYPE_NAMES } from '../../src/dataset/schema.js';

describe('the committed dataset', () => {
  const report = validateDataset();

  it('has no problems: schema, quotes, amounts, dates and references', () => {
    expect(report.problems).toEqual([]);
  });

  it('holds every record type', () => {
    for (const type of RECORD_TYPE_NAMES) expect(report.counts[type], type).toBeGreaterThan(0);
  });

  it('proves every quote is where it says it is', () => {
    const texts = loadSources();
    let checked = 0;
    for (const type of RECORD_TYPE_NAMES) {
      for (const record of report.dataset[type] as unknown as Array<Record<string, unknown>>) {
        for (const { source } of sourcesOf(record)) {
          expect(texts.get(source.doc)!.slice(source.start, source.end)).toBe(source.quote);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('resolves at least 98 % of place mentions to a place with its parent chain', () => {
    const places = new Map(report.dataset.place.map((p) => [p.id, p]));
    const mentions = report.dataset.placeMention;
    const resolved = mentions.filter((m) => {
      if (!m.placeId) return false;
      // The chain must climb to a province.
      let p = places.get(m.placeId);
      while (p?.parentId) p = places.get(p.parentId);
      return p?.level === 'province';
    });
    expect(resolved.length / mentions.length).toBeGreaterThanOrEqual(0.98);
  });

  it('gives towns and villages a 2023 code only under their own county (or its successor)', () => {
    const places = new Map(report.dataset.place.map((p) => [p.id, p]));
    const coded = report.dataset.place.filter((p) => p.code && p.code.length > 6);
    expect(coded.length).toBeGreaterThan(50);
    for (const p of coded) {
      let anchor = p.parentId ? places.get(p.parentId) : undefined;
      while (anchor && !anchor.id.startsWith('gb:')) anchor = anchor.parentId ? places.get(anchor.parentId) : undefined;
      const prefixes = [anchor!.code!, ...(anchor!.successors ?? []).map((s) => s.code ?? '')].filter(Boolean);
      const prefix = anchor!.level === 'county' ? 6 : 4;
      expect(
        prefixes.some((c) => p.code!.startsWith(c.slice(0, prefix))),
        `${p.id} ${p.code}`,
      ).toBe(true);
      expect(p.revision).toBe('2023');
    }
  });

  it('counts the money of a donation once: shares climb to a stated total, never above it', () => {
    const byId = new Map(report.dataset.donation.map((d) => [d.id, d]));
    for (const d of report.dataset.donation.filter((x) => x.partOfId)) {
      const total = byId.get(d.partOfId!)!;
      if (d.amount && total.amount) expect(d.amount.yuan, `${d.id} ≤ ${total.id}`).toBeLessThanOrEqual(total.amount.yuan);
      const seen = new Set([d.id]);
      for (let t = total; t.partOfId; t = byId.get(t.partOfId)!) {
        expect(seen.has(t.id), `${d.id}: the chain of shares loops`).toBe(false);
        seen.add(t.id);
      }
    }
    for (const d of report.dataset.donation.filter((x) => x.restatesId)) {
      expect(byId.get(d.restatesId!)!.restatesId, `${d.id} restates a restatement`).toBeUndefined();
    }
  });
});
