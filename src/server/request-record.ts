/**
 * What a GraphQL request turned out to be — its operation, its price and its outcome — handed
 * from Apollo's request pipeline (a plugin, so it sees every request) to the HTTP layer that logs
 * and counts it. It travels as a member of the request's context: Apollo copies the context
 * object itself, not what it holds.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST } from 'graphql';
import type { ApiContext, RequestReport } from '../graphql/context.js';

export type GraphqlRecord = RequestReport;

export const newRecord = (): GraphqlRecord => ({});

/** Ties `record` to the context of one request. */
export function recordFor(context: ApiContext, record: GraphqlRecord): ApiContext {
  context.report = record;
  return context;
}

export const recordPlugin: ApolloServerPlugin<ApiContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, operationName, document, request, response }) {
        const record = contextValue.report;
        if (!record) return;
        // A request refused in validation has a document but no resolved operation: name it from the document.
        record.operation = operationName ?? (document ? getOperationAST(document, request.operationName)?.name?.value : undefined) ?? null;
        record.cost = contextValue.budget?.spent;
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        const code = errors?.[0]?.extensions?.code;
        record.outcome = errors?.length ? (typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR') : 'ok';
      },
    };
  },
};
