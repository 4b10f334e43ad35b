import { MAINLAND_PROVINCE_CODES } from '#domain/certified-list.ts';
import type { FirmInput } from '#domain/firm.ts';
import type { Collateral, FundingRequestInput, Purpose } from '#domain/funding-request.ts';
import type { InstitutionInput } from '#domain/institution.ts';
import type { ProductInput, ProductKind } from '#domain/product.ts';
import type { Rule } from '#domain/rules.ts';
import { DESIGNATIONS, type Level, levelAllowed } from '#domain/tiers.ts';
import { buildUscc } from '#domain/uscc.ts';

/**
 * A realistic synthetic catalog and request stream for the benchmark (and for the
 * engine's consistency tests): products spread over the country the way bank branches
 * and city policies are (few nationwide, most provincial or municipal), 5–12 rules each,
 * drawn from the same DSL as the seed catalog. Deterministic for a given seed.
 */

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const n = int(min, max);
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return out;
  };
  return { next, int, pick, chance, some };
}
type Rng = ReturnType<typeof rng>;

const PROVINCES: string[] = [...MAINLAND_PROVINCE_CODES];

export interface RegionTable {
  provinces: string[];
  cities: string[];
  districts: string[];
}

/** 31 provinces, ~10 cities each, ~6 districts per city (GB/T 2260-shaped codes). */
export function regionTable(r: Rng): RegionTable {
  const cities: string[] = [];
  const districts: string[] = [];
  for (const p of PROVINCES) {
    const nc = r.int(6, 14);
    for (let c = 1; c <= nc; c++) {
      const city = `${p}${String(c).padStart(2, '0')}`;
      cities.push(city);
      const nd = r.int(3, 9);
      for (let d = 1; d <= nd; d++) districts.push(`${city}${String(d).padStart(2, '0')}`);
    }
  }
  return { provinces: PROVINCES, cities, districts };
}

const INDUSTRIES = [
  'C3981',
  'C3971',
  'C3973',
  'C3976',
  'C3484',
  'C3491',
  'C3511',
  'C3562',
  'C3572',
  'C2651',
  'C2661',
  'C2710',
  'C2720',
  'C3825',
  'C3841',
  'C3360',
  'C3399',
  'C3731',
  'C3874',
  'C4011',
  'C4014',
  'C2929',
  'I6513',
  'I6520',
  'I6531',
  'M7320',
  'M7451',
  'F5179',
  'K7010',
  'J6620',
];
const INDUSTRY_PREFIXES = [
  'C',
  'C39',
  'C35',
  'C34',
  'C38',
  'C26',
  'C27',
  'C40',
  'I',
  'I65',
  'M',
  'C397',
  'C3981',
];
const PURPOSES: Purpose[] = ['rnd', 'equipment_upgrade', 'working_capital', 'bridge', 'expansion', 'export'];
const COLLATERALS: Collateral[] = [
  'ip',
  'receivables',
  'inventory',
  'warehouse_receipt',
  'real_estate',
  'equipment',
];
const TIERS = [
  'innovative_sme',
  'srdi_sme',
  'srdi_sme',
  'srdi_sme',
  'little_giant',
  'key_little_giant',
] as const;
const LEVELS = ['municipal', 'municipal', 'municipal', 'provincial', 'provincial', 'national'] as const;
const LOAN_KINDS: ProductKind[] = [
  'bank_loan',
  'supply_chain_finance',
  'relending',
  'bank_loan',
  'bank_loan',
];

export const SYNTHETIC_INSTITUTIONS: InstitutionInput[] = Array.from({ length: 50 }, (_, k) => ({
  id: `synthetic-institution-${k}`,
  type: (['bank', 'bank', 'bank', 'guarantor', 'insurer', 'fund_manager', 'government'] as const)[k % 7]!,
  name: { zh: `合成机构${k}`, en: `Synthetic institution ${k}` },
  demo: true,
}));

function scope(r: Rng, regions: RegionTable, nationwideShare: number): string[] {
  const x = r.next();
  if (x < nationwideShare) return [];
  if (x < nationwideShare + 0.3) return [r.pick(regions.provinces)];
  if (x < nationwideShare + 0.82)
    return r.chance(0.15) ? r.some(regions.cities, 2, 3) : [r.pick(regions.cities)];
  return [r.pick(regions.districts)];
}

/** A level the tier is issued at (tiers.ts), drawn with LEVELS' weights. */
function levelFor(r: Rng, tier: (typeof TIERS)[number]): Level {
  const drawn = r.pick(LEVELS);
  return levelAllowed(tier, drawn) ? drawn : DESIGNATIONS[tier].levels.at(-1)!;
}

function tierRule(r: Rng): Rule {
  const tier = r.pick(TIERS);
  const level = levelFor(r, tier);
  if (r.chance(0.07))
    return { rule: 'tier_or_label', tier, level, labels: ['golden_seed', 'listing_reserve'] };
  return { rule: 'tier_at_least', tier, level };
}

function metricRules(r: Rng): Rule[] {
  const pool: Rule[] = [
    { rule: 'metric', metric: 'revenueYuan', min: r.pick([5, 10, 20, 50, 100]) * 1_000_000 },
    { rule: 'metric', metric: 'rndIntensityBp', min: r.pick([100, 200, 300, 500]) },
    { rule: 'metric', metric: 'employees', max: r.pick([300, 500, 1000]) },
    { rule: 'metric', metric: 'yearsSinceFounding', min: r.int(1, 5) },
    { rule: 'metric', metric: 'inventionPatents', min: r.int(1, 10) },
  ];
  return r.some(pool, 0, 2);
}

/** One synthetic product, valid under ProductSchema. */
export function syntheticProduct(
  r: Rng,
  k: number,
  regions: RegionTable,
  nationwideShare = 0.04,
): ProductInput {
  const x = r.next();
  const role = x < 0.64 ? 'loan' : x < 0.78 ? 'enhancer' : x < 0.85 ? 'entitlement' : 'equity';
  const eligibility: Rule[] = [];
  if (r.chance(0.78)) eligibility.push(tierRule(r));
  eligibility.push(...metricRules(r));
  if (r.chance(0.14)) eligibility.push({ rule: 'industry', prefixes: r.some(INDUSTRY_PREFIXES, 1, 3) });
  if (r.chance(0.12))
    eligibility.push({ rule: 'industry_not', prefixes: r.pick([['K'], ['J', 'K'], ['F']]) });
  if (role !== 'equity' && r.chance(0.45))
    eligibility.push({ rule: 'purpose', anyOf: r.some(PURPOSES, 1, 3) });
  const base = {
    id: `synthetic-${k}`,
    institutionId: `synthetic-institution-${k % 50}`,
    name: { zh: `合成产品${k}`, en: `Synthetic product ${k}` },
    regionScope: scope(r, regions, nationwideShare),
    demo: true,
    illustrativeFigures: ['all'],
    source: { city: 'national' as const, seedFile: '000_49b5be6c3e6efe59.txt' },
    ...(r.chance(0.02) ? { status: 'suspended' as const } : {}),
    ...(r.chance(0.15)
      ? {
          validFrom: r.pick(['2024-01-01', '2025-01-01']),
          validTo: r.pick(['2025-12-31', '2026-06-30', '2027-12-31']),
        }
      : {}),
    ...(r.chance(0.08) ? { quotaLeftYuan: r.pick([0, 10, 50, 200, 1000]) * 1_000_000 } : {}),
  };
  if (role === 'loan') {
    if (r.chance(0.35)) eligibility.push({ rule: 'collateral', accepted: r.some(COLLATERALS, 1, 2) });
    const kind = r.chance(0.04) ? 'policy_credit_fund' : r.chance(0.03) ? 'bridge_loan' : r.pick(LOAN_KINDS);
    const maxYuan = r.pick([5, 10, 20, 30, 50, 100, 200, 500]) * 1_000_000;
    const minYuan = r.chance(0.2) ? Math.min(maxYuan, r.pick([1, 5, 10]) * 1_000_000) : 0;
    return {
      ...base,
      kind,
      amount: { minYuan, maxYuan },
      term: { maxMonths: kind === 'bridge_loan' ? 3 : r.pick([6, 12, 24, 36, 60, 120]) },
      pricing:
        kind === 'bridge_loan'
          ? { type: 'daily_fee', dailyFeeBp: r.int(1, 3), maxDays: r.pick([15, 30]) }
          : kind === 'policy_credit_fund'
            ? { type: 'fixed_rate', annualRateBp: r.int(150, 300) }
            : {
                type: 'lpr_spread',
                spreadBp: r.int(-20, 150),
                annualFeeBp: r.chance(0.2) ? r.int(30, 100) : 0,
              },
      alreadySubsidised: kind === 'policy_credit_fund',
      eligibility,
    };
  }
  if (role === 'enhancer') {
    const kind = r.pick([
      'guarantee',
      'credit_insurance',
      'risk_compensation',
      'export_credit_insurance',
    ] as const);
    if (kind === 'export_credit_insurance') eligibility.push({ rule: 'purpose', anyOf: ['export'] });
    return {
      ...base,
      kind,
      pricing: { type: 'guarantee_fee', annualFeeBp: r.int(0, 200) },
      stacksOnKinds: ['bank_loan', 'supply_chain_finance'],
      replacesCollateral: kind !== 'export_credit_insurance',
      eligibility,
    };
  }
  if (role === 'entitlement') {
    const cap = r.chance(0.2);
    if (!cap && r.chance(0.5)) eligibility.push({ rule: 'no_double_subsidy', exceptTier: 'little_giant' });
    if (!cap && r.chance(0.1)) eligibility.push({ rule: 'paid_interest_last_year' });
    return {
      ...base,
      kind: cap ? 'rate_cap' : 'interest_subsidy',
      ...(cap ? { term: { maxMonths: 12 } } : {}),
      pricing: cap
        ? { type: 'rate_cap', capSpreadBp: -r.int(0, 20) }
        : {
            type: 'interest_subsidy',
            shareBp: r.pick([2000, 3000, 4000, 5000]),
            capYuanPerYear: r.pick([200, 500, 1000]) * 1000,
          },
      stacksOnKinds: ['bank_loan', 'supply_chain_finance', 'policy_credit_fund', 'relending'],
      eligibility,
    };
  }
  eligibility.push({ rule: 'listing_not', listings: ['main', 'star', 'chinext'] });
  return {
    ...base,
    kind: r.chance(0.8) ? 'equity_fund' : 'listing_support',
    pricing: { type: 'none' },
    ...(r.chance(0.6) ? { preferences: { industryPrefixes: r.some(INDUSTRY_PREFIXES, 1, 4) } } : {}),
    amount: { maxYuan: r.pick([20, 50, 100, 300]) * 1_000_000 },
    eligibility,
  };
}

export function syntheticProducts(n: number, seed = 7, nationwideShare = 0.04): ProductInput[] {
  const r = rng(seed);
  const regions = regionTable(rng(1));
  return Array.from({ length: n }, (_, k) => syntheticProduct(r, k, regions, nationwideShare));
}

/** A synthetic firm with its request; certificates sometimes expired, sometimes absent. */
export function syntheticFirmRequest(
  r: Rng,
  k: number,
  regions: RegionTable,
): { firm: FirmInput; request: FundingRequestInput } {
  const region = r.pick(regions.districts);
  const revenue = r.int(5, 800) * 1_000_000;
  const certs: FirmInput['certifications'] = [];
  const t = r.next();
  if (t > 0.18) {
    const tier =
      t < 0.4 ? 'innovative_sme' : t < 0.82 ? 'srdi_sme' : t < 0.97 ? 'little_giant' : 'key_little_giant';
    const level = levelFor(r, tier);
    certs.push({
      tier,
      level,
      issuedOn: r.chance(0.12) ? '2021-05-01' : r.pick(['2023-06-01', '2024-03-01', '2024-11-15']),
      authority: '合成认定机构',
    });
  }
  if (r.chance(0.06))
    certs.push({
      ...((label) => ({ label, level: DESIGNATIONS[label].levels[0]! }))(
        r.pick(['golden_seed', 'high_tech', 'listing_reserve'] as const),
      ),
      issuedOn: '2024-01-01',
      authority: '合成认定机构',
    });
  const kindRoll = r.next();
  return {
    firm: {
      uscc: buildUscc('91', region, `MA${String(k).padStart(6, '0')}`.slice(0, 8)),
      name: `合成企业${k}`,
      regionCode: region,
      industryCode: r.pick(INDUSTRIES),
      foundedOn: `${r.int(1995, 2023)}-0${r.int(1, 9)}-1${r.int(0, 9)}`,
      employees: r.int(10, 1500),
      revenueYuan: revenue,
      rndExpenseYuan: Math.floor(revenue * r.pick([0.01, 0.03, 0.05, 0.08])),
      inventionPatents: r.int(0, 40),
      priorYearInterestPaidYuan: r.chance(0.7) ? r.int(0, 3000) * 1000 : 0,
      listing: r.chance(0.92) ? 'none' : r.pick(['neeq', 'bse', 'star', 'main'] as const),
      certifications: certs,
    },
    request: {
      amountYuan: Math.round(10 ** (6 + r.next() * 2.5) / 10_000) * 10_000,
      purpose: r.pick(PURPOSES),
      termMonths: r.pick([3, 6, 12, 12, 24, 36, 60]),
      collateral: r.chance(0.5) ? ['none'] : r.some(COLLATERALS, 1, 2),
      kind: kindRoll < 0.75 ? 'debt' : kindRoll < 0.9 ? 'equity' : 'any',
    },
  };
}

export function syntheticRequests(n: number, seed = 11) {
  const r = rng(seed);
  const regions = regionTable(rng(1));
  return Array.from({ length: n }, (_, k) => {
    const fr = syntheticFirmRequest(r, k, regions);
    if (fr.request.purpose === 'bridge') {
      fr.request.maturingLoanYuan = fr.request.amountYuan;
      fr.request.maturesOn = '2025-07-15';
    }
    return fr;
  });
}
