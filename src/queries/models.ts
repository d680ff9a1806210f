/**
 * What resolvers pass between each other (codegen's "mappers"): graph nodes as the store returns
 * them, and the few derived shapes the API builds.
 */
import type { GraphNode } from '../store/graph-store.js';
import type { Value } from '../store/session.js';

export type NodeModel = GraphNode;

export interface PairingModel {
  id: string;
  supporterId: string;
  supportedId: string;
  props: Record<string, Value>;
}

export interface ProvenanceModel {
  doc: string;
  start: number;
  end: number;
  quote: string;
}

export interface MoneyModel {
  yuan: number;
  text: string;
}

export interface DateSpanModel {
  start: string;
  end: string | null;
  precision: string;
  text: string;
}

export interface ConnectionModel<T> {
  items: T[];
  /** Position of the first item in the full ordered list (cursors are positions). */
  offset: number;
  totalCount: number;
  /** Sum of yuan over the whole list, for donation connections. */
  totalYuan?: number;
}

/** A group of donation totals (see donation-query.ts). */
export type { DonationTotal as DonationTotalModel } from './donation-query.js';

export interface SearchHitModel {
  node: GraphNode;
  score: number;
  matched: string;
}

export interface PathStepModel {
  relation: string;
  forward: boolean;
  fromId: string;
  toId: string;
  provenance: ProvenanceModel | null;
}

export interface PathModel {
  nodeIds: string[];
  steps: PathStepModel[];
}

/** What the dataset holds for a year or a place (coverage.ts). */
export interface CoverageModel {
  covered: boolean;
  documents: DocumentModel[];
  note: string;
}

export type PairingChangeKind = 'added' | 'extended' | 'replaced' | 'ended';

/** A change to a pairing as a chapter reports it (pairing-history.ts). */
export interface PairingChangeModel {
  kind: PairingChangeKind;
  year: number;
  /** Whether the year is the text's own rather than its chapter's. */
  yearStated: boolean;
  pairing: PairingModel;
}

/** A place's stated total of aid beside its itemised donations (reconciliation.ts). */
export interface ReconciliationModel {
  placeId: string;
  year: number;
  totals: import('./reconciliation.js').StatedTotalModel[];
  stated: NodeModel[];
  statedTotal: number | null;
  given: import('./reconciliation.js').ItemisedModel;
  received: import('./reconciliation.js').ItemisedModel;
  note: string;
}

/** A year's pairings in force (resolved lazily: count and page from the same list). */
export interface PairingMapModel {
  asOf: number;
  pairings: PairingModel[];
}

export interface DocumentModel {
  doc: string;
  year: number;
  title: string;
}
