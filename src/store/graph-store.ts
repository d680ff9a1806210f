/**
 * The store port: the only thing the API sees of the database. Every method takes a batch of
 * ids and costs one Cypher round trip, so a per-request DataLoader can sit on each.
 */
import { statement } from './cypher-files.js';
import { StoreTimeoutError, type CypherSession, type Row, type Value } from './session.js';
import type { NodeLabel, RelType } from './graph-rows.js';

export interface GraphNode {
  id: string;
  label: NodeLabel;
  props: Record<string, Value>;
}

export interface GraphEdge {
  /** The node the edge was asked for. */
  id: string;
  type: RelType;
  direction: 'out' | 'in';
  otherId: string;
  otherLabel: NodeLabel;
  props: Record<string, Value>;
  /** The other node's properties, so a caller can prime its node cache from the same round trip. */
  otherProps: Record<string, Value>;
}

export interface DonationFact {
  id: string;
  /** What lists filter, order and group on: year, yuan, kind, dateStart, partOf, restates. */
  props: Record<string, Value>;
  donorIds: string[];
  recipientIds: string[];
}

export interface PairingFact {
  id: string;
  supporterId: string;
  supportedId: string;
  props: Record<string, Value>;
}

export interface VisitFact {
  id: string;
  /** What lists filter and order on: dateStart, dateEnd. */
  props: Record<string, Value>;
  visitorIds: string[];
  senderIds: string[];
  destinationIds: string[];
}

export interface DatasetInfo {
  checksum: string;
}

export interface SearchCandidate {
  id: string;
  label: NodeLabel;
  name: string;
  aliases: string[];
  zh: string | null;
}

export interface GraphPath {
  nodeIds: string[];
  types: RelType[];
  /** For each relationship, the id of the node it starts at (its direction along the path). */
  startIds: string[];
  /** Each relationship's properties. */
  props: Record<string, Value>[];
}

export interface StoreCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export interface GraphStore {
  readonly engine: CypherSession['engine'];
  nodes(ids: readonly string[]): Promise<Map<string, GraphNode>>;
  edges(ids: readonly string[], direction: 'out' | 'in', types?: readonly RelType[]): Promise<Map<string, GraphEdge[]>>;
  /**
   * At most `limit` relationships of each node in one direction, of any type (crowded nodes are not
   * read whole), without the far ends' properties (`otherProps` is empty): of hundreds of
   * neighbours, the few drawn are read by id.
   */
  edgesLimited(ids: readonly string[], direction: 'out' | 'in', limit: number): Promise<Map<string, GraphEdge[]>>;
  /** Each node's number of relationships, both directions. */
  degrees(ids: readonly string[]): Promise<Map<string, number>>;
  descendants(placeIds: readonly string[]): Promise<Map<string, string[]>>;
  searchCandidates(): Promise<SearchCandidate[]>;
  shortestPath(from: string, to: string, maxHops: number): Promise<GraphPath | null>;
  counts(): Promise<StoreCounts>;
  nodesWithLabel(label: NodeLabel): Promise<GraphNode[]>;
  pairings(ids: readonly string[]): Promise<Map<string, PairingFact>>;
  donationFacts(): Promise<DonationFact[]>;
  pairingFacts(): Promise<PairingFact[]>;
  visitFacts(): Promise<VisitFact[]>;
  datasetInfo(): Promise<DatasetInfo | null>;
  /** A node already read, synchronously: null when the store has none, undefined when not known yet. */
  peekNode?(id: string): GraphNode | null | undefined;
  /** A node's relationships already read, synchronously; undefined when not known yet. */
  peekEdges?(id: string, direction: 'out' | 'in', types?: readonly RelType[]): GraphEdge[] | undefined;
  /** Round trips made so far (what the DataLoader tests count). */
  readonly calls: number;
  ping(): Promise<void>;
  close(): Promise<void>;
}

function groupBy<T>(ids: readonly string[], rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) out.get(key(r))?.push(r);
  return out;
}

function toEdge(r: Row, direction: 'out' | 'in'): GraphEdge {
  return {
    id: r.id as string, type: r.type as RelType, direction, otherId: r.otherId as string,
    otherLabel: r.otherLabel as NodeLabel, props: r.props as Record<string, Value>,
    otherProps: (r.otherProps ?? {}) as Record<string, Value>,
  };
}

function toPairing(r: Row): PairingFact {
  return { id: r.id as string, supporterId: r.supporterId as string, supportedId: r.supportedId as string, props: r.props as Record<string, Value> };
}

export interface StoreOptions {
  /** A store call still running after this many ms is abandoned with StoreTimeoutError (0: no limit). */
  timeoutMs?: number;
}

export class CypherGraphStore implements GraphStore {
  calls = 0;
  private timeoutMs: number;

  constructor(private session: CypherSession, options: StoreOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 0;
  }

  get engine() { return this.session.engine; }

  private run(name: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    this.calls++;
    const work = this.session.run(statement(name).text, params);
    if (!this.timeoutMs) return work;
    let timer: NodeJS.Timeout;
    const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new StoreTimeoutError(this.timeoutMs)), this.timeoutMs); });
    return Promise.race([work, limit]).finally(() => clearTimeout(timer));
  }

  async nodes(ids: readonly string[]): Promise<Map<string, GraphNode>> {
    const rows = await this.run('query/nodes-by-ids', { ids: [...new Set(ids)] });
    return new Map(rows.map((r) => [r.id as string, { id: r.id as string, label: r.label as NodeLabel, props: r.props as Record<string, Value> }]));
  }

  async edges(ids: readonly string[], direction: 'out' | 'in', types?: readonly RelType[]): Promise<Map<string, GraphEdge[]>> {
    const unique = [...new Set(ids)];
    const rows = await this.run(direction === 'out' ? 'query/edges-out' : 'query/edges-in', { ids: unique, types: types ? [...types] : null });
    return groupBy(unique, rows.map((r) => toEdge(r, direction)), (e) => e.id);
  }

  async edgesLimited(ids: readonly string[], direction: 'out' | 'in', limit: number): Promise<Map<string, GraphEdge[]>> {
    const unique = [...new Set(ids)];
    const rows = await this.run(direction === 'out' ? 'query/edges-out-limited' : 'query/edges-in-limited', { ids: unique, limit });
    return groupBy(unique, rows.map((r) => toEdge(r, direction)), (e) => e.id);
  }

  async degrees(ids: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.run('query/degrees', { ids: [...new Set(ids)] });
    return new Map(rows.map((r) => [r.id as string, Number(r.degree)]));
  }

  async descendants(placeIds: readonly string[]): Promise<Map<string, string[]>> {
    const unique = [...new Set(placeIds)];
    const rows = await this.run('query/place-descendants', { ids: unique });
    const grouped = groupBy(unique, rows, (r) => r.id as string);
    return new Map([...grouped].map(([id, rs]) => [id, rs.map((r) => r.descendantId as string)]));
  }

  async searchCandidates(): Promise<SearchCandidate[]> {
    const rows = await this.run('query/search-candidates');
    return rows.map((r) => ({
      id: r.id as string, label: r.label as NodeLabel, name: (r.name as string) ?? '',
      aliases: (r.aliases as string[] | null) ?? [], zh: (r.zh as string | null) ?? null,
    }));
  }

  async shortestPath(from: string, to: string, maxHops: number): Promise<GraphPath | null> {
    const [row] = await this.run('query/shortest-path', { from, to, maxHops });
    if (!row) return null;
    return { nodeIds: row.nodeIds as string[], types: row.types as RelType[], startIds: row.startIds as string[], props: row.props as Record<string, Value>[] };
  }

  async counts(): Promise<StoreCounts> {
    const [nodes, rels] = await Promise.all([this.run('query/count-nodes-by-label'), this.run('query/count-relationships-by-type')]);
    return {
      nodes: Object.fromEntries(nodes.map((r) => [r.label as string, Number(r.count)])),
      relationships: Object.fromEntries(rels.map((r) => [r.type as string, Number(r.count)])),
    };
  }

  async nodesWithLabel(label: NodeLabel): Promise<GraphNode[]> {
    const rows = await this.run('query/nodes-with-label', { label });
    return rows.map((r) => ({ id: r.id as string, label, props: r.props as Record<string, Value> }));
  }

  async pairings(ids: readonly string[]): Promise<Map<string, PairingFact>> {
    const rows = await this.run('query/pairings-by-ids', { ids: [...new Set(ids)] });
    return new Map(rows.map((r) => [r.id as string, toPairing(r)]));
  }

  async donationFacts(): Promise<DonationFact[]> {
    const rows = await this.run('query/donation-facts');
    return rows.map((r) => ({
      id: r.id as string, props: r.props as Record<string, Value>,
      donorIds: r.donorIds as string[], recipientIds: r.recipientIds as string[],
    }));
  }

  async pairingFacts(): Promise<PairingFact[]> {
    return (await this.run('query/pairing-facts')).map(toPairing);
  }

  async visitFacts(): Promise<VisitFact[]> {
    const rows = await this.run('query/visit-facts');
    return rows.map((r) => ({
      id: r.id as string, props: r.props as Record<string, Value>, visitorIds: r.visitorIds as string[],
      senderIds: r.senderIds as string[], destinationIds: r.destinationIds as string[],
    }));
  }

  async datasetInfo(): Promise<DatasetInfo | null> {
    const [row] = await this.run('query/dataset-info');
    return row ? { checksum: row.checksum as string } : null;
  }

  ping(): Promise<void> { return this.session.ping(); }
  close(): Promise<void> { return this.session.close(); }
}
