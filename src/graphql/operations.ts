/**
 * What is worked out once per operation — a document's text with an operation name — instead of
 * once per request: its graphql-jit compiled form, and its cost for each set of variables. Apollo's
 * executor (jit-executor.ts), the cost plugin (limits.ts) and the repeat path
 * (known-operations.ts) share one cache, so each document is compiled once and each cost
 * estimated once. Both caches are bounded by bytes, not entries: a document may be 100,000
 * characters and a set of variables a megabyte.
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
/** Bytes of kept costs, keyed by operation and variables. */
export const COSTS_MAX_BYTES = 4 * 1024 * 1024;
/** Variables longer than this as JSON are priced every time rather than kept as a key. */
const MAX_KEPT_VARIABLES_CHARS = 1000;

let nextOperationId = 0;

export class Operation {
  /** Apollo has answered it without errors, so the repeat path may run it (known-operations.ts). */
  answered = false;
  readonly id = nextOperationId++;
  private compiledForm?: CompiledQuery | ExecutionResult;

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

  /**
   * Its cost with these variables, and whether it needs the worker pool; throws the error the
   * client gets when refused (refusals are not kept).
   */
  price(variables: Record<string, unknown>): OperationPrice {
    const size = this.owner.graphSize();
    // Variables too deep to write out are refused by pricing; they are never kept.
    let json: string;
    try {
      json = JSON.stringify(variables);
    } catch {
      return priceOperation(this.owner.schema, this.document, variables, this.operationName, size);
    }
    // The graph's size caps what a subgraph or a scan can cost: a reload may change the price.
    const key = json.length <= MAX_KEPT_VARIABLES_CHARS ? `${this.id} ${size ? Object.values(size).join('/') : ''} ${json}` : null;
    let price = key === null ? undefined : this.owner.prices.get(key);
    if (price === undefined) {
      price = priceOperation(this.owner.schema, this.document, variables, this.operationName, size);
      if (key !== null) this.owner.prices.set(key, price);
    }
    return price;
  }
}

export class OperationCache {
  private readonly operations = new LRUCache<string, Operation>({
    maxSize: OPERATIONS_MAX_BYTES,
    sizeCalculation: (_op, key) => Math.max(1, key.length * BYTES_PER_DOCUMENT_CHAR),
  });
  /** Prices by operation, graph size and variables (see Operation.price). */
  readonly prices = new LRUCache<string, OperationPrice>({ maxSize: COSTS_MAX_BYTES, sizeCalculation: (_c, key) => 2 * key.length + 80 });
  /** Documents compiled so far (what the tests look at). */
  compilations = 0;

  /** Bytes kept, as estimated: operations, and prices. */
  get bytes(): { operations: number; prices: number } {
    return { operations: this.operations.calculatedSize, prices: this.prices.calculatedSize };
  }

  /** `graphSize`: the loaded graph's size, which caps the price of a subgraph (unknown while loading). */
  constructor(readonly schema: GraphQLSchema, readonly graphSize: () => GraphSize | undefined = () => undefined) {}

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
