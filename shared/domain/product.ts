import * as z from 'zod';
import { SlugSchema } from './institution.ts';
import { RuleSchema } from './rules.ts';
import { BilingualTextSchema, IsoDateSchema, YuanSchema } from './text.ts';

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
export const ProductKindSchema = z.enum(PRODUCT_KINDS);
export type ProductKind = z.infer<typeof ProductKindSchema>;

/** Products that lend or invest money themselves; the rest attach to a loan (enhancers). */
export const FUNDING_KINDS: ReadonlySet<ProductKind> = new Set([
  'policy_credit_fund',
  'bank_loan',
  'bridge_loan',
  'supply_chain_finance',
  'relending',
  'equity_fund',
  'bond',
]);

/** How the money is priced. Rates are basis points per year; LPR comes from configuration. */
export const PricingSchema = z.discriminatedUnion('type', [
  /** e.g. 技术创新基金: fixed 2%/yr financing cost. */
  z.object({ type: z.literal('fixed_rate'), annualRateBp: z.number().int().min(0).max(5000) }).strict(),
  /** Bank loans quoted against the 1-year LPR. */
  z.object({ type: z.literal('lpr_spread'), spreadBp: z.number().int().min(-500).max(2000) }).strict(),
  /** 应急转贷: a daily fee on the bridge amount for the days used. */
  z
    .object({
      type: z.literal('daily_fee'),
      dailyFeeBp: z.number().int().min(0).max(100),
      maxDays: z.number().int().positive(),
    })
    .strict(),
  /** Guarantees and credit insurance: an annual fee on the guaranteed amount. */
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
]);
export type Pricing = z.infer<typeof PricingSchema>;

export const ProductSourceSchema = z
  .object({
    city: z.enum(['xiamen', 'jiaxing', 'chongqing', 'hangzhou', 'jiangmen', 'national']),
    seedFile: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
    quote: z.string().max(400).optional(),
  })
  .strict();

export const ProductSchema = z
  .object({
    id: SlugSchema,
    kind: ProductKindSchema,
    institutionId: SlugSchema,
    name: BilingualTextSchema,
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
    regionScope: z.array(z.string().regex(/^\d{2}(\d{2}){0,2}$/)).default([]),
    eligibility: z.array(RuleSchema).max(30).default([]),
    /** Products this one may be combined with in a package (e.g. a loan + 贴息 + 增信). */
    stacksWith: z.array(SlugSchema).default([]),
    /** Investment preferences of equity funds: industry prefixes they favour. */
    preferences: z
      .object({ industryPrefixes: z.array(z.string()).default([]) })
      .strict()
      .optional(),
    validFrom: IsoDateSchema.optional(),
    validTo: IsoDateSchema.optional(),
    /** Money left to allocate this period; 0 means exhausted. Undefined = not limited. */
    quotaLeftYuan: YuanSchema.optional(),
    /** True when the seeds name the product only generically: a demo entry. */
    demo: z.boolean().default(false),
    source: ProductSourceSchema,
    status: z.enum(['active', 'suspended']).default('active'),
  })
  .strict()
  .refine((p) => p.amount.maxYuan === undefined || p.amount.maxYuan >= p.amount.minYuan, {
    message: '最高额度须不低于最低额度 / amount.maxYuan must be ≥ amount.minYuan',
    path: ['amount', 'maxYuan'],
  });
export type ProductInput = z.input<typeof ProductSchema>;
export type Product = z.output<typeof ProductSchema>;

/** Non-financing benefits (grants and awards) shown beside the financing products. */
export const BenefitSchema = z
  .object({
    id: SlugSchema,
    kind: z.enum(['equipment_upgrade_subsidy', 'rnd_subsidy', 'certificate_award']),
    name: BilingualTextSchema,
    description: BilingualTextSchema,
    regionScope: z.array(z.string()).default([]),
    eligibility: z.array(RuleSchema).default([]),
    maxYuan: YuanSchema.optional(),
    source: ProductSourceSchema,
  })
  .strict();
export type BenefitInput = z.input<typeof BenefitSchema>;
export type Benefit = z.output<typeof BenefitSchema>;
