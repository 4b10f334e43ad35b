import * as z from 'zod';
import { EquityLeadStatusSchema } from '#domain/equity/lead.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { LeadStatusSchema } from '#domain/lead.ts';
import { ROLES } from '#domain/principal.ts';
import { ProductSchema } from '#domain/product.ts';
import { eventSchema } from './envelope.ts';

/**
 * Every event the platform emits, in one place. Adding an event type is one entry here:
 * its schema joins the union that the outbox validates every write against, its type
 * joins `EventType`, and docs/events.md is rendered from this list (`npm run docs:events`;
 * a test fails while the file is out of date).
 */
interface EventSpec<T extends string, V extends number, D extends z.ZodRawShape> {
  type: T;
  version: V;
  /** What `subject` holds. */
  subject: string;
  summary: string;
  /** Where it is written (module and function), always in the transaction of the change it describes. */
  producers: string[];
  /** Who reacts to it (filled in as consumers are built). */
  consumers: string[];
  /**
   * The fields of `detail` (no others are accepted), built on first use: a function reads or
   * writes few of the catalog's types, and building every type's schema at cold start took
   * ≈ 650 schema constructions in every function (docs/operations.md, Bundles and cold starts).
   */
  detail: () => D;
}

/** One event of the catalog: its spec, its `detail` fields and its envelope schema, both built when first read. */
type EventDefinition<T extends string, V extends number, D extends z.ZodRawShape> = Omit<
  EventSpec<T, V, D>,
  'detail'
> & {
  readonly detail: D;
  readonly schema: ReturnType<typeof eventSchema<T, V, D>>;
};

function defineEvent<T extends string, V extends number, D extends z.ZodRawShape>(
  spec: EventSpec<T, V, D>,
): EventDefinition<T, V, D> {
  const { detail, ...rest } = spec;
  let shape: D | undefined;
  let schema: ReturnType<typeof eventSchema<T, V, D>> | undefined;
  const detailShape = () => {
    shape ??= detail();
    return shape;
  };
  return Object.defineProperties(rest, {
    detail: { enumerable: true, get: detailShape },
    schema: {
      enumerable: true,
      get: () => {
        schema ??= eventSchema(spec.type, spec.version, detailShape());
        return schema;
      },
    },
  }) as EventDefinition<T, V, D>;
}

const Uscc = z.string().describe('统一社会信用代码 / the firm’s unified social credit code');
const RegionCode = z.string().describe('GB/T 2260 region code of the firm');

export const EVENTS = {
  FirmRegistered: defineEvent({
    type: 'FirmRegistered',
    version: 1,
    subject: 'uscc',
    summary: 'A firm registered (self sign-up or an operator’s import).',
    producers: ['usecases/firms.ts registerFirm'],
    consumers: [],
    detail: () => ({ uscc: Uscc, regionCode: RegionCode }),
  }),
  FirmCertificationsUpdated: defineEvent({
    type: 'FirmCertificationsUpdated',
    version: 1,
    subject: 'uscc',
    summary: 'A firm’s certificates were replaced as a whole.',
    producers: ['usecases/firms.ts replaceCertifications'],
    consumers: [],
    detail: () => ({ uscc: Uscc, count: z.number().int().describe('certificates now held') }),
  }),
  ProductPublished: defineEvent({
    type: 'ProductPublished',
    version: 1,
    subject: 'productId',
    summary:
      'A product went live (an operator approved it, or published a policy product of its region); open requests may now match it.',
    producers: ['usecases/product-workflow.ts createProduct, changeProductStatus (approve)'],
    consumers: [],
    detail: () => ({
      productId: z.string(),
      institutionId: z.string(),
      kind: z.string().describe('product kind (see domain/product.ts)'),
    }),
  }),
  ProductChanged: defineEvent({
    type: 'ProductChanged',
    version: 1,
    subject: 'productId',
    summary:
      'An operator amended a live policy product of its region in place; open requests are re-matched: new fits told, lost fits flagged.',
    producers: ['usecases/product-workflow.ts editProduct (a live product, by an operator)'],
    consumers: [],
    detail: () => ({
      productId: z.string(),
      institutionId: z.string(),
      kind: z.string().describe('product kind (see domain/product.ts)'),
      previous: ProductSchema.describe(
        'the product before the change: its rules find the requests that may lose it',
      ),
    }),
  }),
  ProductRetired: defineEvent({
    type: 'ProductRetired',
    version: 1,
    subject: 'productId',
    summary:
      'A live product left matching (retired, or suspended by an operator): the requests that matched it are re-matched, it is flagged lost where not yet sent, firms with an open lead on it are told; no new lead can reach it.',
    producers: ['usecases/product-workflow.ts changeProductStatus (retire or suspend a live product)'],
    consumers: [],
    detail: () => ({
      productId: z.string(),
      institutionId: z.string(),
      kind: z.string().describe('product kind (see domain/product.ts)'),
      action: z.enum(['retire', 'suspend']),
    }),
  }),
  RequestSubmitted: defineEvent({
    type: 'RequestSubmitted',
    version: 1,
    subject: 'requestId',
    summary: 'A firm submitted a funding request; its matches were stored with it.',
    producers: ['usecases/requests.ts submitRequest'],
    consumers: [],
    detail: () => ({
      requestId: z.string(),
      uscc: Uscc,
      regionCode: RegionCode,
      amountYuan: z.number().int(),
      purpose: z.string(),
      matchCount: z.number().int().describe('products matched on submission'),
    }),
  }),
  RequestSent: defineEvent({
    type: 'RequestSent',
    version: 1,
    subject: 'requestId',
    summary: 'The firm sent its request, with consent, to the institutions it picked.',
    producers: ['usecases/requests.ts sendRequest'],
    consumers: [],
    detail: () => ({
      requestId: z.string(),
      uscc: Uscc,
      institutionIds: z.array(z.string()).min(1).describe('institutions reached by this send'),
    }),
  }),
  RequestWithdrawn: defineEvent({
    type: 'RequestWithdrawn',
    version: 1,
    subject: 'requestId',
    summary: 'The firm withdrew its request; its open leads closed with it.',
    producers: ['usecases/requests.ts withdrawRequest'],
    consumers: [],
    detail: () => ({
      requestId: z.string(),
      uscc: Uscc,
      closedLeads: z.array(z.string()).describe('ids of the leads closed with it'),
    }),
  }),
  LeadStatusChanged: defineEvent({
    type: 'LeadStatusChanged',
    version: 1,
    subject: 'leadId',
    summary: 'A lead was created, moved through its state machine, or revealed to its institution.',
    producers: [
      'usecases/requests.ts sendRequest (from = null)',
      'usecases/leads.ts transitionLead',
      'usecases/leads.ts revealToInstitution (from = to)',
      'usecases/requests.ts withdrawRequest',
    ],
    consumers: [],
    detail: () => ({
      leadId: z.string(),
      requestId: z.string(),
      institutionId: z.string(),
      uscc: Uscc,
      regionCode: RegionCode,
      from: LeadStatusSchema.nullable().describe('status before; null for a new lead'),
      to: LeadStatusSchema.describe('status after'),
      version: z.number().int().min(1).describe('the lead’s version after the change'),
      action: z.string().describe('what was done: send, accept, decline, reveal, withdraw, …'),
      actorRole: z.enum(ROLES).describe('role of who did it'),
      respondBy: z.string().describe('date (Asia/Shanghai) by which the institution should answer'),
      revealed: z.boolean().optional().describe('true when the firm revealed its identity with this change'),
    }),
  }),
  SpecialistAssigned: defineEvent({
    type: 'SpecialistAssigned',
    version: 1,
    subject: 'uscc',
    summary: 'An operator assigned (or replaced) a firm’s service specialist.',
    producers: ['usecases/specialists.ts assignSpecialist'],
    consumers: [],
    detail: () => ({
      uscc: Uscc,
      specialistUserId: z.string(),
      regionDefault: z.boolean().optional().describe('true when an escalation assigned the region’s default'),
    }),
  }),
  DeadlineMissed: defineEvent({
    type: 'DeadlineMissed',
    version: 1,
    subject: 'leadId',
    summary:
      'A lead had no first answer by its deadline (level 1), or still none two business days later (level 2).',
    producers: [
      'usecases/backbone/timers/lead-deadline.ts fireLeadDeadline (the sweep, in the timer’s claim transaction)',
    ],
    consumers: [],
    detail: () => ({
      leadId: z.string(),
      requestId: z.string(),
      institutionId: z.string(),
      uscc: Uscc,
      regionCode: RegionCode,
      level: z.union([z.literal(1), z.literal(2)]).describe('1: to the specialist, 2: to the operators'),
      deadline: z.string().describe('the date (Asia/Shanghai) that passed'),
    }),
  }),
  CertificateExpired: defineEvent({
    type: 'CertificateExpired',
    version: 1,
    subject: 'uscc',
    summary: 'A firm’s certificate reached its expiry date and was not renewed.',
    producers: ['usecases/backbone/timers/certificate-expiry.ts fireCertificateExpiry (the sweep)'],
    consumers: [],
    detail: () => ({
      uscc: Uscc,
      certificate: z.string().describe('tier or label / level, e.g. little_giant/national'),
      expiresOn: z.string().describe('the expiry date (Asia/Shanghai)'),
    }),
  }),
  ProductDrafted: defineEvent({
    type: 'ProductDrafted',
    version: 1,
    subject: 'productId',
    summary: 'An institution’s officer drafted or edited a product (not yet matched).',
    producers: ['usecases/product-workflow.ts draftProduct, editProduct'],
    consumers: [],
    detail: () => ({ productId: z.string(), institutionId: z.string() }),
  }),
  ProductStatusChanged: defineEvent({
    type: 'ProductStatusChanged',
    version: 1,
    subject: 'productId',
    summary:
      'A product moved through its publishing workflow (submitted, approved, suspended, retired); approval also writes ProductPublished, retiring or suspending a live one ProductRetired.',
    producers: ['usecases/product-workflow.ts changeProductStatus'],
    consumers: [],
    detail: () => ({
      productId: z.string(),
      institutionId: z.string(),
      from: z.string().describe('status before'),
      to: z.string().describe('status after'),
      action: z.enum(['submit', 'approve', 'suspend', 'retire']),
      actorRole: z.enum(ROLES),
    }),
  }),
  FirmClaimReassigned: defineEvent({
    type: 'FirmClaimReassigned',
    version: 1,
    subject: 'uscc',
    summary: 'An operator reassigned a disputed firm claim to another account.',
    producers: ['usecases/firms.ts reassignClaim'],
    consumers: [],
    detail: () => ({
      uscc: Uscc,
      toUserId: z.string(),
      fromUserId: z.string().nullable().describe('the previous claimant, when known'),
    }),
  }),
  CertifiedListImported: defineEvent({
    type: 'CertifiedListImported',
    version: 1,
    subject: 'listId',
    summary:
      'An operator imported a certified (or revocation) list; the firms on it have verified (or revoked) certificates.',
    producers: ['usecases/certified-list-import.ts importCertifiedList'],
    consumers: [],
    detail: () => ({
      listId: z.string(),
      version: z.string().describe('content hash: a re-import of the same file is the same version'),
      authorityRegion: z.string().describe('GB/T 2260 prefix of the issuing authority'),
      designation: z.string().describe('tier or label (domain/tiers.ts)'),
      level: z.string(),
      kind: z.enum(['certified', 'revoked']),
      rows: z.number().int().describe('firms on the list'),
    }),
  }),
  CertificateDisputed: defineEvent({
    type: 'CertificateDisputed',
    version: 1,
    subject: 'uscc',
    summary:
      'A firm disputed what the certified lists made of one of its certificates (verified, contradicted, revoked or expired).',
    producers: ['usecases/disputes.ts raiseDispute'],
    consumers: [],
    detail: () => ({
      uscc: Uscc,
      disputeId: z.string(),
      regionCode: RegionCode,
      designation: z.string().describe('tier or label (domain/tiers.ts)'),
      level: z.string(),
      outcome: z.enum(['verified', 'contradicted', 'revoked']).describe('the state disputed'),
    }),
  }),
  CertificateDisputeRuled: defineEvent({
    type: 'CertificateDisputeRuled',
    version: 1,
    subject: 'uscc',
    summary:
      'An operator of the firm’s region ruled on a certificate dispute: upheld (the certificate counts as verified) or rejected.',
    producers: ['usecases/disputes.ts ruleOnDispute'],
    consumers: [],
    detail: () => ({
      uscc: Uscc,
      disputeId: z.string(),
      decision: z.enum(['upheld', 'rejected']),
    }),
  }),
  FirmFiguresUpdated: defineEvent({
    type: 'FirmFiguresUpdated',
    version: 1,
    subject: 'uscc',
    summary:
      'A firm updated its figures (headcount, revenue, R&D spend, assets, interest paid): self-declared, shown as such.',
    producers: ['usecases/firms.ts updateFirmFigures'],
    consumers: [],
    detail: () => ({
      uscc: Uscc,
      fields: z.array(z.string()).describe('the figures that changed'),
    }),
  }),
  LprFixingRecorded: defineEvent({
    type: 'LprFixingRecorded',
    version: 1,
    subject: 'effectiveFrom',
    summary:
      'An operator recorded a monthly LPR fixing; cost after subsidies uses the latest one from its date on.',
    producers: ['usecases/lpr.ts recordLprFixing'],
    consumers: [],
    detail: () => ({
      effectiveFrom: z.string().describe('the date the fixing takes effect (Asia/Shanghai)'),
      oneYearBp: z.number().int(),
      overFiveYearBp: z.number().int(),
    }),
  }),
  EquityRequestPooled: defineEvent({
    type: 'EquityRequestPooled',
    version: 1,
    subject: 'requestId',
    summary: 'A firm consented to have an equity request pushed to funds (it joins the equity pool).',
    producers: ['usecases/equity.ts consentToPush'],
    consumers: [],
    detail: () => ({
      requestId: z.string(),
      uscc: Uscc,
      regionCode: RegionCode,
      industryCode: z.string().describe('GB/T 4754 code of the firm'),
    }),
  }),
  BatchPushed: defineEvent({
    type: 'BatchPushed',
    version: 1,
    subject: 'batchId',
    summary: 'An operator pushed a numbered batch of anonymised equity requests to a fund.',
    producers: ['usecases/equity.ts pushBatch'],
    consumers: [],
    detail: () => ({
      batchId: z.string(),
      fundId: z.string(),
      institutionId: z.string(),
      number: z.number().int().describe('the batch’s number for this fund (1, 2, …)'),
      requestIds: z.array(z.string()),
      firms: z.number().int(),
      srdiFirms: z.number().int().describe('firms holding an SRDI certificate or above'),
      amountSoughtYuan: z.number().int(),
    }),
  }),
  BatchEntryAnswered: defineEvent({
    type: 'BatchEntryAnswered',
    version: 1,
    subject: 'batchId',
    summary: 'A fund answered one firm of a batch: interested (an equity lead opens) or not for us.',
    producers: ['usecases/equity.ts answerBatchEntry'],
    consumers: [],
    detail: () => ({
      batchId: z.string(),
      fundId: z.string(),
      requestId: z.string(),
      decision: z.enum(['interested', 'not_for_us']),
      reasons: z.array(z.string()).optional().describe('equity pass reasons (not for us)'),
      leadId: z.string().optional().describe('the equity lead opened (interested)'),
    }),
  }),
  EquityLeadStatusChanged: defineEvent({
    type: 'EquityLeadStatusChanged',
    version: 1,
    subject: 'leadId',
    summary:
      'An equity lead opened, moved (due diligence, term sheet, invested, passed, withdrawn) or was revealed.',
    producers: [
      'usecases/equity.ts answerBatchEntry (from = null)',
      'usecases/roadshows.ts fileIntentCard (from = null)',
      'usecases/equity.ts transitionEquityLead',
      'usecases/equity.ts revealEquityLead (from = to)',
    ],
    consumers: [],
    detail: () => ({
      leadId: z.string(),
      requestId: z.string(),
      fundId: z.string(),
      institutionId: z.string(),
      uscc: Uscc,
      regionCode: RegionCode,
      from: EquityLeadStatusSchema.nullable().describe('status before; null for a new lead'),
      to: EquityLeadStatusSchema,
      version: z.number().int().min(1),
      action: z.string(),
      actorRole: z.enum(ROLES),
    }),
  }),
  RoadshowProposed: defineEvent({
    type: 'RoadshowProposed',
    version: 1,
    subject: 'regionPrefix',
    summary:
      'Enough consenting equity requests of one industry chain in a city to fill a session: the platform proposes a roadshow to its operators.',
    producers: ['usecases/equity.ts consentToPush'],
    consumers: [],
    detail: () => ({
      regionPrefix: z.string().describe('city (GB/T 2260, 4 digits)'),
      chain: z.string().describe('GB/T 4754 division the firms share'),
      requestIds: z.array(z.string()),
    }),
  }),
  RoadshowScheduled: defineEvent({
    type: 'RoadshowScheduled',
    version: 1,
    subject: 'roadshowId',
    summary:
      'An operator published a roadshow (or a change to it: a higher revision); invitations go to its firms and funds.',
    producers: ['usecases/roadshows.ts publishRoadshow', 'usecases/roadshows.ts changeRoadshowVenue'],
    consumers: [],
    detail: () => ({
      roadshowId: z.string(),
      regionPrefix: z.string(),
      revision: z.number().int().describe('SEQUENCE of the calendar files'),
      startsAt: z.string().describe('start of the first session (UTC)'),
      requestIds: z.array(z.string()).describe('firms given a slot'),
      fundIds: z.array(z.string()).describe('funds given a seat'),
    }),
  }),
  RoadshowCancelled: defineEvent({
    type: 'RoadshowCancelled',
    version: 1,
    subject: 'roadshowId',
    summary: 'An operator cancelled a published roadshow; attendees get a cancellation.',
    producers: ['usecases/roadshows.ts cancelRoadshow'],
    consumers: [],
    detail: () => ({ roadshowId: z.string(), revision: z.number().int() }),
  }),
  RoadshowRsvp: defineEvent({
    type: 'RoadshowRsvp',
    version: 1,
    subject: 'roadshowId',
    summary: 'A firm (its slot) or a fund (its seat) accepted or declined a roadshow invitation.',
    producers: ['usecases/roadshows.ts rsvpSlot', 'usecases/roadshows.ts rsvpSeat'],
    consumers: [],
    detail: () => ({
      roadshowId: z.string(),
      sessionId: z.string(),
      slot: z.number().int().optional(),
      requestId: z.string().optional(),
      fundId: z.string().optional(),
      answer: z.enum(['accept', 'decline']),
    }),
  }),
  RoadshowSlotRefilled: defineEvent({
    type: 'RoadshowSlotRefilled',
    version: 1,
    subject: 'roadshowId',
    summary:
      'A slot given up (declined, or its firm withdrew the request) went to the next firm on the waitlist (or stayed empty when none could take it).',
    producers: [
      'usecases/roadshows.ts rsvpSlot',
      'usecases/backbone/consumers/roadshows.ts roadshowRefill (on RequestWithdrawn)',
    ],
    consumers: [],
    detail: () => ({
      roadshowId: z.string(),
      sessionId: z.string(),
      slot: z.number().int(),
      declinedBy: z.string().describe('request that declined (or withdrew)'),
      requestId: z.string().nullable().describe('request now holding the slot (null: nobody could)'),
    }),
  }),
  IntentCardFiled: defineEvent({
    type: 'IntentCardFiled',
    version: 1,
    subject: 'roadshowId',
    summary:
      'After a roadshow a fund filed its intent on a firm that pitched; interested opens an equity lead.',
    producers: ['usecases/roadshows.ts fileIntentCard'],
    consumers: [],
    detail: () => ({
      roadshowId: z.string(),
      fundId: z.string(),
      requestId: z.string(),
      interested: z.boolean(),
      leadId: z.string().optional(),
    }),
  }),
};

type Catalog = typeof EVENTS;
export type EventType = keyof Catalog;
/** One event of the given type, as written to the outbox. */
export type EventOf<T extends EventType> = z.infer<Catalog[T]['schema']>;
export type EventDetail<T extends EventType> = EventOf<T>['detail'];
/** Any event: the discriminated union consumers route on (`type`). */
export type DomainEvent = { [T in EventType]: EventOf<T> }[EventType];

export const EVENT_TYPES = Object.keys(EVENTS) as EventType[];
export const EventTypeSchema = lazySchema(() => z.enum(EVENT_TYPES as [EventType, ...EventType[]]));

const buildDomainEventSchema = () => {
  const schemas = Object.values(EVENTS).map((e) => e.schema);
  return z.discriminatedUnion(
    'type',
    schemas as unknown as [(typeof schemas)[number], ...(typeof schemas)[number][]],
  );
};
let union: ReturnType<typeof buildDomainEventSchema> | undefined;
/** Every event of the catalog, discriminated on `type` (built on first use, like each type's schema). */
export function domainEventSchema() {
  union ??= buildDomainEventSchema();
  return union;
}

/**
 * The schema an input is checked against: its own type's, when `type` names one (what the
 * discriminated union would pick, with the same issues), else the union (for its errors).
 */
export function eventSchemaFor(input: unknown): z.ZodType {
  const type = input !== null && typeof input === 'object' ? (input as { type?: unknown }).type : undefined;
  if (typeof type === 'string' && Object.hasOwn(EVENTS, type)) return EVENTS[type as EventType].schema;
  return domainEventSchema();
}

/** Validates an event against its type's schema (the outbox does this on every write). */
export function parseEvent(input: unknown): DomainEvent {
  return eventSchemaFor(input).parse(input) as DomainEvent;
}
