/** The Apollo server: schema-first SDL, generated-type resolvers, limits, and no whole-response cache. */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import depthLimit from 'graphql-depth-limit';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { ROOT } from '../dataset/paths.js';
import { resolvers } from './resolvers/index.js';
import { costPlugin, MAX_DEPTH } from './limits.js';
import type { ApiContext } from './context.js';

export const typeDefs = readFileSync(`${ROOT}/schema/schema.graphql`, 'utf8');

export const schema = makeExecutableSchema({ typeDefs, resolvers: resolvers as never });

export function createApollo(): ApolloServer<ApiContext> {
  return new ApolloServer<ApiContext>({
    schema,
    validationRules: [depthLimit(MAX_DEPTH)],
    // Stack traces stay on the server unless explicitly debugging.
    includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
    plugins: [
      // The cache-control plugin wraps every field resolver; nothing here sets cache hints.
      ApolloServerPluginCacheControlDisabled(),
      costPlugin(schema),
    ],
  });
}
