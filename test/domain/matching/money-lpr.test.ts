import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '#domain/errors.ts';
import { lprForTermBp, lprOn, mulDivRound, roundDiv, yuanEn, yuanZh } from '#domain/matching/index.ts';
import { PRICING } from '#shared/catalog/index.ts';

describe('integer money', () => {
  it('rounds half away from zero, exactly', () => {
    expect(roundDiv(5, 2)).toBe(3);
    expect(roundDiv(4, 3)).toBe(1);
    expect(roundDiv(-5, 2)).toBe(-3);
    expect(roundDiv(0, 7)).toBe(0);
    expect(mulDivRound(1, 1, 1, 3)).toBe(0);
    expect(mulDivRound(2, 1, 1, 3)).toBe(1);
  });

  it('stays exact beyond 2^53 (BigInt fallback)', () => {
    // 99,999,999,999 × 4,999 × 359 = 1.79…e17: float maths would lose the last digits.
    const exact = (99_999_999_999n * 4_999n * 359n * 2n + 120_000n) / 240_000n;
    expect(mulDivRound(99_999_999_999, 4_999, 359, 120_000)).toBe(Number(exact));
  });

  it('writes amounts the way the seeds do', () => {
    expect(yuanZh(500_000_000)).toBe('5亿元');
    expect(yuanZh(30_000_000)).toBe('3000万元');
    expect(yuanZh(500_000)).toBe('50万元');
    expect(yuanZh(2_500_000_000)).toBe('25亿元');
    expect(yuanZh(3_258_000_000)).toBe('32.58亿元');
    expect(yuanZh(1_234)).toBe('1,234元');
    expect(yuanEn(500_000_000)).toBe('CNY 500M');
    expect(yuanEn(30_000_000)).toBe('CNY 30M');
    expect(yuanEn(500_000)).toBe('CNY 500k');
    expect(yuanEn(1_500_000)).toBe('CNY 1.5M');
    expect(yuanEn(23_229_000_000)).toBe('CNY 23.229B');
    expect(yuanEn(1_234_567)).toBe('CNY 1,234,567');
  });
});

describe('LPR configuration', () => {
  it('picks the fixing in effect on the evaluation date', () => {
    expect(lprOn(PRICING.lpr, '2025-05-20')).toMatchObject({ oneYearBp: 300, overFiveYearBp: 350 });
    expect(lprOn(PRICING.lpr, '2025-05-19')).toMatchObject({ oneYearBp: 310, overFiveYearBp: 360 });
    expect(lprOn(PRICING.lpr, '2026-11-23').effectiveFrom).toBe('2025-05-20');
    expect(lprOn(PRICING.lpr, '2022-08-05')).toMatchObject({ oneYearBp: 370 });
  });

  it('uses the over-5-year LPR only beyond 60 months', () => {
    const fixing = lprOn(PRICING.lpr, '2025-06-30');
    expect(lprForTermBp(fixing, 60)).toBe(300);
    expect(lprForTermBp(fixing, 61)).toBe(350);
  });

  it('refuses a date before the LPR reform', () => {
    expect(() => lprOn(PRICING.lpr, '2019-08-19')).toThrow(UnprocessableError);
  });
});
