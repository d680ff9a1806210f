/** The whole resolver map. */
import type { Resolvers } from '../../generated/graphql.js';
import { actorResolvers } from './actors.js';
import { eventResolvers } from './events.js';
import { queryResolvers } from './query.js';
import { typeResolvers } from './types.js';
import { PartialDate, Yuan } from './scalars.js';
import { visualResolvers } from './visual.js';

export const resolvers: Resolvers = {
  Yuan,
  PartialDate,
  ...typeResolvers,
  ...actorResolvers,
  ...eventResolvers,
  ...queryResolvers,
  ...visualResolvers,
  Query: { ...queryResolvers.Query, ...visualResolvers.Query },
};
