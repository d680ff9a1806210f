/**
 * Plain HTTP routes beside /graphql: subgraph downloads (/export/<format>?seeds=…) and the
 * explorer page (/explore), whose script talks only to the public GraphQL API.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { ROOT } from '../dataset/paths.js';
import { createLoaders } from '../api/loaders.js';
import type { ApiServices } from '../api/services.js';
import { drawSubgraph } from '../api/draw.js';
import { EXPORT_FORMATS, exportGraph, type ExportFormat } from '../clients/exports/formats.js';
import type { Route } from './http.js';

const require = createRequire(import.meta.url);

function fail(res: ServerResponse, status: number, message: string, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: message, code }));
}

/** GET /export/<cytoscape|graphology|gexf|graphml>?seeds=id,id&hops=1&relations=PAIRING,DONATION&year=&from=&to=&perNodeLimit=&layoutSeed= */
export function exportRoute(services: ApiServices): Route {
  return async (_req, res, url) => {
    const m = /^\/export\/([a-z]+)$/.exec(url.pathname);
    if (!m) return false;
    const format = m[1] as ExportFormat;
    if (!(format in EXPORT_FORMATS)) {
      fail(res, 404, `unknown export format "${m[1]}" (one of ${Object.keys(EXPORT_FORMATS).join(', ')})`, 'NOT_FOUND');
      return true;
    }
    const q = url.searchParams;
    const int = (k: string) => (q.has(k) ? Number(q.get(k)) : undefined);
    const list = (k: string) => (q.get(k) ? q.get(k)!.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
    try {
      const graph = await drawSubgraph(createLoaders(services.store), services, {
        seeds: list('seeds') ?? [],
        hops: int('hops'), year: int('year'), perNodeLimit: int('perNodeLimit'), perNodeOffset: int('perNodeOffset'),
        layoutSeed: int('layoutSeed'), layoutIterations: int('layoutIterations'),
        from: q.get('from') ?? undefined, to: q.get('to') ?? undefined,
        relations: list('relations') as never,
      });
      const { mime, extension } = EXPORT_FORMATS[format];
      res.writeHead(200, {
        'content-type': `${mime}; charset=utf-8`,
        'content-disposition': `attachment; filename="pairing-graph.${extension}"`,
      });
      res.end(exportGraph(graph, format));
    } catch (e) {
      if (e instanceof GraphQLError) fail(res, 400, e.message, String(e.extensions.code ?? 'BAD_USER_INPUT'));
      else throw e;
    }
    return true;
  };
}

const STATIC: Record<string, { file: () => string; type: string }> = {
  '/explore': { file: () => `${ROOT}/src/clients/explorer/index.html`, type: 'text/html; charset=utf-8' },
  '/explore/explorer.js': { file: () => `${ROOT}/src/clients/explorer/explorer.js`, type: 'text/javascript; charset=utf-8' },
  '/explore/explorer.css': { file: () => `${ROOT}/src/clients/explorer/explorer.css`, type: 'text/css; charset=utf-8' },
  '/explore/vendor/cytoscape.min.js': { file: () => require.resolve('cytoscape/dist/cytoscape.min.js'), type: 'text/javascript; charset=utf-8' },
};

export function explorerRoute(): Route {
  return async (_req, res, url) => {
    const entry = STATIC[url.pathname.replace(/\/$/, '')];
    if (!entry) return false;
    res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-cache' });
    res.end(await readFile(entry.file()));
    return true;
  };
}
