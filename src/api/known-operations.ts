/**
 * Operations Apollo has already accepted, run again without its per-request pipeline: the
 * idea of persisted queries, applied to whatever a client sends twice. A document enters the
 * registry only after Apollo parsed and validated it (depth limit, introspection rule), the
 * read-only check passed and it answered without errors. A later request with the same text and
 * operation name runs the document's graphql-jit compiled form directly: the cost limit is still
 * checked for its variables and `extensions.cost` is still reported.
 *
 * Anything out of the ordinary — a result with errors, a cost over the limit, variables that do
 * not fit — is not answered here: the request goes through Apollo as if it were new, so every
 * error reaches the client exactly as Apollo formats it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { ApiContext } from './context.js';
import { MAX_COST, queryCost } from './limits.js';

/** Distinct documents kept; a client cycling through more goes through Apollo for the oldest. */
const MAX_KNOWN = 1000;
/** Variable sets whose cost is kept per document. */
const MAX_COSTS = 200;

interface KnownOperation {
  compiled: CompiledQuery;
  document: DocumentNode;
  operationName: string | undefined;
  costs: LRUCache<string, number>;
}

export class KnownOperations {
  private known = new LRUCache<string, KnownOperation>({ max: MAX_KNOWN });
  /** Requests answered here (what the tests and the benchmark look at). */
  hits = 0;

  constructor(private readonly schema: GraphQLSchema) {}

  private static key(query: string, operationName: string | null | undefined): string {
    return `${operationName ?? ''}\u0000${query}`;
  }

  /** Registers each operation Apollo answered without errors. */
  plugin(): ApolloServerPlugin<ApiContext> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ request, document, operation, response }) => {
          if (!request.query || !document || operation?.operation !== 'query') return;
          if (response.body.kind !== 'single' || response.body.singleResult.errors) return;
          const key = KnownOperations.key(request.query, request.operationName);
          if (this.known.has(key)) return;
          const operationName = request.operationName ?? undefined;
          const compiled = compileQuery(this.schema, document, operationName);
          if (isCompiledQuery(compiled)) this.known.set(key, { compiled, document, operationName, costs: new LRUCache({ max: MAX_COSTS }) });
        },
      }),
    };
  }

  /**
   * The response body for a known operation, or null when the request should go through Apollo
   * (unknown document, cost refused, errors of any kind).
   */
  async run(query: string, operationName: string | null | undefined, variables: Record<string, unknown>, context: ApiContext): Promise<string | null> {
    const op = this.known.get(KnownOperations.key(query, operationName));
    if (!op) return null;
    const varsKey = JSON.stringify(variables);
    let cost = op.costs.get(varsKey);
    if (cost === undefined) {
      try {
        cost = queryCost(this.schema, op.document, variables, op.operationName);
      } catch {
        return null;
      }
      op.costs.set(varsKey, cost);
    }
    const result = (await op.compiled.query(undefined, context, variables)) as ExecutionResult;
    if (result.errors?.length) return null;
    this.hits++;
    // Byte for byte what Apollo sends for a successful single result.
    return `${JSON.stringify({ data: result.data, extensions: { cost, maxCost: MAX_COST } })}\n`;
  }
}
