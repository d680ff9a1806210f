/**
 * A request's work budget. The operation's cost, worked out from its arguments before it runs
 * (cost.ts), is spent first; work whose size is known only once the data is read — laying out a
 * neighbourhood, writing an export file — is priced on the real graph just before it runs and
 * spent from what is left. Nothing runs that would take the request past the limit.
 */
import { GraphQLError } from 'graphql';
import { MAX_COST } from './cost.js';

export class WorkBudget {
  constructor(
    public spent = 0,
    readonly limit = MAX_COST,
  ) {}

  /** Spends `units` on `what`, or throws QUERY_TOO_COSTLY (and spends nothing) if they do not fit. */
  charge(units: number, what: string): void {
    const cost = Math.ceil(units);
    if (this.spent + cost > this.limit) {
      throw new GraphQLError(
        `${what} would cost ${cost}, and this request has ${Math.max(0, this.limit - this.spent)} of its ${this.limit} left: ask for a smaller subgraph (fewer seeds or hops, lower perNodeLimit or layoutIterations) or fewer exports`,
        {
          extensions: { code: 'QUERY_TOO_COSTLY', cost: this.spent + cost, maxCost: this.limit },
        },
      );
    }
    this.spent += cost;
  }
}
