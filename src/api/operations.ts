/**
 * What is worked out once per operation — a document's text with an operation name — instead of
 * once per request: its graphql-jit compiled form, and its cost for each set of variables. Apollo's
 * executor (jit-executor.ts), the cost plugin (limits.ts) and the repeat path
 * (known-operations.ts) share one cache, so each document is compiled once and each cost
 * estimated once.
 */
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { compileQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { queryCost } from './limits.js';

/** Distinct operations kept; a client cycling through more has the oldest worked out again. */
const MAX_OPERATIONS = 1000;
/** Variable sets whose cost is kept per operation. */
const MAX_COSTS = 200;

export class Operation {
  /** Apollo has answered it without errors, so the repeat path may run it (known-operations.ts). */
  answered = false;
  private compiledForm?: CompiledQuery | ExecutionResult;
  private readonly costs = new LRUCache<string, number>({ max: MAX_COSTS });

  constructor(private readonly owner: OperationCache, readonly document: DocumentNode, readonly operationName: string | undefined) {}

  /** The compiled query, or the errors graphql-jit found compiling it. */
  compiled(): CompiledQuery | ExecutionResult {
    if (!this.compiledForm) {
      // The operation name picks the operation; Apollo has already validated the document.
      // Built-in scalars and enums go out as the resolvers return them: serialising each leaf cost
      // two arrays and an object per value, most of what a 2-hop neighbourhood's answer allocated.
      // The price: a wrong value (a NaN, an enum value the SDL does not list) is no longer a field
      // error. Resolver return types are generated from the SDL, and a test holds every README
      // example to graphql-js's own answer. Custom scalars (Yuan, PartialDate) are still serialised.
      this.compiledForm = compileQuery(this.owner.schema, this.document, this.operationName, { disableLeafSerialization: true });
      this.owner.compilations++;
    }
    return this.compiledForm;
  }

  /** Its cost with these variables; throws the error the client gets when refused (refusals are not kept). */
  cost(variables: Record<string, unknown>): number {
    const key = JSON.stringify(variables);
    let cost = this.costs.get(key);
    if (cost === undefined) {
      cost = queryCost(this.owner.schema, this.document, variables, this.operationName);
      this.costs.set(key, cost);
    }
    return cost;
  }
}

export class OperationCache {
  private readonly operations = new LRUCache<string, Operation>({ max: MAX_OPERATIONS });
  /** Documents compiled so far (what the tests look at). */
  compilations = 0;

  constructor(readonly schema: GraphQLSchema) {}

  private static key(source: string, operationName: string | null | undefined): string {
    return `${operationName ?? ''}\u0000${source}`;
  }

  /** The operation for a document Apollo has parsed and validated, created on first use. */
  of(source: string, operationName: string | null | undefined, document: DocumentNode): Operation {
    const key = OperationCache.key(source, operationName);
    let op = this.operations.get(key);
    if (!op) this.operations.set(key, (op = new Operation(this, document, operationName ?? undefined)));
    return op;
  }

  /** The operation for this text, if Apollo has seen it. */
  find(source: string, operationName: string | null | undefined): Operation | undefined {
    return this.operations.get(OperationCache.key(source, operationName));
  }
}
