/** Yuan travels as a decimal string of a whole number; PartialDate as yyyy, yyyy-mm or yyyy-mm-dd. */
import { GraphQLScalarType, Kind, type GraphQLScalarTypeConfig } from 'graphql';
import { badInput } from '../errors.js';
import { PARTIAL_DATE } from '../../dataset/schema.js';

/**
 * A scalar's behaviour only: its description (and specifiedByURL) stay the SDL's. makeExecutableSchema
 * copies every own property of a resolver map's scalar onto the schema's, `description: undefined`
 * included, which erased the SDL's description from introspection; without the property, nothing is copied.
 */
function behaviour<I, O>(config: Omit<GraphQLScalarTypeConfig<I, O>, 'description' | 'specifiedByURL'>): GraphQLScalarType<I, O> {
  const scalar = new GraphQLScalarType(config);
  delete (scalar as { description?: unknown }).description;
  delete (scalar as { specifiedByURL?: unknown }).specifiedByURL;
  return scalar;
}

function parseYuan(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw badInput(`Yuan must be a whole number of yuan written as digits, e.g. "8580000" (got ${JSON.stringify(value)})`);
  }
  return Number(text);
}

export const Yuan = behaviour({
  name: 'Yuan',
  serialize: (v) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new TypeError(`not an exact yuan amount: ${String(v)}`);
    return String(v);
  },
  parseValue: parseYuan,
  parseLiteral: (ast) => parseYuan(ast.kind === Kind.STRING || ast.kind === Kind.INT ? ast.value : undefined),
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !PARTIAL_DATE.test(value)) {
    throw badInput(`PartialDate must be yyyy, yyyy-mm or yyyy-mm-dd (got ${JSON.stringify(value)})`);
  }
  return value;
}

export const PartialDate = behaviour({
  name: 'PartialDate',
  serialize: (v) => String(v),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
