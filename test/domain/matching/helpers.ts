import { type Firm, type FirmInput, FirmSchema } from '#domain/firm.ts';
import {
  type FundingRequest,
  type FundingRequestInput,
  FundingRequestSchema,
} from '#domain/funding-request.ts';
import { type MatchResult, matchFunding } from '#domain/matching/index.ts';
import { buildUscc } from '#domain/uscc.ts';
import { loadCatalog } from '#shared/catalog/index.ts';

/** Evaluation date of the seed scenarios: LPR 1Y 3.00% (2025-05-20), Jiangmen's plan still in force. */
export const AS_OF = '2025-06-30';

const CITY = {
  xiamen: { region: '350203', prefix: '91', org: 'MA8XM' },
  chongqing: { region: '500112', prefix: '91', org: 'MA5CQ' },
  hangzhou: { region: '330106', prefix: '91', org: 'MA2HG' },
  jiaxing: { region: '330402', prefix: '91', org: 'MA3JX' },
  jiangmen: { region: '440703', prefix: '91', org: 'MA4JM' },
} as const;
export type City = keyof typeof CITY;

let serial = 100;

/** A valid firm in a seed city (USCC built with both check digits), overridable field by field. */
export function firmIn(city: City, overrides: Partial<FirmInput> = {}): Firm {
  const c = CITY[city];
  serial += 1;
  return FirmSchema.parse({
    uscc: buildUscc(c.prefix, c.region, `${c.org}${String(serial).slice(-3)}`),
    name: `${city}测试科技有限公司`,
    regionCode: c.region,
    industryCode: 'C3981',
    foundedOn: '2012-03-15',
    employees: 260,
    revenueYuan: 480_000_000,
    rndExpenseYuan: 38_000_000,
    inventionPatents: 42,
    priorYearInterestPaidYuan: 0,
    listing: 'none',
    certifications: [],
    ...overrides,
  });
}

export const littleGiant = (issuedOn = '2024-07-01') => ({
  tier: 'little_giant' as const,
  level: 'national' as const,
  issuedOn,
  authority: '工业和信息化部',
  // On an imported certified list: policy products take verified certificates only.
  state: 'verified' as const,
});

export const srdi = (level: 'municipal' | 'provincial' = 'municipal', issuedOn = '2023-03-01') => ({
  tier: 'srdi_sme' as const,
  level,
  issuedOn,
  authority: '市工业和信息化局',
  state: 'verified' as const,
});

export function ask(input: FundingRequestInput): FundingRequest {
  return FundingRequestSchema.parse(input);
}

export function match(firm: Firm, request: FundingRequest, asOf = AS_OF): MatchResult {
  return matchFunding({ firm, request, asOf, catalog: loadCatalog() });
}

export const ids = (items: { productId: string }[]) => items.map((m) => m.productId);
