import * as z from 'zod';
import { IsoDateSchema, MAX_AMOUNT_YUAN } from './text.ts';

export const PURPOSES = [
  'rnd',
  'equipment_upgrade',
  'working_capital',
  'bridge',
  'expansion',
  'export',
] as const;
export const PurposeSchema = z.enum(PURPOSES);
export type Purpose = z.infer<typeof PurposeSchema>;

export const COLLATERAL = [
  'none',
  'ip',
  'receivables',
  'inventory',
  'warehouse_receipt',
  'real_estate',
  'equipment',
] as const;
export const CollateralSchema = z.enum(COLLATERAL);
export type Collateral = z.infer<typeof CollateralSchema>;

export const FINANCING_KINDS = ['debt', 'equity', 'any'] as const;
export const FinancingKindSchema = z.enum(FINANCING_KINDS);
export type FinancingKind = z.infer<typeof FinancingKindSchema>;

export const PURPOSE_NAMES: Record<Purpose, { zh: string; en: string }> = {
  rnd: { zh: '研发投入', en: 'R&D' },
  equipment_upgrade: { zh: '技术改造', en: 'Equipment upgrade' },
  working_capital: { zh: '流动资金', en: 'Working capital' },
  bridge: { zh: '转贷（过桥）', en: 'Bridge (loan renewal)' },
  expansion: { zh: '扩大产能', en: 'Expansion' },
  export: { zh: '出口业务', en: 'Export' },
};

const AmountYuanSchema = z
  .number({ error: '金额须为数字 / amount must be a number' })
  .int('金额须为整数元 / amount must be whole yuan')
  .positive('金额须大于0 / amount must be positive')
  .max(MAX_AMOUNT_YUAN, '金额不得超过1000亿元 / amount must not exceed CNY 100 billion');

/** What a firm asks for (融资需求). Bridge requests also say which loan is maturing, and when. */
export const FundingRequestSchema = z
  .object({
    amountYuan: AmountYuanSchema,
    purpose: PurposeSchema,
    termMonths: z.number().int().min(1).max(360),
    collateral: z.array(CollateralSchema).min(1).max(7).default(['none']),
    kind: FinancingKindSchema.default('debt'),
    needBy: IsoDateSchema.optional(),
    maturingLoanYuan: AmountYuanSchema.optional(),
    maturesOn: IsoDateSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.purpose === 'bridge') {
      if (r.maturingLoanYuan === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['maturingLoanYuan'],
          message: '转贷需求须填写到期贷款金额 / bridge requests need maturingLoanYuan',
        });
      if (r.maturesOn === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['maturesOn'],
          message: '转贷需求须填写到期日 / bridge requests need maturesOn',
        });
    }
  });
export type FundingRequestInput = z.input<typeof FundingRequestSchema>;
export type FundingRequest = z.output<typeof FundingRequestSchema>;
