// Lints every script in the tree with eslint's and typescript-eslint's recommended rules (the
// rules that need type information are left out: `npm run typecheck` already runs the compiler).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['src/generated/', 'dist/', 'node_modules/', 'test-artifacts/', 'seeds/', 'data/', 'bench/out/', 'coverage/', 'scratch/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // Locals holding a large read are set to null on purpose, so the collector can take them before the next step.
      'no-useless-assignment': 'off',
    },
  },
  {
    // Tests and the benchmark read untyped JSON answers (GraphQL bodies, saved results, page state) and check their shape themselves.
    files: ['tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The explorer is a plain browser script; cytoscape comes from the script tag before it.
    files: ['src/clients/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, cytoscape: 'readonly' } },
  },
);
