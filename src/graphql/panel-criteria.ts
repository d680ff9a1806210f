/** The panel's filter, from GraphQL arguments or an export URL's parameters, checked the same way. */
import type { PairingLevel, PanelFilter } from '../generated/graphql.js';
import type { PanelCriteria } from '../queries/panel.js';
import { fromEnum } from '../queries/props.js';
import type { ApiContext } from './context.js';
import { badInput, checkYear, cut } from './errors.js';
import { isNodeId } from './ids.js';

const LEVELS: readonly PairingLevel[] = ['PROVINCE', 'CITY', 'COUNTY', 'MIXED'];

/** The filter an export URL's parameters ask for: supporter, supported, includeDescendants, level (comma-separated), yearFrom, yearTo. */
export function panelFilterFromUrl(q: URLSearchParams): PanelFilter {
  const year = (name: string): number | undefined => {
    const raw = q.get(name);
    if (raw === null || raw === '') return undefined;
    if (!/^\d{4}$/.test(raw)) throw badInput(`${name} must be a four-digit year (got "${cut(raw, 40)}")`, name);
    return Number(raw);
  };
  const raw = q.get('level');
  const level = raw
    ? raw.split(',').map((l) => {
        const value = l.trim().toUpperCase() as PairingLevel;
        if (!LEVELS.includes(value))
          throw badInput(`level must be among ${LEVELS.join(', ').toLowerCase()} (got "${cut(l, 40)}")`, 'level');
        return value;
      })
    : undefined;
  return {
    supporter: q.get('supporter') || undefined,
    supported: q.get('supported') || undefined,
    includeDescendants: q.get('includeDescendants') === 'true',
    level,
    yearFrom: year('yearFrom'),
    yearTo: year('yearTo'),
  };
}

export function panelCriteria(ctx: ApiContext, f: PanelFilter | null | undefined): PanelCriteria {
  const years = ctx.services.documents.map((d) => d.year);
  const yearFrom = f?.yearFrom ?? Math.min(...years);
  const yearTo = f?.yearTo ?? Math.max(...years);
  checkYear(yearFrom, 'yearFrom');
  checkYear(yearTo, 'yearTo');
  if (yearFrom > yearTo) throw badInput(`yearFrom (${yearFrom}) is after yearTo (${yearTo})`, 'yearFrom');
  const side = (id: string | null | undefined, argument: string) => {
    if (id == null) return null;
    if (!isNodeId(id)) throw badInput(`${argument}: "${String(id).slice(0, 80)}" is not an id of this API`, argument);
    return ctx.graph.expand(id, f?.includeDescendants ?? false);
  };
  return {
    supporters: side(f?.supporter, 'supporter'),
    supported: side(f?.supported, 'supported'),
    levels: f?.level?.map(fromEnum),
    yearFrom,
    yearTo,
    documentYears: ctx.services.documentYears,
  };
}
