/** Per-request context: the store's loaders, fresh for every request so nothing is cached across users. */
import type { Loaders } from './loaders.js';
import type { ApiServices } from './services.js';
import { WorkBudget } from './budget.js';

export interface ApiContext {
  loaders: Loaders;
  services: ApiServices;
  /** What the request may still spend: set once its cost is known (limits.ts, known-operations.ts). */
  budget?: WorkBudget;
}

/** The request's budget (a request whose cost was not worked out, such as a test's, starts with all of it). */
export function requestBudget(ctx: ApiContext): WorkBudget {
  return (ctx.budget ??= new WorkBudget());
}
