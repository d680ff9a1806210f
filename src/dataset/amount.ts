/**
 * Money as the texts write it ("689.7155 million Yuan", "200,000 yuan") → exact integer yuan.
 * Decimal arithmetic on strings, so no float ever touches an amount.
 */
const SCALE: Record<string, number> = { '': 0, thousand: 3, million: 6, billion: 9 };

/** Small numbers the texts sometimes spell out ("one million yuan", "four million yuan"). */
const WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  fifteen: '15',
  twenty: '20',
  thirty: '30',
  forty: '40',
  fifty: '50',
  hundred: '100',
};

export const AMOUNT_PATTERN = new RegExp(
  `^(?:RMB\\s*)?(\\d{1,3}(?:,\\d{3})+|\\d+|${Object.keys(WORDS).join('|')})(?:\\.(\\d+))?\\s*(thousand|million|billion)?\\s*(?:yuan|RMB)?$`,
  'i',
);

/** The exact number of yuan, or an error message naming what could not be read. */
export function parseAmount(text: string): { yuan: number } | { error: string } {
  const m = AMOUNT_PATTERN.exec(text.trim());
  if (!m) return { error: `cannot read an amount in "${text}" (expected e.g. "8.58 million yuan" or "200,000 yuan")` };
  const whole = WORDS[m[1].toLowerCase()] ?? m[1].replace(/,/g, '');
  const fraction = m[2] ?? '';
  const exponent = SCALE[(m[3] ?? '').toLowerCase()];
  if (fraction.length > exponent) return { error: `"${text}" is not a whole number of yuan` };
  const digits = BigInt(whole + fraction.padEnd(exponent, '0'));
  if (digits > BigInt(Number.MAX_SAFE_INTEGER)) return { error: `"${text}" is too large to keep exact` };
  return { yuan: Number(digits) };
}
