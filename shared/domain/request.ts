import * as z from 'zod';
import {
  CertificateStateSchema,
  type Certification,
  type Firm,
  IndustryCodeSchema,
  RegionCodeSchema,
} from './firm.ts';
import { FundingRequestSchema, PurposeSchema } from './funding-request.ts';
import { lazySchema } from './lazy-schema.ts';
import {
  ApprovalSchema,
  DeclineSchema,
  DisbursementSchema,
  LeadOutcomeSchema,
  LeadStatusSchema,
} from './lead.ts';
import { IsoDateSchema } from './text.ts';
import {
  headlineRank,
  LabelSchema,
  type Level,
  LevelSchema,
  levelRank,
  type Tier,
  TierSchema,
} from './tiers.ts';

/** A submitted funding request as stored: the firm's ask plus its identity and state. */
export const RequestRecordSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    uscc: z.string(),
    regionCode: z.string(),
    request: FundingRequestSchema,
    status: z.enum(['open', 'withdrawn']),
    createdAt: z.iso.datetime(),
    /** Evaluation date of the stored matches (Asia/Shanghai business date). */
    asOf: IsoDateSchema,
    /** Institutions this request has been sent to (≤ MAX_SEND_INSTITUTIONS). */
    sentTo: z.array(z.string()).default([]),
  }),
);
export type RequestRecord = z.infer<typeof RequestRecordSchema>;

/**
 * A lead's id follows from its request and institution (one lead per institution a request
 * was sent to), so a request's leads are read by key from its `sentTo`, never searched for.
 */
export const leadIdOf = (requestId: string, institutionId: string) => `${requestId}.${institutionId}`;

/** Never a broadcast: a request reaches at most five institutions, three by default. */
export const MAX_SEND_INSTITUTIONS = 5;
export const DEFAULT_SEND_INSTITUTIONS = 3;

/** A certificate as a lead records it: what it is, until when, and how it was checked. */
export const LeadCertificateSchema = lazySchema(() =>
  z.object({
    tier: TierSchema.optional(),
    label: LabelSchema.optional(),
    level: LevelSchema,
    expiresOn: IsoDateSchema,
    state: CertificateStateSchema,
  }),
);

/**
 * What a lead records of the firm and its ask when it is sent: internal. The firm and its
 * region's operators read it as it is; an institution only ever sees it generalised by
 * `anonymousProfile` (anonymous-profile.ts), never these exact figures.
 */
export const LeadProfileSchema = lazySchema(() =>
  z.object({
    tier: TierSchema.nullable(),
    level: LevelSchema.nullable(),
    /** Every certificate with its state against the certified lists (officers see which are verified). */
    certificates: z.array(LeadCertificateSchema).optional(),
    /** Employees and founding year are the firm's own figures, not checked by anyone: labelled so. */
    figuresSource: z.literal('self_declared').optional(),
    industryCode: IndustryCodeSchema,
    regionCode: RegionCodeSchema,
    employees: z.number().int(),
    /** Absent on leads recorded before revenue was. */
    revenueYuan: z.number().int().optional(),
    yearsSinceFounding: z.number().int(),
    amountYuan: z.number().int(),
    purpose: PurposeSchema,
    termMonths: z.number().int(),
    collateral: z.array(z.string()),
    needBy: IsoDateSchema.optional(),
  }),
);
export type LeadProfile = z.infer<typeof LeadProfileSchema>;

/** One message of a lead's thread: a question, an answer or a note between institution and firm. */
export const LeadMessageSchema = lazySchema(() =>
  z.object({
    by: z.enum(['officer', 'firm']),
    text: z.string(),
    at: z.iso.datetime(),
  }),
);
export type LeadMessage = z.infer<typeof LeadMessageSchema>;

export const LeadRecordSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    requestId: z.string(),
    institutionId: z.string(),
    productIds: z.array(z.string()).min(1),
    status: LeadStatusSchema,
    /** Bumped by every transition; the conditional write checks it. */
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** Date by which the institution should first answer (business days, Asia/Shanghai). */
    respondBy: IsoDateSchema,
    /** The firm behind the lead. Internal: an institution sees it only once `revealedAt` is set. */
    uscc: z.string(),
    firmName: z.string(),
    profile: LeadProfileSchema,
    /** When the firm revealed its identity to this institution (unset = anonymous lead). */
    revealedAt: z.iso.datetime().optional(),
    approval: ApprovalSchema.optional(),
    decline: DeclineSchema.optional(),
    disbursement: DisbursementSchema.optional(),
    /**
     * The lead's thread. Stored as items of their own (one per message, beside the lead), read
     * with the lead where a thread is shown; on the lead item itself only on leads written
     * before that (kept, and read first).
     */
    messages: z.array(LeadMessageSchema).default([]),
  }),
);
export type LeadRecord = z.infer<typeof LeadRecordSchema>;

/**
 * The firm's headline certificate valid on `asOf` (display order of tiers.ts: the SME
 * ladder top-down, then the parallel programmes), with its best level. Display only:
 * eligibility follows the tier relation, not this order.
 */
export function currentTier(
  certifications: Certification[],
  asOf: string,
): { tier: Tier; level: Level } | null {
  let best: { tier: Tier; level: Level } | null = null;
  for (const c of certifications) {
    if (!('tier' in c) || c.issuedOn > asOf || c.expiresOn <= asOf) continue;
    if (
      !best ||
      headlineRank(c.tier) > headlineRank(best.tier) ||
      (c.tier === best.tier && levelRank(c.level) > levelRank(best.level))
    ) {
      best = { tier: c.tier, level: c.level };
    }
  }
  return best;
}

/** The profile a lead records of its firm and the firm's ask, when it is sent. */
export function leadProfile(firm: Firm, record: RequestRecord, yearsSinceFounding: number): LeadProfile {
  const counting = firm.certifications.filter((c) => c.state !== 'contradicted' && c.state !== 'revoked');
  const tier = currentTier(counting, record.asOf);
  return {
    tier: tier?.tier ?? null,
    level: tier?.level ?? null,
    certificates: firm.certifications.map((c) => ({
      ...('tier' in c ? { tier: c.tier } : { label: c.label }),
      level: c.level,
      expiresOn: c.expiresOn,
      state: c.state ?? 'self_declared',
    })),
    figuresSource: 'self_declared',
    industryCode: firm.industryCode,
    regionCode: firm.regionCode,
    employees: firm.employees,
    revenueYuan: firm.revenueYuan,
    yearsSinceFounding,
    amountYuan: record.request.amountYuan,
    purpose: record.request.purpose,
    termMonths: record.request.termMonths,
    collateral: record.request.collateral,
    needBy: record.request.needBy,
  };
}

/** One consent row: the firm allowed this institution to see the request (and which products it picked). */
export const ConsentSchema = lazySchema(() =>
  z.object({
    institutionId: z.string(),
    productIds: z.array(z.string()),
    at: z.iso.datetime(),
    userId: z.string(),
  }),
);
export type Consent = z.infer<typeof ConsentSchema>;

/** After a decline: one of the best matches not yet sent, so the firm has somewhere to go next. */
export const NextBestSchema = lazySchema(() =>
  z.object({
    productId: z.string(),
    institutionId: z.string(),
    name: z.object({ zh: z.string(), en: z.string() }),
    score: z.number(),
  }),
);
export type NextBest = z.infer<typeof NextBestSchema>;

/** One row of a lead's audit trail per change: who moved it, when, from what, to what. */
export const AuditEntrySchema = lazySchema(() =>
  z.object({
    leadId: z.string(),
    at: z.iso.datetime(),
    seq: z.number().int(),
    /** userId is left out of the firm's rows when an institution reads a lead not yet revealed. */
    actor: z.object({ userId: z.string().optional(), role: z.enum(['firm', 'officer', 'operator']) }),
    action: z.string(),
    from: LeadStatusSchema.nullable(),
    to: LeadStatusSchema,
    /** What the change carried besides the status: approval, decline, disbursement, message. */
    detail: LeadOutcomeSchema.optional(),
  }),
);
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
