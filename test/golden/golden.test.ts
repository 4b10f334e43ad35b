import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CertificationSchema, FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { buildFacts } from '#domain/matching/facts.ts';
import {
  annualFeeYuan,
  bridgeDays,
  bridgeFeeYuan,
  effectiveAnnualRateBp,
  interestByCalendarYear,
  interestSubsidyYuan,
  interestYuan,
  matchFunding,
  projectedSubsidyYuan,
} from '#domain/matching/index.ts';
import { type Spec, specHolds } from '#domain/matching/specs.ts';
import { RuleSchema } from '#domain/rules.ts';
import { buildUscc } from '#domain/uscc.ts';
import { loadCatalog } from '#shared/catalog/index.ts';

/**
 * Golden tests kept as data (input → expected), like rules-as-code projects: each JSON
 * file in this folder names its calculator and lists cases with the seeds' own figures.
 */
interface GoldenFile {
  calculator: 'interestSubsidy' | 'loanCost' | 'match' | 'tierRelation' | 'calendarSubsidy' | 'certificate';
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
  benefits?: Record<string, Record<string, unknown>>;
  absentFromBenefits?: string[];
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
  for (const [id, fields] of Object.entries(expected.benefits ?? {})) {
    const b = result.benefits.find((x) => x.benefitId === id);
    expect(b, `${id} should be a benefit`).toBeDefined();
    expect(b).toMatchObject(fields);
  }
  for (const id of expected.absentFromBenefits ?? [])
    expect(result.benefits.map((b) => b.benefitId)).not.toContain(id);
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

/**
 * The tier relation through the matcher's own path: a firm holding one certificate, the
 * rule evaluated by the cold evaluator on the facts the hot path also reads (certificate
 * bits for eligibility, issue dates for titles).
 */
interface TierRelationInput {
  regionCode: string;
  asOf: string;
  certificate: Record<string, unknown>;
  rule: Record<string, unknown>;
}

function tierRelation(input: TierRelationInput): { holds: boolean } {
  const firm = FirmSchema.parse({
    uscc: buildUscc('91', input.regionCode, 'MA000001'),
    name: '关系测试企业',
    regionCode: input.regionCode,
    industryCode: 'C3981',
    foundedOn: '2010-01-01',
    employees: 100,
    revenueYuan: 100_000_000,
    rndExpenseYuan: 5_000_000,
    inventionPatents: 3,
    certifications: [{ authority: '认定机构', ...input.certificate }],
  });
  const request = FundingRequestSchema.parse({ amountYuan: 1_000_000, purpose: 'rnd', termMonths: 12 });
  const rule = RuleSchema.parse(input.rule) as Spec;
  return { holds: specHolds(rule, buildFacts(firm, request, input.asOf)) };
}

function certificate(input: Record<string, unknown>): Record<string, unknown> {
  const parsed = CertificationSchema.safeParse(input);
  if (parsed.success) return { expiresOn: parsed.data.expiresOn };
  return { error: parsed.error.issues.map((i) => i.path.join('.')) };
}

const folder = import.meta.dirname;
const files = readdirSync(folder).filter((f) => f.endsWith('.json'));

describe('golden files', () => {
  it('finds the golden files', () => {
    expect(files.sort()).toEqual([
      'awards.json',
      'certificate-validity.json',
      'interest-subsidy-calendar.json',
      'interest-subsidy.json',
      'loan-cost.json',
      'match-scenarios.json',
      'scope.json',
      'tier-relation.json',
    ]);
  });

  for (const file of files) {
    const golden = JSON.parse(readFileSync(join(folder, file), 'utf8')) as GoldenFile;
    describe(`${file} (${golden.calculator})`, () => {
      for (const c of golden.cases) {
        it(c.name, () => {
          if (golden.calculator === 'interestSubsidy') {
            const input = c.input as { interestPaidYuan: number; shareBp: number; capYuanPerYear: number };
            expect({ subsidyYuan: interestSubsidyYuan(input) }).toEqual(c.expected);
          } else if (golden.calculator === 'tierRelation') {
            expect(tierRelation(c.input as unknown as TierRelationInput)).toEqual(c.expected);
          } else if (golden.calculator === 'calendarSubsidy') {
            const input = c.input as unknown as Parameters<typeof projectedSubsidyYuan>[0];
            expect({
              years: interestByCalendarYear(input),
              subsidyYuan: projectedSubsidyYuan(input),
            }).toEqual(c.expected);
          } else if (golden.calculator === 'certificate') {
            expect(certificate(c.input)).toEqual(c.expected);
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
