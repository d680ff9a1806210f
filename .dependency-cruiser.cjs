// Import rules for src/ (docs/ARCHITECTURE.md, "Import rules"). The folders follow the data flow:
//   config -> dataset -> store -> graph -> queries -> graphql -> server, clients
// and each may import only from folders before it. cli may import any of them. `npm run deps` checks.

/** Folders after `folder` in the flow: what it must not import. */
const LATER = {
  config: ['dataset', 'store', 'graph', 'queries', 'graphql', 'server', 'clients', 'cli'],
  dataset: ['store', 'graph', 'queries', 'graphql', 'server', 'clients', 'cli'],
  store: ['graph', 'queries', 'graphql', 'server', 'clients', 'cli'],
  graph: ['queries', 'graphql', 'server', 'clients', 'cli'],
  queries: ['graphql', 'server', 'clients', 'cli'],
  graphql: ['server', 'clients', 'cli'],
  // Siblings at the end of the flow: the server serves the explorer's files by path, never imports them.
  server: ['clients', 'cli'],
  clients: ['server', 'cli'],
};

const WHY = {
  config: 'config/ is the table of settings every folder reads: it reads nothing of the project.',
  dataset: 'dataset/ is where the data flow starts (record schema, validation, gazetteer): it reads nothing built on it.',
  store: 'store/ loads and reads the database; it knows the records (dataset/) and nothing built on top of the store.',
  graph: 'graph/ is the read model built from the store at start; queries, GraphQL and HTTP are built on it, never the other way round.',
  queries:
    'queries/ are plain functions over graph/ and the store port: they know nothing of GraphQL or HTTP, so a resolver never has to know whether an answer came from memory or the store.',
  graphql: 'graphql/ wires the schema to queries/; it does not reach into the HTTP server, the explorer or the commands that use it.',
  server: 'server/ ends the flow: the explorer (clients/) is files it serves by path, and the commands (cli/) start the server.',
  clients: 'clients/ is the browser explorer: it talks to the server over HTTP only, never by importing it or the commands.',
};

const layerRules = Object.entries(LATER).map(([folder, later]) => ({
  name: `${folder}-imports-only-earlier-folders`,
  comment: WHY[folder],
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: `^src/(${later.join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'src-never-imports-bench-or-tests',
      comment: 'The application runs without the benchmark harness and the tests; they import src/, never the other way round.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(bench|tests)/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle ties its modules together: none of them can be read, tested or changed without the others.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'generated-only-as-types',
      comment:
        'src/generated is graphql-codegen output: types only, so it may be imported with `import type` alone (nothing of it exists at run time).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/generated/' },
      to: { path: '^src/generated/', dependencyTypesNot: ['type-only', 'type-import'] },
    },
    {
      name: 'generated-only-below-server',
      comment: 'The resolver types belong to graphql/ and what it reads; the server and the explorer use what graphql/ hands them.',
      severity: 'error',
      from: { path: '^src/(server|clients)/' },
      to: { path: '^src/generated/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|test-artifacts|seeds|data|coverage)/' },
    // `import type` counts: a type-only import still ties two folders together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
