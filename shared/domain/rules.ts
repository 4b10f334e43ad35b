import * as z from 'zod';
import { ListingSchema } from './firm.ts';
import { CollateralSchema, FinancingKindSchema, PurposeSchema } from './funding-request.ts';
import { lazySchema } from './lazy-schema.ts';
import { IsoDateSchema } from './text.ts';
import {
  type Designation,
  LabelSchema,
  type Level,
  LevelSchema,
  lowestLevelAtLeast,
  TierSchema,
} from './tiers.ts';

/**
 * Eligibility rules as data: a small DSL, one object per rule, all of which must hold.
 * The matcher compiles a product's rules once into predicates (see matching/compile.ts).
 */
export const FIRM_METRICS = [
  'revenueYuan',
  'rndIntensityBp',
  'employees',
  'yearsSinceFounding',
  'inventionPatents',
  'rndExpenseYuan',
] as const;
const metric = z.enum(FIRM_METRICS);
export type FirmMetric = z.infer<typeof metric>;

/**
 * Every rule may be marked illustrative: a condition the seed does not state, kept as an
 * example (like an illustrative figure) and said so wherever the rule is explained.
 */
const illustrative = { illustrative: z.literal(true).optional() };

/** A designation is never issued above its levels: no "national SRDI SME" (that is a little giant). */
function levelIssued(designation: Designation, level: Level | undefined): boolean {
  return lowestLevelAtLeast(designation, level) !== undefined;
}
const levelNotIssued = {
  message: '该称号不在此级别认定 / this tier or label is never issued at or above that level',
  path: ['level'],
};

/** A title a one-off award is for: a tier or a label, optionally at exactly one level. */
export const TitleSchema = lazySchema(() =>
  z.union([
    z.object({ tier: TierSchema, level: LevelSchema.optional() }).strict(),
    z.object({ label: LabelSchema, level: LevelSchema.optional() }).strict(),
  ]),
);
export type Title = z.infer<typeof TitleSchema>;

export const RuleSchema = lazySchema(() =>
  z.discriminatedUnion('rule', [
    /**
     * Holds a certificate that counts as this tier (tiers.ts: its own tier or a higher rung of
     * the SME ladder — never a parallel programme), at this level or above, valid on the
     * evaluation date (issuedOn ≤ date < expiresOn; an expired certificate no longer counts).
     * The name is historical: there is no linear order of tiers.
     */
    z
      .object({
        rule: z.literal('tier_at_least'),
        ...illustrative,
        tier: TierSchema,
        level: LevelSchema.optional(),
      })
      .strict()
      .refine((r) => levelIssued(r.tier, r.level), levelNotIssued),
    /** Holds this label (e.g. 金种子) at this level or above, valid on the evaluation date. */
    z
      .object({
        rule: z.literal('label'),
        ...illustrative,
        anyOf: z.array(LabelSchema).min(1).max(20),
        level: LevelSchema.optional(),
      })
      .strict()
      .refine((r) => r.anyOf.some((l) => levelIssued(l, r.level)), levelNotIssued),
    /** Tier-or-label alternative (Jiangmen LPR cap: provincial SRDI or 金种子); `level` applies to the tier only. */
    z
      .object({
        rule: z.literal('tier_or_label'),
        ...illustrative,
        tier: TierSchema,
        level: LevelSchema.optional(),
        labels: z.array(LabelSchema).min(1).max(20),
      })
      .strict()
      .refine((r) => levelIssued(r.tier, r.level), levelNotIssued),
    /**
     * One-off awards: the firm obtained one of these very titles (no ladder: a key little
     * giant's certificate is not the day it became a little giant), issued within
     * [issuedFrom, issuedTo] (Jiangmen: titles obtained in 2022–2023) and/or at most
     * `withinMonths` before the evaluation date ("新认定", "评为": newly certified), and not
     * after it. Benefits only: a product's eligibility cannot depend on a title's history.
     */
    z
      .object({
        rule: z.literal('title_obtained'),
        ...illustrative,
        titles: z.array(TitleSchema).min(1).max(10),
        issuedFrom: IsoDateSchema.optional(),
        issuedTo: IsoDateSchema.optional(),
        withinMonths: z.number().int().positive().max(120).optional(),
      })
      .strict()
      .refine((r) => r.issuedFrom === undefined || r.issuedTo === undefined || r.issuedFrom <= r.issuedTo, {
        message: '起始日须不晚于截止日 / issuedFrom must be on or before issuedTo',
        path: ['issuedTo'],
      })
      .refine(
        (r) =>
          r.titles.every(
            (t) =>
              t.level === undefined ||
              ('tier' in t ? t.tier : t.label) === undefined ||
              levelIssued('tier' in t ? t.tier : t.label, t.level),
          ),
        { message: levelNotIssued.message, path: ['titles'] },
      ),
    /** Registered in one of these GB/T 2260 prefixes (2 = province, 4 = city, 6 = district). */
    z
      .object({
        rule: z.literal('region'),
        ...illustrative,
        prefixes: z
          .array(z.string().regex(/^\d{2}(\d{2}){0,2}$/))
          .min(1)
          .max(100),
      })
      .strict(),
    /** GB/T 4754 industry code prefixes (e.g. "C" manufacturing, "I65" software). */
    z
      .object({
        rule: z.literal('industry'),
        ...illustrative,
        prefixes: z
          .array(z.string().regex(/^[A-T]\d{0,4}$/))
          .min(1)
          .max(100),
      })
      .strict(),
    /** The requested amount, in whole yuan. */
    z
      .object({
        rule: z.literal('amount'),
        ...illustrative,
        minYuan: z.number().int().nonnegative().optional(),
        maxYuan: z.number().int().positive().optional(),
      })
      .strict()
      .refine((r) => r.minYuan === undefined || r.maxYuan === undefined || r.minYuan <= r.maxYuan, {
        message: '最低金额不得高于最高金额 / minYuan must be ≤ maxYuan',
        path: ['maxYuan'],
      }),
    /** The requested term, in months. */
    z
      .object({
        rule: z.literal('term'),
        ...illustrative,
        minMonths: z.number().int().positive().optional(),
        maxMonths: z.number().int().positive().optional(),
      })
      .strict()
      .refine((r) => r.minMonths === undefined || r.maxMonths === undefined || r.minMonths <= r.maxMonths, {
        message: '最短期限不得长于最长期限 / minMonths must be ≤ maxMonths',
        path: ['maxMonths'],
      }),
    /** The request offers at least one of these collateral types ('none' = credit loan). */
    z
      .object({
        rule: z.literal('collateral'),
        ...illustrative,
        accepted: z.array(CollateralSchema).min(1).max(20),
      })
      .strict(),
    z
      .object({ rule: z.literal('purpose'), ...illustrative, anyOf: z.array(PurposeSchema).min(1).max(20) })
      .strict(),
    /** The request's financing kind ('any' requests match every kind). */
    z
      .object({ rule: z.literal('kind'), ...illustrative, kind: FinancingKindSchema.exclude(['any']) })
      .strict(),
    /** A firm metric within [min, max] (rndIntensityBp: R&D expense per 10,000 of revenue). */
    z
      .object({
        rule: z.literal('metric'),
        ...illustrative,
        metric,
        min: z.number().int().optional(),
        max: z.number().int().optional(),
      })
      .strict()
      .refine((r) => r.min !== undefined || r.max !== undefined, {
        message: '须至少给出 min 或 max / give min or max',
        path: ['min'],
      }),
    /** Exclusion: firm must not be listed on these boards (e.g. pre-IPO funds exclude listed firms). */
    z
      .object({
        rule: z.literal('listing_not'),
        ...illustrative,
        listings: z.array(ListingSchema).min(1).max(20),
      })
      .strict(),
    /** Exclusion: firm must not be in these GB/T 4754 industries (e.g. "K" real estate, "J" finance). */
    z
      .object({
        rule: z.literal('industry_not'),
        ...illustrative,
        prefixes: z
          .array(z.string().regex(/^[A-T]\d{0,4}$/))
          .min(1)
          .max(100),
      })
      .strict(),
    /** Firm must have paid interest last year (贴息 is computed on interest actually paid). */
    z.object({ rule: z.literal('paid_interest_last_year'), ...illustrative }).strict(),
    /**
     * Stacking: this subsidy does not apply to a loan that already enjoys another interest
     * subsidy (a fiscal fixed-cost fund, another 贴息) unless the firm holds `exceptTier` or
     * higher, valid on the evaluation date. Xiamen: little giants may stack 贴息 on loans
     * already subsidised elsewhere. Evaluated per (loan, subsidy) pair when building packages
     * and loan costs, never against the firm alone.
     */
    z
      .object({
        rule: z.literal('no_double_subsidy'),
        ...illustrative,
        exceptTier: TierSchema.optional(),
        exceptLevel: LevelSchema.optional(),
      })
      .strict(),
  ]),
);
export type Rule = z.infer<typeof RuleSchema>;
export type RuleName = Rule['rule'];
