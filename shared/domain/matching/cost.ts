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
  return subsidyOnInterest(input.interestPaidYuan, input.shareBp, input.capYuanPerYear);
}

function subsidyOnInterest(interestPaidYuan: number, shareBp: number, capYuanPerYear: number): number {
  return Math.min(capYuanPerYear, mulDivRound(interestPaidYuan, shareBp, 1, 10_000));
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
  const { parts, count, firstYear } = interestParts(
    input.amountYuan,
    input.annualRateBp,
    input.months,
    input.drawdownOn,
  );
  const out: { year: number; interestYuan: number }[] = [];
  for (let k = 0; k < count; k++) out.push({ year: firstYear + k, interestYuan: parts[k]! });
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
  const parts = interestParts(input.amountYuan, input.annualRateBp, input.months, input.drawdownOn);
  return marginalSubsidyYuan(parts, input.baseInterestYuan, input.shareBp, input.capYuanPerYear);
}

/**
 * A loan's interest in each calendar year of its term (see interestByCalendarYear), in a
 * scratch array valid until the next call (`count` parts): one loan rate's parts serve
 * every subsidy that may stack on it, with nothing allocated.
 */
export interface InterestParts {
  parts: Float64Array;
  count: number;
  /** The calendar year of parts[0]. */
  firstYear: number;
}

const partsScratch: InterestParts = { parts: new Float64Array(8), count: 0, firstYear: 0 };

export function interestParts(
  amountYuan: number,
  annualRateBp: number,
  months: number,
  drawdownOn: IsoDate,
): InterestParts {
  const interest = interestYuan(amountYuan, annualRateBp, months);
  const split = calendarSplit(drawdownOn, months);
  const count = split.days.length + 1;
  if (partsScratch.parts.length < count) partsScratch.parts = new Float64Array(count * 2);
  const parts = partsScratch.parts;
  let given = 0;
  for (let k = 0; k < split.days.length; k++) {
    const part = mulDivRound(interest, split.days[k]!, 1, split.totalDays);
    parts[k] = part;
    given += part;
  }
  parts[count - 1] = interest - given;
  partsScratch.count = count;
  partsScratch.firstYear = split.firstYear;
  return partsScratch;
}

/**
 * Σ_y [ subsidy(base + interest_y) − subsidy(base) ] over a loan's interest parts (see
 * projectedSubsidyYuan); nothing when the firm's other interest already earns the cap.
 */
export function marginalSubsidyYuan(
  interest: InterestParts,
  baseInterestYuan: number,
  shareBp: number,
  capYuanPerYear: number,
): number {
  const base = subsidyOnInterest(baseInterestYuan, shareBp, capYuanPerYear);
  if (base >= capYuanPerYear) return 0;
  const { parts, count } = interest;
  let total = 0;
  for (let k = 0; k < count; k++)
    total += Math.min(capYuanPerYear, mulDivRound(baseInterestYuan + parts[k]!, shareBp, 1, 10_000)) - base;
  return total;
}
