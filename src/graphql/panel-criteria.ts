/** The panel's filter, from GraphQL arguments or an export URL's parameters, checked the same way. */
import type { PanelFilter } from '../generated/graphql.js';
import type { PanelCriteria } from '../queries/panel.js';
import { fromEnum } from '../queries/props.js';
import type { ApiContext } from './context.js';
import { badInput } from './errors.js';
import { isNodeId } from './ids.js';

function checkYear(year: number, argument: string): void {
  if (!Number.isInteger(year) || year < 1949 || year > 2100)
    throw badInput(`${argument} must be a year from 1949 to 2100 (got ${year})`, argument);
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
