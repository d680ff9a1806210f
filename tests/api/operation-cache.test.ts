/** The cache of operations stays within its bytes whatever documents come. */
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { schema } from '../../src/graphql/apollo.js';
import { OPERATIONS_MAX_BYTES, OperationCache } from '../../src/graphql/operations.js';

describe('OperationCache', () => {
  it('keeps operations within its bytes, however long the documents', () => {
    const cache = new OperationCache(schema);
    for (let i = 0; i < 200; i++) {
      // Documents of about 90,000 characters, each different.
      const source = `{ documents { id } } # ${i} ${'x'.repeat(90_000)}`;
      cache.of(source, undefined, parse(source));
    }
    expect(cache.bytes).toBeLessThanOrEqual(OPERATIONS_MAX_BYTES);
    expect(cache.find(`{ documents { id } } # 199 ${'x'.repeat(90_000)}`, undefined)).toBeDefined();
    expect(cache.find(`{ documents { id } } # 0 ${'x'.repeat(90_000)}`, undefined)).toBeUndefined();
  });
});
