/**
 * Operations Apollo has already accepted, run again without its per-request pipeline: the
 * idea of persisted queries, applied to whatever a client sends twice. An operation is marked
 * answered only after Apollo parsed and validated it (depth limit, introspection rule), the
 * read-only check passed and it answered without errors. A later request with the same text and
 * operation name runs the operation's compiled form (shared with Apollo's executor, see
 * operations.ts) directly: the cost limit is still checked for its variables and
 * `extensions.cost` is still reported.
 *
 * Anything out of the ordinary — a result with errors, a cost over the limit, variables that do
 * not fit — is not answered here: the request goes through Apollo as if it were new, so every
 * error reaches the client exactly as Apollo formats it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ExecutionResult } from 'graphql';
import { isCompiledQuery } from 'graphql-jit';
import type { ApiContext } from './context.js';
import { MAX_COST } from './limits.js';
import { WorkBudget } from './budget.js';
import type { OperationCache } from './operations.js';
import { andThen, type Maybe } from './maybe.js';

export class KnownOperations {
  /** Requests answered here (what the tests and the benchmark look at). */
  hits = 0;

  constructor(readonly operations: OperationCache) {}

  /** Marks each query operation Apollo answered without errors. */
  plugin(): ApolloServerPlugin<ApiContext> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ request, document, operation, response }) => {
          if (!request.query || !document || operation?.operation !== 'query') return;
          if (response.body.kind !== 'single' || response.body.singleResult.errors) return;
          // Keyed by the text the client sent, which is what a repeat is looked up by.
          this.operations.of(request.query, request.operationName, document).answered = true;
        },
      }),
    };
  }

  /**
   * The response body for a known operation, or null when the request should go through Apollo
   * (unknown document, cost refused, errors of any kind).
   */
  run(query: string, operationName: string | null | undefined, variables: Record<string, unknown>, context: ApiContext): Maybe<string | null> {
    const op = this.operations.find(query, operationName);
    if (!op?.answered) return null;
    let cost: number;
    try {
      const price = op.price(variables);
      if (price.heavy && context.services.work.full) return null;
      cost = price.cost;
    } catch {
      return null;
    }
    const compiled = op.compiled();
    if (!isCompiledQuery(compiled)) return null;
    const budget = (context.budget = new WorkBudget(cost));
    // An operation whose resolvers all answered with values is done now: no tick to wait.
    return andThen(compiled.query(undefined, context, variables) as Maybe<ExecutionResult>, (result) => {
      if (result.errors?.length) return null;
      this.hits++;
      // Byte for byte what Apollo sends for a successful single result.
      return `${JSON.stringify({ data: result.data, extensions: { cost: budget.spent, maxCost: MAX_COST } })}\n`;
    });
  }
}
