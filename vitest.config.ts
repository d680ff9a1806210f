import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node resolves "graphql" to its CommonJS build (the package has no exports map); the test
    // runner would pick its ES build for the project's own files, and graphql's type checks refuse
    // a schema made by the other copy.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // In-process servers log only warnings; a server a test starts as a process is given its level.
    env: { LOG_LEVEL: 'warn' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each test file opens its own in-memory store; files run in parallel on both cores. Against a
    // Neo4j (NEO4J_URI set), files share its one database, so they run one after another.
    pool: 'forks',
    fileParallelism: !process.env.NEO4J_URI,
    // The JSON report lets CI print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest.json' }]],
  },
});
