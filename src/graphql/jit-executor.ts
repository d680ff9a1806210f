/**
 * graphql-jit as Apollo's executor. Apollo keeps its whole request pipeline (parsing and
 * validation with their caches, limits, plugins, error formatting); only the execution of an
 * operation it has accepted is handed to a query compiled to plain JavaScript once per document
 * (kept in the shared OperationCache), which is several times faster than graphql-js's
 * interpreter on large results. The hook is the gateway interface, Apollo's documented way to
 * supply an executor.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { isCompiledQuery } from 'graphql-jit';
import type { OperationCache } from './operations.js';

/**
 * graphql-jit reports errors in a class of its own without `extensions`; Apollo's error
 * formatting expects graphql-js's, with the thrown error as `originalError`.
 */
function asGraphQLError(e: GraphQLError): GraphQLError {
  const error = new GraphQLError(e.message, {
    path: e.path,
    originalError: e.originalError ?? e,
    extensions: e.extensions ?? e.originalError?.['extensions' as never],
  });
  return Object.assign(error, { locations: e.locations });
}

export function jitGateway(schema: GraphQLSchema, sdl: string, operations: OperationCache): GatewayInterface {
  const executor: GatewayExecutor = async (rc) => {
    // Keyed by the operation name the client sent (Apollo's rc.operationName is the resolved one),
    // as the cost plugin and the repeat path key it.
    const query = operations.of(rc.source, rc.request.operationName, rc.document).compiled();
    if (!isCompiledQuery(query)) return query;
    const result = (await query.query(undefined, rc.context, rc.request.variables ?? {})) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: sdl });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}
