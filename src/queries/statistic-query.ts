/**
 * Statistics by place, year and topic, read off the read model: a statistic's year, metric and
 * evidence are on its node card, the place it is about is its ABOUT relationship.
 */
import type { ReadModel } from '../graph/read-model.js';

export interface StatisticCriteria {
  /** About one of these actors (ids), when given. */
  about?: Set<string> | null;
  year?: number | null;
  /** A word of the metric's name ("investment" finds investment-share). */
  topic?: string | null;
  evidence?: string[] | null;
}

/** A metric's words: "financial-aid-road-building" → financial, aid, road, building. */
const words = (metric: string) => metric.toLowerCase().split(/[^a-z0-9]+/);

/** Node numbers of the matching statistics, in id order. */
export function filterStatistics(model: ReadModel, c: StatisticCriteria): number[] {
  const { topology: t, cards } = model;
  let candidates: Iterable<number> = model.statistics;
  if (c.about) {
    const found = new Set<number>();
    for (const id of c.about) {
      const n = t.indexOf(id);
      if (n >= 0) for (const s of t.ends(n, 'in', 'ABOUT')) found.add(s);
    }
    candidates = [...found].sort((a, b) => a - b);
  }
  const topic =
    c.topic
      ?.trim()
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean) ?? [];
  const out: number[] = [];
  for (const n of candidates) {
    if (c.year != null && cards.num(n, 'year') !== c.year) continue;
    if (c.evidence?.length && !c.evidence.includes(cards.str(n, 'evidence') ?? 'stated')) continue;
    if (topic.length) {
      const metric = words(cards.str(n, 'metric') ?? '');
      if (!topic.every((w) => metric.includes(w))) continue;
    }
    out.push(n);
  }
  return out;
}
