/**
 * The schema documents itself: every type, field, argument, enum value and input field the API
 * serves has a description in introspection (what GraphiQL's docs pane shows), and the custom
 * scalars keep the SDL's descriptions when the resolver map supplies their implementations.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { IntrospectionQuery, IntrospectionType } from 'graphql';
import { schema } from '../../src/graphql/apollo.js';

// The schema is built by @graphql-tools, which loads graphql's CommonJS build: introspect it with that one.
const { getIntrospectionQuery, graphqlSync, specifiedDirectives } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const BUILT_IN_DIRECTIVES = new Set(specifiedDirectives.map((d) => d.name));

function introspect(): IntrospectionQuery {
  const result = graphqlSync({ schema, source: getIntrospectionQuery({ specifiedByUrl: true, inputValueDeprecation: true }) });
  expect(result.errors).toBeUndefined();
  return result.data as unknown as IntrospectionQuery;
}

const described = (d: string | null | undefined): boolean => typeof d === 'string' && d.trim() !== '';

/** Every member of the API's own types (and directives) without a description, as "Type", "Type.field", "Type.field(arg)", "Enum.VALUE". */
function undescribed(data: IntrospectionQuery): string[] {
  const missing: string[] = [];
  const types = data.__schema.types.filter((t) => !t.name.startsWith('__') && !BUILT_IN_SCALARS.has(t.name));
  for (const t of types as IntrospectionType[]) {
    if (!described(t.description)) missing.push(`${t.kind} ${t.name}`);
    if (t.kind === 'OBJECT' || t.kind === 'INTERFACE') {
      for (const f of t.fields) {
        if (!described(f.description)) missing.push(`${t.name}.${f.name}`);
        for (const a of f.args) if (!described(a.description)) missing.push(`${t.name}.${f.name}(${a.name})`);
      }
    } else if (t.kind === 'INPUT_OBJECT') {
      for (const f of t.inputFields) if (!described(f.description)) missing.push(`${t.name}.${f.name}`);
    } else if (t.kind === 'ENUM') {
      for (const v of t.enumValues) if (!described(v.description)) missing.push(`${t.name}.${v.name}`);
    }
  }
  for (const d of data.__schema.directives.filter((x) => !BUILT_IN_DIRECTIVES.has(x.name))) {
    if (!described(d.description)) missing.push(`@${d.name}`);
    for (const a of d.args) if (!described(a.description)) missing.push(`@${d.name}(${a.name})`);
  }
  return missing;
}

describe('schema documentation', () => {
  const data = introspect();

  it('walks the whole schema', () => {
    const own = data.__schema.types.filter((t) => !t.name.startsWith('__') && !BUILT_IN_SCALARS.has(t.name));
    expect(own.length).toBeGreaterThan(50);
    expect(own.map((t) => t.kind)).toEqual(expect.arrayContaining(['OBJECT', 'INTERFACE', 'UNION', 'ENUM', 'INPUT_OBJECT', 'SCALAR']));
  });

  it('describes every type, field, argument, enum value and input field', () => {
    const missing = undescribed(data);
    expect(missing, `${missing.length} schema members have no description:\n  ${missing.join('\n  ')}`).toEqual([]);
  });

  it('keeps the SDL descriptions of the custom scalars Yuan and PartialDate', () => {
    const scalar = (name: string) => data.__schema.types.find((t) => t.name === name);
    expect(scalar('Yuan')?.kind).toBe('SCALAR');
    expect(scalar('Yuan')?.description).toEqual(expect.stringMatching(/whole number written as a decimal string/));
    expect(scalar('PartialDate')?.kind).toBe('SCALAR');
    expect(scalar('PartialDate')?.description).toEqual(expect.stringMatching(/"2012", "2012-08" or "2012-08-05"/));
    // The same descriptions on the schema objects the server executes with.
    expect(schema.getType('Yuan')?.description).toBe(scalar('Yuan')?.description);
    expect(schema.getType('PartialDate')?.description).toBe(scalar('PartialDate')?.description);
  });
});
