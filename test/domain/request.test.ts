import { describe, expect, it } from 'vitest';
import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { currentTier, leadProfile, type RequestRecord } from '#domain/request.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';

const certs = FirmSchema.parse(
  xiamenLittleGiant({
    certifications: [
      { tier: 'srdi_sme', level: 'provincial', issuedOn: '2021-01-01', authority: '福建省工信厅' },
      { tier: 'little_giant', level: 'national', issuedOn: '2024-07-01', authority: '工业和信息化部' },
      { tier: 'key_little_giant', level: 'national', issuedOn: '2027-01-01', authority: '工业和信息化部' },
      { tier: 'single_champion', level: 'national', issuedOn: '2025-01-01', authority: '工业和信息化部' },
      { label: 'high_tech', level: 'national', issuedOn: '2024-01-01', authority: '科技部' },
    ],
  }),
).certifications;

describe('currentTier', () => {
  it('is the headline certificate valid on the date: the SME ladder first, a single champion beside it', () => {
    expect(currentTier(certs, '2026-11-23')).toEqual({ tier: 'little_giant', level: 'national' });
    expect(currentTier(certs, '2027-07-02')).toEqual({ tier: 'key_little_giant', level: 'national' });
    expect(currentTier(certs.slice(2), '2026-11-23')).toEqual({ tier: 'single_champion', level: 'national' });
  });

  it('ignores certificates not yet issued and expired ones (expiry day itself no longer counts)', () => {
    expect(currentTier(certs, '2023-12-31')).toEqual({ tier: 'srdi_sme', level: 'provincial' });
    expect(currentTier(certs, '2024-01-01')).toBeNull(); // the 2021 SRDI certificate expired that day
    expect(currentTier(certs, '2027-07-01')).toEqual({ tier: 'key_little_giant', level: 'national' });
  });
});

describe('leadProfile', () => {
  it('carries tier, industry, region and the ask, never the name or the code', () => {
    const firm = FirmSchema.parse(xiamenLittleGiant());
    const record: RequestRecord = {
      id: 'r1',
      uscc: firm.uscc,
      regionCode: firm.regionCode,
      request: FundingRequestSchema.parse({ amountYuan: 20_000_000, purpose: 'rnd', termMonths: 24 }),
      status: 'open',
      createdAt: '2026-11-23T02:00:00.000Z',
      asOf: '2026-11-23',
      sentTo: [],
    };
    const profile = leadProfile(firm, record, 14);
    expect(profile).toMatchObject({
      tier: 'little_giant',
      level: 'national',
      industryCode: 'C3981',
      regionCode: '350203',
      amountYuan: 20_000_000,
      purpose: 'rnd',
      termMonths: 24,
      yearsSinceFounding: 14,
    });
    const text = JSON.stringify(profile);
    expect(text).not.toContain(firm.uscc);
    expect(text).not.toContain(firm.name);
  });
});
