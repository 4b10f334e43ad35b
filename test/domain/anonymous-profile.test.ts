import { describe, expect, it } from 'vitest';
import {
  anonymousProfile,
  cityOf,
  divisionOf,
  firmPart,
  headcountBand,
  revenueBand,
  standingOf,
  yearsBand,
} from '#domain/anonymous-profile.ts';
import { wholeYearsBetween } from '#domain/dates.ts';
import { FirmSchema } from '#domain/firm.ts';
import { type LeadProfile, leadProfile, type RequestRecord } from '#domain/request.ts';
import { DEMO_FIRMS } from '../../local/demo-data.ts';
import { syntheticPopulation } from '../support/synthetic-firms.ts';

const AS_OF = '2026-11-23';

/** A demo firm's lead profile as a send would record it (its certificates verified by the demo lists). */
function demoProfile(n: number): LeadProfile {
  const firm = FirmSchema.parse(DEMO_FIRMS[n]);
  const verified = {
    ...firm,
    certifications: firm.certifications.map((c) => ({ ...c, state: 'verified' as const })),
  };
  const record: RequestRecord = {
    id: `r-${n}`,
    uscc: firm.uscc,
    regionCode: firm.regionCode,
    request: { amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12, collateral: [] },
    status: 'open',
    createdAt: '2026-11-23T02:00:00.000Z',
    asOf: AS_OF,
    sentTo: [],
  } as unknown as RequestRecord;
  return leadProfile(verified, record, wholeYearsBetween(firm.foundedOn, AS_OF));
}

describe('bands', () => {
  it('headcount follows the SME standard’s industrial thresholds (20, 300, 1,000)', () => {
    expect([0, 19, 20, 299, 300, 999, 1000, 50_000].map(headcountBand)).toEqual([
      'lt20',
      'lt20',
      '20to299',
      '20to299',
      '300to999',
      '300to999',
      'ge1000',
      'ge1000',
    ]);
  });

  it('revenue: CNY 20M (above designated size) and 200M (BSE listing standard 3); unknown when not recorded', () => {
    expect(
      [0, 19_999_999, 20_000_000, 199_999_999, 200_000_000, 480_000_000, undefined].map(revenueBand),
    ).toEqual(['lt20m', 'lt20m', '20mto200m', '20mto200m', 'ge200m', 'ge200m', 'unknown']);
  });

  it('years in business: under 3, 3 to 9, 10 or more', () => {
    expect([0, 2, 3, 9, 10, 40].map(yearsBand)).toEqual(['lt3', 'lt3', '3to9', '3to9', 'ge10', 'ge10']);
  });

  it('the city, never the district; the division letter, never the class', () => {
    expect(cityOf('350203')).toBe('350200'); // 思明区 → 厦门市
    expect(cityOf('500112')).toBe('500100'); // 渝北区 → 重庆市辖区
    expect(divisionOf('C3981')).toBe('C');
    expect(divisionOf('I')).toBe('I');
  });

  it('standing: the highest current rung, verified if a current certificate of it is; lapsed and contradicted ones count for nothing', () => {
    const cert = (
      tier: 'srdi_sme' | 'little_giant' | 'innovative_sme',
      expiresOn: string,
      state: 'verified' | 'self_declared' | 'contradicted' = 'verified',
    ) => ({ tier, level: 'municipal' as const, expiresOn, state });
    expect(standingOf([cert('little_giant', '2027-07-01')], AS_OF)).toEqual({
      standing: 'srdi_or_above',
      verified: true,
    });
    expect(
      standingOf(
        [cert('srdi_sme', '2025-09-01'), cert('innovative_sme', '2027-01-01', 'self_declared')],
        AS_OF,
      ),
    ).toEqual({ standing: 'innovative_sme', verified: false });
    expect(standingOf([cert('srdi_sme', '2027-09-01', 'contradicted')], AS_OF)).toEqual({
      standing: 'none',
      verified: false,
    });
  });
});

describe('the anonymous profile of the seed firms', () => {
  it('Xiamen precision sensors (little giant, 260 people, CNY 480M, founded 2012) shows bands only', () => {
    const p = anonymousProfile(demoProfile(0), AS_OF);
    expect(firmPart(p)).toEqual({
      standing: 'srdi_or_above',
      standingVerified: true,
      cityCode: '350200',
      industryDivision: 'C',
      headcountBand: '20to299',
      revenueBand: 'ge200m',
      yearsBand: 'ge10',
    });
    // What the firm asks for stays exact: an institution prices the loan on it.
    expect(p).toMatchObject({ amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 });
    // Nothing exact about the firm leaves.
    const shown = JSON.stringify(p);
    for (const exact of ['350203', 'C3981', '260', '480000000', '2012', '2027-'])
      expect(shown).not.toContain(exact);
  });

  it('a lapsed certificate (Haicang, SRDI 2022-09 → 2025-09) gives no standing', () => {
    expect(anonymousProfile(demoProfile(1), AS_OF).standing).toBe('none');
  });
});

describe('k-anonymity over a synthetic population of 1,000 firms', () => {
  const population = syntheticPopulation(1000, AS_OF);
  const key = (p: LeadProfile) => JSON.stringify(firmPart(anonymousProfile(p, AS_OF)));
  const classes = new Map<string, number>();
  for (const p of population) classes.set(key(p), (classes.get(key(p)) ?? 0) + 1);

  it('the population is the same for the same seed and spread over the five seed cities', () => {
    expect(syntheticPopulation(1000, AS_OF)).toEqual(population);
    const cities = new Set(population.map((p) => cityOf(p.regionCode)));
    expect([...cities].sort()).toEqual(['330100', '330400', '350200', '440700', '500100']);
  });

  it.each(DEMO_FIRMS.map((f, i) => [f.name, i] as const))(
    '%s: its anonymous profile is shared by at least 3 firms of the population',
    (_name, i) => {
      expect(classes.get(key(demoProfile(i))) ?? 0).toBeGreaterThanOrEqual(3);
    },
  );

  it('whereas the exact profile (district, class, headcount, age) singled out every demo firm', () => {
    const exact = (p: LeadProfile) =>
      [p.regionCode, p.industryCode, p.employees, p.yearsSinceFounding].join('|');
    const seen = new Map<string, number>();
    for (const p of population) seen.set(exact(p), (seen.get(exact(p)) ?? 0) + 1);
    for (let i = 0; i < DEMO_FIRMS.length; i++) expect(seen.get(exact(demoProfile(i))) ?? 0).toBeLessThan(3);
  });
});
