/**
 * What `/metrics` shows, in Prometheus's text format (prom-client): requests and their latency by
 * route, operation and outcome, the work each GraphQL request was priced at, store call latency,
 * cache bytes, readiness and its changes, how long the seeds took to load and the read model to
 * build, and Node's own process figures (heap, event-loop lag, GC). One registry per server, so
 * two servers in one process (the tests) count apart.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const PREFIX = 'pairing_graph_';
/** Seconds: from a cached answer (under a millisecond) to a request cut at the store limit (15 s). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15];
/** Cost units (graphql/cost.ts): from one field to the limit of 20,000. */
const COST_BUCKETS = [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 20_000];
/**
 * Operation names are the client's to choose: the first 100 distinct ones get their own series,
 * later ones count as "other", so a client cannot grow the registry without bound.
 */
const MAX_OPERATION_NAMES = 100;

export interface RequestObservation {
  /** graphql, export, explore, ready, health, metrics, … */
  route: string;
  /** The GraphQL operation's name, `anonymous`, or `-` off /graphql. */
  operation: string;
  /** ok, or the error code the client got (BAD_USER_INPUT, QUERY_TOO_COSTLY, …), or http_<status>. */
  outcome: string;
  seconds: number;
  /** The work the request was priced at (GraphQL only). */
  cost?: number;
}

export type Readiness = 'ready' | 'loading' | 'unavailable';

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests: Counter<'route' | 'operation' | 'outcome'>;
  private readonly latency: Histogram<'route' | 'operation' | 'outcome'>;
  private readonly cost: Histogram<'operation'>;
  private readonly storeCalls: Histogram<'query' | 'outcome'>;
  private readonly readinessChanges: Counter<'to'>;
  private readonly loadSeconds: Gauge<'step'>;
  private readiness: Readiness = 'loading';

  /** `state`: read at each scrape (readiness, cache bytes), so nothing has to push them. */
  constructor(state: { cacheBytes: () => Record<string, number> }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    this.requests = new Counter({
      name: `${PREFIX}requests_total`,
      help: 'HTTP requests answered, by route, GraphQL operation and outcome',
      labelNames: ['route', 'operation', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: `${PREFIX}request_duration_seconds`,
      help: 'Time from a request arriving to its answer being sent, by route, GraphQL operation and outcome',
      labelNames: ['route', 'operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.cost = new Histogram({
      name: `${PREFIX}graphql_request_cost`,
      help: 'The work each GraphQL request was priced at before it ran (limit 20,000)',
      labelNames: ['operation'],
      buckets: COST_BUCKETS,
      registers,
    });
    this.storeCalls = new Histogram({
      name: `${PREFIX}store_call_duration_seconds`,
      help: 'Store round trips by Cypher file and outcome',
      labelNames: ['query', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    new Gauge({
      name: `${PREFIX}cache_bytes`,
      help: 'Bytes held by each bounded cache',
      labelNames: ['cache'],
      registers,
      collect() {
        for (const [cache, bytes] of Object.entries(state.cacheBytes())) this.set({ cache }, bytes);
      },
    });
    const isReady = () => (this.readiness === 'ready' ? 1 : 0);
    new Gauge({
      name: `${PREFIX}ready`,
      help: '1 while the server is ready to serve (the store answers and the read model is built), else 0',
      registers,
      collect() {
        this.set(isReady());
      },
    });
    this.readinessChanges = new Counter({
      name: `${PREFIX}readiness_changes_total`,
      help: 'Times readiness changed, by the state it changed to',
      labelNames: ['to'],
      registers,
    });
    this.loadSeconds = new Gauge({
      name: `${PREFIX}start_step_seconds`,
      help: 'How long the last load of the seeds (step="load") and build of the read model (step="read_model") took',
      labelNames: ['step'],
      registers,
    });
  }

  /** The label an operation name counts under. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (name.length > 64) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return 'other';
    this.operations.add(name);
    return name;
  }

  observeRequest(o: RequestObservation): void {
    const labels = { route: o.route, operation: o.operation, outcome: o.outcome };
    this.requests.inc(labels);
    this.latency.observe(labels, o.seconds);
    if (o.cost !== undefined) this.cost.observe({ operation: o.operation }, o.cost);
  }

  observeStoreCall(query: string, seconds: number, outcome: string): void {
    this.storeCalls.observe({ query, outcome }, seconds);
  }

  setReadiness(state: Readiness): void {
    if (state === this.readiness) return;
    this.readiness = state;
    this.readinessChanges.inc({ to: state });
  }

  get ready(): Readiness {
    return this.readiness;
  }

  startStep(step: 'load' | 'read_model', seconds: number): void {
    this.loadSeconds.set({ step }, seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
