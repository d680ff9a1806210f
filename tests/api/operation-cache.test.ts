/** The cache of operations and prices stays within its bytes whatever documents and variables come. */
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { schema } from '../../src/graphql/apollo.js';
import { COSTS_MAX_BYTES, OPERATIONS_MAX_BYTES, OperationCache } from '../../src/graphql/operations.js';

describe('OperationCache', () => {
  it('keeps operations within its bytes, however long the documents', () => {
    const cache = new OperationCache(schema);
    for (let i = 0; i < 200; i++) {
      // Documents of about 90,000 characters, each different.
      const source = `{ documents { id } } # ${i} ${'x'.repeat(90_000)}`;
      cache.of(source, undefined, parse(source));
    }
    expect(cache.bytes.operations).toBeLessThanOrEqual(OPERATIONS_MAX_BYTES);
    expect(cache.find(`{ documents { id } } # 199 ${'x'.repeat(90_000)}`, undefined)).toBeDefined();
    expect(cache.find(`{ documents { id } } # 0 ${'x'.repeat(90_000)}`, undefined)).toBeUndefined();
  });

  it('keeps a price per set of variables within its bytes, and never one for long variables', () => {
    const cache = new OperationCache(schema);
    const source = 'query($q: String!) { search(query: $q) { score } }';
    const op = cache.of(source, undefined, parse(source));
    op.price({ q: 'x'.repeat(5_000) });
    expect(cache.bytes.prices).toBe(0);
    for (let i = 0; i < 50_000; i++) op.price({ q: `${i}${'y'.repeat(150)}` });
    expect(cache.bytes.prices).toBeGreaterThan(0);
    expect(cache.bytes.prices).toBeLessThanOrEqual(COSTS_MAX_BYTES);
  });
});
