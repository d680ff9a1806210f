/**
 * GET /export/panel.csv and /export/panel.json: the pair × year panel as a file for R, Stata and
 * pandas — UTF-8, a header row, GB codes as text, ids space-separated; the JSON carries the
 * codebook's column descriptions beside the rows. Parameters as the GraphQL filter: supporter,
 * supported, includeDescendants, level (comma-separated), yearFrom, yearTo.
 */
import type { ServerResponse } from 'node:http';
import { stringify } from 'csv-stringify/sync';
import { GraphQLError } from 'graphql';
import { WorkBudget } from '../graphql/budget.js';
import { createContext } from '../graphql/context.js';
import { panelCriteria, panelFilterFromUrl } from '../graphql/panel-criteria.js';
import type { ApiServices } from '../graphql/services.js';
import { buildPanel } from '../queries/panel.js';
import { namesFrom, PANEL_COLUMNS, panelRecords } from '../queries/panel-table.js';
import { panelUnits } from '../queries/work-price.js';
import type { Route } from './http.js';
import { clip } from './http-policy.js';

const PANEL_PATH = /^\/export\/panel\.(csv|json)$/;

function fail(res: ServerResponse, status: number, message: string, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: message, code }));
}

export function panelRoute(services: ApiServices): Route {
  return {
    name: 'panel',
    preflight: true,
    matches: (url) => PANEL_PATH.test(url.pathname),
    serve: async (_req, res, url) => {
      const format = PANEL_PATH.exec(url.pathname)![1] as 'csv' | 'json';
      try {
        // Priced as the same request through GraphQL, before anything is read.
        new WorkBudget().charge(panelUnits(services.graphSize), 'the panel');
        const ctx = createContext(services);
        const filter = panelFilterFromUrl(url.searchParams);
        const criteria = panelCriteria(ctx, filter);
        const records = panelRecords(buildPanel(ctx.graph.model, criteria), namesFrom(ctx.graph.model));
        const columns = PANEL_COLUMNS.map((c) => c.name);
        const body =
          format === 'csv'
            ? stringify(records, { header: true, columns, cast: { boolean: (v) => (v ? 'true' : 'false') } })
            : JSON.stringify({
                filter: { ...filter, yearFrom: criteria.yearFrom, yearTo: criteria.yearTo },
                columns: PANEL_COLUMNS.map(({ name, type, description }) => ({ name, type, description })),
                rows: records,
              });
        res.writeHead(200, {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="pairing-graph-panel.${format}"`,
        });
        res.end(body);
      } catch (e) {
        if (!(e instanceof GraphQLError)) throw e;
        fail(res, e.extensions.code === 'NOT_FOUND' ? 404 : 400, clip(e.message), String(e.extensions.code ?? 'BAD_USER_INPUT'));
      }
    },
  };
}
