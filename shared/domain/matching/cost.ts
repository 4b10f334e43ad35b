import { addMonths, daysBetween } from '../dates.ts';
import type { IsoDate } from '../text.ts';
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
 * up to ("最高可达") `shareBp` (4,000 = 40%) of the interest the firm actually paid in the previous
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
 * A loan's interest split by calendar year: simple interest for `months` from the drawdown
 * date, accrued evenly by day, so a loan drawn mid-year spreads over two calendar years.
 * Each year's share is rounded once; the last year takes the remainder, so the parts sum
 * to `interestYuan(amount, rate, months)` exactly.
 */
export function interestByCalendarYear(input: {
  amountYuan: number;
  annualRateBp: number;
  months: number;
  drawdownOn: IsoDate;
}): { year: number; interestYuan: number }[] {
  const total = interestYuan(input.amountYuan, input.annualRateBp, input.months);
  const split = calendarSplit(input.drawdownOn, input.months);
  const out: { year: number; interestYuan: number }[] = [];
  let given = 0;
  const last = split.days.length;
  for (let k = 0; k < last; k++) {
    const part = mulDivRound(total, split.days[k]!, 1, split.totalDays);
    out.push({ year: split.firstYear + k, interestYuan: part });
    given += part;
  }
  out.push({ year: split.firstYear + last, interestYuan: total - given });
  return out;
}

/** Days of a loan's term in each calendar year but the last, and in all (see calendarSplit). */
interface CalendarSplit {
  readonly firstYear: number;
  readonly totalDays: number;
  readonly days: readonly number[];
}

const splits = new Map<string, CalendarSplit>();
let lastSplit: { drawdownOn: IsoDate; months: number; split: CalendarSplit } | undefined;

/**
 * How `months` from `drawdownOn` fall into calendar years: pure date arithmetic, the same
 * for every loan of one request, so it is worked out once per (date, months).
 */
function calendarSplit(drawdownOn: IsoDate, months: number): CalendarSplit {
  if (lastSplit && lastSplit.drawdownOn === drawdownOn && lastSplit.months === months) return lastSplit.split;
  const key = `${drawdownOn}/${months}`;
  let split = splits.get(key);
  if (split) {
    lastSplit = { drawdownOn, months, split };
    return split;
  }
  const end = addMonths(drawdownOn, months);
  const firstYear = Number(drawdownOn.slice(0, 4));
  const days: number[] = [];
  for (let year = firstYear; ; year++) {
    const yearEnd = `${year + 1}-01-01`;
    if (yearEnd >= end) break;
    days.push(daysBetween(year === firstYear ? drawdownOn : `${year}-01-01`, yearEnd));
  }
  split = { firstYear, totalDays: daysBetween(drawdownOn, end), days };
  if (splits.size >= 4096) splits.clear();
  splits.set(key, split);
  lastSplit = { drawdownOn, months, split };
  return split;
}

/**
 * Projected subsidy a new loan adds. Xiamen's 贴息 is paid on each calendar year's interest
 * (上一年度(自然年度)) the following year, up to the share, with the cap per firm per year;
 * so the loan's interest is split by calendar year from the expected drawdown date, and
 * the new loan only earns the *marginal* subsidy on top of the firm's other interest
 * (taken as last year's interest paid, assumed to recur):
 *   Σ_y [ subsidy(base + interest_y) − subsidy(base) ],  interest_y = the loan's interest in year y.
 * "最高可达40%": the share is an upper bound, so this is the most the loan can earn (a
 * projection, not a promise). A loan drawn on 1 January earns what loan years would.
 */
export function projectedSubsidyYuan(input: {
  amountYuan: number;
  annualRateBp: number;
  months: number;
  baseInterestYuan: number;
  shareBp: number;
  capYuanPerYear: number;
  /** Expected drawdown date (the request's needBy, else the evaluation date). */
  drawdownOn: IsoDate;
}): number {
  const { baseInterestYuan, shareBp, capYuanPerYear } = input;
  const base = interestSubsidyYuan({ interestPaidYuan: baseInterestYuan, shareBp, capYuanPerYear });
  if (base >= capYuanPerYear) return 0;
  const interest = interestYuan(input.amountYuan, input.annualRateBp, input.months);
  const split = calendarSplit(input.drawdownOn, input.months);
  // The same split as interestByCalendarYear, without building it.
  let total = 0;
  let given = 0;
  for (let k = 0; k <= split.days.length; k++) {
    const part =
      k < split.days.length ? mulDivRound(interest, split.days[k]!, 1, split.totalDays) : interest - given;
    given += part;
    total += Math.min(capYuanPerYear, mulDivRound(baseInterestYuan + part, shareBp, 1, 10_000)) - base;
  }
  return total;
}
