import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/dataset/amount.js';

describe('parseAmount', () => {
  it.each([
    ['689.7155 million Yuan', 689_715_500],
    ['443.58 billion Yuan', 443_580_000_000],
    ['8.58 million yuan', 8_580_000],
    ['200,000 yuan', 200_000],
    ['60 million yuan', 60_000_000],
    ['5.203 billion yuan', 5_203_000_000],
    ['1,115 yuan', 1115],
    ['one million yuan', 1_000_000],
    ['four million yuan', 4_000_000],
  ])('reads "%s" as %i yuan exactly', (text, yuan) => {
    expect(parseAmount(text)).toEqual({ yuan });
  });

  it('refuses text that is not an amount, naming it', () => {
    expect(parseAmount('about ten million yuan')).toEqual({ error: expect.stringContaining('"about ten million yuan"') });
  });

  it('refuses fractions of a yuan rather than rounding', () => {
    expect(parseAmount('1.5 yuan')).toEqual({ error: expect.stringContaining('not a whole number') });
  });
});
