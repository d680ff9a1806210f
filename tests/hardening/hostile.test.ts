/** Hostile requests are refused fast with a clear code; the server stays up and keeps answering. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/server/app.js';
import { GrafeoSession } from '../../src/store/grafeo-session.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { storeChecksum } from '../helpers/stores.js';

describe('hostile requests', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.app.close());

  const code = async (query: string, variables?: Record<string, unknown>) => {
    const r = await server.gql(query, variables);
    expect(r.status).toBeLessThan(500);
    expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at |stacktrace/i);
    return r.body.errors?.[0]?.extensions?.code;
  };

  it.each([
    [
      'a depth bomb of 40 levels',
      () => `{ place(id: "gb:510822@201210") { ${'parent { '.repeat(40)}id${' }'.repeat(40)} } }`,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      '1,000 aliases of an expensive field',
      () => `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: donations(first: 100) { totalCount }`).join(' ')} }`,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      '100 aliases of an expensive field',
      () => `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: donations(first: 100) { nodes { donors { name } } }`).join(' ')} }`,
      'QUERY_TOO_COSTLY',
    ],
    ['a huge first', () => '{ donations(first: 1000000) { totalCount } }', 'BAD_USER_INPUT'],
    ['a negative first', () => '{ visits(first: -5) { totalCount } }', 'BAD_USER_INPUT'],
    ['a first past 32 bits', () => '{ visits(first: 99999999999) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a non-integer first', () => '{ visits(first: "ten") { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
    [
      'deeply nested list input',
      () => `{ nodes(ids: ${'['.repeat(200)}"gb:510822@201210"${']'.repeat(200)}) { id } }`,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['a foreign (Relay base64) global id', () => '{ node(id: "UGxhY2U6MQ==") { id } }', 'BAD_USER_INPUT'],
    ['a malformed id', () => '{ node(id: "gb:51@") { id } }', 'BAD_USER_INPUT'],
    ['an unknown field', () => '{ place(id: "gb:510822@201210") { password } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a mutation (the API is read-only)', () => 'mutation { load }', 'OPERATION_NOT_SUPPORTED'],
  ])('refuses %s', async (_what, query, expected) => {
    expect(await code(query())).toBe(expected);
  });

  it('refuses deeply nested input objects in variables', async () => {
    let deep: Record<string, unknown> = { year: 2012 };
    for (let i = 0; i < 500; i++) deep = { year: deep };
    expect(await code('query($f: DonationFilter) { donations(filter: $f, first: 1) { totalCount } }', { f: deep })).toBe('BAD_USER_INPUT');
  });

  it('refuses a batch of 500 operations', async () => {
    const r = await server.post(JSON.stringify(Array.from({ length: 500 }, () => ({ query: '{ documents { id } }' }))));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).errors[0].extensions.code).toBe('BATCH_NOT_SUPPORTED');
  });

  it('refuses a 1 MB query string before parsing it, and a larger body before reading it all', async () => {
    const big = await server.post(JSON.stringify({ query: `{ documents { id } } #${'x'.repeat(1_000_000)}` }));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text).errors[0].extensions.code).toBe('QUERY_TOO_LARGE');
    const huge = await server.post(JSON.stringify({ query: '{ documents { id } }', variables: { pad: 'x'.repeat(2_000_000) } }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a body that is not JSON', async () => {
    const r = await server.post('{"query": ');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('passes hostile strings to the store only as parameters: nothing changes, nothing leaks', async () => {
    const session = server.app.session;
    const before = await storeChecksum(session);
    const strings = [
      "') MATCH (n) DETACH DELETE n //",
      '"}) DETACH DELETE n RETURN 1 //',
      '{"$where": "1==1"}',
      '\u202Eevil\u202C',
      'a\u0000b',
      '🐉🐉🐉',
      'x'.repeat(10_000),
      '\\", "injected": "',
      '<script>alert(1)</script>',
      '${7*7}',
      '../../etc/passwd',
    ];
    for (const s of strings) {
      for (const [query, vars] of [
        ['query($s: String!) { search(query: $s) { score } }', { s }],
        ['query($s: ID!) { node(id: $s) { id } }', { s }],
        ['query($s: String) { place(code: $s) { id } }', { s }],
        ['query($s: ID) { donations(filter: { counterpart: $s }, first: 1) { totalCount } }', { s }],
        ['query($s: ID) { commitments(filter: { giver: $s }, first: 1) { totalCount } }', { s }],
        ['query($s: ID!) { path(from: $s, to: $s) { length } }', { s }],
        ['query($s: PartialDate) { visits(filter: { from: $s }, first: 1) { totalCount } }', { s }],
        ['query($s: ID!) { subgraph(input: { seeds: [$s] }) { truncated } }', { s }],
      ] as const) {
        const r = await server.gql(query, vars);
        expect(r.status, `${query} ${JSON.stringify(s).slice(0, 40)}`).toBeLessThan(500);
        expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at |GRAFEO|stacktrace/i);
      }
    }
    expect(await storeChecksum(session)).toBe(before);
  });

  it('keeps answering after all of it', async () => {
    expect((await fetch(`${server.app.url}/health`)).status).toBe(200);
    expect((await server.gql('{ place(id: "gb:510822@201210") { name } }')).body.data.place.name).toBe('Qingchuan County');
  });
});

describe('introspection', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ session: new GrafeoSession(':memory:'), load: 'always', introspection: false });
  });
  afterAll(async () => app?.close());

  it('is refused when disabled (production), with a validation error', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/introspection/i);
  });
});
