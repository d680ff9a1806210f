/** The Apollo server: schema-first SDL, generated-type resolvers, limits, and no whole-response cache. */
import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { setting } from '../config/settings.js';
import { ROOT } from '../dataset/paths.js';
import { resolvers } from './resolvers/index.js';
import { costPlugin, limitRules, MAX_TOKENS, readOnlyPlugin } from './limits.js';
import type { ApiContext } from './context.js';
import { formatError } from './errors.js';
import { jitGateway } from './jit-executor.js';
import { OperationCache } from './operations.js';

export const typeDefs = readFileSync(`${ROOT}/schema/schema.graphql`, 'utf8');

export const schema = makeExecutableSchema({ typeDefs, resolvers: resolvers as never });

export interface ApolloOptions {
  /** Schema introspection: on in development, off in production unless INTROSPECTION=true. */
  introspection?: boolean;
  /** Compiled forms and prices of operations (created here when not given). */
  operations?: OperationCache;
  /** Plugins of the deployment's own, after the API's: they see every request. */
  plugins?: ApolloServerPlugin<ApiContext>[];
}

export function createApollo(options: ApolloOptions = {}): ApolloServer<ApiContext> {
  const operations = options.operations ?? new OperationCache(schema);
  return new ApolloServer<ApiContext>({
    // The schema, executed by graphql-jit (see jit-executor.ts).
    gateway: jitGateway(schema, typeDefs, operations),
    introspection: options.introspection ?? setting('INTROSPECTION') ?? setting('NODE_ENV') !== 'production',
    formatError,
    // The process stops the server itself, requests in flight first (src/cli/serve.ts). With
    // Apollo's own SIGTERM handler as well, a server that had answered a search never exited.
    stopOnTerminationSignals: false,
    validationRules: limitRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    // Stack traces stay on the server unless explicitly debugging.
    includeStacktraceInErrorResponses: setting('NODE_ENV') === 'development',
    plugins: [
      // The cache-control plugin wraps every field resolver; nothing here sets cache hints.
      ApolloServerPluginCacheControlDisabled(),
      readOnlyPlugin,
      costPlugin(operations),
      ...(options.plugins ?? []),
    ],
  });
}
