/** A path search over chosen relations is bounded before it reads a crowded level. */
import { describe, expect, it } from 'vitest';
import { findPath, PATH_MAX_RELATIONSHIPS } from '../../src/queries/path-finder.js';
import type { Loaders } from '../../src/graphql/loaders.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import type { WorkPool } from '../../src/queries/work-pool.js';

describe('findPath over chosen relations', () => {
  it('refuses a level whose nodes hold more relationships than it may read, without reading them', async () => {
    let edgeReads = 0;
    const loaders = {
      degree: { loadMany: async (ids: readonly string[]) => ids.map(() => PATH_MAX_RELATIONSHIPS + 1) },
      edges: () => ({ load: async () => { edgeReads++; return []; }, loadMany: async () => { edgeReads++; return []; } }),
    } as unknown as Loaders;
    const search = findPath({} as GraphStore, loaders, {} as WorkPool, 'gb:110000@201210', 'gb:510822@201210', 6, ['GAVE', 'TO']);
    await expect(search).rejects.toMatchObject({ extensions: { code: 'QUERY_TOO_COSTLY' } });
    expect(edgeReads).toBe(0);
  });
});
