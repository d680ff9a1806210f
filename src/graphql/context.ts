/** Per-request context: the graph as this request reads it (fresh loaders, so nothing is kept across users). */
import type { ApiServices } from './services.js';
import { WorkBudget } from './budget.js';
import { GraphAccess } from './graph-access.js';

export interface ApiContext {
  graph: GraphAccess;
  services: ApiServices;
  /** What the request may still spend: set once its cost is known (limits.ts). */
  budget?: WorkBudget;
  /** Filled in as the request ends, for the server's log and metrics (server/request-record.ts). */
  report?: RequestReport;
}

export interface RequestReport {
  operation?: string | null;
  /** ok, or the first error's code. */
  outcome?: string;
  /** The work it was priced at (what its budget spent). */
  cost?: number;
}

export function createContext(services: ApiServices): ApiContext {
  return { graph: new GraphAccess(services), services };
}

/** The request's budget (a request whose cost was not worked out, such as a test's, starts with all of it). */
export function requestBudget(ctx: ApiContext): WorkBudget {
  return (ctx.budget ??= new WorkBudget());
}
