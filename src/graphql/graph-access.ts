/**
 * The one object resolvers read the graph through, made per request: what the read model holds
 * (shape, hierarchy, names, facts, search) answered from memory, and entities with all their
 * properties read from the store through the request's DataLoaders. A resolver never knows which.
 */
import { NodeIdSet } from '../graph/node-id-set.js';
import type { GraphEdge, GraphNode, PairingFact } from '../store/graph-store.js';
import type { NodeLabel, RelType } from '../store/graph-rows.js';
import type { ReadModel } from '../graph/read-model.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { ApiServices } from './services.js';
import { notFound } from './errors.js';

export class GraphAccess {
  private readonly loaders: Loaders;

  constructor(private readonly services: ApiServices) {
    this.loaders = createLoaders(services.store);
  }

  /** The read model (STORE_UNAVAILABLE while it is being built). */
  get model(): ReadModel {
    return this.services.model;
  }

  /** The node's type label, or null when the graph has no such node. */
  labelOf(id: string): NodeLabel | null {
    const n = this.model.topology.indexOf(id);
    return n < 0 ? null : this.model.topology.labelAt(n);
  }

  /** A node with all its properties, or null (an id the graph does not hold costs no round trip). */
  async node(id: string): Promise<GraphNode | null> {
    return this.labelOf(id) ? this.loaders.node.load(id) : null;
  }

  /** Nodes in the order asked, null where there is none. */
  nodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    return Promise.all(ids.map((id) => this.node(id)));
  }

  /** The nodes there are, in the order asked. */
  async existing(ids: readonly string[]): Promise<GraphNode[]> {
    return (await this.nodes(ids)).filter((n): n is GraphNode => !!n);
  }

  /** Ids at the other end of a node's relationships of one type, in id order. */
  relatedIds(id: string, direction: 'out' | 'in', type: RelType): string[] {
    const t = this.model.topology;
    const n = t.indexOf(id);
    return n < 0 ? [] : t.ends(n, direction, type).map((m) => t.idAt(m));
  }

  /** Nodes at the other end of a node's relationships of one type, in id order. */
  related(id: string, direction: 'out' | 'in', type: RelType): Promise<GraphNode[]> {
    return this.existing(this.relatedIds(id, direction, type));
  }

  async relatedOne(id: string, direction: 'out' | 'in', type: RelType): Promise<GraphNode | null> {
    const [first] = this.relatedIds(id, direction, type);
    return first ? this.node(first) : null;
  }

  /** A node's relationships of one type with their properties (read from the store). */
  edges(id: string, direction: 'out' | 'in', type: RelType): Promise<GraphEdge[]> {
    return this.loaders.edges(direction, type).load(id);
  }

  /**
   * An id, or (for a place, when asked) the place and everything inside it: the places below it,
   * and the organisations (with their own departments), enterprises and projects based or located
   * in any of them — so that "from Shandong" takes in its bureaus' delegations. NOT_FOUND for an
   * id the graph does not hold.
   */
  expand(id: string, descendants: boolean): Set<string> {
    const t = this.model.topology;
    const n = t.indexOf(id);
    if (n < 0) throw notFound(`no node with id "${id}"`, id);
    const inside = descendants ? this.model.contents.of(n) : null;
    return inside
      ? new NodeIdSet(
          inside,
          (m) => t.idAt(m),
          (s) => t.indexOf(s),
        )
      : new Set([id]);
  }

  /** The nodes of a list of node numbers (a page of the read model's lists), in order. */
  nodesAt(numbers: Iterable<number>): Promise<GraphNode[]> {
    const t = this.model.topology;
    return this.existing(Array.from(numbers, (n) => t.idAt(n)));
  }

  pairing(id: string): PairingFact | null {
    return this.model.facts.pairing(id);
  }
}
