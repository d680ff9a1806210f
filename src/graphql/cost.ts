/**
 * The cost of an operation with its variables, worked out before anything runs. A field that
 * resolves an object costs 1 (it may read the store); a leaf read off its parent costs nothing;
 * a list multiplies what is under it by its page size (`first`, the ids given, or 25; a
 * connection's `nodes` and `edges` are the page its `first` already counted); subgraphs,
 * and paths cost the work their arguments can cause (work-price.ts); a subgraph's layout and
 * exports, whose size only the data decides, are priced again on the graph read before they run
 * (budget.ts). Aliases are fields like any other, so they multiply it all.
 *
 * The walk is linear in the document: each fragment is priced once per operation (and per
 * subgraph it is spread into), so nested spreads cannot make pricing itself the attack. Cycles
 * and unknown fragments are left to validation, which refuses them before this runs; here they
 * price as nothing.
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  GraphQLID,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  type GraphQLInputType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { MAX_PAGE } from './pagination.js';
import {
  expansionUnits,
  exportFloorUnits,
  panelUnits,
  pathUnits,
  scanUnits,
  subgraphBounds,
  type GraphSize,
  type SubgraphBounds,
} from '../queries/work-price.js';
import { badInput, cut } from './errors.js';
import { isNodeId } from './ids.js';

export const MAX_COST = 20_000;
/**
 * Items a list without `first` is priced at: more than any such list holds in the dataset (the
 * most children of a place is 15). Priced at 5, a chain of `children { parent { children … } } }`
 * was admitted at 18,748 and answered 450 MB.
 */
export const DEFAULT_LIST_SIZE = 25;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  size?: GraphSize;
  /** Fragment costs by name and the subgraph they were spread under. */
  priced: Map<string, number>;
  pricing: Set<string>;
  /** Whether it asks for a subgraph, an export or a path (work for the pool, see work-pool.ts). */
  heavy: boolean;
}

/** The bounds of the subgraph whose fields are being priced, if any. */
type Scope = SubgraphBounds | null;

const scopeKey = (s: Scope) => (s ? `${s.seeds}/${s.expanded}/${s.nodes}/${s.edges}` : '');

function fieldDef(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

function listSize(args: Record<string, unknown>): number {
  if (typeof args.first === 'number') return Math.min(MAX_PAGE, Math.max(1, args.first));
  if (Array.isArray(args.ids)) return Math.max(1, args.ids.length);
  return DEFAULT_LIST_SIZE;
}

/**
 * Every argument, filters included, is checked here, before any cache or store sees it:
 * - an ID must be one this API could have given out, so that a megabyte-long "id" costs one
 *   regular expression and is never kept anywhere;
 * - a list of enum values names each value at most once, so no longer than the enum: filtering
 *   every fact against a list of 90,000 repeated kinds took seconds and priced as nothing.
 */
function checkArguments(field: string, type: GraphQLInputType, value: unknown, path: string): void {
  if (value == null) return;
  if (isNonNullType(type)) return checkArguments(field, type.ofType, value, path);
  if (isListType(type)) {
    if (!Array.isArray(value)) return;
    const item = getNamedType(type.ofType);
    if (isEnumType(item) && value.length > item.getValues().length) {
      throw badInput(
        `${field}(${path}): a list of ${item.name} values names each at most once (${item.getValues().length} at most, got ${value.length})`,
        path,
      );
    }
    value.forEach((v, i) => checkArguments(field, type.ofType, v, `${path}[${i}]`));
    return;
  }
  if (isInputObjectType(type)) {
    for (const f of Object.values(type.getFields()))
      checkArguments(field, f.type, (value as Record<string, unknown>)[f.name], `${path}.${f.name}`);
    return;
  }
  if (type === GraphQLID && !isNodeId(value)) {
    throw badInput(
      `${field}(${path}): "${cut(String(value), 80)}" is not an id of this API (ids look like gb:510822@201210, person:zhao-hongzhu, donation:a-1)`,
      path,
    );
  }
}

/** Variables nested deeper than this are refused before anything walks them recursively. */
export const MAX_VARIABLE_DEPTH = 32;

/** Whether a JSON value nests deeper than `max` (walked without recursion: the value may be 100,000 levels deep). */
export function nestsDeeper(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, depth + 1]);
  }
  return false;
}

/** Which filter fields pin a list of facts to an actor's own (read from an index, not a scan). */
const PINNED_BY: Record<string, { filter: string[]; facts: 'donations' | 'visits' | 'pairings' | 'statistics' | 'commitments' | 'panel' }> =
  {
    'Query.donations': { filter: ['donor', 'recipient', 'counterpart'], facts: 'donations' },
    'Query.donationTotals': { filter: ['donor', 'recipient', 'counterpart'], facts: 'donations' },
    'Query.visits': { filter: ['sender', 'destination', 'official'], facts: 'visits' },
    'Query.pairings': { filter: ['province'], facts: 'pairings' },
    'Query.pairingMap': { filter: [], facts: 'pairings' },
    'Query.pairingChanges': { filter: [], facts: 'pairings' },
    'Query.statistics': { filter: ['place'], facts: 'statistics' },
    // Goes through every commitment: they are few, and its filters are checked on each.
    'Query.commitments': { filter: [], facts: 'commitments' },
    // Goes through every donation, visit, meeting and agreement whatever its filter.
    'Query.panel': { filter: [], facts: 'panel' },
  };

/** What a top-level list or total that names no actor costs to go through every fact of its kind. */
function scanCost(where: string, args: Record<string, unknown>, size?: GraphSize): number {
  const pinned = PINNED_BY[where];
  if (!pinned) return 0;
  const filter = (args.filter ?? {}) as Record<string, unknown>;
  if (pinned.filter.some((k) => filter[k] != null)) return 0;
  if (pinned.facts === 'panel') return panelUnits(size);
  if (where !== 'Query.donationTotals') return scanUnits(size?.[pinned.facts], pinned.facts);
  const by = new Set(args.groupBy as string[]);
  const rate =
    args.rollUp === 'PROVINCE'
      ? 'totalsByProvince'
      : by.has('PAIR') || (by.has('DONOR') && by.has('RECIPIENT'))
        ? 'totalsByPair'
        : by.has('DONOR') || by.has('RECIPIENT')
          ? 'totalsByActor'
          : 'totals';
  return scanUnits(size?.donations, rate);
}

function fieldCost(w: Walk, parent: GraphQLCompositeType, node: FieldNode, scope: Scope): number {
  if (node.name.value.startsWith('__')) return 0;
  const def = fieldDef(parent, node.name.value);
  if (!def) return 0;
  const args = getArgumentValues(def, node, w.variables);
  for (const a of def.args) checkArguments(def.name, a.type, args[a.name], a.name);
  const where = `${parent.name}.${def.name}`;
  const inner = where === 'Query.subgraph' ? subgraphBounds((args.input ?? {}) as Record<string, unknown>, w.size) : scope;
  const named = getNamedType(def.type);
  const child = node.selectionSet && isCompositeType(named) ? selectionCost(w, node.selectionSet, named, inner) : 0;
  if (where === 'Query.subgraph' || where === 'Query.path' || where === 'Subgraph.export') w.heavy = true;
  switch (where) {
    case 'Query.subgraph':
      // Its layout is priced on the graph read, before it runs (budget.ts).
      return expansionUnits(inner!) + child;
    case 'Subgraph.nodes':
      return 1 + scope!.nodes * Math.max(child, 1);
    case 'Subgraph.edges':
      return 1 + scope!.edges * Math.max(child, 1);
    case 'Subgraph.export':
      return exportFloorUnits(scope!);
    case 'Query.path':
      return pathUnits(args.maxHops, args.relations) + child;
  }
  const type = getNullableType(def.type);
  const scan = scanCost(where, args, w.size);
  if (scan) return scan + 1 + listSize(args) * Math.max(child, 1);
  // A connection's page size is its `first`; its own lists (nodes, edges) hold that page, not more.
  if (parent.name.endsWith('Connection')) return 1 + child;
  if (isListType(type) || named.name.endsWith('Connection')) return 1 + listSize(args) * Math.max(child, 1);
  return isCompositeType(named) ? 1 + child : 0;
}

function selectionCost(w: Walk, set: SelectionSetNode, type: GraphQLCompositeType, scope: Scope): number {
  let cost = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) cost += fieldCost(w, type, s, scope);
    else if (s.kind === Kind.INLINE_FRAGMENT) {
      const on = s.typeCondition ? w.schema.getType(s.typeCondition.name.value) : type;
      if (on && isCompositeType(on)) cost += selectionCost(w, s.selectionSet, on, scope);
    } else {
      const key = `${s.name.value}\u0000${scopeKey(scope)}`;
      let known = w.priced.get(key);
      if (known === undefined) {
        const fragment = w.fragments.get(s.name.value);
        const on = fragment && w.schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !on || !isCompositeType(on) || w.pricing.has(key)) continue;
        w.pricing.add(key);
        known = selectionCost(w, fragment.selectionSet, on, scope);
        w.pricing.delete(key);
        w.priced.set(key, known);
      }
      cost += known;
    }
  }
  return cost;
}

/** The operation the request names (or its only one). */
function pickOperation(document: DocumentNode, operationName?: string): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/** What an operation costs with its variables, and whether it needs the worker pool. */
export interface OperationPrice {
  cost: number;
  heavy: boolean;
}

/**
 * The operation's price; throws the error the client gets when its variables do not fit their
 * types, an id cannot be one, or the cost is over the limit.
 */
export function priceOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
  size?: GraphSize,
): OperationPrice {
  const operation = pickOperation(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return { cost: 0, heavy: false };
  if (nestsDeeper(variables, MAX_VARIABLE_DEPTH)) {
    throw new GraphQLError(`variables nest deeper than ${MAX_VARIABLE_DEPTH} levels`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 5 });
  if (coerced.errors) {
    throw new GraphQLError(cut(coerced.errors.map((e) => e.message).join('; ')), {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const walk: Walk = { schema, fragments, variables: coerced.coerced, size, priced: new Map(), pricing: new Set(), heavy: false };
  let cost: number;
  try {
    cost = selectionCost(walk, operation.selectionSet, root, null);
  } catch (e) {
    // An id no node can have, or an argument that does not fit its type.
    if (e instanceof GraphQLError)
      throw new GraphQLError(cut(e.message), { extensions: { ...e.extensions, code: 'BAD_USER_INPUT', http: { status: 400 } } });
    throw e;
  }
  if (cost > MAX_COST) {
    throw new GraphQLError(
      `query cost ${cost} exceeds the limit of ${MAX_COST}: ask for fewer items (lower "first"), fewer aliases or nested lists, or a smaller subgraph (fewer seeds or hops, lower perNodeLimit or layoutIterations)`,
      {
        extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost: MAX_COST, http: { status: 400 } },
      },
    );
  }
  return { cost, heavy: walk.heavy };
}
