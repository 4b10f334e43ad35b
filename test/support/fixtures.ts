import type { FirmInput } from '#domain/firm.ts';
import { buildUscc } from '#domain/uscc.ts';

/** A Xiamen (思明区 350203) national little giant, certified 2024-07-01, valid to 2027-07-01. */
export function xiamenLittleGiant(overrides: Partial<FirmInput> = {}): FirmInput {
  return {
    uscc: buildUscc('91', '350203', 'MA8TXM01'),
    name: '厦门精密传感科技有限公司',
    regionCode: '350203',
    industryCode: 'C3981',
    foundedOn: '2012-03-15',
    employees: 260,
    revenueYuan: 480_000_000,
    rndExpenseYuan: 38_000_000,
    inventionPatents: 42,
    priorYearInterestPaidYuan: 1_000_000,
    listing: 'none',
    certifications: [
      { tier: 'little_giant', level: 'national', issuedOn: '2024-07-01', authority: '工业和信息化部' },
    ],
    ...overrides,
  };
}

/** A Chongqing (渝北区 500112) municipal SRDI SME. */
export function chongqingSrdi(overrides: Partial<FirmInput> = {}): FirmInput {
  return {
    uscc: buildUscc('91', '500112', 'MA5UCQ02'),
    name: '重庆智能装备有限公司',
    regionCode: '500112',
    industryCode: 'C3490',
    foundedOn: '2016-09-01',
    employees: 120,
    revenueYuan: 150_000_000,
    rndExpenseYuan: 9_000_000,
    inventionPatents: 11,
    priorYearInterestPaidYuan: 300_000,
    listing: 'none',
    certifications: [
      { tier: 'srdi_sme', level: 'municipal', issuedOn: '2025-01-10', authority: '重庆市经济和信息化委员会' },
    ],
    ...overrides,
  };
}

/** A Hangzhou (西湖区 330106) national little giant and high-tech enterprise: the SRDI zone's banks, guarantor and insurer serve it. */
export function hangzhouLittleGiant(overrides: Partial<FirmInput> = {}): FirmInput {
  return {
    uscc: buildUscc('91', '330106', 'MA2HK001'),
    name: '杭州云栖芯片设计有限公司',
    regionCode: '330106',
    industryCode: 'I6520',
    foundedOn: '2018-04-02',
    employees: 140,
    revenueYuan: 95_000_000,
    rndExpenseYuan: 21_000_000,
    inventionPatents: 28,
    priorYearInterestPaidYuan: 200_000,
    listing: 'none',
    certifications: [
      { tier: 'little_giant', level: 'national', issuedOn: '2024-08-01', authority: '工业和信息化部' },
      { label: 'high_tech', level: 'national', issuedOn: '2024-11-01', authority: '浙江省科学技术厅' },
    ],
    ...overrides,
  };
}
