/**
 * The repeat path: an operation Apollo answered once is answered again without Apollo's
 * per-request pipeline, byte for byte the same; anything unusual still goes through Apollo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { readRawDataset, toDataset } from '../../src/dataset/read.js';

const ds = toDataset(readRawDataset().records);
const QUERY = 'query Received($id: ID!, $n: Int!) { place(id: $id) { name donationsReceived(first: $n) { totalCount nodes { id amount { yuan } } } } }';
const QINGCHUAN = 'gb:510822@201210';

describe('operations answered before', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => server?.app.close());

  const send = async (variables: Record<string, unknown>, query = QUERY) => {
    const res = await fetch(`${server.app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  const hits = () => server.app.knownOperations!.hits;

  it('are answered without Apollo, with the very bytes and headers Apollo sent', async () => {
    const first = await send({ id: QINGCHUAN, n: 5 });
    const before = hits();
    const again = await send({ id: QINGCHUAN, n: 5 });
    expect(hits()).toBe(before + 1);
    expect(again).toEqual(first);
    const body = JSON.parse(again.text);
    expect(body.data.place.name).toBe(ds.place.find((p) => p.id === QINGCHUAN)!.name);
    expect(body.data.place.donationsReceived.nodes.length).toBeGreaterThan(0);
    expect(body.extensions.cost).toBeGreaterThan(0);
  });

  it('share one compiled form and one cost per operation with Apollo', async () => {
    const operations = server.app.knownOperations!.operations;
    const ONCE = 'query Once($id: ID!) { place(id: $id) { name } }';
    const compiled = operations.compilations;
    const first = await send({ id: QINGCHUAN }, ONCE);
    const before = hits();
    const again = await send({ id: QINGCHUAN }, ONCE);
    expect(hits()).toBe(before + 1);
    expect(again).toEqual(first);
    expect(operations.compilations).toBe(compiled + 1);
    expect(operations.find(ONCE, undefined)?.price({ id: QINGCHUAN }).cost).toBe(JSON.parse(first.text).extensions.cost);
  });

  it('run with each request’s own variables, cost included', async () => {
    await send({ id: QINGCHUAN, n: 5 });
    const before = hits();
    const other = JSON.parse((await send({ id: 'gb:510800@201210', n: 2 })).text);
    const wider = JSON.parse((await send({ id: QINGCHUAN, n: 50 })).text);
    expect(hits()).toBe(before + 2);
    expect(other.data.place.name).toMatch(/Guangyuan/);
    expect(other.data.place.donationsReceived.nodes.length).toBeLessThanOrEqual(2);
    expect(wider.extensions.cost).toBeGreaterThan(other.extensions.cost);
  });

  it('leave errors to Apollo: a refused cost, a bad page size and variables of the wrong type read as they always do', async () => {
    const WIDE = `query Wide($id: ID!, $n: Int!) { place(id: $id) { donationsReceived(first: $n) { nodes { donors { __typename ... on Place { supporting(first: $n) { nodes { level } } } } } } } }`;
    await send({ id: QINGCHUAN, n: 5 });
    expect(JSON.parse((await send({ id: QINGCHUAN, n: 2 }, WIDE)).text).errors).toBeUndefined();
    const before = hits();
    const costly = JSON.parse((await send({ id: QINGCHUAN, n: 100 }, WIDE)).text);
    const page = JSON.parse((await send({ id: QINGCHUAN, n: 1000 })).text);
    const wrong = await send({ id: QINGCHUAN, n: 'five' });
    expect(hits()).toBe(before);
    expect(page.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(costly.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
  });

  it('never include a document Apollo refused', async () => {
    const before = hits();
    for (let i = 0; i < 2; i++) {
      const r = await send({}, 'mutation { __typename }');
      expect(JSON.parse(r.text).errors[0].extensions.code).toMatch(/OPERATION_NOT_SUPPORTED|GRAPHQL_VALIDATION_FAILED/);
    }
    expect(hits()).toBe(before);
  });
});
