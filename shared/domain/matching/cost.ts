import { mulDivRound, roundDiv } from './money.ts';

/**
 * Cost calculators. All inputs and outputs are integers (yuan, basis points, months,
 * days); each line is rounded once, half up, to whole yuan (see money.ts).
 *
 * Conventions (documented in docs/matching.md):
 * - Interest is simple interest on the full principal for the term (bullet repayment):
 *   interest = round(amount × rateBp × months / 120,000).
 * - Annual fees (guarantee, insurance, service) use the same formula on the covered amount.
 * - A bridge (转贷) fee is daily: round(amount × dailyFeeBp × days / 10,000), with
 *   days = min(maxDays, 30 × months).
 * - Net cost = interest + fees − subsidy; the effective annual rate is
 *   round(net × 120,000 / (amount × months)) basis points.
 */

export function interestYuan(amountYuan: number, annualRateBp: number, months: number): number {
  return mulDivRound(amountYuan, annualRateBp, months, 120_000);
}

export function annualFeeYuan(amountYuan: number, annualFeeBp: number, months: number): number {
  return mulDivRound(amountYuan, annualFeeBp, months, 120_000);
}

export function bridgeDays(termMonths: number, maxDays: number): number {
  return Math.min(maxDays, 30 * termMonths);
}

export function bridgeFeeYuan(amountYuan: number, dailyFeeBp: number, days: number): number {
  return mulDivRound(amountYuan, dailyFeeBp, days, 10_000);
}

export function effectiveAnnualRateBp(netCostYuan: number, amountYuan: number, months: number): number {
  if (amountYuan <= 0 || months <= 0) return 0;
  const denominator = amountYuan * months;
  if (denominator <= 2 ** 52 && Math.abs(netCostYuan * 120_000) <= 2 ** 52)
    return roundDiv(netCostYuan * 120_000, denominator);
  const n = BigInt(netCostYuan) * 120_000n;
  const d = BigInt(amountYuan) * BigInt(months);
  const negative = n < 0n;
  const a = negative ? -n : n;
  let q = a / d;
  if (2n * (a % d) >= d) q += 1n;
  return Number(negative ? -q : q);
}

/**
 * The interest-subsidy policy as the Xiamen seed states it (厦工信提函[2023]100号):
 * up to `shareBp` (4,000 = 40%) of the interest the firm actually paid in the previous
 * calendar year, at most `capYuanPerYear` (CNY 500,000) per firm per year.
 *   interest paid 2,000,000 → 800,000 → capped 500,000;  1,000,000 → 400,000.
 */
export function interestSubsidyYuan(input: {
  interestPaidYuan: number;
  shareBp: number;
  capYuanPerYear: number;
}): number {
  const uncapped = mulDivRound(input.interestPaidYuan, input.shareBp, 1, 10_000);
  return Math.min(input.capYuanPerYear, uncapped);
}

/**
 * Projected subsidy a new loan adds, year by year over its term. The subsidy is paid on
 * each calendar year's interest the following year, with the cap per firm per year, so
 * the new loan only earns the *marginal* subsidy on top of the firm's other interest
 * (taken as last year's interest paid, assumed to recur):
 *   Σ_k [ subsidy(base + interest_k) − subsidy(base) ],  interest_k = loan year k's interest.
 * Loan years stand in for calendar years (a projection, not a promise).
 */
export function projectedSubsidyYuan(input: {
  amountYuan: number;
  annualRateBp: number;
  months: number;
  baseInterestYuan: number;
  shareBp: number;
  capYuanPerYear: number;
}): number {
  const { amountYuan, annualRateBp, months, baseInterestYuan, shareBp, capYuanPerYear } = input;
  const base = interestSubsidyYuan({ interestPaidYuan: baseInterestYuan, shareBp, capYuanPerYear });
  if (base >= capYuanPerYear) return 0;
  let total = 0;
  for (let left = months; left > 0; left -= 12) {
    const yearInterest = interestYuan(amountYuan, annualRateBp, Math.min(12, left));
    total +=
      interestSubsidyYuan({ interestPaidYuan: baseInterestYuan + yearInterest, shareBp, capYuanPerYear }) -
      base;
  }
  return total;
}
