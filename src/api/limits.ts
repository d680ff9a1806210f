/**
 * Query depth and cost limits. Depth is checked by graphql-depth-limit as a validation rule; cost
 * by graphql-query-complexity once variables are known: every field costs 1, and a list field
 * multiplies what is below it by its `first` (or 5 when it has none). The cost is reported to the
 * client in `extensions.cost`; a query over the limit is refused before anything runs.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { ApiContext } from './context.js';
import type { OperationCache } from './operations.js';
import { MAX_PAGE } from './pagination.js';

export const MAX_DEPTH = 12;
export const MAX_COST = 20_000;

const pageEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const isList = /\[|Connection/.test(String(field.type));
  if (!isList) return undefined;
  // A page is never larger than MAX_PAGE: a bigger `first` is refused by the field itself, with its own message.
  const first = Math.min(MAX_PAGE, typeof args.first === 'number' ? args.first : Array.isArray(args.ids) ? args.ids.length : 5);
  return 1 + Math.max(first, 1) * Math.max(childComplexity, 1);
};

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

/** The cost of an operation with these variables; throws the error the client gets when it is refused. */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): number {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables, operationName, estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })] });
  } catch (e) {
    // Estimating coerces the variables first: values that do not fit their types land here.
    throw new GraphQLError(`invalid variables: ${(e as Error).message}`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
  if (cost > MAX_COST) {
    throw new GraphQLError(`query cost ${cost} exceeds the limit of ${MAX_COST}: ask for fewer items (lower "first") or fewer nested lists`, {
      extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost: MAX_COST, http: { status: 400 } },
    });
  }
  return cost;
}

/** Checks and reports each request's cost, estimated once per operation and variables (see operations.ts). */
export function costPlugin(operations: OperationCache): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ request, document, source }) {
          cost = operations.of(source, request.operationName, document).cost(request.variables ?? {});
        },
        async willSendResponse({ response }) {
          if (cost === undefined || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost, maxCost: MAX_COST };
        },
      };
    },
  };
}
