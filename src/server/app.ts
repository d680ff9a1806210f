/**
 * Starts the whole service on a store: loads the seeds when the store is empty or holds another
 * dataset (or always/never, as configured), then serves. Used by `npm start` and by the tests.
 */
import type { AddressInfo } from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';
import { createApollo, schema } from '../graphql/apollo.js';
import type { ApiContext } from '../graphql/context.js';
import { OperationCache } from '../graphql/operations.js';
import { ApiServices } from '../graphql/services.js';
import { datasetChecksum } from '../dataset/checksum.js';
import { CypherGraphStore, type GraphStore } from '../store/graph-store.js';
import type { LoadOptions } from '../store/load.js';
import { validateAndLoad } from '../store/prepare.js';
import type { CypherSession } from '../store/session.js';
import { StoreTimeoutError, StoreUnavailableError } from '../store/session.js';
import { setting } from '../config/settings.js';
import { createHttpServer, type Route } from './http.js';
import { ConnectionCap } from './connections.js';
import { httpSettings, type HttpOptions, type HttpSettings } from './http-config.js';
import { createLogger, type Logger } from './logger.js';
import { ServerMetrics } from './metrics.js';
import { recordPlugin } from './request-record.js';
import { panelRoute } from './panel-route.js';
import { explorerRoute, exportRoute, homeRoute } from './routes.js';

export type LoadPolicy = 'if-stale' | 'if-empty' | 'always' | 'never';

/** HTTP limits and CORS (HttpOptions) default to the environment: see http-config.ts. */
export interface AppOptions extends HttpOptions {
  session: CypherSession;
  port?: number;
  host?: string;
  load?: LoadPolicy;
  dataDir?: string;
  onProgress?: LoadOptions['onProgress'];
  routes?: (services: ApiServices) => Route[];
  /** Store calls still running after this many ms fail with STORE_TIMEOUT (default STORE_TIMEOUT_MS or 15000). */
  storeTimeoutMs?: number;
  introspection?: boolean;
  /** How long to wait before trying an unavailable store again (default STORE_RETRY_MS or 5000). */
  retryMs?: number;
  /** Apollo plugins of the deployment's own: they see every request. */
  plugins?: ApolloServerPlugin<ApiContext>[];
  /** Where the read model's build reports its steps (default: stderr). */
  onBuildStep?: (step: string) => void;
  /** The JSON log (default: stdout at LOG_LEVEL). */
  logger?: Logger;
}

export interface RunningApp {
  url: string;
  store: GraphStore;
  session: CypherSession;
  services: ApiServices;
  /** Whether this start loaded the seeds. */
  loaded: boolean;
  /** The HTTP limits and CORS policy in force. */
  httpSettings: HttpSettings;
  /** Client connections open now (at most httpSettings.maxConnections). */
  readonly connections: number;
  /** What /metrics shows. */
  metrics: ServerMetrics;
  close(): Promise<void>;
}

export async function prepareStore(
  store: GraphStore,
  session: CypherSession,
  policy: LoadPolicy,
  dataDir?: string,
  onProgress?: LoadOptions['onProgress'],
): Promise<boolean> {
  if (policy === 'never') return false;
  if (policy !== 'always') {
    const info = await store.datasetInfo();
    if (info && (policy === 'if-empty' || info.checksum === datasetChecksum(dataDir))) return false;
  }
  await validateAndLoad(session, dataDir, { onProgress });
  return true;
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  // Read once, before the seeds are loaded: a wrong value stops the start at once.
  const settings = httpSettings(options);
  const logger = options.logger ?? createLogger(setting('LOG_LEVEL'));
  // Compiled forms and prices of operations: the one cache (its price needs the graph's size).
  const operations = new OperationCache(schema, () => services.graphSize);
  const metrics = new ServerMetrics({ cacheBytes: () => ({ operations: operations.bytes }) });
  const store = new CypherGraphStore(options.session, {
    timeoutMs: options.storeTimeoutMs ?? setting('STORE_TIMEOUT_MS'),
    onCall: (query, seconds, outcome) => metrics.observeStoreCall(query, seconds, outcome),
  });
  const services = new ApiServices(store);
  const retryMs = options.retryMs ?? setting('STORE_RETRY_MS');
  const start: { error?: string; retryAt?: number } = {};
  // A store that is down at start does not stop the server: it serves STORE_UNAVAILABLE, /ready
  // answers 503 with the reason, and the store is tried again every retryMs until it answers.
  let loaded = false;
  let retry: NodeJS.Timeout | undefined;
  const tryPrepare = async (): Promise<void> => {
    try {
      // A store that cannot be reached says so at once, rather than as a load that timed out.
      await store.ping();
      const began = performance.now();
      loaded = await prepareStore(store, options.session, options.load ?? 'if-stale', options.dataDir, options.onProgress);
      const built = performance.now();
      if (loaded) metrics.startStep('load', (built - began) / 1000);
      // Built before the server says it is ready: nothing a request needs is built on a request.
      await services.build(options.onBuildStep ?? ((step) => console.error(`read model: ${step}`)));
      metrics.startStep('read_model', (performance.now() - built) / 1000);
      start.error = start.retryAt = undefined;
      metrics.setReadiness('ready');
      logger.info({ store: store.engine, loaded, seconds: Math.round(performance.now() - began) / 1000 }, 'ready');
    } catch (e) {
      // A store that does not answer at all at start is down, whatever the driver calls it.
      if (!(e instanceof StoreUnavailableError || e instanceof StoreTimeoutError)) throw e;
      start.error = e.message;
      start.retryAt = Date.now() + retryMs;
      metrics.setReadiness('unavailable');
      console.error(`${e.message}; retrying in ${retryMs / 1000} s`);
      logger.warn({ store: store.engine, reason: e.message, retryInMs: retryMs }, 'store unavailable');
      retry = setTimeout(
        () => void tryPrepare().catch((err) => console.error(`could not load the seeds: ${(err as Error).message}`)),
        retryMs,
      );
    }
  };
  await tryPrepare();
  const apollo = createApollo({ introspection: options.introspection, operations, plugins: [recordPlugin, ...(options.plugins ?? [])] });
  await apollo.start();
  const http = createHttpServer(
    apollo,
    services,
    [panelRoute(services), exportRoute(services), explorerRoute(), homeRoute(), ...(options.routes?.(services) ?? [])],
    settings,
    { logger, metrics, start },
  );
  const cap = new ConnectionCap(http, settings.maxConnections);
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port, address } = http.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    store,
    session: options.session,
    services,
    get loaded() {
      return loaded;
    },
    httpSettings: settings,
    get connections() {
      return cap.size;
    },
    metrics,
    async close() {
      clearTimeout(retry);
      // New connections are refused; requests in flight finish; keep-alive connections are closed
      // as soon as they fall idle. Whatever is still open when the grace period ends (a client
      // that never finishes sending its request, an answer it never reads) is cut: a stop must
      // not wait on clients. Then the store closes.
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      const sweep = setInterval(() => http.closeIdleConnections(), 25);
      const grace = setTimeout(() => {
        console.warn(`shutdown: closing ${cap.size} connection(s) still open after ${settings.shutdownGraceMs} ms`);
        http.closeAllConnections();
      }, settings.shutdownGraceMs);
      http.closeIdleConnections();
      await closed;
      clearInterval(sweep);
      clearTimeout(grace);
      await apollo.stop();
      await services.close();
      await options.session.close();
      logger.flush();
    },
  };
}
