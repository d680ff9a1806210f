/**
 * Schema-driven fuzzing: 1,200 queries generated from the SDL, with valid and invalid arguments
 * (real ids, hostile strings, wrong types, out-of-range numbers, missing required values).
 * No answer may be a 5xx, none may carry a stack trace, and the server must keep answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { typeDefs } from '../../src/graphql/apollo.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ds } from '../helpers/dataset.js';

const SEED = 'pairing-graph-fuzz-1';
// Built here from the SDL, so that the type checks below and the schema share one graphql module.
const schema = buildSchema(typeDefs);
const COUNT = 1200;

const IDS = [
  'gb:510822@201210',
  'gb:330000@201210',
  'person:zhao-hongzhu',
  'org:lgop',
  ds.donation[0].id,
  ds.visit[0].id,
  ds.pairing[0].id,
  'gb:999999@201210',
  'nope',
  '',
];
const STRINGS = [
  'Qingchuan',
  "Ping'an",
  '',
  "') DETACH DELETE n //",
  '\u202E\u0000',
  '🐉',
  'x'.repeat(3000),
  '2012-08',
  '2012-13-45',
  '%00',
  '{"a":1}',
];
// Years the chapters report on among them: year arguments reach the resolvers as often as a user's would.
const INTS = [0, 1, 5, 2010, 2011, 2012, -1, 100, 101, 2147483647, -2147483648];

function generator(rng: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const chance = (p: number) => rng() < p;

  function value(type: GraphQLInputType, depth: number): string | undefined {
    if (isNonNullType(type)) return value(type.ofType, depth) ?? (chance(0.1) ? 'null' : undefined);
    if (chance(0.05)) return pick(['null', '"wrong"', '12.5', 'true', '[1,2]', '{a: 1}']); // wrong on purpose
    if (isListType(type))
      return `[${Array.from({ length: Math.floor(rng() * 3) }, () => value(type.ofType, depth + 1) ?? 'null').join(', ')}]`;
    const named = getNamedType(type);
    if (isEnumType(named)) return pick(named.getValues()).name;
    if (isInputObjectType(named)) {
      if (depth > 2) return '{}';
      const fields = Object.values(named.getFields()).filter(() => chance(0.4));
      return `{${fields.map((f) => `${f.name}: ${value(f.type, depth + 1) ?? 'null'}`).join(', ')}}`;
    }
    if (isScalarType(named)) {
      switch (named.name) {
        case 'ID':
          return JSON.stringify(pick(IDS));
        case 'String':
          return JSON.stringify(pick(STRINGS));
        case 'Int':
          return String(pick(INTS));
        case 'Float':
          return String(rng() * 1000);
        case 'Boolean':
          return pick(['true', 'false']);
        case 'Yuan':
          return JSON.stringify(pick(['0', '1000000', '-5', 'abc', '99999999999999999999']));
        case 'PartialDate':
          return JSON.stringify(pick(['2012', '2012-08', '2012-08-05', '2012-02-31', 'yesterday']));
      }
    }
    return undefined;
  }

  function args(list: readonly GraphQLArgument[]): string {
    const parts: string[] = [];
    for (const a of list) {
      const required = isNonNullType(a.type);
      if (!required && !chance(0.5)) continue;
      if (required && chance(0.03)) continue; // a missing required argument
      const v = value(a.type, 0);
      if (v !== undefined) parts.push(`${a.name}: ${v}`);
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  function selection(type: GraphQLNamedType, depth: number): string {
    if (isUnionType(type) || isInterfaceType(type)) {
      const possible = schema.getPossibleTypes(type);
      const fragment = depth < 3 ? ` ... on ${pick(possible).name} ${selection(pick(possible), depth)}` : '';
      return `{ __typename${fragment} }`;
    }
    if (!isObjectType(type)) return '';
    const fields = Object.values(type.getFields());
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    const n = 1 + Math.floor(rng() * 3);
    for (let i = 0; i < n; i++) chosen.add(pick(fields));
    const parts = [...chosen].map((f) => {
      const inner = getNamedType(f.type);
      if (isScalarType(inner) || isEnumType(inner)) return `${f.name}${args(f.args)}`;
      if (depth >= 3) return '__typename';
      return `${f.name}${args(f.args)} ${selection(inner, depth + 1)}`;
    });
    return `{ ${parts.join(' ')} }`;
  }

  return () => {
    const query = schema.getQueryType()!;
    const field = pick(Object.values(query.getFields()));
    const inner = getNamedType(field.type);
    const sel = isScalarType(inner) || isEnumType(inner) ? '' : selection(inner, 1);
    return `{ ${field.name}${args(field.args)} ${sel} }`;
  };
}

describe('fuzzing from the schema', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.app.close());

  it(`answers ${COUNT} generated queries without a 5xx, a crash or a stack trace`, async () => {
    const next = generator(seedrandom(SEED));
    const queries = Array.from({ length: COUNT }, next);
    const outcomes = { pastValidation: 0, errors: 0 };
    const failures: string[] = [];
    let i = 0;
    const worker = async () => {
      while (i < queries.length) {
        const q = queries[i++];
        const r = await server.post(JSON.stringify({ query: q }));
        if (r.status >= 500) failures.push(`${r.status} ${q.slice(0, 300)} → ${r.text.slice(0, 300)}`);
        if (/\n\s+at |stacktrace/i.test(r.text)) failures.push(`stack trace for ${q.slice(0, 200)}`);
        const body = JSON.parse(r.text);
        // Past the parser and the validator: priced, and refused or run by the resolvers.
        const codes = (body.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
        if (!codes.some((c: string | undefined) => c === 'GRAPHQL_PARSE_FAILED' || c === 'GRAPHQL_VALIDATION_FAILED'))
          outcomes.pastValidation++;
        if (body.errors) outcomes.errors++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(failures).toEqual([]);
    // The generator must reach the pricing and the resolvers, not only the validator.
    console.info(`fuzzing: ${outcomes.pastValidation} of ${COUNT} past validation, ${outcomes.errors} with errors`);
    expect(outcomes.pastValidation).toBeGreaterThan(COUNT / 5);
    expect((await fetch(`${server.app.url}/health`)).status).toBe(200);
    expect((await server.gql('{ place(id: "gb:510822@201210") { name } }')).body.data.place.name).toBe('Qingchuan County');
  }, 120_000);
});
