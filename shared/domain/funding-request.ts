import * as z from 'zod';
import { addDays, addYears } from './dates.ts';
import { lazySchema } from './lazy-schema.ts';
import { type FieldProblem, type IsoDate, IsoDateSchema, MAX_AMOUNT_YUAN } from './text.ts';

export const PURPOSES = [
  'rnd',
  'equipment_upgrade',
  'working_capital',
  'bridge',
  'expansion',
  'export',
] as const;
export const PurposeSchema = lazySchema(() => z.enum(PURPOSES));
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
export const CollateralSchema = lazySchema(() => z.enum(COLLATERAL));
export type Collateral = z.infer<typeof CollateralSchema>;

export const FINANCING_KINDS = ['debt', 'equity', 'any'] as const;
export const FinancingKindSchema = lazySchema(() => z.enum(FINANCING_KINDS));
export type FinancingKind = z.infer<typeof FinancingKindSchema>;

export const PURPOSE_NAMES: Record<Purpose, { zh: string; en: string }> = {
  rnd: { zh: '研发投入', en: 'R&D' },
  equipment_upgrade: { zh: '技术改造', en: 'Equipment upgrade' },
  working_capital: { zh: '流动资金', en: 'Working capital' },
  bridge: { zh: '转贷（过桥）', en: 'Bridge (loan renewal)' },
  expansion: { zh: '扩大产能', en: 'Expansion' },
  export: { zh: '出口业务', en: 'Export' },
};

const AmountYuanSchema = lazySchema(() =>
  z
    .number({ error: '金额须为数字 / amount must be a number' })
    .int('金额须为整数元 / amount must be whole yuan')
    .positive('金额须大于0 / amount must be positive')
    .max(MAX_AMOUNT_YUAN, '金额不得超过1000亿元 / amount must not exceed CNY 100 billion'),
);

/** What a firm asks for (融资需求). Bridge requests also say which loan is maturing, and when. */
export const FundingRequestSchema = lazySchema(() =>
  z
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
    }),
);
export type FundingRequestInput = z.input<typeof FundingRequestSchema>;
export type FundingRequest = z.output<typeof FundingRequestSchema>;

/** A need further out than this is not a funding request but a plan. */
export const MAX_NEED_BY_YEARS = 3;
/** A bridge is for a loan maturing soon: within a year. */
export const MAX_BRIDGE_MATURITY_DAYS = 366;

/**
 * The dates of a request that only make sense against today (Asia/Shanghai): `needBy` is
 * today or later and within three years; a bridge's maturing loan matures today or later,
 * within a year (a loan that matured in 2020 has nothing left to roll over).
 */
export function requestDateProblems(
  request: Pick<FundingRequest, 'needBy' | 'maturesOn'>,
  today: IsoDate,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.needBy !== undefined) {
    if (request.needBy < today)
      problems.push({ path: 'needBy', zh: '需求日期不得早于今天', en: 'needBy must not be in the past' });
    else if (request.needBy > addYears(today, MAX_NEED_BY_YEARS))
      problems.push({
        path: 'needBy',
        zh: `需求日期不得晚于 ${MAX_NEED_BY_YEARS} 年后`,
        en: `needBy must be within ${MAX_NEED_BY_YEARS} years`,
      });
  }
  if (request.maturesOn !== undefined) {
    if (request.maturesOn < today)
      problems.push({
        path: 'maturesOn',
        zh: '到期日已过，转贷需求须针对尚未到期的贷款',
        en: 'maturesOn is in the past: a bridge rolls over a loan that has not matured yet',
      });
    else if (request.maturesOn > addDays(today, MAX_BRIDGE_MATURITY_DAYS))
      problems.push({
        path: 'maturesOn',
        zh: '转贷需求的到期日须在一年之内',
        en: 'a bridge is for a loan maturing within a year',
      });
  }
  return problems;
}
