/**
 * Plain HTTP routes beside /graphql: subgraph downloads (/export/<format>?seeds=…) and the
 * explorer page (/explore), whose script talks only to the public GraphQL API.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { ROOT } from '../dataset/paths.js';
import { createContext } from '../graphql/context.js';
import type { ApiServices } from '../graphql/services.js';
import { downloadBudget, drawSubgraph, exportSubgraph } from '../graphql/draw.js';
import { EXPORT_FORMATS, type ExportFormat } from '../queries/export-formats.js';
import type { Route } from './http.js';
import { clip, htmlHeaders } from './http-policy.js';

const require = createRequire(import.meta.url);

function fail(res: ServerResponse, status: number, message: string, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: message, code }));
}

const EXPORT_PATH = /^\/export\/([^/]+)$/;

/**
 * GET /export/<cytoscape|graphology|gexf|graphml|nodes.csv|edges.csv>?seeds=id,id&hops=1&relations=PAIRING,DONATION&year=&from=&to=&perNodeLimit=&layoutSeed=
 * Each file records the request that drew it and the version (checksum) of the dataset loaded.
 * Other origins' pages may fetch it (preflight answered), as they may /graphql.
 */
export function exportRoute(services: ApiServices): Route {
  return {
    name: 'export',
    matches: (url) => EXPORT_PATH.test(url.pathname),
    preflight: true,
    serve: async (_req, res, url) => {
      const m = EXPORT_PATH.exec(url.pathname)!;
      const format = m[1] as ExportFormat;
      if (!Object.hasOwn(EXPORT_FORMATS, format)) {
        fail(res, 404, `unknown export format "${clip(m[1])}" (one of ${Object.keys(EXPORT_FORMATS).join(', ')})`, 'NOT_FOUND');
        return;
      }
      const q = url.searchParams;
      const int = (k: string) => (q.has(k) ? Number(q.get(k)) : undefined);
      const list = (k: string) =>
        q.get(k)
          ? q
              .get(k)!
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined;
      try {
        const input = {
          seeds: list('seeds') ?? [],
          hops: int('hops'),
          year: int('year'),
          perNodeLimit: int('perNodeLimit'),
          perNodeOffset: int('perNodeOffset'),
          layoutSeed: int('layoutSeed'),
          layoutIterations: int('layoutIterations'),
          from: q.get('from') ?? undefined,
          to: q.get('to') ?? undefined,
          relations: list('relations') as never,
        };
        // Priced as the same request through GraphQL would be, before anything is read.
        const budget = downloadBudget(services, input);
        const graph = await drawSubgraph(services, input, budget);
        const file = await exportSubgraph(createContext(services), graph, format, budget);
        const { mime, extension } = EXPORT_FORMATS[format];
        res.writeHead(200, {
          'content-type': `${mime}; charset=utf-8`,
          'content-disposition': `attachment; filename="pairing-graph.${extension}"`,
        });
        res.end(file);
      } catch (e) {
        // Its messages repeat the argument they refuse (a date, a relation): cut as any echo is.
        // A busy pool says so with 503 and Retry-After, as /graphql does.
        if (e instanceof GraphQLError) {
          const http = e.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
          for (const [k, v] of http?.headers ?? []) res.setHeader(k, v);
          fail(res, http?.status ?? 400, clip(e.message), String(e.extensions.code ?? 'BAD_USER_INPUT'));
        } else throw e;
      }
    },
  };
}

const STATIC: Record<string, { file: () => string; type: string; html?: true }> = {
  '/explore': { file: () => `${ROOT}/src/clients/explorer/index.html`, type: 'text/html; charset=utf-8', html: true },
  '/explore/explorer.js': { file: () => `${ROOT}/src/clients/explorer/explorer.js`, type: 'text/javascript; charset=utf-8' },
  '/explore/explorer.css': { file: () => `${ROOT}/src/clients/explorer/explorer.css`, type: 'text/css; charset=utf-8' },
  '/explore/vendor/cytoscape.min.js': {
    file: () => require.resolve('cytoscape/dist/cytoscape.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

export function explorerRoute(): Route {
  const entry = (url: URL) => {
    const path = url.pathname.replace(/\/$/, '');
    return Object.hasOwn(STATIC, path) ? STATIC[path] : undefined;
  };
  return {
    name: 'explore',
    matches: (url) => !!entry(url),
    serve: async (_req, res, url) => {
      const { file, type, html } = entry(url)!;
      if (html) htmlHeaders(res);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
      res.end(await readFile(file()));
    },
  };
}
