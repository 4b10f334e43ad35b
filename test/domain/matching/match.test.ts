import { describe, expect, it } from 'vitest';
import { MatchResultSchema } from '#domain/matching/index.ts';
import { AS_OF, ask, firmIn, ids, littleGiant, match, srdi } from './helpers.ts';

describe('matchFunding', () => {
  it('answers in the documented shape', () => {
    const result = match(
      firmIn('xiamen', { certifications: [littleGiant()], priorYearInterestPaidYuan: 1_000_000 }),
      ask({ amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 }),
    );
    expect(MatchResultSchema.parse(result)).toEqual(result);
    expect(result.asOf).toBe(AS_OF);
    expect(result.lpr).toEqual({ effectiveFrom: '2025-05-20', oneYearBp: 300, overFiveYearBp: 350 });
    for (const m of result.matches) {
      expect(m.reasons.length).toBeGreaterThan(0);
      expect(m.scoreBreakdown.reduce((n, p) => n + p.points, 0)).toBe(m.score);
      expect(m.cost.netCostYuan).toBe(m.cost.interestYuan + m.cost.feesYuan - m.cost.subsidyYuan);
    }
  });

  it('ranks by score, then effective cost, then id', () => {
    const result = match(
      firmIn('hangzhou', { certifications: [srdi('provincial')] }),
      ask({ amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 }),
    );
    const keys = result.matches.map((m) => [m.score, m.cost.effectiveAnnualRateBp] as const);
    for (let k = 1; k < keys.length; k++) {
      const [s0, e0] = keys[k - 1]!;
      const [s1, e1] = keys[k]!;
      expect(s0 > s1 || (s0 === s1 && e0 <= e1)).toBe(true);
    }
  });

  it('does not stack 贴息 on the already-subsidised fund for an SRDI SME, and says why', () => {
    const result = match(
      firmIn('xiamen', { certifications: [srdi()] }),
      ask({ amountYuan: 50_000_000, purpose: 'rnd', termMonths: 24 }),
    );
    const fund = result.matches.find((m) => m.productId === 'xiamen-tech-innovation-fund')!;
    expect(fund.cost.subsidyYuan).toBe(0);
    expect(fund.appliedProductIds).toEqual([]);
    expect(fund.reasons.map((r) => r.zh)).toContain(
      '该贷款已享受其他贴息，仅专精特新"小巨人"及以上企业可重复享受厦门市专精特新企业贷款贴息',
    );
    // The plain 贴息 entitlement is still there for its bank loans.
    expect(ids(result.matches)).toContain('xiamen-loan-interest-subsidy');
  });

  it('shows what the 贴息 is worth on last year’s interest, with the cap', () => {
    const result = match(
      firmIn('xiamen', { certifications: [srdi()], priorYearInterestPaidYuan: 2_000_000 }),
      ask({ amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 }),
    );
    const subsidy = result.matches.find((m) => m.productId === 'xiamen-loan-interest-subsidy')!;
    expect(subsidy.reasons.map((r) => r.zh)).toContain('按上年度实付利息200万元计，本年度最高可申请50万元');
    // Already at the cap: a new loan adds no subsidy.
    expect(subsidy.cost.subsidyYuan).toBe(0);
  });

  it('applies the Jiangmen LPR cap to 1-year loans only, for provincial SRDI or 金种子 firms', () => {
    const goldenSeed = firmIn('jiangmen', {
      certifications: [
        {
          label: 'golden_seed',
          level: 'municipal',
          issuedOn: '2025-03-01',
          authority: '江门市金融局',
          state: 'verified',
        },
      ],
    });
    const oneYear = match(
      goldenSeed,
      ask({ amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 }),
    );
    const loan = oneYear.matches.find((m) => m.productId === 'jiangmen-srdi-credit-loan')!;
    expect(loan.cost.annualRateBp).toBe(300);
    expect(loan.appliedProductIds).toEqual(['jiangmen-lpr-cap']);

    const twoYears = match(
      goldenSeed,
      ask({ amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 24 }),
    );
    expect(twoYears.matches.find((m) => m.productId === 'jiangmen-srdi-credit-loan')!.cost.annualRateBp).toBe(
      360,
    );
    expect(
      twoYears.nearMisses.find((m) => m.productId === 'jiangmen-lpr-cap')?.failed.map((f) => f.rule),
    ).toEqual(['term']);

    // A municipal SRDI certificate is not enough: provincial or above, or 金种子.
    const municipal = match(
      firmIn('jiangmen', { certifications: [srdi('municipal')] }),
      ask({ amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 }),
    );
    const miss = municipal.nearMisses.find((m) => m.productId === 'jiangmen-lpr-cap')!;
    expect(miss.failed[0]!.rule).toBe('tier_or_label');
    expect(miss.failed[0]!.unlock.zh).toBe('解锁条件：取得省级及以上专精特新中小企业或"金种子"企业认定');
  });

  it('puts equity funds first for equity requests, by their investment preferences', () => {
    const result = match(
      firmIn('xiamen', { certifications: [littleGiant()], industryCode: 'C3981' }),
      ask({ amountYuan: 50_000_000, purpose: 'expansion', termMonths: 60, kind: 'equity' }),
    );
    expect(result.matches.every((m) => m.role === 'equity')).toBe(true);
    const subfunds = result.matches[0]!;
    expect(subfunds.productId).toBe('xiamen-guidance-subfunds');
    expect(subfunds.cost).toMatchObject({ basis: 'equity', interestYuan: 0, netCostYuan: 0 });
    expect(subfunds.scoreBreakdown.find((p) => p.factor === 'fit')).toMatchObject({ points: 22 });

    const listed = match(
      firmIn('xiamen', { certifications: [littleGiant()], listing: 'star' }),
      ask({ amountYuan: 50_000_000, purpose: 'expansion', termMonths: 60, kind: 'equity' }),
    );
    expect(listed.matches).toEqual([]);
    expect(listed.nearMisses.map((m) => m.failed[0]!.rule)).toContain('listing_not');
  });

  it("lists the benefits the firm qualifies for, with tier caps, and awards by the title's issue date", () => {
    const key = firmIn('xiamen', {
      certifications: [
        { tier: 'key_little_giant', level: 'national', issuedOn: '2024-07-01', authority: '工业和信息化部' },
      ],
    });
    const upgrade = match(key, ask({ amountYuan: 30_000_000, purpose: 'equipment_upgrade', termMonths: 36 }));
    expect(upgrade.benefits[0]).toMatchObject({
      benefitId: 'xiamen-tech-upgrade-subsidy',
      relevant: true,
      maxYuan: 50_000_000,
      shareBp: 1000,
    });
    expect(upgrade.benefits.find((b) => b.benefitId === 'xiamen-rnd-subsidy')?.maxYuan).toBe(10_000_000);

    const jiaxing = match(
      firmIn('jiaxing', { certifications: [littleGiant(), srdi('provincial')] }),
      ask({ amountYuan: 5_000_000, purpose: 'rnd', termMonths: 12 }),
    );
    const awards = jiaxing.benefits.map((b) => b.benefitId);
    // Newly certified: the little giant title of 2024-07-01 counts on 2025-06-30, the
    // provincial SRDI title of 2023-03-01 is no longer new.
    expect(awards).toContain('jiaxing-little-giant-award');
    expect(awards).not.toContain('jiaxing-provincial-srdi-award');
    expect(jiaxing.benefits[0]!.benefitId).toBe('jiaxing-key-rnd-programme'); // relevant to R&D first

    // Jiangmen's awards are for titles obtained in 2022–2023, paid while the plan is in force.
    const title2024 = firmIn('jiangmen', { certifications: [srdi('provincial', '2024-02-01')] });
    const rnd = ask({ amountYuan: 5_000_000, purpose: 'rnd', termMonths: 12 });
    expect(match(title2024, rnd).benefits.map((b) => b.benefitId)).not.toContain(
      'jiangmen-certificate-award',
    );
    const title2023 = firmIn('jiangmen', { certifications: [srdi('provincial', '2023-01-01')] });
    expect(match(title2023, rnd).benefits.map((b) => b.benefitId)).toContain('jiangmen-certificate-award');
    expect(match(title2023, rnd, '2025-08-05').benefits.map((b) => b.benefitId)).not.toContain(
      'jiangmen-certificate-award',
    );
  });

  it('explains a near miss failing two rules, and groups unlocks across products', () => {
    const result = match(
      firmIn('jiaxing', { certifications: [srdi('municipal')] }),
      ask({ amountYuan: 5_000_000, purpose: 'expansion', termMonths: 24, collateral: ['none'] }),
    );
    const receivables = result.nearMisses.find((m) => m.productId === 'jiaxing-receivables-finance')!;
    expect(receivables.failed.map((f) => f.rule)).toEqual(['term', 'collateral']);
    expect(receivables.failed[1]!.reason.en).toBe('requires receivables as collateral');
    for (const u of result.unlocks) expect(u.productCount).toBeGreaterThanOrEqual(u.productIds.length);
  });
});
