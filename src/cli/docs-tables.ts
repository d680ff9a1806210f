/**
 * `npm run docs:tables`: writes the tables the documentation keeps in step with the code — the
 * README's Configure table (src/config/settings.ts) and the panel's codebook
 * (src/queries/panel-table.ts → docs/PANEL-CODEBOOK.md). Tests compare both.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { settingsTable } from '../config/settings.js';
import { ROOT } from '../dataset/paths.js';
import { panelCodebookDocument } from '../queries/panel-table.js';

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
writeFileSync(resolve(ROOT, 'docs/PANEL-CODEBOOK.md'), panelCodebookDocument());
console.log('README.md: Configure table written; docs/PANEL-CODEBOOK.md written');
