/**
 * What is worked out once per operation — a document's text with an operation name — instead of
 * once per request: its graphql-jit compiled form (compiling takes milliseconds; a client exploring
 * sends the same few documents with new variables each time). Apollo's executor (jit-executor.ts)
 * and the cost plugin (limits.ts) share it. Bounded by bytes, not entries: a document may be
 * 100,000 characters. Prices are worked out for every request: they depend on the variables,
 * which are new each time, and cost microseconds.
 */
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { compileQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { priceOperation, type OperationPrice } from './cost.js';
import type { GraphSize } from '../queries/work-price.js';

/** Bytes of documents kept, with their syntax trees and compiled forms (estimated from the text). */
export const OPERATIONS_MAX_BYTES = 48 * 1024 * 1024;
/** A document's syntax tree and compiled code take about this many bytes per character of its text. */
const BYTES_PER_DOCUMENT_CHAR = 40;
export class Operation {
  private compiledForm?: CompiledQuery | ExecutionResult;

  constructor(
    private readonly owner: OperationCache,
    readonly document: DocumentNode,
    readonly operationName: string | undefined,
  ) {}

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

  /**
   * Its cost with these variables, and whether it needs the worker pool; throws the error the
   * client gets when refused. The graph's size caps what a subgraph or a scan can cost.
   */
  price(variables: Record<string, unknown>): OperationPrice {
    return priceOperation(this.owner.schema, this.document, variables, this.operationName, this.owner.graphSize());
  }
}

export class OperationCache {
  private readonly operations = new LRUCache<string, Operation>({
    maxSize: OPERATIONS_MAX_BYTES,
    sizeCalculation: (_op, key) => Math.max(1, key.length * BYTES_PER_DOCUMENT_CHAR),
  });
  /** Documents compiled so far (what the tests look at). */
  compilations = 0;

  /** Bytes kept, as estimated. */
  get bytes(): number {
    return this.operations.calculatedSize;
  }

  /** `graphSize`: the loaded graph's size, which caps the price of a subgraph (unknown while loading). */
  constructor(
    readonly schema: GraphQLSchema,
    readonly graphSize: () => GraphSize | undefined = () => undefined,
  ) {}

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

  /** The operation for this text, if it is kept. */
  find(source: string, operationName: string | null | undefined): Operation | undefined {
    return this.operations.get(OperationCache.key(source, operationName));
  }
}
