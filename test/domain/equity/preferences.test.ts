import { describe, expect, it } from 'vitest';
import {
  type FitSubject,
  type FundPreferencesInput,
  FundPreferencesSchema,
  fitScore,
  inferStage,
} from '#domain/equity/preferences.ts';

const prefs = (over: Partial<FundPreferencesInput> = {}) =>
  FundPreferencesSchema.parse({
    industryPrefixes: ['C39', 'C3562'],
    stages: ['growth', 'expansion'],
    tiers: ['srdi_sme'],
    ticket: { minYuan: 10_000_000, maxYuan: 80_000_000 },
    regionPrefixes: ['3502'],
    fundSizeYuan: 2_500_000_000,
    ...over,
  });

const sensor: FitSubject = {
  industryCode: 'C3981',
  regionCode: '350203',
  tier: 'little_giant',
  amountYuan: 50_000_000,
  stage: 'growth',
};

describe('fund preferences', () => {
  it('accepts a sub-fund as the Xiamen seed describes it', () => {
    expect(prefs().fundSizeYuan).toBe(2_500_000_000);
  });

  it.each([
    [{ ticket: { minYuan: 9, maxYuan: 1 } }, 'ticket.maxYuan'],
    [{ ticket: { minYuan: 0, maxYuan: 3_000_000_000 } }, 'ticket.maxYuan'],
    [{ industryPrefixes: ['C39', 'C39'] }, 'industryPrefixes'],
    [{ industryPrefixes: ['39'] }, 'industryPrefixes.0'],
    [{ regionPrefixes: ['350'] }, 'regionPrefixes.0'],
    [{ stages: ['unicorn'] }, 'stages.0'],
    [{ fundSizeYuan: 0 }, 'fundSizeYuan'],
  ])('refuses %j at %s', (over, path) => {
    const r = FundPreferencesSchema.safeParse({ ...prefs(), ...over });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('fit score', () => {
  it('scores every part and adds up to 100 for a perfect fit', () => {
    const fit = fitScore({ ...sensor, industryCode: 'C3562' }, prefs());
    expect(fit).toEqual({
      score: 100,
      parts: { industry: 35, stage: 20, tier: 15, ticket: 20, region: 10 },
      blockers: [],
    });
  });

  it('weighs the depth of the industry prefix matched', () => {
    const p = prefs({ industryPrefixes: ['C', 'C39', 'C398', 'C3981'] });
    expect(fitScore(sensor, p).parts.industry).toBe(35);
    expect(fitScore(sensor, prefs({ industryPrefixes: ['C398'] })).parts.industry).toBe(32);
    expect(fitScore(sensor, prefs({ industryPrefixes: ['C39'] })).parts.industry).toBe(28);
    expect(fitScore(sensor, prefs({ industryPrefixes: ['C'] })).parts.industry).toBe(15);
    expect(fitScore(sensor, prefs({ industryPrefixes: ['I65'] })).parts.industry).toBe(0);
    expect(fitScore(sensor, prefs({ industryPrefixes: [] })).parts.industry).toBe(18);
  });

  it('counts a higher rung of the SME ladder for a lower one, not a parallel programme', () => {
    expect(fitScore(sensor, prefs({ tiers: ['srdi_sme'] })).parts.tier).toBe(15);
    expect(fitScore({ ...sensor, tier: 'innovative_sme' }, prefs({ tiers: ['srdi_sme'] })).parts.tier).toBe(
      0,
    );
    expect(fitScore({ ...sensor, tier: 'tech_sme' }, prefs({ tiers: ['srdi_sme'] })).parts.tier).toBe(0);
    expect(fitScore({ ...sensor, tier: null }, prefs({ tiers: ['srdi_sme'] })).parts.tier).toBe(0);
    expect(fitScore({ ...sensor, tier: null }, prefs({ tiers: [] })).parts.tier).toBe(8);
  });

  it('gives part marks to a neighbouring stage and a ticket within a factor of two', () => {
    expect(fitScore({ ...sensor, stage: 'startup' }, prefs()).parts.stage).toBe(8);
    expect(fitScore({ ...sensor, stage: 'seed' }, prefs()).parts.stage).toBe(0);
    expect(fitScore({ ...sensor, amountYuan: 150_000_000 }, prefs()).parts.ticket).toBe(8);
    expect(fitScore({ ...sensor, amountYuan: 200_000_000 }, prefs()).parts.ticket).toBe(0);
  });

  it('blocks a firm outside the fund’s regions or asking more than the fund holds', () => {
    expect(fitScore({ ...sensor, regionCode: '500103' }, prefs())).toMatchObject({
      score: 0,
      blockers: ['outside_region'],
    });
    expect(fitScore({ ...sensor, amountYuan: 3_000_000_000 }, prefs()).blockers).toEqual(['over_fund_size']);
    expect(fitScore({ ...sensor, regionCode: '500103' }, prefs({ regionPrefixes: [] })).blockers).toEqual([]);
  });

  it('infers a stage from age and size when the firm states none', () => {
    expect(inferStage({ yearsSinceFounding: 1, employees: 10 })).toBe('seed');
    expect(inferStage({ yearsSinceFounding: 4, employees: 10 })).toBe('startup');
    expect(inferStage({ yearsSinceFounding: 9, employees: 120 })).toBe('growth');
    expect(inferStage({ yearsSinceFounding: 9, employees: 900 })).toBe('expansion');
  });
});
