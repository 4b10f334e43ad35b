import * as z from 'zod';
import { PurposeSchema } from './funding-request.ts';
import { SlugSchema } from './institution.ts';
import { lazySchema } from './lazy-schema.ts';
import { RuleSchema } from './rules.ts';
import {
  BilingualNameSchema,
  BilingualTextSchema,
  freeTextSchema,
  IsoDateSchema,
  YuanSchema,
} from './text.ts';
import { LevelSchema, TierSchema } from './tiers.ts';

/**
 * draft (an institution's officer writes it) → pending_approval (submitted) → active
 * (approved by an operator of a region it serves) → retired; suspended = paused by an operator.
 */
export const PRODUCT_STATUSES = ['draft', 'pending_approval', 'active', 'suspended', 'retired'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** What kind of money (or help) a product is. */
export const PRODUCT_KINDS = [
  'policy_credit_fund', // 技术创新基金: fiscal money + bank loan at a fixed cost
  'bank_loan', // 专精特新贷, 小巨人贷, 知识产权质押贷
  'guarantee', // 增信基金, 专精特新保: guarantee / credit enhancement on a loan
  'credit_insurance', // 专精特新险: insurer guarantees the loan
  'bridge_loan', // 应急转贷
  'interest_subsidy', // 贷款贴息
  'export_credit_insurance',
  'supply_chain_finance', // receivables / inventory / warehouse receipts
  'risk_compensation', // 风险补偿, 政银保
  'rate_cap', // Jiangmen: new 1-year loans at or below LPR
  'relending', // 科技创新再贷款
  'equity_fund', // guidance sub-funds, national SME fund sub-fund
  'bond', // 集合票据
  'listing_support',
] as const;
export const ProductKindSchema = lazySchema(() => z.enum(PRODUCT_KINDS));
export type ProductKind = z.infer<typeof ProductKindSchema>;

/**
 * How the money is priced. Rates and fees are basis points per year unless named otherwise;
 * the LPR comes from configuration (matching/lpr.ts), picked by the evaluation date.
 */
export const PricingSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    /** e.g. 技术创新基金: fixed 2%/yr financing cost. `annualFeeBp` is any guarantee/service fee on top. */
    z
      .object({
        type: z.literal('fixed_rate'),
        annualRateBp: z.number().int().min(0).max(5000),
        annualFeeBp: z.number().int().min(0).max(2000).default(0),
      })
      .strict(),
    /** Loans quoted against the LPR (1-year for terms up to 60 months, over-5-year beyond). */
    z
      .object({
        type: z.literal('lpr_spread'),
        spreadBp: z.number().int().min(-500).max(2000),
        annualFeeBp: z.number().int().min(0).max(2000).default(0),
      })
      .strict(),
    /** 应急转贷: a daily fee on the bridge amount for the days used (at most maxDays). */
    z
      .object({
        type: z.literal('daily_fee'),
        dailyFeeBp: z.number().int().min(0).max(100),
        maxDays: z.number().int().positive().max(366),
      })
      .strict(),
    /** Guarantees, credit insurance, risk pools: an annual fee on the covered loan amount. */
    z.object({ type: z.literal('guarantee_fee'), annualFeeBp: z.number().int().min(0).max(2000) }).strict(),
    /** 贴息: share of interest actually paid in the prior calendar year, capped per firm per year. */
    z
      .object({
        type: z.literal('interest_subsidy'),
        shareBp: z.number().int().min(0).max(10_000),
        capYuanPerYear: YuanSchema,
      })
      .strict(),
    /** Rate rule: a loan for eligible firms priced at or below LPR + capSpreadBp. */
    z.object({ type: z.literal('rate_cap'), capSpreadBp: z.number().int().min(-500).max(0) }).strict(),
    /** Equity or anything without an interest price. */
    z.object({ type: z.literal('none') }).strict(),
  ]),
);
export type Pricing = z.infer<typeof PricingSchema>;

/**
 * What a product does for the firm, derived from its pricing:
 * - loan: lends money (fixed rate, LPR spread, bridge daily fee);
 * - equity: invests or supports listing (no interest price);
 * - entitlement: applies automatically to an eligible loan (贴息, LPR cap);
 * - enhancer: an optional add-on to a loan the firm pays for (guarantee, credit insurance).
 */
export const PRODUCT_ROLES = ['loan', 'equity', 'entitlement', 'enhancer'] as const;
export type ProductRole = (typeof PRODUCT_ROLES)[number];

export function pricingRole(pricing: Pricing): ProductRole {
  switch (pricing.type) {
    case 'fixed_rate':
    case 'lpr_spread':
    case 'daily_fee':
      return 'loan';
    case 'interest_subsidy':
    case 'rate_cap':
      return 'entitlement';
    case 'guarantee_fee':
      return 'enhancer';
    case 'none':
      return 'equity';
  }
}

/** Kinds that are equity and must be priced `none`. */
export const EQUITY_KINDS: ReadonlySet<ProductKind> = new Set(['equity_fund', 'listing_support']);

export const ProductSourceSchema = lazySchema(() =>
  z
    .object({
      city: z.enum(['xiamen', 'jiaxing', 'chongqing', 'hangzhou', 'jiangmen', 'national']),
      seedFile: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
      quote: freeTextSchema(1, 400).optional(),
    })
    .strict(),
);

export const ProductSchema = lazySchema(() =>
  z
    .object({
      id: SlugSchema,
      kind: ProductKindSchema,
      institutionId: SlugSchema,
      name: BilingualNameSchema,
      description: BilingualTextSchema.optional(),
      amount: z
        .object({ minYuan: YuanSchema.default(0), maxYuan: YuanSchema.optional() })
        .strict()
        .default({ minYuan: 0 }),
      term: z
        .object({
          minMonths: z.number().int().positive().optional(),
          maxMonths: z.number().int().positive().optional(),
        })
        .strict()
        .default({}),
      pricing: PricingSchema,
      /** GB/T 2260 prefixes the product serves; empty = nationwide. */
      regionScope: z
        .array(z.string().regex(/^\d{2}(\d{2}){0,2}$/))
        .max(100)
        .default([]),
      eligibility: z.array(RuleSchema).max(30).default([]),
      /** Products this one may be combined with in a package, by id (symmetric). */
      stacksWith: z.array(SlugSchema).max(50).default([]),
      /** For entitlements and enhancers: the loan kinds this attaches to (e.g. 贴息 on bank loans). */
      stacksOnKinds: z.array(ProductKindSchema).max(PRODUCT_KINDS.length).default([]),
      /** A loan that already enjoys a fiscal interest subsidy (e.g. the 2% 技术创新基金). */
      alreadySubsidised: z.boolean().default(false),
      /** An enhancer that stands in for collateral (guarantee, credit insurance, risk pool). */
      replacesCollateral: z.boolean().default(false),
      /**
       * Field paths whose figures are illustrative because the seed gives none
       * (e.g. "pricing.spreadBp"); shown to users so no one mistakes them for policy.
       */
      illustrativeFigures: z.array(z.string().min(1).max(80)).max(30).default([]),
      /** Investment preferences of equity funds: industry prefixes they favour. */
      preferences: z
        .object({
          industryPrefixes: z
            .array(z.string().regex(/^[A-T]\d{0,4}$/))
            .max(100)
            .default([]),
        })
        .strict()
        .optional(),
      validFrom: IsoDateSchema.optional(),
      validTo: IsoDateSchema.optional(),
      /** Money left to allocate this period; 0 means exhausted. Undefined = not limited. */
      quotaLeftYuan: YuanSchema.optional(),
      /**
       * Its certificate rules count only certificates on an imported certified list
       * (policy products: "经认定的"); self-declared ones make a near miss that says so.
       */
      requiresVerifiedCertificates: z.boolean().default(false),
      /** True when the seeds name the product only generically: a demo entry. */
      demo: z.boolean().default(false),
      source: ProductSourceSchema,
      /** Publishing workflow (product-workflow.ts): only active products are matched. */
      status: z.enum(PRODUCT_STATUSES).default('active'),
    })
    .strict()
    .superRefine((p, ctx) => {
      if (p.amount.maxYuan !== undefined && p.amount.maxYuan < p.amount.minYuan)
        ctx.addIssue({
          code: 'custom',
          message: '最高额度须不低于最低额度 / amount.maxYuan must be ≥ amount.minYuan',
          path: ['amount', 'maxYuan'],
        });
      const { minMonths, maxMonths } = p.term;
      if (minMonths !== undefined && maxMonths !== undefined && maxMonths < minMonths)
        ctx.addIssue({
          code: 'custom',
          message: '最长期限须不短于最短期限 / term.maxMonths must be ≥ term.minMonths',
          path: ['term', 'maxMonths'],
        });
      if (p.validFrom !== undefined && p.validTo !== undefined && p.validTo < p.validFrom)
        ctx.addIssue({
          code: 'custom',
          message: '有效期截止日须不早于起始日 / validTo must be on or after validFrom',
          path: ['validTo'],
        });
      const equityKind = EQUITY_KINDS.has(p.kind);
      if (equityKind !== (p.pricing.type === 'none'))
        ctx.addIssue({
          code: 'custom',
          message: equityKind
            ? '股权类产品的定价须为 none / equity products are priced "none"'
            : '非股权产品须有定价 / only equity products may be priced "none"',
          path: ['pricing', 'type'],
        });
      const role = pricingRole(p.pricing);
      if (
        (role === 'entitlement' || role === 'enhancer') &&
        p.stacksOnKinds.length === 0 &&
        p.stacksWith.length === 0
      )
        ctx.addIssue({
          code: 'custom',
          message:
            '贴息、担保类产品须说明可叠加的贷款 / entitlements and enhancers need stacksOnKinds or stacksWith',
          path: ['stacksOnKinds'],
        });
      p.eligibility.forEach((rule, i) => {
        if (rule.rule === 'title_obtained')
          ctx.addIssue({
            code: 'custom',
            message: 'title_obtained 仅适用于奖励 / title_obtained applies to benefits (awards) only',
            path: ['eligibility', i, 'rule'],
          });
        if (rule.rule === 'no_double_subsidy' && role !== 'entitlement')
          ctx.addIssue({
            code: 'custom',
            message: 'no_double_subsidy 仅适用于贴息类产品 / no_double_subsidy applies to entitlements only',
            path: ['eligibility', i, 'rule'],
          });
      });
    }),
);
export type ProductInput = z.input<typeof ProductSchema>;
export type Product = z.output<typeof ProductSchema>;

/** Non-financing benefits (grants and awards) shown beside the financing products. */
export const BenefitSchema = lazySchema(() =>
  z
    .object({
      id: SlugSchema,
      kind: z.enum(['equipment_upgrade_subsidy', 'rnd_subsidy', 'certificate_award']),
      name: BilingualNameSchema,
      description: BilingualTextSchema,
      /** GB/T 2260 prefixes; empty = nationwide. */
      regionScope: z.array(z.string().regex(/^\d{2}(\d{2}){0,2}$/)).default([]),
      eligibility: z.array(RuleSchema).default([]),
      /** Share of the eligible spend paid (e.g. 技改: up to 10% of equipment spend = 1000 bp). */
      shareBp: z.number().int().min(0).max(10_000).optional(),
      maxYuan: YuanSchema.optional(),
      /** Higher caps for higher tiers (Xiamen 技改: CNY 20M, key little giants CNY 50M). */
      capOverrides: z
        .array(z.object({ tier: TierSchema, level: LevelSchema.optional(), maxYuan: YuanSchema }).strict())
        .default([]),
      /** Benefits in the same group are alternatives: only the largest one that applies is shown. */
      exclusiveGroup: SlugSchema.optional(),
      /** A one-off award paid on certification rather than a recurring programme. */
      oneOff: z.boolean().default(false),
      /** Request purposes this benefit is most relevant to (ranked first when they match). */
      purposes: z.array(PurposeSchema).default([]),
      validFrom: IsoDateSchema.optional(),
      validTo: IsoDateSchema.optional(),
      source: ProductSourceSchema,
    })
    .strict(),
);
export type BenefitInput = z.input<typeof BenefitSchema>;
export type Benefit = z.output<typeof BenefitSchema>;
