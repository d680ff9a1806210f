/** A deployment's own Apollo plugin sees every request: first-time, repeated, refused or failing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApolloServerPlugin } from '@apollo/server';
import { startApp, type RunningApp } from '../../src/server/app.js';
import { GrafeoSession } from '../../src/store/grafeo-session.js';
import type { ApiContext } from '../../src/graphql/context.js';

describe('plugins', () => {
  let app: RunningApp;
  const seen: string[] = [];
  const counter: ApolloServerPlugin<ApiContext> = {
    async requestDidStart({ request }) {
      seen.push(request.operationName ?? '(anonymous)');
    },
  };

  beforeAll(async () => {
    app = await startApp({ session: new GrafeoSession(':memory:'), load: 'always', plugins: [counter], onBuildStep: () => {} });
  });
  afterAll(async () => app?.close());

  const post = async (query: string, operationName?: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, operationName, variables }),
    });
    return (await res.json()) as { data?: any; errors?: unknown[] };
  };

  it('counts every request, the same text sent again included', async () => {
    seen.length = 0;
    const query = 'query Place($id: ID!) { place(id: $id) { name } }';
    for (let i = 0; i < 5; i++) expect((await post(query, 'Place', { id: 'gb:510822@201210' })).data.place.name).toBeTruthy();
    expect((await post(query, 'Place', { id: 'gb:330000@201210' })).data.place.name).toBeTruthy();
    expect((await post('query Search { search(query: "Zhejiang", first: 3) { score } }', 'Search')).errors).toBeUndefined();
    // Refused in validation and failing in execution: the plugin still sees them.
    expect((await post('query Bad { nope }', 'Bad')).errors).toBeDefined();
    expect(
      (await post('query Missing { path(from: "gb:999999@201210", to: "gb:330000@201210") { length } }', 'Missing')).errors,
    ).toBeDefined();
    expect(seen).toEqual(['Place', 'Place', 'Place', 'Place', 'Place', 'Place', 'Search', 'Bad', 'Missing']);
  });
});
