import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '#domain/errors.ts';
import { FirmSchema, firmDateProblems } from '#domain/firm.ts';
import { FundingRequestSchema, requestDateProblems } from '#domain/funding-request.ts';
import { type DecisionContext, decideTransition, LeadActionSchema } from '#domain/lead.ts';
import { lprOn } from '#domain/matching/lpr.ts';
import { nameSchema } from '#domain/text.ts';
import { loadCatalog } from '#shared/catalog/index.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';

/** Stored nonsense, refused at the domain's edge: invisible characters, impossible dates, outsized approvals. */

describe('names and free text', () => {
  const name = nameSchema(2, 100);

  it('stores names in NFC, trimmed', () => {
    const decomposed = 'Cafe\u0301 科技'; // e + combining acute
    expect(name.parse(`  ${decomposed} `)).toBe('Café 科技');
    expect(name.parse(decomposed)).toBe('Caf\u00e9 科技');
  });

  it.each([
    ['NUL', 'A\u0000B公司'],
    ['bell', '厦门\u0007传感'],
    ['line break in a name', '厦门\n传感'],
    ['DEL', '厦门\u007f传感'],
    ['C1 control', '厦门\u0085传感'],
    ['right-to-left override', '厦门\u202e感传'],
    ['left-to-right isolate', '厦门\u2066传感\u2069'],
    ['zero-width space', '厦门\u200b传感'],
    ['zero-width joiner', '厦门\u200d传感'],
    ['byte order mark', '厦门\ufeff传感'],
    ['word joiner', '厦门\u2060传感'],
    ['lone surrogate', '厦门\ud800传感'],
  ])('refuses a %s', (_, value) => {
    expect(name.safeParse(value).success).toBe(false);
  });

  it('lets free text keep line breaks and tabs, but nothing invisible', () => {
    const question = LeadActionSchema.parse({ action: 'request_info', question: '请提供：\n1.\t审计报告' });
    expect(question).toMatchObject({ question: '请提供：\n1.\t审计报告' });
    expect(LeadActionSchema.safeParse({ action: 'respond', answer: 'ok\u202e' }).success).toBe(false);
    expect(LeadActionSchema.safeParse({ action: 'respond', answer: 'ok\u0000' }).success).toBe(false);
  });

  it('refuses a huge name without normalising it first', () => {
    expect(FirmSchema.safeParse(xiamenLittleGiant({ name: '名'.repeat(1_000_000) })).success).toBe(false);
  });
});

describe('dates that make sense', () => {
  const today = '2026-11-23';

  it('refuses dates outside 1900–2199 in every schema', () => {
    expect(FirmSchema.safeParse(xiamenLittleGiant({ foundedOn: '9999-12-31' })).success).toBe(false);
    expect(FirmSchema.safeParse(xiamenLittleGiant({ foundedOn: '0000-01-01' })).success).toBe(false);
    const request = { amountYuan: 1_000_000, purpose: 'rnd', termMonths: 12 };
    expect(FundingRequestSchema.safeParse({ ...request, needBy: '0000-01-01' }).success).toBe(false);
  });

  it('a firm founded or certified in the future is refused', () => {
    const firm = FirmSchema.parse(xiamenLittleGiant());
    expect(firmDateProblems(firm, today)).toEqual([]);
    expect(firmDateProblems({ ...firm, foundedOn: '2027-01-01' }, today).map((p) => p.path)).toContain(
      'foundedOn',
    );
    const certified = { ...firm, certifications: [{ ...firm.certifications[0]!, issuedOn: '2026-12-01' }] };
    expect(firmDateProblems(certified, today).map((p) => p.path)).toEqual(['certifications.0.issuedOn']);
  });

  it('needBy is today or later (within 3 years); a bridge’s loan matures within the coming year', () => {
    expect(requestDateProblems({ needBy: today }, today)).toEqual([]);
    expect(requestDateProblems({ needBy: '2026-11-22' }, today).map((p) => p.path)).toEqual(['needBy']);
    expect(requestDateProblems({ needBy: '2030-01-01' }, today).map((p) => p.path)).toEqual(['needBy']);
    expect(requestDateProblems({ maturesOn: '2020-06-30' }, today).map((p) => p.path)).toEqual(['maturesOn']);
    expect(requestDateProblems({ maturesOn: '2027-03-31' }, today)).toEqual([]);
    expect(requestDateProblems({ maturesOn: '2028-03-31' }, today).map((p) => p.path)).toEqual(['maturesOn']);
  });
});

describe('approvals checked against the request and the product', () => {
  const catalog = loadCatalog();
  const fund = catalog.products.find((p) => p.id === 'xiamen-tech-innovation-fund')!;
  const loan = catalog.products.find((p) => p.pricing.type === 'lpr_spread' && p.amount.maxYuan)!;
  const context = (products = [fund]): DecisionContext => ({
    today: '2026-11-23',
    leadCreatedOn: '2026-11-20',
    requested: { amountYuan: 20_000_000, termMonths: 24 },
    products,
    lpr: lprOn(catalog.pricing.lpr, '2026-11-23'),
  });
  const approve = (amountYuan: number, termMonths: number, annualRateBp: number) =>
    LeadActionSchema.parse({ action: 'approve', amountYuan, termMonths, annualRateBp });
  const decide = (action: ReturnType<typeof approve>, ctx = context()) =>
    decideTransition({ status: 'accepted' }, action, 'officer', ctx);

  it('refuses CNY 600M for 360 months at 3.45% on a 20M/24-month request for a fixed-2% product', () => {
    expect(() => decide(approve(600_000_000, 360, 345))).toThrow(UnprocessableError);
    // Each part alone is refused too.
    expect(() => decide(approve(600_000_000, 24, 200))).toThrow(/requested/);
    expect(() => decide(approve(20_000_000, 360, 200))).toThrow(/requested/);
    expect(() => decide(approve(20_000_000, 24, 345))).toThrow(/exactly 200 bp/);
    expect(decide(approve(20_000_000, 24, 200)).to).toBe('approved');
    expect(decide(approve(5_000_000, 12, 200)).to).toBe('approved');
  });

  it('an LPR-priced product caps the rate at LPR + its spread, and its amount range holds', () => {
    const lpr = context().lpr.oneYearBp;
    const max = lpr + (loan.pricing as { spreadBp: number }).spreadBp;
    const ctx = { ...context([loan]), requested: { amountYuan: loan.amount.maxYuan! * 2, termMonths: 24 } };
    expect(decide(approve(1_000_000, 12, max), ctx).to).toBe('approved');
    expect(() => decide(approve(1_000_000, 12, max + 1), ctx)).toThrow(/at most/);
    expect(() => decide(approve(loan.amount.maxYuan! + 1, 12, max), ctx)).toThrow(/maximum/);
  });

  it('a disbursement is dated between the lead’s creation and today', () => {
    const lead = { status: 'approved' as const, approval: { amountYuan: 1_000_000 } };
    const disburse = (disbursedOn: string) =>
      decideTransition(
        lead,
        { action: 'disburse', amountYuan: 1_000_000, disbursedOn },
        'officer',
        context(),
      );
    expect(disburse('2026-11-23').to).toBe('disbursed');
    expect(() => disburse('2030-01-01')).toThrow(/future/);
    expect(() => disburse('2026-11-19')).toThrow(/before the lead/);
  });
});
