/**
 * The dataset's record types: the one source of truth for what a record may hold.
 * The validator, the loaders and the generated JSON Schema all derive from these.
 */
import { z } from 'zod';
import { Level, Successor } from './gazetteer/division.js';

/** A document of seeds/sources, named by its file stem (e.g. "004_f2551533dc273a48"). */
export const DocId = z.string().regex(/^\d{3}_[0-9a-f]{16}$/, 'a source file stem such as 004_f2551533dc273a48');

/** Where a fact is stated: `quote` is exactly `text.slice(start, end)` of the document (UTF-16 offsets). */
export const Source = z
  .object({
    doc: DocId,
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    quote: z.string().min(8),
  })
  .strict();
export type Source = z.infer<typeof Source>;

const Year = z.number().int().min(1949).max(2030);

/** Id prefixes tell what an id names, so references can be checked without a lookup. */
export const ID_PATTERNS = {
  place: /^(gb:\d{6}@\d{6}|place:[a-z0-9-]+)$/,
  official: /^person:[a-z0-9-]+$/,
  organisation: /^org:[a-z0-9-]+$/,
  enterprise: /^ent:[a-z0-9-]+$/,
  project: /^proj:[a-z0-9-]+$/,
} as const;

const PlaceId = z.string().regex(ID_PATTERNS.place, 'a place id: gb:<code>@<revision> or place:<slug>');
const OfficialId = z.string().regex(ID_PATTERNS.official, 'an official id: person:<slug>');
const OrganisationId = z.string().regex(ID_PATTERNS.organisation, 'an organisation id: org:<slug>');
const EnterpriseId = z.string().regex(ID_PATTERNS.enterprise, 'an enterprise id: ent:<slug>');
const ProjectId = z.string().regex(ID_PATTERNS.project, 'a project id: proj:<slug>');
/** Anything that can give, receive, host or send: a place, an organisation, an enterprise or a person. */
export const ActorId = z.union([PlaceId, OrganisationId, EnterpriseId, OfficialId]);
/** What a donation can go to: an actor or a project. */
const RecipientId = z.union([PlaceId, OrganisationId, EnterpriseId, OfficialId, ProjectId]);

const Slug = (prefix: string) => z.string().regex(new RegExp(`^${prefix}:[a-z0-9-]+$`), `an id ${prefix}:<slug>`);

/** A date as precise as the text: "2012" (year), "2012-08" (month) or "2012-08-05" (day). */
export const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
export const PartialDate = z.string().regex(PARTIAL_DATE, 'yyyy, yyyy-mm or yyyy-mm-dd');
export const DateSpan = z
  .object({
    start: PartialDate,
    /** Last day/month of a range ("August 5 to 8" → start 2012-08-05, end 2012-08-08). */
    end: PartialDate.optional(),
    precision: z.enum(['year', 'month', 'day']),
    /** The date as the text writes it. */
    text: z.string().min(1),
  })
  .strict();
export type DateSpan = z.infer<typeof DateSpan>;

export const PlaceKind = z.enum([
  'province',
  'autonomous-region',
  'special-administrative-region',
  'municipality',
  'prefecture-level-city',
  'prefecture',
  'league',
  'autonomous-prefecture',
  'county',
  'autonomous-county',
  'district',
  'banner',
  'autonomous-banner',
  'county-level-city',
  'special-district',
  'forestry-district',
  'town',
  'township',
  'village',
  'zone',
  'region',
  'other',
]);

export const Place = z
  .object({
    id: PlaceId,
    /** English name as the texts write it most often (the gazetteer form when they do not name it). */
    name: z.string().min(1),
    /** The gazetteer's standard English name (pinyin + suffix), for coded divisions. */
    standardName: z.string().optional(),
    kind: PlaceKind,
    level: Level,
    parentId: PlaceId.nullable(),
    zh: z.string().nullable(),
    /** GB/T 2260 code (6 digits); towns and villages: the 2023 statistical code (9 or 12 digits) where the name still stands. */
    code: z
      .string()
      .regex(/^(\d{6}|\d{9}|\d{12})$/)
      .nullable(),
    /** The snapshot the code comes from: yyyymm of GB/T 2260, or 2023 for town and village codes. */
    revision: z.string().nullable(),
    /** Every other spelling seen in the texts, typos included. */
    aliases: z.array(z.string()),
    successors: z.array(Successor).optional(),
    /** Non-coded places cite the sentence that names them. */
    source: Source.optional(),
  })
  .strict();
export type Place = z.infer<typeof Place>;

export const Title = z
  .object({
    title: z.string().min(1),
    /** The region the title is held in (e.g. the province of a provincial governor). */
    placeId: PlaceId.optional(),
    organisationId: OrganisationId.optional(),
    year: Year,
    source: Source,
  })
  .strict();

export const Official = z
  .object({
    id: OfficialId,
    name: z.string().min(1),
    aliases: z.array(z.string()),
    titles: z.array(Title).min(1),
  })
  .strict();
export type Official = z.infer<typeof Official>;

export const OrganisationKind = z.enum([
  'government',
  'party-committee',
  'people-congress',
  'cppcc',
  'department',
  'office',
  'leading-group',
  'school',
  'university',
  'hospital',
  'foundation',
  'association',
  'media',
  'military',
  'research',
  'trade-union',
  'youth-league',
  'womens-federation',
  'chamber-of-commerce',
  'other',
]);

export const Organisation = z
  .object({
    id: OrganisationId,
    name: z.string().min(1),
    aliases: z.array(z.string()),
    kind: OrganisationKind,
    placeId: PlaceId.nullable(),
    parentId: OrganisationId.optional(),
    source: Source,
  })
  .strict();
export type Organisation = z.infer<typeof Organisation>;

export const Enterprise = z
  .object({
    id: EnterpriseId,
    name: z.string().min(1),
    aliases: z.array(z.string()),
    /** Where the company is based, when the text says or the name makes plain. */
    homePlaceId: PlaceId.nullable(),
    sector: z.string().optional(),
    source: Source,
  })
  .strict();
export type Enterprise = z.infer<typeof Enterprise>;

/** Money as the text states it: exact integer yuan and the words it was written in. */
export const Amount = z
  .object({
    yuan: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    /** Verbatim, inside the record's quote: "8.58 million yuan", "RMB 200,000". */
    text: z.string().min(1),
  })
  .strict();
export type Amount = z.infer<typeof Amount>;

export const ProjectCategory = z.enum([
  'school',
  'hospital',
  'infrastructure',
  'road',
  'water',
  'housing',
  'industrial-park',
  'agriculture',
  'industry',
  'tourism',
  'training',
  'labour',
  'village-development',
  'relocation',
  'culture',
  'programme',
  'reconstruction',
  'market',
  'other',
]);

export const Project = z
  .object({
    id: ProjectId,
    name: z.string().min(1),
    aliases: z.array(z.string()),
    category: ProjectCategory,
    placeId: PlaceId.nullable(),
    year: Year.optional(),
    amount: Amount.optional(),
    /** Who builds, runs or funds it, as the text says. */
    sponsorIds: z.array(ActorId).optional(),
    description: z.string().optional(),
    source: Source,
  })
  .strict();
export type Project = z.infer<typeof Project>;

/**
 * How a fact was read from its quote (seeds/ANNOTATING.md): `stated` — the sentence says all of it;
 * `section` — an actor is supplied by the section or paragraph; `list-order` — two lists matched by
 * their order; `inferred` — anything else the record adds to its quote.
 */
export const Evidence = z.enum(['stated', 'section', 'list-order', 'inferred']);
export type Evidence = z.infer<typeof Evidence>;

/** Every fact record says how it was read; anything but `stated` says what was added, and from where. */
const evidenceFields = {
  evidence: Evidence,
  /** One line: what the record adds to its quote and where it comes from. Required unless `stated`. */
  evidenceNote: z.string().min(1).optional(),
};

export const PairingLevel = z.enum(['province', 'city', 'county', 'mixed']);

export const Pairing = z
  .object({
    id: Slug('pairing'),
    supporterId: ActorId,
    supportedId: z.union([PlaceId, OrganisationId]),
    level: PairingLevel,
    /** First and last year the text says it is in force (open-ended when `to` is absent). */
    from: Year.optional(),
    to: Year.optional(),
    /** The circular, agreement or decision named as its basis. */
    basis: z.string().optional(),
    status: z.enum(['active', 'replaced', 'extended', 'new', 'ended']),
    /** What the pairing covers, as the text words it ("the key counties … in Chongqing"). */
    scope: z.string().optional(),
    replacedBy: Slug('pairing').optional(),
    ...evidenceFields,
    source: Source,
  })
  .strict();
export type Pairing = z.infer<typeof Pairing>;

export const DonationKind = z.enum([
  'government-aid',
  'social-cash',
  'in-kind',
  'cash-and-kind',
  'investment',
  'loan-interest-subsidy',
  'relief-fund',
  'special-fund',
  'project-fund',
  'scholarship',
  'other',
]);

export const Donation = z
  .object({
    id: Slug('donation'),
    donorIds: z.array(ActorId).min(1),
    recipientIds: z.array(RecipientId).min(1),
    /** Absent when the text gives no value (e.g. equipment donated, unpriced). */
    amount: Amount.optional(),
    kind: DonationKind,
    year: Year,
    date: DateSpan.optional(),
    purpose: z.string().optional(),
    /** What was given, for donations in kind ("medical equipment"). */
    items: z.string().optional(),
    projectId: ProjectId.optional(),
    /** A share of a larger donation the text also states ("of which 500,000 yuan for …"): totals count it once. */
    partOfId: Slug('donation').optional(),
    /** The same money as another donation record, stated again elsewhere in the texts: totals count it once. */
    restatesId: Slug('donation').optional(),
    ...evidenceFields,
    source: Source,
  })
  .strict();
export type Donation = z.infer<typeof Donation>;

export const Visit = z
  .object({
    id: Slug('visit'),
    /** The officials named as going (the head included). */
    visitorIds: z.array(OfficialId),
    headId: OfficialId.optional(),
    /** The delegation as the text describes it ("a party and government delegation of Gansu Province"). */
    delegation: z.string().optional(),
    /** Who sent the visit: a place or an organisation. */
    fromId: z.union([PlaceId, OrganisationId, EnterpriseId]).optional(),
    destinationIds: z.array(PlaceId).min(1),
    date: DateSpan,
    purpose: z.string().optional(),
    ...evidenceFields,
    source: Source,
  })
  .strict();
export type Visit = z.infer<typeof Visit>;

export const Meeting = z
  .object({
    id: Slug('meeting'),
    kind: z.enum(['meeting', 'reception', 'forum', 'conference', 'signing', 'talks', 'other']),
    /** Forums and conferences have a name; receptions usually do not. */
    name: z.string().optional(),
    /** Who received, hosted or met (officials, organisations or places). */
    hostIds: z.array(ActorId),
    /** Who was received or attended. */
    guestIds: z.array(ActorId),
    placeId: PlaceId.optional(),
    date: DateSpan.optional(),
    visitId: Slug('visit').optional(),
    topic: z.string().optional(),
    ...evidenceFields,
    source: Source,
  })
  .strict();
export type Meeting = z.infer<typeof Meeting>;

export const Agreement = z
  .object({
    id: Slug('agreement'),
    name: z.string().min(1),
    kind: z.enum(['agreement', 'memorandum', 'circular', 'plan', 'programme', 'framework', 'other']),
    partyIds: z.array(ActorId),
    date: DateSpan.optional(),
    /** What it provides, as the text lists it. */
    terms: z.string().optional(),
    ...evidenceFields,
    source: Source,
  })
  .strict();
export type Agreement = z.infer<typeof Agreement>;

/**
 * How far money promised had got when the text speaks of it: `planned` — a plan, target or intention
 * ("planned to invest", "shall increase to"); `agreed` — an allocation both sides agreed or a giver
 * undertook ("made clear the allocation of", "determined to continue to allocate"); `signed` — deals
 * or contracts signed, with the investment they are worth.
 */
export const CommitmentStage = z.enum(['planned', 'agreed', 'signed']);

/**
 * Money promised rather than given: never summed into donations. Kept so that planned and realised
 * can be read side by side where the text states both.
 */
export const Commitment = z
  .object({
    id: Slug('commitment'),
    /** Who promises: the bodies named, or the place of unnamed investors (`evidence` `inferred`). */
    giverIds: z.array(ActorId).min(1),
    recipientIds: z.array(RecipientId).min(1),
    amount: Amount,
    /** `government-aid`, `social-cash`, `investment`, … as for donations. */
    kind: DonationKind,
    stage: CommitmentStage,
    /** The year the plan, agreement or deal was made. */
    year: Year,
    date: DateSpan.optional(),
    /** The year the amount is meant to be reached by ("by 2015"). */
    byYear: Year.optional(),
    /** The amount is promised for every year ("10 million yuan every year"). */
    yearly: z.boolean().optional(),
    purpose: z.string().optional(),
    projectId: ProjectId.optional(),
    /** A share of a larger commitment the text also states ("of which four projects worth …"): totals count it once. */
    partOfId: Slug('commitment').optional(),
    /** Donations or statistics the text itself gives as what came of it ("actually invested 198.28 billion yuan"). */
    realisedIds: z.array(z.union([Slug('donation'), Slug('stat')])).optional(),
    ...evidenceFields,
    source: Source,
  })
  .strict();
export type Commitment = z.infer<typeof Commitment>;

/** An aggregate figure (national or regional totals): kept apart from donations, never summed into them. */
export const Statistic = z
  .object({
    id: Slug('stat'),
    scopeId: z.union([PlaceId, OrganisationId]).nullable(),
    /** Who the figure is about when it is not one place ("eastern provinces and municipalities"). */
    scopeText: z.string(),
    year: Year,
    metric: z.string().regex(/^[a-z0-9-]+$/),
    value: z.number().nonnegative(),
    unit: z.string().min(1),
    /** Verbatim, inside the quote. */
    text: z.string().min(1),
    ...evidenceFields,
    source: Source,
  })
  .strict();
export type Statistic = z.infer<typeof Statistic>;

/**
 * A place named in a source text (every spelling, every occurrence), and what it was resolved to.
 * Generated by the merge from the gazetteer, the places and the annotators' decisions.
 */
export const PlaceMention = z
  .object({
    id: z.string().regex(/^mention:\d{3}-\d+$/, 'mention:<doc number>-<offset>'),
    /** null when the mention could not be resolved (see `reason`). */
    placeId: PlaceId.nullable(),
    method: z.enum([
      'unique',
      'annotated',
      'exact-name',
      'province-list',
      'parent-nearby',
      'containing',
      'section',
      'dataset',
      'unresolved',
      'doubtful',
    ]),
    candidates: z.array(PlaceId),
    reason: z.string().optional(),
    /** The spelling itself is the quote. */
    source: Source.extend({ quote: z.string().min(2) }).strict(),
  })
  .strict();
export type PlaceMention = z.infer<typeof PlaceMention>;

/** Every record type, the file it lives in, and its schema. */
export const RECORD_TYPES = {
  place: { file: 'places.jsonl', schema: Place },
  official: { file: 'officials.jsonl', schema: Official },
  organisation: { file: 'organisations.jsonl', schema: Organisation },
  enterprise: { file: 'enterprises.jsonl', schema: Enterprise },
  project: { file: 'projects.jsonl', schema: Project },
  agreement: { file: 'agreements.jsonl', schema: Agreement },
  pairing: { file: 'pairings.jsonl', schema: Pairing },
  donation: { file: 'donations.jsonl', schema: Donation },
  commitment: { file: 'commitments.jsonl', schema: Commitment },
  visit: { file: 'visits.jsonl', schema: Visit },
  meeting: { file: 'meetings.jsonl', schema: Meeting },
  statistic: { file: 'statistics.jsonl', schema: Statistic },
  placeMention: { file: 'place-mentions.jsonl', schema: PlaceMention },
} as const;
export type RecordType = keyof typeof RECORD_TYPES;
export const RECORD_TYPE_NAMES = Object.keys(RECORD_TYPES) as RecordType[];

export interface Dataset {
  place: Place[];
  official: Official[];
  organisation: Organisation[];
  enterprise: Enterprise[];
  project: Project[];
  agreement: Agreement[];
  pairing: Pairing[];
  donation: Donation[];
  commitment: Commitment[];
  visit: Visit[];
  meeting: Meeting[];
  statistic: Statistic[];
  placeMention: PlaceMention[];
}
