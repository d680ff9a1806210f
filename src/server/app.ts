/**
 * Starts the whole service on a store: loads the seeds when the store is empty or holds another
 * dataset (or always/never, as configured), then serves. Used by `npm start` and by the tests.
 */
import type { AddressInfo } from 'node:net';
import { createApollo } from '../api/apollo.js';
import { ApiServices } from '../api/services.js';
import { datasetChecksum } from '../dataset/checksum.js';
import { CypherGraphStore } from '../store/graph-store.js';
import type { LoadOptions } from '../store/load.js';
import { validateAndLoad } from '../store/prepare.js';
import type { CypherSession } from '../store/session.js';
import { createHttpServer, type Route } from './http.js';
import { explorerRoute, exportRoute } from './routes.js';

export type LoadPolicy = 'if-stale' | 'if-empty' | 'always' | 'never';

export interface AppOptions {
  session: CypherSession;
  port?: number;
  host?: string;
  load?: LoadPolicy;
  dataDir?: string;
  onProgress?: LoadOptions['onProgress'];
  routes?: (services: ApiServices) => Route[];
}

export interface RunningApp {
  url: string;
  store: CypherGraphStore;
  services: ApiServices;
  /** Whether this start loaded the seeds. */
  loaded: boolean;
  close(): Promise<void>;
}

export async function prepareStore(store: CypherGraphStore, session: CypherSession, policy: LoadPolicy, dataDir?: string, onProgress?: LoadOptions['onProgress']): Promise<boolean> {
  if (policy === 'never') return false;
  if (policy !== 'always') {
    const info = await store.datasetInfo();
    if (info && (policy === 'if-empty' || info.checksum === datasetChecksum(dataDir))) return false;
  }
  await validateAndLoad(session, dataDir, { onProgress });
  return true;
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const store = new CypherGraphStore(options.session);
  const loaded = await prepareStore(store, options.session, options.load ?? 'if-stale', options.dataDir, options.onProgress);
  const services = new ApiServices(store);
  const apollo = createApollo();
  await apollo.start();
  const http = createHttpServer(apollo, services, [exportRoute(services), explorerRoute(), ...(options.routes?.(services) ?? [])]);
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port, address } = http.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    store,
    services,
    loaded,
    async close() {
      // In-flight requests finish; new connections are refused; then the store closes.
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections?.();
      await apollo.stop();
      await options.session.close();
    },
  };
}
