import { describe, expect, it } from 'vitest';
import { lprFixingProblems, lprStaleness, mergeFixings } from '#domain/lpr-fixings.ts';
import { lprOn } from '#domain/matching/lpr.ts';

const catalog = [
  { effectiveFrom: '2024-10-21', oneYearBp: 310, overFiveYearBp: 360 },
  { effectiveFrom: '2025-05-20', oneYearBp: 300, overFiveYearBp: 350 },
];

describe('LPR fixings operators record', () => {
  it('refuses a future date, a date before the reform, 1-year above 5-year, a date already recorded', () => {
    const fields = (input: Parameters<typeof lprFixingProblems>[0]) =>
      lprFixingProblems(input, catalog, '2026-11-23').map((p) => `${p.path}: ${p.en}`);
    expect(fields({ effectiveFrom: '2026-11-20', oneYearBp: 300, overFiveYearBp: 350 })).toEqual([]);
    expect(fields({ effectiveFrom: '2026-11-24', oneYearBp: 300, overFiveYearBp: 350 })).toEqual([
      'effectiveFrom: the fixing cannot take effect after today (2026-11-23)',
    ]);
    expect(fields({ effectiveFrom: '2019-08-19', oneYearBp: 300, overFiveYearBp: 350 })[0]).toContain(
      '2019-08-20',
    );
    expect(fields({ effectiveFrom: '2026-10-20', oneYearBp: 360, overFiveYearBp: 350 })).toEqual([
      'oneYearBp: the 1-year LPR should not exceed the over-5-year LPR',
    ]);
    expect(fields({ effectiveFrom: '2025-05-20', oneYearBp: 300, overFiveYearBp: 350 })[0]).toContain(
      'already recorded',
    );
  });

  it('merges recorded fixings into the catalog’s, in date order; the latest effective one is used', () => {
    const merged = mergeFixings(catalog, [
      { effectiveFrom: '2026-10-20', oneYearBp: 290, overFiveYearBp: 340 },
      { effectiveFrom: '2025-05-20', oneYearBp: 299, overFiveYearBp: 349 },
    ]);
    expect(merged.map((f) => f.effectiveFrom)).toEqual(['2024-10-21', '2025-05-20', '2026-10-20']);
    expect(merged[1]!.oneYearBp).toBe(299);
    expect(lprOn(merged, '2026-11-23').oneYearBp).toBe(290);
    expect(lprOn(merged, '2026-10-19').oneYearBp).toBe(299);
  });

  it('is stale once the latest fixing is more than 35 days old (Shanghai dates)', () => {
    expect(lprStaleness({ effectiveFrom: '2026-10-20' }, '2026-11-24')).toEqual({
      stale: false,
      ageDays: 35,
    });
    expect(lprStaleness({ effectiveFrom: '2026-10-20' }, '2026-11-25')).toEqual({ stale: true, ageDays: 36 });
    expect(lprStaleness({ effectiveFrom: '2025-05-20' }, '2026-11-23').stale).toBe(true);
  });
});
