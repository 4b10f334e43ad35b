import type { CertificateState } from '#domain/firm.ts';
import type { LeadProfile } from '#domain/request.ts';
import type { Tier } from '#domain/tiers.ts';

/**
 * A deterministic synthetic population of SRDI-ladder firms in the five seed cities, for
 * measuring how identifying a lead's anonymous profile is. Distributions follow the seeds
 * where they give figures and plausible shapes where they don't (marked):
 *
 * - cities weighted by the seeds' counts of certified firms: Xiamen 2,765, Chongqing 2,739
 *   (2,484 SRDI + 255 little giants), Hangzhou ~3,300 (208 little giants scaled by Xiamen's
 *   ratio; assumed), Jiaxing ~1,200 (assumed), Jiangmen ~550 (its 2024 targets);
 * - the ladder as in Xiamen: key little giants 1.1%, little giants 5.2%, SRDI SMEs 62.7%
 *   (a quarter provincial), innovative SMEs 31%; 90% of certificates verified, 8% lapsed
 *   (expired, re-certification pending) (assumed);
 * - districts uniform within the city; industry divisions per city (assumed: manufacturing
 *   C dominant, software I strong in Hangzhou, research M and others after);
 * - headcount log-normal (median 60 innovative, 130 SRDI, 320 little giant), revenue per
 *   head log-normal (median CNY 0.9M, σ 0.6), age 2–35 years, skewed young (assumed).
 */
export interface SyntheticFirm {
  profile: LeadProfile;
}

/** mulberry32: a small deterministic generator (same seed, same population). */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES: { weight: number; districts: string[]; divisions: [string, number][] }[] = [
  {
    // Xiamen
    weight: 2765,
    districts: ['350203', '350205', '350206', '350211', '350212', '350213'],
    divisions: [
      ['C', 70],
      ['I', 14],
      ['M', 8],
      ['F', 3],
      ['L', 3],
      ['E', 2],
    ],
  },
  {
    // Chongqing (the municipality's districts)
    weight: 2739,
    districts: ['500103', '500105', '500106', '500107', '500108', '500109', '500112', '500113'],
    divisions: [
      ['C', 78],
      ['I', 9],
      ['M', 6],
      ['E', 3],
      ['N', 2],
      ['L', 2],
    ],
  },
  {
    // Hangzhou
    weight: 3300,
    districts: ['330102', '330105', '330106', '330108', '330109', '330110', '330111', '330113', '330114'],
    divisions: [
      ['C', 58],
      ['I', 24],
      ['M', 10],
      ['L', 3],
      ['F', 3],
      ['R', 2],
    ],
  },
  {
    // Jiaxing
    weight: 1200,
    districts: ['330402', '330411', '330421', '330424', '330481', '330482', '330483'],
    divisions: [
      ['C', 86],
      ['I', 5],
      ['M', 5],
      ['F', 2],
      ['E', 2],
    ],
  },
  {
    // Jiangmen
    weight: 550,
    districts: ['440703', '440704', '440705', '440781', '440783', '440784', '440785'],
    divisions: [
      ['C', 88],
      ['I', 4],
      ['M', 4],
      ['F', 2],
      ['E', 2],
    ],
  },
];

/** Industry classes per division, so the population also has the exact codes that bands hide. */
const CLASSES: Record<string, string[]> = {
  C: ['C3981', 'C2651', 'C3490', 'C3551', 'C3812', 'C3311', 'C2929', 'C3969', 'C4028', 'C2710'],
  I: ['I6520', 'I6510', 'I6531', 'I6440'],
  M: ['M7320', 'M7450', 'M7517'],
  F: ['F5179'],
  L: ['L7212'],
  E: ['E4910'],
  N: ['N7721'],
  R: ['R8610'],
};

function pick<T>(rnd: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [value, w] of weighted) {
    r -= w;
    if (r < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

function normal(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** `count` firms, the same ones for the same seed, as lead profiles on `asOf`. */
export function syntheticPopulation(count: number, asOf: string, seed = 20261129): LeadProfile[] {
  const rnd = random(seed);
  const cityWeights = CITIES.map((c, i) => [i, c.weight] as [number, number]);
  const year = Number(asOf.slice(0, 4));
  return Array.from({ length: count }, () => {
    const city = CITIES[pick(rnd, cityWeights)]!;
    const regionCode = city.districts[Math.floor(rnd() * city.districts.length)]!;
    const division = pick(rnd, city.divisions);
    const classes = CLASSES[division]!;
    const industryCode = classes[Math.floor(rnd() * classes.length)]!;
    const lapsed = rnd() < 0.08;
    const rung = pick<[Tier, 'municipal' | 'provincial' | 'national']>(rnd, [
      [['key_little_giant', 'national'], 11],
      [['little_giant', 'national'], 52],
      [['srdi_sme', 'provincial'], 157],
      [['srdi_sme', 'municipal'], 470],
      [['innovative_sme', 'municipal'], 310],
    ]);
    const [tier, level] = rung;
    const medianHeads = tier === 'innovative_sme' ? 60 : tier === 'srdi_sme' ? 130 : 320;
    const employees = Math.max(5, Math.round(medianHeads * Math.exp(0.8 * normal(rnd))));
    const revenueYuan = Math.round(employees * 900_000 * Math.exp(0.6 * normal(rnd)));
    const minAge = tier === 'innovative_sme' ? 2 : 3;
    const yearsSinceFounding = Math.min(35, minAge + Math.floor(-Math.log(Math.max(rnd(), 1e-9)) * 8));
    const state: CertificateState = rnd() < 0.9 ? 'verified' : 'self_declared';

    // A lapsed certificate expired up to two years ago (re-certification pending).
    const issuedYear = lapsed ? year - 4 - Math.floor(rnd() * 2) : year - Math.floor(rnd() * 3);
    return {
      tier,
      level,
      certificates: [{ tier, level, expiresOn: `${issuedYear + 3}-06-30`, state }],
      figuresSource: 'self_declared' as const,
      industryCode,
      regionCode,
      employees,
      revenueYuan,
      yearsSinceFounding,
      amountYuan: 5_000_000,
      purpose: 'working_capital' as const,
      termMonths: 12,
      collateral: [],
    };
  });
}
