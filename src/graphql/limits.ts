/**
 * Limits every request is held to before it runs. Validation rules from graphql-armor (depth,
 * aliases and directives, each counted once per fragment, so that nested fragment spreads cannot
 * make counting itself expensive) and the parser's token limit bound the document; the cost of
 * the operation with its variables (cost.ts) bounds the work. The cost is reported to the client
 * in `extensions.cost`; an operation over any limit is refused before anything runs.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApiContext } from './context.js';
import { MAX_COST } from './cost.js';
import { WorkBudget } from './budget.js';
import type { OperationCache } from './operations.js';

export { MAX_COST } from './cost.js';
export const MAX_DEPTH = 12;
export const MAX_ALIASES = 100;
export const MAX_DIRECTIVES = 50;
/** Lexical tokens in a document (the parser stops counting there). */
export const MAX_TOKENS = 20_000;

/** A refusal reported as a validation error (armor's own prefix says "Syntax Error", which it is not). */
const report = (context: ValidationContext | null, error: GraphQLError) =>
  context?.reportError(
    new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
  );

const armor = { propagateOnRejection: false, onReject: [report], exposeLimits: true };

export const limitRules: ValidationRule[] = [
  maxDepthRule({ ...armor, n: MAX_DEPTH, flattenFragments: true }) as ValidationRule,
  maxAliasesRule({ ...armor, n: MAX_ALIASES }) as ValidationRule,
  maxDirectivesRule({ ...armor, n: MAX_DIRECTIVES }) as ValidationRule,
];

/** The API is read-only: a mutation or subscription is refused before anything runs. */
export const readOnlyPlugin: ApolloServerPlugin<ApiContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation && operation.operation !== 'query') {
          throw new GraphQLError(`this API is read-only: ${operation.operation} operations are not accepted`, {
            extensions: { code: 'OPERATION_NOT_SUPPORTED', http: { status: 400 } },
          });
        }
      },
    };
  },
};

/**
 * Checks each request's cost (estimated once per operation and variables, see operations.ts),
 * gives the request a budget holding it, and reports what the request spent in all.
 */
export function costPlugin(operations: OperationCache): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, source, contextValue }) {
          const { cost, heavy } = operations.of(source, request.operationName, document).price(request.variables ?? {});
          // Refused before it is compiled or run when the pool has no room for it.
          if (heavy) contextValue.services.work.checkRoom();
          contextValue.budget = new WorkBudget(cost);
        },
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.budget || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: contextValue.budget.spent,
            maxCost: MAX_COST,
          };
        },
      };
    },
  };
}
