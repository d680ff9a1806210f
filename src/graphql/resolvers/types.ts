/** Which concrete type an interface or union value is: the store's type label names it. */
import type { Resolvers } from '../../generated/graphql.js';
import type { GraphNode } from '../../store/graph-store.js';
import type { ConnectionModel, PairingModel } from '../../queries/models.js';
import { connectionResolvers } from '../pagination.js';

const byLabel = (n: GraphNode | PairingModel) => ('label' in n ? n.label : 'Pairing') as never;

/** A connection that also sums the yuan of every match. */
const withTotalYuan = { ...connectionResolvers, totalYuan: (c: ConnectionModel<unknown>) => c.totalYuan ?? 0 };

export const typeResolvers: Resolvers = {
  Node: { __resolveType: byLabel },
  Actor: { __resolveType: byLabel },
  DonationRecipient: { __resolveType: byLabel },
  SearchResult: { __resolveType: byLabel },
  RealisedAs: { __resolveType: byLabel },
  DonationConnection: withTotalYuan as never,
  PairingConnection: connectionResolvers as never,
  VisitConnection: connectionResolvers as never,
  PlaceConnection: connectionResolvers as never,
  ActorConnection: connectionResolvers as never,
  ProjectConnection: connectionResolvers as never,
  StatisticConnection: connectionResolvers as never,
  CommitmentConnection: withTotalYuan as never,
  PanelConnection: connectionResolvers as never,
};
