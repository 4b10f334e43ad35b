import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';

/**
 * Why a fund passes on a firm ("not for us" on a batch, "passed" on an equity lead, "not
 * interested" on a roadshow intent card): reasons investors give, not a bank's credit reasons,
 * so firms learn something and the city can count them.
 */
export const EQUITY_PASS_REASONS = {
  stage: { zh: '发展阶段不符', en: 'Stage does not fit the fund' },
  valuation: { zh: '估值预期过高', en: 'Valuation expectations too high' },
  sector: { zh: '行业赛道不在投资范围', en: 'Sector outside the fund’s focus' },
  ticket_size: { zh: '融资额与单笔投资规模不符', en: 'Ask does not fit the fund’s ticket size' },
  region: { zh: '地域不在投资范围', en: 'Region outside the fund’s scope' },
  business_model: { zh: '商业模式尚待验证', en: 'Business model not yet proven' },
  growth: { zh: '成长性或市场空间不足', en: 'Growth or market size insufficient' },
  technology: { zh: '技术壁垒或知识产权不足', en: 'Technology or IP moat insufficient' },
  team: { zh: '团队或治理结构有待完善', en: 'Team or governance needs work' },
  exit: { zh: '退出路径不清晰', en: 'No clear exit path' },
  fund_capacity: { zh: '基金额度或投资期已满', en: 'Fund fully committed or past its investment period' },
  other: { zh: '其他原因', en: 'Other' },
} as const;
export type EquityPassReason = keyof typeof EQUITY_PASS_REASONS;
export const EquityPassReasonSchema = lazySchema(() =>
  z.enum(Object.keys(EQUITY_PASS_REASONS) as [EquityPassReason, ...EquityPassReason[]]),
);

/** One or more reasons, each once. */
export const PassReasonListSchema = lazySchema(() =>
  z
    .array(EquityPassReasonSchema)
    .min(1, '请至少选择一个原因 / pick at least one reason')
    .max(Object.keys(EQUITY_PASS_REASONS).length)
    .refine((r) => new Set(r).size === r.length, '原因有重复 / reasons repeat'),
);

/** A pass names its reasons, and explains itself in a note when "other" is among them. */
export function checkOtherExplained(
  value: { reasons?: readonly EquityPassReason[]; note?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.reasons?.includes('other') && (value.note ?? '').trim().length < 2)
    ctx.addIssue({
      code: 'custom',
      path: ['note'],
      message: '选择“其他原因”时请说明 / explain "other" in a note',
    });
}
