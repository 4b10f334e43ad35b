import * as z from 'zod';
import { daysBetween } from './dates.ts';
import { lazySchema } from './lazy-schema.ts';
import type { LprFixing } from './matching/lpr.ts';
import { type FieldProblem, type IsoDate, IsoDateSchema } from './text.ts';

/**
 * LPR fixings as data operators keep: each month's 1-year and over-5-year Loan Prime Rate
 * (published on the 20th, effective that day), recorded by an operator. The matcher costs
 * loans on the latest fixing effective on the evaluation date, taken from the fixings the
 * catalog ships with and those recorded since (a recorded one wins on the same date).
 */

/** An operator's new fixing, in basis points (the page reads percent: 3.45 → 345). */
export const LprFixingInputSchema = lazySchema(() =>
  z
    .object({
      effectiveFrom: IsoDateSchema.describe(
        '生效日（通常为每月20日）/ the date it takes effect (the 20th, usually)',
      ),
      oneYearBp: z.number().int().min(1).max(2000).describe('1年期LPR（基点）/ 1-year LPR in basis points'),
      overFiveYearBp: z
        .number()
        .int()
        .min(1)
        .max(2000)
        .describe('5年期以上LPR（基点）/ over-5-year LPR in basis points'),
    })
    .strict(),
);
export type LprFixingInput = z.infer<typeof LprFixingInputSchema>;

export const RecordedLprFixingSchema = lazySchema(() =>
  LprFixingInputSchema.extend({
    recordedAt: z.string(),
    recordedBy: z.string(),
  }),
);
export type RecordedLprFixing = z.infer<typeof RecordedLprFixingSchema>;

/** Checks against today and the fixings already known: never in the future, 1-year ≤ over-5-year, one per date. */
export function lprFixingProblems(
  input: LprFixingInput,
  known: readonly LprFixing[],
  today: IsoDate,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.effectiveFrom > today)
    problems.push({
      path: 'effectiveFrom',
      zh: `生效日不能晚于今天（${today}）`,
      en: `the fixing cannot take effect after today (${today})`,
    });
  if (input.effectiveFrom < '2019-08-20')
    problems.push({
      path: 'effectiveFrom',
      zh: '新LPR自2019-08-20起报价',
      en: 'the reformed LPR is quoted from 2019-08-20 on',
    });
  if (input.oneYearBp > input.overFiveYearBp)
    problems.push({
      path: 'oneYearBp',
      zh: '1年期LPR不应高于5年期以上LPR',
      en: 'the 1-year LPR should not exceed the over-5-year LPR',
    });
  if (known.some((f) => f.effectiveFrom === input.effectiveFrom))
    problems.push({
      path: 'effectiveFrom',
      zh: `${input.effectiveFrom} 已有报价`,
      en: `a fixing for ${input.effectiveFrom} is already recorded`,
    });
  return problems;
}

/** The catalog's fixings and the recorded ones, in date order, one per date (recorded wins). */
export function mergeFixings(reference: readonly LprFixing[], recorded: readonly LprFixing[]): LprFixing[] {
  const byDate = new Map<string, LprFixing>();
  for (const f of reference) byDate.set(f.effectiveFrom, f);
  for (const f of recorded)
    byDate.set(f.effectiveFrom, {
      effectiveFrom: f.effectiveFrom,
      oneYearBp: f.oneYearBp,
      overFiveYearBp: f.overFiveYearBp,
    });
  return [...byDate.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

/** A fixing is published every month: older than this many days means at least one was missed. */
export const LPR_STALE_AFTER_DAYS = 35;

/**
 * Whether the latest fixing is out of date on `today` (Asia/Shanghai date): older than
 * 35 days means the last monthly fixing was not recorded, and costs read an old rate.
 */
export function lprStaleness(
  latest: Pick<LprFixing, 'effectiveFrom'>,
  today: IsoDate,
): { stale: boolean; ageDays: number } {
  const ageDays = daysBetween(latest.effectiveFrom, today);
  return { stale: ageDays > LPR_STALE_AFTER_DAYS, ageDays };
}
