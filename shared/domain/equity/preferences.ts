import * as z from 'zod';
import { IndustryCodeSchema } from '../firm.ts';
import { SlugSchema } from '../institution.ts';
import { lazySchema } from '../lazy-schema.ts';
import { BilingualTextSchema, YuanSchema } from '../text.ts';
import { DESIGNATIONS, type Tier, TierSchema } from '../tiers.ts';

/**
 * A fund's investment preferences (投资偏好), kept by its manager's officers. Xiamen pushes
 * financing needs "根据基金投资偏好" — by these. They drive batch composition (batch.ts) and
 * roadshow planning (roadshow/planner.ts) through one score, `fitScore`.
 */

/** Development stage of a firm, as equity investors speak of it. */
export const EQUITY_STAGES = ['seed', 'startup', 'growth', 'expansion', 'pre_ipo'] as const;
export const EquityStageSchema = lazySchema(() => z.enum(EQUITY_STAGES));
export type EquityStage = z.infer<typeof EquityStageSchema>;

export const EQUITY_STAGE_NAMES: Record<EquityStage, { zh: string; en: string }> = {
  seed: { zh: '种子期', en: 'Seed' },
  startup: { zh: '初创期', en: 'Start-up' },
  growth: { zh: '成长期', en: 'Growth' },
  expansion: { zh: '扩张期', en: 'Expansion' },
  pre_ipo: { zh: '上市前（Pre-IPO）', en: 'Pre-IPO' },
};

/** GB/T 4754 prefix: a section letter, optionally its division (2 digits), group (3) or class (4). */
export const IndustryPrefixSchema = lazySchema(() => IndustryCodeSchema);

/** GB/T 2260 prefix: a province (2 digits), a city (4) or a county (6). */
export const RegionPrefixSchema = lazySchema(() =>
  z
    .string()
    .regex(/^\d{2}(\d{2}){0,2}$/, '地区代码前缀应为2、4或6位数字 / region prefix must be 2, 4 or 6 digits'),
);

const PositiveYuan = YuanSchema.refine((n) => n > 0, '金额须大于0 / amount must be positive');

export const FundPreferencesSchema = lazySchema(() =>
  z
    .object({
      /** Industries it invests in; empty = any industry. */
      industryPrefixes: z.array(IndustryPrefixSchema).max(40).default([]),
      /** Stages it invests in; empty = any stage. */
      stages: z.array(EquityStageSchema).max(EQUITY_STAGES.length).default([]),
      /** Tiers it targets; a higher rung of the SME ladder counts for a lower one. Empty = any. */
      tiers: z.array(TierSchema).max(6).default([]),
      /** Size of one investment (ticket). */
      ticket: z.object({ minYuan: YuanSchema, maxYuan: PositiveYuan }).strict(),
      /** Where it may invest (GB/T 2260 prefixes); empty = nationwide. */
      regionPrefixes: z.array(RegionPrefixSchema).max(40).default([]),
      /** The (sub-)fund's size (基金规模). */
      fundSizeYuan: PositiveYuan,
    })
    .strict()
    .superRefine((p, ctx) => {
      if (p.ticket.maxYuan < p.ticket.minYuan)
        ctx.addIssue({
          code: 'custom',
          path: ['ticket', 'maxYuan'],
          message: '单笔投资上限须不低于下限 / ticket.maxYuan must be ≥ ticket.minYuan',
        });
      if (p.ticket.maxYuan > p.fundSizeYuan)
        ctx.addIssue({
          code: 'custom',
          path: ['ticket', 'maxYuan'],
          message: '单笔投资上限不得超过基金规模 / ticket.maxYuan must not exceed the fund size',
        });
      for (const [key, list] of [
        ['industryPrefixes', p.industryPrefixes],
        ['stages', p.stages],
        ['tiers', p.tiers],
        ['regionPrefixes', p.regionPrefixes],
      ] as const) {
        if (new Set<string>(list).size !== list.length)
          ctx.addIssue({ code: 'custom', path: [key], message: '列表有重复项 / the list has duplicates' });
      }
    }),
);
export type FundPreferencesInput = z.input<typeof FundPreferencesSchema>;
export type FundPreferences = z.output<typeof FundPreferencesSchema>;

/** A fund (sub-fund) managed by an equity institution. */
export const FundSchema = lazySchema(() =>
  z
    .object({
      id: SlugSchema,
      /** The fund manager (an institution of type fund_manager). */
      institutionId: SlugSchema,
      name: BilingualTextSchema,
      /** The catalog product this fund is offered as, when there is one. */
      productId: SlugSchema.optional(),
      preferences: FundPreferencesSchema,
    })
    .strict(),
);
export type FundInput = z.input<typeof FundSchema>;
export type Fund = z.output<typeof FundSchema>;

/** What the fit score reads about a firm and its equity ask (all of it visible on an anonymous lead). */
export interface FitSubject {
  industryCode: string;
  regionCode: string;
  tier: Tier | null;
  amountYuan: number;
  stage: EquityStage;
}

/**
 * A firm's stage when it states none: a heuristic on age and head count (labelled so on the
 * pages), never a policy figure. A firm on a listing-reserve list should say `pre_ipo` itself.
 */
export function inferStage(profile: { yearsSinceFounding: number; employees: number }): EquityStage {
  if (profile.yearsSinceFounding < 3) return 'seed';
  if (profile.yearsSinceFounding < 5) return 'startup';
  if (profile.employees < 300) return 'growth';
  return 'expansion';
}

/** Points of each part of the fit score; they add up to 100. */
export const FIT_WEIGHTS = { industry: 35, stage: 20, tier: 15, ticket: 20, region: 10 } as const;
export type FitPart = keyof typeof FIT_WEIGHTS;

/** Hard mismatches: the firm is not pushed to this fund at all. */
export const FIT_BLOCKERS = {
  outside_region: { zh: '企业不在基金投资地域内', en: 'The firm is outside the fund’s regions' },
  over_fund_size: { zh: '融资额超过基金规模', en: 'The ask exceeds the fund’s size' },
} as const;
export type FitBlocker = keyof typeof FIT_BLOCKERS;

export interface Fit {
  /** 0–100; 0 whenever there is a blocker. */
  score: number;
  parts: Record<FitPart, number>;
  blockers: FitBlocker[];
}

/** A firm's tier fits when it is one the fund wants or counts as one (tiers.ts: a higher SME-ladder rung counts for those below). */
export function tierCountsAs(tier: Tier | null, wanted: readonly Tier[]): boolean {
  return tier !== null && wanted.some((w) => w === tier || DESIGNATIONS[tier].countsAs.includes(w));
}

function industryPoints(code: string, prefixes: readonly string[]): number {
  if (prefixes.length === 0) return Math.round(FIT_WEIGHTS.industry / 2);
  let depth = 0;
  for (const p of prefixes) {
    if (!code.startsWith(p)) continue;
    // section (1 char) → 1, division (3) → 2, group (4) → 3, class (5) → 4
    const d = p.length === 1 ? 1 : p.length - 1;
    if (d > depth) depth = d;
  }
  return [0, 15, 28, 32, 35][depth]!;
}

const STAGE_ORDER = EQUITY_STAGES as readonly EquityStage[];

function stagePoints(stage: EquityStage, wanted: readonly EquityStage[]): number {
  if (wanted.length === 0) return Math.round(FIT_WEIGHTS.stage / 2);
  if (wanted.includes(stage)) return FIT_WEIGHTS.stage;
  const i = STAGE_ORDER.indexOf(stage);
  return wanted.some((w) => Math.abs(STAGE_ORDER.indexOf(w) - i) === 1) ? 8 : 0;
}

function ticketPoints(amount: number, ticket: { minYuan: number; maxYuan: number }): number {
  if (amount >= ticket.minYuan && amount <= ticket.maxYuan) return FIT_WEIGHTS.ticket;
  if (amount >= ticket.minYuan / 2 && amount <= ticket.maxYuan * 2) return 8;
  return 0;
}

/**
 * How well a firm's equity ask fits a fund's preferences, 0–100: industry (longest GB/T 4754
 * prefix matched: class 35, group 32, division 28, section 15; no stated preference 18), stage
 * (20; a neighbouring stage 8), tier (15), ticket size (20 inside the range, 8 within a factor
 * of two), region (10). Blockers (outside the fund's regions, an ask above the fund's size)
 * make it 0.
 */
export function fitScore(subject: FitSubject, prefs: FundPreferences): Fit {
  const blockers: FitBlocker[] = [];
  const inRegion =
    prefs.regionPrefixes.length === 0 || prefs.regionPrefixes.some((p) => subject.regionCode.startsWith(p));
  if (!inRegion) blockers.push('outside_region');
  if (subject.amountYuan > prefs.fundSizeYuan) blockers.push('over_fund_size');
  const parts: Record<FitPart, number> = {
    industry: industryPoints(subject.industryCode, prefs.industryPrefixes),
    stage: stagePoints(subject.stage, prefs.stages),
    tier:
      prefs.tiers.length === 0
        ? Math.round(FIT_WEIGHTS.tier / 2)
        : tierCountsAs(subject.tier, prefs.tiers)
          ? FIT_WEIGHTS.tier
          : 0,
    ticket: ticketPoints(subject.amountYuan, prefs.ticket),
    region: inRegion ? FIT_WEIGHTS.region : 0,
  };
  const sum = parts.industry + parts.stage + parts.tier + parts.ticket + parts.region;
  return { score: blockers.length > 0 ? 0 : sum, parts, blockers };
}
