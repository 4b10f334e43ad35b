import * as z from 'zod';
import { FirmSchema } from '../firm.ts';
import { FundingRequestSchema } from '../funding-request.ts';
import { BenefitSchema, PRODUCT_ROLES, ProductKindSchema, ProductSourceSchema } from '../product.ts';
import { BilingualTextSchema, IsoDateSchema } from '../text.ts';

/**
 * The matcher's answer, as a zod schema so the HTTP layer validates and documents it
 * (OpenAPI) from the same source; `MatchResult` is inferred from it.
 */
const Text = BilingualTextSchema;
const Yuan = z.number().int();

export const COST_BASES = ['loan', 'reference_loan', 'equity'] as const;

export const CostSchema = z.object({
  /** loan: the product's own loan; reference_loan: an add-on costed on a loan at LPR + reference spread; equity: no interest. */
  basis: z.enum(COST_BASES),
  amountYuan: Yuan,
  termMonths: z.number().int(),
  /** Nominal annual interest rate actually charged (after any LPR cap), bp. */
  annualRateBp: z.number().int(),
  /** The LPR fixing the rate was built on, bp (null when the rate is not LPR-based). */
  lprBp: z.number().int().nullable(),
  interestYuan: Yuan,
  /** Guarantee / insurance / service fees, or a bridge loan's daily fee. */
  feesYuan: Yuan,
  /** Projected interest subsidy (贴息) over the term. */
  subsidyYuan: Yuan,
  /** interest + fees − subsidy. */
  netCostYuan: Yuan,
  /** Net cost as an annual rate on the amount, bp. */
  effectiveAnnualRateBp: z.number().int(),
  lines: z.array(z.object({ item: z.enum(['interest', 'fee', 'subsidy']), yuan: Yuan, label: Text })),
});
export type Cost = z.infer<typeof CostSchema>;

export const ScorePartSchema = z.object({
  factor: z.enum(['cost', 'fit', 'amount', 'certainty']),
  points: z.number().int(),
  max: z.number().int(),
  note: Text,
});

export const MatchSchema = z.object({
  productId: z.string(),
  name: Text,
  kind: ProductKindSchema,
  role: z.enum(PRODUCT_ROLES),
  institutionId: z.string(),
  institutionName: Text,
  /** A demo entry: the seed names this kind of product only generically. */
  demo: z.boolean(),
  /** 0–100; see scoreBreakdown. */
  score: z.number().int(),
  scoreBreakdown: z.array(ScorePartSchema),
  reasons: z.array(Text),
  cost: CostSchema,
  /** Entitlements applied automatically to this loan's cost (贴息, LPR cap). */
  appliedProductIds: z.array(z.string()),
  illustrativeFigures: z.array(z.string()),
  source: ProductSourceSchema,
});
export type Match = z.infer<typeof MatchSchema>;

export const FailedRuleSchema = z.object({
  /** The failing rule: a DSL rule name, or amount/term/quota/validity from the product's own fields. */
  rule: z.string(),
  reason: Text,
  unlock: Text,
});

export const NearMissSchema = z.object({
  productId: z.string(),
  name: Text,
  kind: ProductKindSchema,
  institutionId: z.string(),
  demo: z.boolean(),
  /** What the product would score if unlocked, priced on its own (stacked subsidies left out), for ranking. */
  score: z.number().int(),
  failed: z.array(FailedRuleSchema).min(1).max(2),
  /** The product's amount cap, when it has one. */
  upToYuan: Yuan.optional(),
});
export type NearMiss = z.infer<typeof NearMissSchema>;

export const UnlockSchema = z.object({
  /** "an unexpired 专精特新中小企业 (SRDI SME) certificate" */
  hint: Text,
  /** "… would unlock 3 more products, up to CNY 30M" */
  summary: Text,
  rules: z.array(z.string()).min(1).max(2),
  productCount: z.number().int(),
  upToYuan: Yuan.optional(),
  productIds: z.array(z.string()),
});
export type Unlock = z.infer<typeof UnlockSchema>;

export const PackageComponentSchema = z.object({
  productId: z.string(),
  name: Text,
  effect: z.enum(['loan', 'interest_subsidy', 'rate_cap', 'guarantee', 'export_insurance']),
  /** What the component adds to (fees, interest) or takes off (subsidy) the cost, yuan. */
  yuan: Yuan,
});

export const PackageSchema = z.object({
  loanProductId: z.string(),
  productIds: z.array(z.string()).min(2),
  components: z.array(PackageComponentSchema).min(2),
  /** True when a guarantee stands in for collateral the firm did not offer. */
  guaranteeReplacesCollateral: z.boolean(),
  cost: CostSchema,
  notes: z.array(Text),
});
export type Package = z.infer<typeof PackageSchema>;

export const BenefitMatchSchema = z.object({
  benefitId: z.string(),
  kind: BenefitSchema.shape.kind,
  name: Text,
  description: Text,
  /** The cap that applies to this firm (tier overrides included). */
  maxYuan: Yuan.optional(),
  shareBp: z.number().int().optional(),
  oneOff: z.boolean(),
  /** Relevant to the request's purpose (listed first). */
  relevant: z.boolean(),
  reasons: z.array(Text),
  source: ProductSourceSchema,
});
export type BenefitMatch = z.infer<typeof BenefitMatchSchema>;

export const MatchResultSchema = z.object({
  asOf: IsoDateSchema,
  lpr: z.object({
    effectiveFrom: IsoDateSchema,
    oneYearBp: z.number().int(),
    overFiveYearBp: z.number().int(),
  }),
  counts: z.object({
    /** Products in the catalog / serving the firm's region / matched / near misses (all, before truncation). */
    products: z.number().int(),
    candidates: z.number().int(),
    matched: z.number().int(),
    nearMisses: z.number().int(),
  }),
  matches: z.array(MatchSchema),
  nearMisses: z.array(NearMissSchema),
  unlocks: z.array(UnlockSchema),
  packages: z.array(PackageSchema),
  benefits: z.array(BenefitMatchSchema),
});
export type MatchResult = z.infer<typeof MatchResultSchema>;

/** POST /api/match body: a what-if, nothing stored. asOf defaults to today (Asia/Shanghai) at the edge. */
export const MatchInputSchema = z
  .object({
    firm: FirmSchema,
    request: FundingRequestSchema,
    asOf: IsoDateSchema.optional(),
  })
  .strict();
export type MatchInput = z.input<typeof MatchInputSchema>;
