/**
 * The dataset's values (kebab-case: "government-aid") as the schema's enum values (GOVERNMENT_AID),
 * typed from the generated unions. Each list names every value of its union (checked by
 * `satisfies` one way and `Exhaustive` the other), so a value the schema does not list is an error
 * naming the value, not a response the schema cannot describe.
 */
import type {
  CommitmentStage,
  DatePrecision,
  DonationKind,
  Evidence,
  PairingChangeKind,
  PairingLevel,
  PairingStatus,
  PlaceLevel,
} from '../generated/graphql.js';

/** Compiles only when `List` names every member of `Union`. */
type Exhaustive<Union extends string, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never] ? List : never;

const DONATION_KINDS = [
  'CASH_AND_KIND',
  'GOVERNMENT_AID',
  'INVESTMENT',
  'IN_KIND',
  'LOAN_INTEREST_SUBSIDY',
  'OTHER',
  'PROJECT_FUND',
  'RELIEF_FUND',
  'SCHOLARSHIP',
  'SOCIAL_CASH',
  'SPECIAL_FUND',
] as const satisfies readonly DonationKind[];
const PAIRING_LEVELS = ['CITY', 'COUNTY', 'MIXED', 'PROVINCE'] as const satisfies readonly PairingLevel[];
const PAIRING_STATUSES = ['ACTIVE', 'ENDED', 'EXTENDED', 'NEW', 'REPLACED'] as const satisfies readonly PairingStatus[];
const PLACE_LEVELS = ['COUNTY', 'OTHER', 'PREFECTURE', 'PROVINCE', 'TOWNSHIP', 'VILLAGE'] as const satisfies readonly PlaceLevel[];
const DATE_PRECISIONS = ['DAY', 'MONTH', 'YEAR'] as const satisfies readonly DatePrecision[];
const EVIDENCE = ['INFERRED', 'LIST_ORDER', 'SECTION', 'STATED'] as const satisfies readonly Evidence[];
const COMMITMENT_STAGES = ['AGREED', 'PLANNED', 'SIGNED'] as const satisfies readonly CommitmentStage[];
const PAIRING_CHANGE_KINDS = ['ADDED', 'ENDED', 'EXTENDED', 'REPLACED'] as const satisfies readonly PairingChangeKind[];

function enumOf<U extends string, L extends readonly U[]>(name: string, values: Exhaustive<U, L>) {
  const allowed = new Set<string>(values);
  return (raw: string): U => {
    const v = raw.toUpperCase().replace(/-/g, '_');
    if (!allowed.has(v)) throw new Error(`the dataset holds ${name} "${raw}", which the schema does not list`);
    return v as U;
  };
}

export const donationKind = enumOf<DonationKind, typeof DONATION_KINDS>('donation kind', DONATION_KINDS);
export const pairingLevel = enumOf<PairingLevel, typeof PAIRING_LEVELS>('pairing level', PAIRING_LEVELS);
export const pairingStatus = enumOf<PairingStatus, typeof PAIRING_STATUSES>('pairing status', PAIRING_STATUSES);
export const placeLevel = enumOf<PlaceLevel, typeof PLACE_LEVELS>('place level', PLACE_LEVELS);
export const datePrecision = enumOf<DatePrecision, typeof DATE_PRECISIONS>('date precision', DATE_PRECISIONS);
export const evidence = enumOf<Evidence, typeof EVIDENCE>('evidence', EVIDENCE);
export const pairingChangeKind = enumOf<PairingChangeKind, typeof PAIRING_CHANGE_KINDS>('pairing change', PAIRING_CHANGE_KINDS);
export const commitmentStage = enumOf<CommitmentStage, typeof COMMITMENT_STAGES>('commitment stage', COMMITMENT_STAGES);
