/**
 * The reference: a bare @apollo/server with the same schema that serves the very same responses
 * from an in-memory Map with trivial resolvers — each root field returns the recorded data for the
 * operation, every other field is a default property read. What is left is Apollo's own cost.
 * `tsx bench/reference-server.ts <responses.json>`; prints one JSON line with its URL.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLResolveInfo } from 'graphql';
import { typeDefs } from '../src/graphql/apollo.js';

const responses = new Map<string, Record<string, unknown>>(Object.entries(JSON.parse(readFileSync(process.argv[2], 'utf8'))));
const rootFields = [...typeDefs.slice(typeDefs.indexOf('type Query {')).matchAll(/^ {2}(\w+)[(:]/gm)].map((m) => m[1]);
const fromMap = (_: unknown, __: unknown, ___: unknown, info: GraphQLResolveInfo) => responses.get(info.operation.name!.value)?.[String(info.path.key)];
const byTypename = (obj: { __typename?: string }) => obj.__typename;
const schema = makeExecutableSchema({
  typeDefs,
  resolvers: {
    Query: Object.fromEntries(rootFields.map((f) => [f, fromMap])),
    ...Object.fromEntries(['Node', 'Actor', 'DonationRecipient', 'SearchResult'].map((t) => [t, { __resolveType: byTypename }])),
  },
});
const server = new ApolloServer({ schema, plugins: [ApolloServerPluginCacheControlDisabled()] });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
console.log(JSON.stringify({ url }));
// A benchmark server outlives no benchmark: when the harness is gone (finished or failed), so is it.
process.on('disconnect', () => process.exit(0));
