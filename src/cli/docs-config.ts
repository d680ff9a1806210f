/**
 * `npm run docs:config`: writes the README's Configure table from the settings table
 * (src/config/settings.ts), between its heading and the line after the table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { settingsTable } from '../config/settings.js';
import { ROOT } from '../dataset/paths.js';

const README = resolve(ROOT, 'README.md');
const text = readFileSync(README, 'utf8');
const table = /(## Configure\n\n)(\|[^\n]*\n)+/;
if (!table.test(text)) {
  console.error('README.md has no table under "## Configure"');
  process.exit(1);
}
writeFileSync(
  README,
  text.replace(table, (_m, head: string) => `${head}${settingsTable()}\n`),
);
console.log('README.md: Configure table written');
