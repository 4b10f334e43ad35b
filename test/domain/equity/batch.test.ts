import { describe, expect, it } from 'vitest';
import {
  BatchDecisionSchema,
  batchOutcomes,
  batchSummary,
  composeBatch,
  decideBatchEntry,
  type EquityCandidate,
} from '#domain/equity/batch.ts';
import { FundPreferencesSchema } from '#domain/equity/preferences.ts';
import { ConflictError } from '#domain/errors.ts';
import type { LeadProfile } from '#domain/request.ts';

const fund = {
  preferences: FundPreferencesSchema.parse({
    industryPrefixes: ['C39'],
    stages: ['growth'],
    tiers: ['srdi_sme'],
    ticket: { minYuan: 10_000_000, maxYuan: 80_000_000 },
    regionPrefixes: ['3502'],
    fundSizeYuan: 2_500_000_000,
  }),
};

const profile = (over: Partial<LeadProfile> = {}): LeadProfile => ({
  tier: 'srdi_sme',
  level: 'municipal',
  industryCode: 'C3981',
  regionCode: '350203',
  employees: 120,
  yearsSinceFounding: 8,
  amountYuan: 30_000_000,
  purpose: 'expansion',
  termMonths: 60,
  collateral: ['none'],
  ...over,
});

const candidate = (requestId: string, over: Partial<EquityCandidate> = {}): EquityCandidate => ({
  requestId,
  profile: profile(),
  consentToPush: true,
  postedOn: '2026-10-01',
  ...over,
});

describe('composing a batch for a fund', () => {
  const candidates = [
    candidate('r-best-late', { postedOn: '2026-11-20' }),
    candidate('r-best-early', { postedOn: '2026-09-01' }),
    candidate('r-other-sector', { profile: profile({ industryCode: 'I6513' }) }),
    candidate('r-no-consent', { consentToPush: false }),
    candidate('r-chongqing', { profile: profile({ regionCode: '500103' }) }),
    candidate('r-too-big', { profile: profile({ amountYuan: 3_000_000_000 }) }),
    candidate('r-pushed'),
    candidate('r-weak', {
      profile: profile({ industryCode: 'A0111', tier: null, amountYuan: 1_000_000 }),
      stage: 'seed',
    }),
  ];

  it('ranks by fit, the longest-waiting first among equals, and says why each other request is out', () => {
    const batch = composeBatch(fund, candidates, {
      maxFirms: 10,
      minFit: 40,
      alreadyPushed: new Set(['r-pushed']),
    });
    expect(batch.entries.map((e) => [e.rank, e.requestId, e.fit])).toEqual([
      [1, 'r-best-early', 93],
      [2, 'r-best-late', 93],
      [3, 'r-other-sector', 65],
    ]);
    expect(batch.excluded).toEqual([
      { requestId: 'r-chongqing', reason: 'outside_region' },
      { requestId: 'r-no-consent', reason: 'no_consent' },
      { requestId: 'r-pushed', reason: 'already_pushed' },
      { requestId: 'r-too-big', reason: 'over_fund_size' },
      { requestId: 'r-weak', reason: 'below_min_fit' },
    ]);
    expect(batch.entries[0]).toMatchObject({ stage: 'growth', stageStated: false });
  });

  it('never pushes a firm that did not consent, whatever its fit', () => {
    const batch = composeBatch(fund, [candidate('r1', { consentToPush: false })], { maxFirms: 5, minFit: 0 });
    expect(batch.entries).toEqual([]);
  });

  it('cuts at the batch size and reports the rest as batch_full', () => {
    const many = Array.from({ length: 7 }, (_, i) => candidate(`r${i}`));
    const batch = composeBatch(fund, many, { maxFirms: 5, minFit: 0 });
    expect(batch.entries).toHaveLength(5);
    expect(batch.excluded.map((e) => e.reason)).toEqual(['batch_full', 'batch_full']);
  });

  it('gives the same batch whatever order the candidates come in', () => {
    const a = composeBatch(fund, candidates, { maxFirms: 10, minFit: 0 });
    const b = composeBatch(fund, [...candidates].reverse(), { maxFirms: 10, minFit: 0 });
    expect(b).toEqual(a);
  });

  it('counts a batch as the seeds do: firms, SRDI firms, money sought', () => {
    const entries = [
      { profile: profile({ tier: 'little_giant', amountYuan: 50_000_000 }) },
      { profile: profile({ tier: 'innovative_sme', amountYuan: 20_000_000 }) },
      { profile: profile({ tier: 'tech_sme', amountYuan: 5_000_000 }) },
    ];
    expect(batchSummary(entries)).toEqual({ firms: 3, srdiFirms: 1, amountSoughtYuan: 75_000_000 });
  });
});

describe('the fund answers', () => {
  it('interested, or not for us with equity reasons', () => {
    expect(decideBatchEntry({}, { decision: 'interested' }, '2026-11-29T05:00:00.000Z')).toEqual({
      decision: 'interested',
      decidedAt: '2026-11-29T05:00:00.000Z',
    });
    const no = BatchDecisionSchema.parse({ decision: 'not_for_us', reasons: ['valuation', 'stage'] });
    expect(decideBatchEntry({}, no, '2026-11-29T05:00:00.000Z')).toMatchObject({
      decision: 'not_for_us',
      reasons: ['valuation', 'stage'],
    });
  });

  it.each([
    [{ decision: 'not_for_us', reasons: [] }, 'reasons'],
    [{ decision: 'not_for_us', reasons: ['credit_history'] }, 'reasons.0'],
    [{ decision: 'not_for_us', reasons: ['sector', 'sector'] }, 'reasons'],
    [{ decision: 'not_for_us', reasons: ['other'] }, 'note'],
    [{ decision: 'maybe' }, 'decision'],
  ])('refuses %j', (input, path) => {
    const r = BatchDecisionSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('answers each firm once', () => {
    const outcome = decideBatchEntry({}, { decision: 'interested' }, '2026-11-29T05:00:00.000Z');
    expect(() =>
      decideBatchEntry({ outcome }, { decision: 'interested' }, '2026-11-29T06:00:00.000Z'),
    ).toThrow(ConflictError);
    expect(batchOutcomes([{ outcome }, {}, { outcome: { ...outcome, decision: 'not_for_us' } }])).toEqual({
      interested: 1,
      notForUs: 1,
      pending: 1,
    });
  });
});
