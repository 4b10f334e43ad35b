import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { buildUscc } from '#domain/uscc.ts';

/** The request both servers of the HTTP bench answer: a Xiamen little giant asking CNY 200M for R&D. */
export const PROBE_BODY = {
  firm: {
    uscc: buildUscc('91', '350203', 'MA8XM101'),
    name: '厦门测试科技有限公司',
    regionCode: '350203',
    industryCode: 'C3981',
    foundedOn: '2012-03-15',
    employees: 260,
    revenueYuan: 480_000_000,
    rndExpenseYuan: 38_000_000,
    inventionPatents: 42,
    priorYearInterestPaidYuan: 1_200_000,
    listing: 'none',
    certifications: [
      { tier: 'little_giant', level: 'national', issuedOn: '2023-07-01', authority: '工业和信息化部' },
    ],
  },
  request: { amountYuan: 200_000_000, purpose: 'rnd', termMonths: 12 },
  asOf: '2025-06-30',
} as const;

export const PROBE = {
  firm: FirmSchema.parse(PROBE_BODY.firm),
  request: FundingRequestSchema.parse(PROBE_BODY.request),
  asOf: PROBE_BODY.asOf,
};
