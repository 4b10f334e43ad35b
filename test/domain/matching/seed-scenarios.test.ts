import { describe, expect, it } from 'vitest';
import { loadCatalog } from '#shared/catalog/index.ts';
import { AS_OF, ask, firmIn, ids, littleGiant, match, srdi } from './helpers.ts';

/** The issue's "done when" scenarios, with the seeds' own figures. */
describe('seed scenarios', () => {
  it('a little giant in Xiamen asking CNY 200M for R&D sees the tech-innovation fund at 2%', () => {
    // Prepare
    const firm = firmIn('xiamen', { certifications: [littleGiant()] });
    // Act
    const result = match(firm, ask({ amountYuan: 200_000_000, purpose: 'rnd', termMonths: 12 }));
    // Assess
    const fund = result.matches.find((m) => m.productId === 'xiamen-tech-innovation-fund');
    expect(fund).toBeDefined();
    expect(fund!.cost).toMatchObject({
      basis: 'loan',
      annualRateBp: 200,
      interestYuan: 4_000_000, // 200M × 2% × 12/12
      feesYuan: 0,
      // Drawn 2025-06-30: ≈2.02M of interest in 2025 and ≈1.98M in 2026; up to 40% of each
      // calendar year's, capped at 500k a year (no other interest last year).
      subsidyYuan: 1_000_000,
      netCostYuan: 3_000_000,
      effectiveAnnualRateBp: 150,
    });
    expect(fund!.appliedProductIds).toEqual(['xiamen-loan-interest-subsidy']);
    expect(fund!.reasons.map((r) => r.zh)).toContain('固定融资成本2%/年');
    expect(result.matches[0]!.productId).toBe('xiamen-tech-innovation-fund');
    expect(fund!.source).toMatchObject({ city: 'xiamen', seedFile: '000_49b5be6c3e6efe59.txt' });
  });

  it('the same ask at CNY 600M shows the fund as a near miss on amount, with the CNY 500M cap', () => {
    const firm = firmIn('xiamen', { certifications: [littleGiant()] });
    const result = match(firm, ask({ amountYuan: 600_000_000, purpose: 'rnd', termMonths: 12 }));
    expect(ids(result.matches)).not.toContain('xiamen-tech-innovation-fund');
    const miss = result.nearMisses.find((m) => m.productId === 'xiamen-tech-innovation-fund');
    expect(miss?.failed).toEqual([
      {
        rule: 'amount',
        reason: { zh: '申请金额6亿元超过最高额度5亿元', en: 'amount CNY 600M is above the CNY 500M cap' },
        unlock: { zh: '解锁条件：将申请金额降至5亿元以内', en: 'Unlocked by asking for at most CNY 500M' },
      },
    ]);
    expect(miss?.upToYuan).toBe(500_000_000);
    expect(result.unlocks.map((u) => u.summary.en)).toContain(
      'Asking for at most CNY 500M would unlock 1 more product, up to CNY 500M',
    );
  });

  it('an expired certificate removes the 贴息 and says why', () => {
    // Certified 2021-03-01: valid three years, so it lapsed on 2024-03-01.
    const firm = firmIn('xiamen', {
      certifications: [srdi('municipal', '2021-03-01')],
      priorYearInterestPaidYuan: 1_000_000,
    });
    const request = ask({ amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 });
    const result = match(firm, request);

    expect(ids(result.matches)).not.toContain('xiamen-loan-interest-subsidy');
    expect(result.packages).toEqual([]);
    const miss = result.nearMisses.find((m) => m.productId === 'xiamen-loan-interest-subsidy');
    expect(miss?.failed).toHaveLength(1);
    expect(miss!.failed[0]!.rule).toBe('tier_at_least');
    expect(miss!.failed[0]!.reason.zh).toBe(
      '市级专精特新中小企业认定已于2024-03-01到期，需专精特新中小企业有效认定',
    );
    expect(miss!.failed[0]!.reason.en).toContain('expired on 2024-03-01');
    expect(result.unlocks[0]!.summary).toEqual({
      // The credit-enhancement fund serves 中小微企业, so it needs no certificate.
      zh: '有效期内的专精特新中小企业认定（复核或重新认定），可再解锁2个产品，最高1000万元',
      en: 'An unexpired 专精特新中小企业 (SRDI SME) certificate would unlock 2 more products, up to CNY 10M',
    });

    // The same firm renewed: the subsidy is back, stacked on the loans.
    const renewed = firmIn('xiamen', {
      certifications: [srdi('municipal', '2021-03-01'), srdi('municipal', '2024-03-01')],
      priorYearInterestPaidYuan: 1_000_000,
    });
    const after = match(renewed, request);
    expect(ids(after.matches)).toContain('xiamen-loan-interest-subsidy');
    expect(after.packages.some((p) => p.productIds.includes('xiamen-loan-interest-subsidy'))).toBe(true);
  });

  it('a Chongqing firm never sees Xiamen-only products (not as matches, near misses or unlocks)', () => {
    const catalog = loadCatalog();
    const xiamenOnly = catalog.products
      .filter((p) => p.regionScope.every((r) => r.startsWith('3502')))
      .map((p) => p.id);
    expect(xiamenOnly.length).toBeGreaterThan(5);
    for (const kind of ['debt', 'equity', 'any'] as const) {
      const firm = firmIn('chongqing', { certifications: [littleGiant()] });
      const result = match(firm, ask({ amountYuan: 200_000_000, purpose: 'rnd', termMonths: 12, kind }));
      const seen = [
        ...ids(result.matches),
        ...ids(result.nearMisses),
        ...result.unlocks.flatMap((u) => u.productIds),
        ...result.packages.flatMap((p) => p.productIds),
      ];
      expect(seen.filter((id) => xiamenOnly.includes(id))).toEqual([]);
      expect(result.benefits.every((b) => b.source.city !== 'xiamen')).toBe(true);
    }
    const cq = match(
      firmIn('chongqing', { certifications: [srdi()] }),
      ask({ amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 }),
    );
    expect(ids(cq.matches)).toContain('chongqing-srdi-loan');
    expect(cq.matches.every((m) => m.productId.startsWith('chongqing-'))).toBe(true);
  });

  it('uses the LPR effective on the evaluation date', () => {
    const firm = firmIn('chongqing', { certifications: [srdi()] });
    const request = ask({ amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 });
    const loan = (asOf: string) =>
      match(firm, request, asOf).matches.find((m) => m.productId === 'chongqing-srdi-loan')!;
    expect(loan(AS_OF).cost).toMatchObject({ lprBp: 300, annualRateBp: 350, interestYuan: 175_000 });
    expect(loan('2025-05-19').cost).toMatchObject({ lprBp: 310, annualRateBp: 360, interestYuan: 180_000 });
  });
});
