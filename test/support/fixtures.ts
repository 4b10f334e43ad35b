import type { FirmInput } from '#domain/firm.ts';
import { buildUscc } from '#domain/uscc.ts';
import { DEMO_FIRMS } from '../../local/demo-data.ts';

/**
 * Test firms: the demo firms' figures under their own codes (so a test can register one
 * beside the seeded demo data), overridable field by field.
 */
const [xiamenSensor, , chongqingEquipment, hangzhouChip] = DEMO_FIRMS as [
  FirmInput,
  FirmInput,
  FirmInput,
  FirmInput,
];

/** A Xiamen (思明区 350203) national little giant, certified 2024-07-01, valid to 2027-07-01. */
export function xiamenLittleGiant(overrides: Partial<FirmInput> = {}): FirmInput {
  return { ...xiamenSensor, uscc: buildUscc('91', '350203', 'MA8TXM01'), ...overrides };
}

/** A Chongqing (渝北区 500112) municipal SRDI SME. */
export function chongqingSrdi(overrides: Partial<FirmInput> = {}): FirmInput {
  return { ...chongqingEquipment, uscc: buildUscc('91', '500112', 'MA5UCQ02'), ...overrides };
}

/** A Hangzhou (西湖区 330106) national little giant and high-tech enterprise: the SRDI zone's banks, guarantor and insurer serve it. */
export function hangzhouLittleGiant(overrides: Partial<FirmInput> = {}): FirmInput {
  return {
    ...hangzhouChip,
    uscc: buildUscc('91', '330106', 'MA2HK001'),
    priorYearInterestPaidYuan: 200_000,
    ...overrides,
  };
}

/**
 * A Xiamen municipal SRDI SME as certified-list and dispute tests register them: one certificate
 * issued on `issuedOn` by 厦门市工信局, so a list naming it verifies or contradicts it.
 */
export function xiamenMunicipalSrdi(
  uscc: string,
  name: string,
  { regionCode = '350203', issuedOn = '2026-05-20' } = {},
): FirmInput {
  return {
    uscc,
    name,
    regionCode,
    industryCode: 'C3981',
    foundedOn: '2015-01-01',
    employees: 120,
    revenueYuan: 80_000_000,
    rndExpenseYuan: 6_000_000,
    inventionPatents: 3,
    priorYearInterestPaidYuan: 1_000_000,
    certifications: [{ tier: 'srdi_sme', level: 'municipal', issuedOn, authority: '厦门市工信局' }],
  };
}

/**
 * The national SME fund's Xiamen sub-fund as the roadshow tests register it: growth-stage
 * SRDI firms in Xiamen's C39 (electronics) chain, tickets of CNY 10M–100M.
 */
export const XIAMEN_GROWTH_FUND = {
  name: { zh: '国家中小企业发展基金厦门子基金', en: 'National SME fund — Xiamen' },
  preferences: {
    industryPrefixes: ['C39'],
    stages: ['growth'],
    tiers: ['srdi_sme'],
    ticket: { minYuan: 10_000_000, maxYuan: 100_000_000 },
    regionPrefixes: ['3502'],
    fundSizeYuan: 2_500_000_000,
  },
};
