import { describe, expect, it } from 'vitest';
import { valueProblems } from '../../src/dataset/check.js';

const visit = (start: string, end?: string) => ({ date: { start, ...(end ? { end } : {}), precision: 'day', text: 'x' } });

describe('date checks', () => {
  it.each(['2012-02-30', '2012-02-31', '2012-13-01', '2012-00-10'])('refuses %s as a start or an end, without throwing', (d) => {
    expect(valueProblems('visit', visit(d))).toContainEqual({ field: 'date.start', reason: `${d} is not a calendar date` });
    expect(valueProblems('visit', visit('2012-01-01', d))).toContainEqual({ field: 'date.end', reason: `${d} is not a calendar date` });
  });

  it('accepts real days, leap days included', () => {
    expect(valueProblems('visit', visit('2012-02-29', '2012-03-01'))).toEqual([]);
  });
});
