/**
 * Plain HTTP routes beside /graphql: subgraph downloads (/export/<format>?seeds=…) and the
 * explorer page (/explore), whose script talks only to the public GraphQL API.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { ROOT } from '../dataset/paths.js';
import { createContext } from '../graphql/context.js';
import type { ApiServices } from '../graphql/services.js';
import { downloadBudget, drawSubgraph, exportSubgraph } from '../graphql/draw.js';
import { EXPORT_FORMATS, type ExportFormat } from '../queries/export-formats.js';
import type { Route } from './http.js';
import { clip, GRAPHIQL_CSP, htmlHeaders } from './http-policy.js';

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
  '/explore/explorer-model.js': { file: () => `${ROOT}/src/clients/explorer/explorer-model.js`, type: 'text/javascript; charset=utf-8' },
  '/explore/vendor/cytoscape.min.js': {
    file: () => require.resolve('cytoscape/dist/cytoscape.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  // Registers cy.svg() on the cytoscape global: the drawing's SVG download.
  '/explore/vendor/cytoscape-svg.js': { file: () => require.resolve('cytoscape-svg'), type: 'text/javascript; charset=utf-8' },
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

/** A package's folder: `exports` maps hide their UMD builds from require.resolve. */
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const HOME_DIR = () => `${ROOT}/src/clients/home`;
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * The home page's assets and the GraphQL IDE (GraphiQL, from its npm package's prebuilt UMD build
 * with React's): everything from this server, so both work offline. `/` itself is in http.ts.
 */
const HOME_STATIC: Record<string, { file: () => string; type: string; csp?: string }> = {
  '/home/home.css': { file: () => `${HOME_DIR()}/home.css`, type: CSS },
  '/home/home.js': { file: () => `${HOME_DIR()}/home.js`, type: JS },
  '/graphiql': { file: () => `${HOME_DIR()}/graphiql.html`, type: 'text/html; charset=utf-8', csp: GRAPHIQL_CSP },
  '/graphiql/graphiql-page.css': { file: () => `${HOME_DIR()}/graphiql-page.css`, type: CSS },
  '/graphiql/graphiql-start.js': { file: () => `${HOME_DIR()}/graphiql-start.js`, type: JS },
  '/graphiql/vendor/react.production.min.js': { file: () => `${packageDir('react')}/umd/react.production.min.js`, type: JS },
  '/graphiql/vendor/react-dom.production.min.js': { file: () => `${packageDir('react-dom')}/umd/react-dom.production.min.js`, type: JS },
  '/graphiql/vendor/graphiql.min.js': { file: () => `${packageDir('graphiql')}/graphiql.min.js`, type: JS },
  '/graphiql/vendor/graphiql.min.css': { file: () => `${packageDir('graphiql')}/graphiql.min.css`, type: CSS },
};

/** One query of the README, with the sentence before it that says what it asks. */
export interface ReadmeExample {
  title: string;
  description: string;
  section: string;
  query: string;
}

/** The ```graphql blocks of a Markdown text, each with the paragraph before it (Markdown taken out) and its section. */
export function readmeExamples(markdown: string): ReadmeExample[] {
  const examples: ReadmeExample[] = [];
  let section = '';
  let current: string[] = [];
  let previous: string[] = [];
  let fence: { graphql: boolean; lines: string[] } | null = null;
  for (const line of markdown.split('\n')) {
    if (fence) {
      if (line.trimEnd() !== '```') fence.lines.push(line);
      else {
        if (fence.graphql) {
          const description = plainText((current.length ? current : previous).join(' '));
          examples.push({ title: firstSentence(description), description, section, query: fence.lines.join('\n') });
        }
        [fence, current, previous] = [null, [], []];
      }
    } else if (line.startsWith('```')) fence = { graphql: line.trimEnd() === '```graphql', lines: [] };
    else if (/^#{1,6} /.test(line)) [section, current, previous] = [line.replace(/^#+ /, '').trim(), [], []];
    else if (line.trim()) current.push(line.trim());
    else if (current.length) [previous, current] = [current, []];
  }
  return examples;
}

function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first sentence, cut at a word after 100 characters: a title for a list. */
function firstSentence(text: string): string {
  const sentence = (/^.*?[.:](?=\s|$)/.exec(text)?.[0] ?? text).replace(/[.:]$/, '');
  return sentence.length <= 110 ? sentence : `${sentence.slice(0, 100).replace(/[\s,(—–-]+\S*$/, '')}…`;
}

export function homeRoute(): Route {
  return {
    name: 'home',
    matches: (url) => url.pathname === '/graphiql/examples.json' || Object.hasOwn(HOME_STATIC, url.pathname.replace(/\/$/, '')),
    serve: async (_req, res, url) => {
      if (url.pathname === '/graphiql/examples.json') {
        // Read at each request, so the IDE offers the README as it stands.
        const examples = readmeExamples(await readFile(`${ROOT}/README.md`, 'utf8'));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
        res.end(JSON.stringify(examples));
        return;
      }
      const { file, type, csp } = HOME_STATIC[url.pathname.replace(/\/$/, '')];
      if (csp) htmlHeaders(res, csp);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
      res.end(await readFile(file()));
    },
  };
}
