/**
 * The panel as a flat table: its columns, each with the description the codebook prints
 * (docs/PANEL-CODEBOOK.md is written from this list by `npm run docs:panel`, and a test compares),
 * and its rows as plain values for CSV and JSON.
 */
import type { ReadModel } from '../graph/read-model.js';
import { AID_KINDS, DONATION_KINDS, yuanOf, type PanelKind, type PanelRow } from './panel.js';

export type Cell = string | number | boolean | null;

interface Column {
  name: string;
  type: 'text' | 'integer' | 'boolean';
  description: string;
  value(row: PanelRow, names: NameOf): Cell;
}

type NameOf = (id: string) => { name: string | null; code: string | null };

const ids = (list: readonly string[]) => list.join(' ');
const kindLabel = (k: PanelKind) => k.replace(/-/g, ' ');

const side = (which: 'supporter' | 'supported', what: string): Column[] => [
  {
    name: `${which}_id`,
    type: 'text',
    description: `The ${what}'s id in this dataset (gb:<code>@<snapshot> for a coded division).`,
    value: (r) => (which === 'supporter' ? r.supporterId : r.supportedId),
  },
  {
    name: `${which}_code`,
    type: 'text',
    description: `The ${what}'s GB/T 2260 division code, as text (leading digits kept); empty for an organisation.`,
    value: (r, names) => names(which === 'supporter' ? r.supporterId : r.supportedId).code,
  },
  {
    name: `${which}_name`,
    type: 'text',
    description: `The ${what}'s English name.`,
    value: (r, names) => names(which === 'supporter' ? r.supporterId : r.supportedId).name,
  },
];

export const PANEL_COLUMNS: Column[] = [
  ...side('supporter', 'supporting (eastern) side'),
  ...side('supported', 'supported (western) side'),
  { name: 'level', type: 'text', description: 'The pairing level: province, city, county or mixed.', value: (r) => r.level },
  { name: 'year', type: 'integer', description: 'The calendar year of the row.', value: (r) => r.year },
  {
    name: 'in_force',
    type: 'boolean',
    description:
      'Whether a pairing of the two was in force that year: begun by then (or no start given) and not ended before it; replaced and ended pairings stop in the year the text gives, else the year their chapter reports on.',
    value: (r) => r.inForce,
  },
  {
    name: 'status',
    type: 'text',
    description:
      "The statuses the chapters give the pair's pairings in force that year (active, new, extended, replaced, ended), space-separated.",
    value: (r) => r.statuses.join(' '),
  },
  {
    name: 'pairing_ids',
    type: 'text',
    description: 'The pairing records in force that year, space-separated.',
    value: (r) => ids(r.pairingIds),
  },
  {
    name: 'yuan_aid_total',
    type: 'integer',
    description:
      'Yuan given from the supporting side to the supported side that year, every kind but investment (business investment is yuan_investment, kept apart).',
    value: (r) => yuanOf(r, AID_KINDS),
  },
  ...DONATION_KINDS.flatMap((k): Column[] => [
    {
      name: `yuan_${k.replace(/-/g, '_')}`,
      type: 'integer',
      description: `Yuan of the kind "${kindLabel(k)}".`,
      value: (r) => r.yuan.get(k) ?? 0,
    },
    {
      name: `donation_ids_${k.replace(/-/g, '_')}`,
      type: 'text',
      description: `The donation records behind yuan_${k.replace(/-/g, '_')} (those without a stated amount included), space-separated.`,
      value: (r) => ids(r.donationIdsByKind.get(k) ?? []),
    },
  ]),
  {
    name: 'donation_count',
    type: 'integer',
    description: 'Donation records counted in the row (shares of a stated total and restatements are left out, so money counts once).',
    value: (r) => r.donationIds.length,
  },
  {
    name: 'donation_ids',
    type: 'text',
    description: 'Every donation record counted in the row, space-separated.',
    value: (r) => ids(r.donationIds),
  },
  {
    name: 'yuan_promised',
    type: 'integer',
    description:
      'Yuan promised that year — planned, agreed or signed — from the supporting side to the supported side: not given, never part of the yuan columns above (shares of a larger commitment left out).',
    value: (r) => r.promisedYuan,
  },
  {
    name: 'commitment_ids',
    type: 'text',
    description: 'The commitment records behind yuan_promised, space-separated.',
    value: (r) => ids(r.commitmentIds),
  },
  {
    name: 'visits_east_to_west',
    type: 'integer',
    description: 'Visits by officials or delegations of the supporting side to the supported side that year.',
    value: (r) => r.visitsEastToWest.length,
  },
  {
    name: 'visit_ids_east_to_west',
    type: 'text',
    description: 'The visit records behind visits_east_to_west, space-separated.',
    value: (r) => ids(r.visitsEastToWest),
  },
  {
    name: 'visits_west_to_east',
    type: 'integer',
    description: 'Visits by officials or delegations of the supported side to the supporting side that year.',
    value: (r) => r.visitsWestToEast.length,
  },
  {
    name: 'visit_ids_west_to_east',
    type: 'text',
    description: 'The visit records behind visits_west_to_east, space-separated.',
    value: (r) => ids(r.visitsWestToEast),
  },
  {
    name: 'meetings',
    type: 'integer',
    description: 'Meetings (joint conferences, talks) that year with both sides among hosts, guests or venue.',
    value: (r) => r.meetingIds.length,
  },
  {
    name: 'meeting_ids',
    type: 'text',
    description: 'The meeting records behind meetings, space-separated.',
    value: (r) => ids(r.meetingIds),
  },
  {
    name: 'agreements',
    type: 'integer',
    description: 'Agreements signed that year with both sides among the parties.',
    value: (r) => r.agreementIds.length,
  },
  {
    name: 'agreement_ids',
    type: 'text',
    description: 'The agreement records behind agreements, space-separated.',
    value: (r) => ids(r.agreementIds),
  },
];

/** Names and codes off the read model's node cards. */
export function namesFrom(model: ReadModel): NameOf {
  return (id) => {
    const n = model.topology.indexOf(id);
    return n < 0 ? { name: null, code: null } : { name: model.cards.str(n, 'name'), code: model.cards.str(n, 'code') };
  };
}

/** The rows as records of column name → value. */
export function panelRecords(rows: readonly PanelRow[], names: NameOf): Record<string, Cell>[] {
  return rows.map((r) => Object.fromEntries(PANEL_COLUMNS.map((c) => [c.name, c.value(r, names)])));
}

/** The codebook: every column, its type and what it means. */
export function panelCodebook(): string {
  return [
    '| column | type | meaning |',
    '|---|---|---|',
    ...PANEL_COLUMNS.map((c) => `| \`${c.name}\` | ${c.type} | ${c.description.replace(/\|/g, '\\|')} |`),
  ].join('\n');
}

/** docs/PANEL-CODEBOOK.md, whole. */
export function panelCodebookDocument(): string {
  return `# The pair × year panel: codebook

\`GET /export/panel.csv\` and \`GET /export/panel.json\` (and \`panel\` in GraphQL) give one row per
supporter–supported pair and year. This file is written from the code that makes the rows
(\`npm run docs:tables\`); a test keeps the two in step.

- **A pair** is a supporting (eastern) and a supported (western) side joined by at least one
  pairing record. **A side** is the place itself, every place inside it, and the organisations,
  enterprises, projects and officials based in or holding a post in them.
- **A row** is a pair and a year in the range asked for (by default the years the chapters report
  on, 2010–2012) in which a pairing of the two was in force or any fact joins the two sides.
- **A fact counts for a pair** when its two ends lie on the pair's two sides: a donation from the
  supporting side to the supported side; a visit either way; a meeting or agreement with both sides
  among those present or the parties. A fact so counts for a province pair and for a city or county
  pair inside it: **sum the rows of one level at a time**.
- **Money counts once**: shares of a stated total and restatements of another record are left out,
  as in the API's totals. Amounts are whole yuan. Aid and business investment are kept apart
  (\`yuan_aid_total\`, \`yuan_investment\`).
- **Every cell can be traced**: the \`*_ids\` columns name the records behind it; each record has its
  quote, document and character range in the API (\`node(id: …) { … provenance { quote citation } }\`).
- **Files**: UTF-8 without a byte-order mark, comma-separated, a header row, RFC 4180 quoting; GB
  codes are text (keep them as strings); booleans are \`true\`/\`false\`; lists of ids are
  space-separated. The JSON has \`columns\` (name, type, description) and \`rows\` (objects).

Reading it:

\`\`\`r
panel <- read.csv("pairing-graph-panel.csv", encoding = "UTF-8", colClasses = c(supporter_code = "character", supported_code = "character"))
\`\`\`

\`\`\`python
panel = pandas.read_csv("pairing-graph-panel.csv", dtype={"supporter_code": str, "supported_code": str})
\`\`\`

\`\`\`stata
import delimited "pairing-graph-panel.csv", encoding(utf-8) stringcols(2 5) clear
\`\`\`

## Columns

${panelCodebook()}
`;
}
