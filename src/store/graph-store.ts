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

/** A node with what the read model keeps of it (cypher/query/node-cards.cypher). */
export type NodeCardRow = { id: string; label: NodeLabel } & Record<string, Value>;

export interface RelationshipRow {
  fromId: string;
  type: RelType;
  toId: string;
}

export interface StoreCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export interface GraphStore {
  readonly engine: CypherSession['engine'];
  nodes(ids: readonly string[]): Promise<Map<string, GraphNode>>;
  /** Each node's relationships in one direction (of the given types), with their properties. */
  edges(ids: readonly string[], direction: 'out' | 'in', types?: readonly RelType[]): Promise<Map<string, GraphEdge[]>>;
  /** Every node's card (read once per loaded dataset, by the read model). */
  nodeCards(): Promise<NodeCardRow[]>;
  /** Every relationship's ends and type (read once per loaded dataset, by the read model). */
  relationships(): Promise<RelationshipRow[]>;
  searchCandidates(): Promise<SearchCandidate[]>;
  counts(): Promise<StoreCounts>;
  pairingFacts(): Promise<PairingFact[]>;
  datasetInfo(): Promise<DatasetInfo | null>;
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
    id: r.id as string,
    type: r.type as RelType,
    direction,
    otherId: r.otherId as string,
    otherLabel: r.otherLabel as NodeLabel,
    props: r.props as Record<string, Value>,
  };
}

function toPairing(r: Row): PairingFact {
  return {
    id: r.id as string,
    supporterId: r.supporterId as string,
    supportedId: r.supportedId as string,
    props: r.props as Record<string, Value>,
  };
}

export interface StoreOptions {
  /** A store call still running after this many ms is abandoned with StoreTimeoutError (0: no limit). */
  timeoutMs?: number;
  /** Told of every round trip once it ends: the Cypher file, its seconds, and ok or the error's name. */
  onCall?: (query: string, seconds: number, outcome: string) => void;
}

export class CypherGraphStore implements GraphStore {
  calls = 0;
  private timeoutMs: number;
  private onCall?: StoreOptions['onCall'];

  constructor(
    private session: CypherSession,
    options: StoreOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 0;
    this.onCall = options.onCall;
  }

  get engine() {
    return this.session.engine;
  }

  /**
   * `limitMs`: the request limit by default. The whole-graph reads the read model is built from
   * pass 0: their time grows with the graph (a minute at a million nodes on a busy machine), and a
   * start that gave up on them would serve nothing.
   */
  private run(name: string, params: Record<string, unknown> = {}, limitMs = this.timeoutMs): Promise<Row[]> {
    this.calls++;
    const limited = this.limit(this.session.run(statement(name).text, params), limitMs);
    const onCall = this.onCall;
    if (!onCall) return limited;
    const started = performance.now();
    return limited.then(
      (rows) => {
        onCall(name, (performance.now() - started) / 1000, 'ok');
        return rows;
      },
      (e: unknown) => {
        onCall(name, (performance.now() - started) / 1000, e instanceof Error ? e.name : 'Error');
        throw e;
      },
    );
  }

  async nodes(ids: readonly string[]): Promise<Map<string, GraphNode>> {
    const rows = await this.run('query/nodes-by-ids', { ids: [...new Set(ids)] });
    return new Map(
      rows.map((r) => [r.id as string, { id: r.id as string, label: r.label as NodeLabel, props: r.props as Record<string, Value> }]),
    );
  }

  async edges(ids: readonly string[], direction: 'out' | 'in', types?: readonly RelType[]): Promise<Map<string, GraphEdge[]>> {
    const unique = [...new Set(ids)];
    const rows = await this.run(direction === 'out' ? 'query/edges-out' : 'query/edges-in', {
      ids: unique,
      types: types ? [...types] : null,
    });
    return groupBy(
      unique,
      rows.map((r) => toEdge(r, direction)),
      (e) => e.id,
    );
  }

  async nodeCards(): Promise<NodeCardRow[]> {
    return (await this.run('query/node-cards', {}, 0)) as NodeCardRow[];
  }

  async relationships(): Promise<RelationshipRow[]> {
    return (await this.run('query/relationship-index', {}, 0)) as unknown as RelationshipRow[];
  }

  async searchCandidates(): Promise<SearchCandidate[]> {
    const rows = await this.run('query/search-candidates', {}, 0);
    return rows.map((r) => ({
      id: r.id as string,
      label: r.label as NodeLabel,
      name: (r.name as string) ?? '',
      aliases: (r.aliases as string[] | null) ?? [],
      zh: (r.zh as string | null) ?? null,
    }));
  }

  async counts(): Promise<StoreCounts> {
    const [nodes, rels] = await Promise.all([this.run('query/count-nodes-by-label'), this.run('query/count-relationships-by-type')]);
    return {
      nodes: Object.fromEntries(nodes.map((r) => [r.label as string, Number(r.count)])),
      relationships: Object.fromEntries(rels.map((r) => [r.type as string, Number(r.count)])),
    };
  }

  async pairingFacts(): Promise<PairingFact[]> {
    return (await this.run('query/pairing-facts', {}, 0)).map(toPairing);
  }

  async datasetInfo(): Promise<DatasetInfo | null> {
    const [row] = await this.run('query/dataset-info');
    return row ? { checksum: row.checksum as string } : null;
  }

  ping(): Promise<void> {
    return this.session.ping();
  }

  private limit<T>(work: Promise<T>, limitMs: number): Promise<T> {
    if (!limitMs) return work;
    let timer: NodeJS.Timeout;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreTimeoutError(limitMs)), limitMs);
    });
    return Promise.race([work, limit]).finally(() => clearTimeout(timer));
  }
  close(): Promise<void> {
    return this.session.close();
  }
}
