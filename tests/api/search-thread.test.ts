import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ds } from '../helpers/dataset.js';

/** The search index runs on its own thread: answers come from it, and a stopped thread is replaced. */
describe('search thread', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.app.close());

  const place = ds.place.find((p) => p.level === 'province' && p.name.includes('Sichuan'))!;

  it('answers from the thread, and a thread that stopped is started again in the background', async () => {
    const model = server.app.services.model;
    const first = model.search;
    expect((await first.search(place.name, null, 3))[0]).toMatchObject({ id: place.id, score: 1 });
    // As if it had crashed: its callers get a clear error, and a new thread takes its place.
    await first.close();
    await expect(first.search(place.name, null, 3)).rejects.toThrow(/search index was closed/);
    for (let i = 0; i < 200 && model.search === first; i++) await sleep(25);
    expect(model.search).not.toBe(first);
    expect((await model.search.search(place.name, null, 3))[0].id).toBe(place.id);
    const r = await server.gql('query($q: String!) { search(query: $q, first: 1) { node { ... on Place { id } } } }', {
      q: `${place.name} `,
    });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.search[0].node.id).toBe(place.id);
  });

  it('ends with the server', async () => {
    const thread = server.app.services.model.search;
    await server.app.services.close();
    await expect(thread.search(place.name, null, 1)).rejects.toThrow(/closed/);
  });
});
