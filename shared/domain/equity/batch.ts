import * as z from 'zod';
import { ConflictError } from '../errors.ts';
import { lazySchema } from '../lazy-schema.ts';
import { type LeadProfile, LeadProfileSchema } from '../request.ts';
import { IsoDateSchema } from '../text.ts';
import {
  type EquityStage,
  EquityStageSchema,
  FIT_BLOCKERS,
  FIT_WEIGHTS,
  type FitPart,
  type Fund,
  fitScore,
  inferStage,
  tierCountsAs,
} from './preferences.ts';
import { checkOtherExplained, PassReasonListSchema } from './reasons.ts';

/**
 * Pushing equity requests to a fund in batches (推送批次), as Xiamen did: "六批项目合计85家企业
 * (其中专精特新中小企业46家), 拟融资金额32.58亿元". An operator composes a batch from the
 * equity requests whose firms consented to being pushed, ranked by fit; the fund sees each
 * firm anonymised (the lead's anonymous profile) and answers interested / not for us.
 */

/** An equity request the operator may push: what the store reads for composing a batch. */
export interface EquityCandidate {
  requestId: string;
  profile: LeadProfile;
  /** The firm's own statement of its stage; inferred from the profile when absent. */
  stage?: EquityStage | undefined;
  /** The firm agreed that its (anonymised) request may be pushed to funds. */
  consentToPush: boolean;
  /** Asia/Shanghai date the request was posted: earlier means it has waited longer. */
  postedOn: string;
}

export const EXCLUSION_REASONS = {
  no_consent: { zh: '企业未同意推送', en: 'The firm has not consented to being pushed' },
  already_pushed: { zh: '已推送给该基金', en: 'Already pushed to this fund' },
  below_min_fit: { zh: '匹配度低于门槛', en: 'Fit below the threshold' },
  batch_full: { zh: '本批次已满', en: 'The batch is full' },
  ...FIT_BLOCKERS,
} as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

export const MAX_BATCH_FIRMS = 50;

export const BatchEntrySchema = lazySchema(() =>
  z.object({
    requestId: z.string(),
    /** 1 = best fit. */
    rank: z.number().int().positive(),
    fit: z.number().int().min(0).max(100),
    fitParts: z.record(z.enum(Object.keys(FIT_WEIGHTS) as [FitPart, ...FitPart[]]), z.number().int()),
    stage: EquityStageSchema,
    stageStated: z.boolean(),
    profile: LeadProfileSchema,
    postedOn: IsoDateSchema,
  }),
);
export type BatchEntry = z.infer<typeof BatchEntrySchema>;

/** What the operator asks for. */
export const ComposeBatchSchema = lazySchema(() =>
  z
    .object({
      fundId: z.string().min(1).max(80),
      maxFirms: z.number().int().min(1).max(MAX_BATCH_FIRMS).default(20),
      minFit: z.number().int().min(0).max(100).default(40),
    })
    .strict(),
);
export type ComposeBatchInput = z.input<typeof ComposeBatchSchema>;
export type ComposeBatch = z.output<typeof ComposeBatchSchema>;

export interface ComposedBatch {
  entries: BatchEntry[];
  excluded: { requestId: string; reason: ExclusionReason }[];
}

/**
 * Ranks the candidates for one fund: consent first (a firm that did not consent is never
 * pushed), then the fund's hard limits, then fit (ties: the request that waited longest, then
 * its id), cut at `maxFirms`. Deterministic.
 */
export function composeBatch(
  fund: Pick<Fund, 'preferences'>,
  candidates: readonly EquityCandidate[],
  options: { maxFirms: number; minFit: number; alreadyPushed?: ReadonlySet<string> },
): ComposedBatch {
  const excluded: ComposedBatch['excluded'] = [];
  const ranked: Omit<BatchEntry, 'rank'>[] = [];
  for (const c of candidates) {
    if (!c.consentToPush) {
      excluded.push({ requestId: c.requestId, reason: 'no_consent' });
      continue;
    }
    if (options.alreadyPushed?.has(c.requestId)) {
      excluded.push({ requestId: c.requestId, reason: 'already_pushed' });
      continue;
    }
    const stage = c.stage ?? inferStage(c.profile);
    const fit = fitScore({ ...c.profile, stage }, fund.preferences);
    if (fit.blockers.length > 0) {
      excluded.push({ requestId: c.requestId, reason: fit.blockers[0]! });
      continue;
    }
    if (fit.score < options.minFit) {
      excluded.push({ requestId: c.requestId, reason: 'below_min_fit' });
      continue;
    }
    ranked.push({
      requestId: c.requestId,
      fit: fit.score,
      fitParts: fit.parts,
      stage,
      stageStated: c.stage !== undefined,
      profile: c.profile,
      postedOn: c.postedOn,
    });
  }
  ranked.sort(
    (a, b) =>
      b.fit - a.fit ||
      a.postedOn.localeCompare(b.postedOn) ||
      (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0),
  );
  const entries = ranked.slice(0, options.maxFirms).map((e, i) => ({ ...e, rank: i + 1 }));
  for (const e of ranked.slice(options.maxFirms))
    excluded.push({ requestId: e.requestId, reason: 'batch_full' });
  excluded.sort((a, b) => (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0));
  return { entries, excluded };
}

/** A batch as the seeds count it: firms, of them SRDI (专精特新 or above), and the money sought. */
export function batchSummary(entries: readonly Pick<BatchEntry, 'profile'>[]): {
  firms: number;
  srdiFirms: number;
  amountSoughtYuan: number;
} {
  return {
    firms: entries.length,
    srdiFirms: entries.filter((e) => tierCountsAs(e.profile.tier, ['srdi_sme'])).length,
    amountSoughtYuan: entries.reduce((sum, e) => sum + e.profile.amountYuan, 0),
  };
}

/** The fund's answer on one firm of a batch. */
export const BatchDecisionSchema = lazySchema(() =>
  z
    .discriminatedUnion('decision', [
      z.object({ decision: z.literal('interested'), note: z.string().trim().max(2000).optional() }).strict(),
      z
        .object({
          decision: z.literal('not_for_us'),
          reasons: PassReasonListSchema,
          note: z.string().trim().max(2000).optional(),
        })
        .strict(),
    ])
    .superRefine(checkOtherExplained),
);
export type BatchDecision = z.infer<typeof BatchDecisionSchema>;

export const BatchOutcomeSchema = lazySchema(() =>
  z.object({
    decision: z.enum(['interested', 'not_for_us']),
    reasons: PassReasonListSchema.optional(),
    note: z.string().optional(),
    decidedAt: z.iso.datetime(),
    /** The equity lead an "interested" answer opened. */
    leadId: z.string().optional(),
  }),
);
export type BatchOutcome = z.infer<typeof BatchOutcomeSchema>;

/** Each firm of a batch is answered once; a second answer is a conflict (the store's condition agrees). */
export function decideBatchEntry(
  current: { outcome?: BatchOutcome | undefined },
  decision: BatchDecision,
  decidedAt: string,
): BatchOutcome {
  if (current.outcome)
    throw new ConflictError(
      '该企业已有答复，不能再次答复',
      `this firm was already answered (${current.outcome.decision})`,
    );
  return decision.decision === 'interested'
    ? { decision: 'interested', ...(decision.note ? { note: decision.note } : {}), decidedAt }
    : {
        decision: 'not_for_us',
        reasons: decision.reasons,
        ...(decision.note ? { note: decision.note } : {}),
        decidedAt,
      };
}

/** Outcome counts of a batch (what the city reports back). */
export function batchOutcomes(entries: readonly { outcome?: BatchOutcome | undefined }[]): {
  interested: number;
  notForUs: number;
  pending: number;
} {
  let interested = 0;
  let notForUs = 0;
  for (const e of entries) {
    if (e.outcome?.decision === 'interested') interested++;
    else if (e.outcome?.decision === 'not_for_us') notForUs++;
  }
  return { interested, notForUs, pending: entries.length - interested - notForUs };
}

/**
 * A firm's consent to have one equity request pushed to funds (anonymised), with the snapshot
 * of what a fund may see: the equity pool operators compose batches and roadshows from.
 */
export const PoolEntrySchema = lazySchema(() =>
  z.object({
    requestId: z.string(),
    /** Internal: never shown to a fund before the firm reveals itself. */
    uscc: z.string(),
    firmName: z.string(),
    regionCode: z.string(),
    profile: LeadProfileSchema,
    stage: EquityStageSchema.optional(),
    postedOn: IsoDateSchema,
    consentedAt: z.iso.datetime(),
  }),
);
export type PoolEntry = z.infer<typeof PoolEntrySchema>;

export const PushConsentSchema = lazySchema(() => z.object({ stage: EquityStageSchema.optional() }).strict());

export const StoredBatchEntrySchema = lazySchema(() =>
  BatchEntrySchema.extend({
    /** Internal, like a lead's: for the equity lead an "interested" answer opens. */
    uscc: z.string(),
    firmName: z.string(),
    outcome: BatchOutcomeSchema.optional(),
  }),
);
export type StoredBatchEntry = z.infer<typeof StoredBatchEntrySchema>;

/** A batch as kept: numbered per fund (1, 2, …), as the seeds count "六批". */
export const BatchRecordSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    fundId: z.string(),
    institutionId: z.string(),
    number: z.number().int().positive(),
    /** The region of the operator who pushed it. */
    regionPrefix: z.string(),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    /** Bumped by every answer; the conditional write checks it. */
    version: z.number().int(),
    entries: z.array(StoredBatchEntrySchema),
  }),
);
export type BatchRecord = z.infer<typeof BatchRecordSchema>;

/** Candidates for composing, from pool entries. */
export function candidateOf(entry: PoolEntry): EquityCandidate {
  return {
    requestId: entry.requestId,
    profile: entry.profile,
    stage: entry.stage,
    consentToPush: true,
    postedOn: entry.postedOn,
  };
}
