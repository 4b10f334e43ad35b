import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import {
  annualFeeYuan,
  bridgeDays,
  bridgeFeeYuan,
  effectiveAnnualRateBp,
  interestSubsidyYuan,
  interestYuan,
  matchFunding,
  projectedSubsidyYuan,
} from '#domain/matching/index.ts';
import { loadCatalog } from '#shared/catalog/index.ts';

/**
 * Golden tests kept as data (input → expected), like rules-as-code projects: each JSON
 * file in this folder names its calculator and lists cases with the seeds' own figures.
 */
interface GoldenFile {
  calculator: 'interestSubsidy' | 'loanCost' | 'match';
  description: string;
  cases: { name: string; input: Record<string, unknown>; expected: Record<string, unknown> }[];
}

interface LoanCostInput {
  amountYuan: number;
  months: number;
  annualRateBp?: number;
  annualFeeBp?: number;
  dailyFeeBp?: number;
  maxDays?: number;
  /** drawdownOn defaults to 2025-01-01: calendar years then coincide with loan years. */
  subsidy?: { baseInterestYuan: number; shareBp: number; capYuanPerYear: number; drawdownOn?: string };
}

function loanCost(input: LoanCostInput) {
  const rate = input.annualRateBp ?? 0;
  const interest = interestYuan(input.amountYuan, rate, input.months);
  const fees =
    input.dailyFeeBp !== undefined
      ? bridgeFeeYuan(input.amountYuan, input.dailyFeeBp, bridgeDays(input.months, input.maxDays ?? 30))
      : annualFeeYuan(input.amountYuan, input.annualFeeBp ?? 0, input.months);
  const subsidy = input.subsidy
    ? projectedSubsidyYuan({
        amountYuan: input.amountYuan,
        annualRateBp: rate,
        months: input.months,
        ...input.subsidy,
        drawdownOn: input.subsidy.drawdownOn ?? '2025-01-01',
      })
    : 0;
  const net = interest + fees - subsidy;
  return {
    interestYuan: interest,
    feesYuan: fees,
    subsidyYuan: subsidy,
    netCostYuan: net,
    effectiveAnnualRateBp: effectiveAnnualRateBp(net, input.amountYuan, input.months),
  };
}

interface MatchExpected {
  matches?: Record<string, Record<string, unknown>>;
  nearMisses?: Record<string, string[]>;
  absentFromMatches?: string[];
  absentFromNearMisses?: string[];
  packages?: { productIds: string[]; guaranteeReplacesCollateral?: boolean; cost: Record<string, unknown> }[];
}

function checkMatch(input: Record<string, unknown>, expected: MatchExpected) {
  const result = matchFunding({
    firm: FirmSchema.parse(input.firm),
    request: FundingRequestSchema.parse(input.request),
    asOf: input.asOf as string,
    catalog: loadCatalog(),
  });
  for (const [id, cost] of Object.entries(expected.matches ?? {})) {
    const m = result.matches.find((x) => x.productId === id);
    expect(m, `${id} should match`).toBeDefined();
    expect(m!.cost).toMatchObject(cost);
  }
  for (const [id, rules] of Object.entries(expected.nearMisses ?? {})) {
    const n = result.nearMisses.find((x) => x.productId === id);
    expect(n, `${id} should be a near miss`).toBeDefined();
    expect(n!.failed.map((f) => f.rule)).toEqual(rules);
  }
  for (const id of expected.absentFromMatches ?? [])
    expect(result.matches.map((m) => m.productId)).not.toContain(id);
  for (const id of expected.absentFromNearMisses ?? [])
    expect(result.nearMisses.map((m) => m.productId)).not.toContain(id);
  for (const pkg of expected.packages ?? []) {
    const p = result.packages.find((x) => x.productIds.join('+') === pkg.productIds.join('+'));
    expect(p, `package ${pkg.productIds.join('+')}`).toBeDefined();
    if (pkg.guaranteeReplacesCollateral !== undefined)
      expect(p!.guaranteeReplacesCollateral).toBe(pkg.guaranteeReplacesCollateral);
    expect(p!.cost).toMatchObject(pkg.cost);
  }
}

const folder = import.meta.dirname;
const files = readdirSync(folder).filter((f) => f.endsWith('.json'));

describe('golden files', () => {
  it('finds the golden files', () => {
    expect(files.sort()).toEqual(['interest-subsidy.json', 'loan-cost.json', 'match-scenarios.json']);
  });

  for (const file of files) {
    const golden = JSON.parse(readFileSync(join(folder, file), 'utf8')) as GoldenFile;
    describe(`${file} (${golden.calculator})`, () => {
      for (const c of golden.cases) {
        it(c.name, () => {
          if (golden.calculator === 'interestSubsidy') {
            const input = c.input as { interestPaidYuan: number; shareBp: number; capYuanPerYear: number };
            expect({ subsidyYuan: interestSubsidyYuan(input) }).toEqual(c.expected);
          } else if (golden.calculator === 'loanCost') {
            expect(loanCost(c.input as unknown as LoanCostInput)).toEqual(c.expected);
          } else {
            checkMatch(c.input, c.expected as MatchExpected);
          }
        });
      }
    });
  }
});
