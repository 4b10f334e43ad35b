import * as z from 'zod';
import type { CertificateState } from './firm.ts';
import { PurposeSchema } from './funding-request.ts';
import { lazySchema } from './lazy-schema.ts';
import type { LeadProfile } from './request.ts';
import { IsoDateSchema } from './text.ts';
import type { Level, Tier } from './tiers.ts';

/**
 * What an institution sees of a firm before the firm reveals itself to it: no name, code or
 * contact, and nothing exact enough to single the firm out. Exact headcount, founding year,
 * district and industry class together were unique for every demo firm; here they are
 * generalised until every profile is shared by several firms (k-anonymity, tested over a
 * synthetic population in test/domain/anonymous-profile.test.ts):
 *
 * - headcount in the bands of the SME size standard (中小企业划型标准规定, 工信部联企业
 *   〔2011〕300号: 20 / 300 / 1,000 people for industry), revenue in three bands;
 * - years in business in bands (SRDI certification asks for at least 2–3 years);
 * - the city (地级市; a municipality's districts as one), never the district;
 * - the industry division (GB/T 4754 门类, the letter), never the class;
 * - the firm's standing on the SME ladder, generalised to three rungs, and whether its
 *   certificate is verified against the certified lists, never the certificate dates.
 *
 * What the firm asks for (amount, purpose, term, collateral, date) stays exact: it describes
 * the request, not the firm, and an institution cannot price a loan without it.
 */

/** Headcount bands: the industrial thresholds of the SME standard (20, 300, 1,000). */
export const HEADCOUNT_BANDS = ['lt20', '20to299', '300to999', 'ge1000'] as const;
/**
 * Revenue bands (yuan): CNY 20M, the threshold of 规模以上工业企业 ("above designated size")
 * and of the SME standard's small industrial firm, and CNY 200M, the revenue test of the
 * Beijing Stock Exchange's listing standard 3 (the exchange SRDI firms are steered to).
 */
export const REVENUE_BANDS = ['lt20m', '20mto200m', 'ge200m', 'unknown'] as const;
/** Years since founding. */
export const YEARS_BANDS = ['lt3', '3to9', 'ge10'] as const;
/**
 * The firm's standing on the SME ladder, generalised: none (or only parallel programmes),
 * innovative SME, SRDI SME or above (municipal or provincial SRDI, little giant, key little giant).
 */
export const STANDINGS = ['none', 'innovative_sme', 'srdi_or_above'] as const;

export const AnonymousProfileSchema = lazySchema(() =>
  z.object({
    standing: z.enum(STANDINGS),
    /** Whether the certificate behind the standing is on a certified list (else self-declared). */
    standingVerified: z.boolean(),
    /** The city: GB/T 2260 code of the prefecture-level city (e.g. 350200 厦门市, 500100 重庆市辖区). */
    cityCode: z.string(),
    /** GB/T 4754 division (门类) letter, e.g. C (manufacturing). */
    industryDivision: z.string(),
    headcountBand: z.enum(HEADCOUNT_BANDS),
    revenueBand: z.enum(REVENUE_BANDS),
    yearsBand: z.enum(YEARS_BANDS),
    /** Headcount, revenue and founding are the firm's own figures, checked by no one. */
    figuresSource: z.literal('self_declared'),
    amountYuan: z.number().int(),
    purpose: PurposeSchema,
    termMonths: z.number().int(),
    collateral: z.array(z.string()),
    needBy: IsoDateSchema.optional(),
  }),
);
export type AnonymousProfile = z.infer<typeof AnonymousProfileSchema>;
export type Standing = (typeof STANDINGS)[number];

export function headcountBand(employees: number): AnonymousProfile['headcountBand'] {
  if (employees < 20) return 'lt20';
  if (employees < 300) return '20to299';
  if (employees < 1000) return '300to999';
  return 'ge1000';
}

export function revenueBand(revenueYuan: number | undefined): AnonymousProfile['revenueBand'] {
  if (revenueYuan === undefined) return 'unknown';
  if (revenueYuan < 20_000_000) return 'lt20m';
  if (revenueYuan < 200_000_000) return '20mto200m';
  return 'ge200m';
}

export function yearsBand(years: number): AnonymousProfile['yearsBand'] {
  if (years < 3) return 'lt3';
  if (years < 10) return '3to9';
  return 'ge10';
}

/** GB/T 2260: the prefecture-level city of a district (its first four digits, then 00). */
export function cityOf(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

/** GB/T 4754: the division letter of an industry code (C3981 → C). */
export function divisionOf(industryCode: string): string {
  return industryCode.slice(0, 1);
}

const LADDER: Partial<Record<Tier, Standing>> = {
  innovative_sme: 'innovative_sme',
  srdi_sme: 'srdi_or_above',
  little_giant: 'srdi_or_above',
  key_little_giant: 'srdi_or_above',
};
const STANDING_RANK: Record<Standing, number> = { none: 0, innovative_sme: 1, srdi_or_above: 2 };
/** Verified beats self-declared for the same standing; contradicted and revoked count for nothing. */
const COUNTS: ReadonlySet<CertificateState> = new Set(['verified', 'self_declared']);

/**
 * The standing of a firm on `asOf` from the certificates a lead recorded: the highest rung
 * any current certificate gives, verified if any current certificate of that rung is.
 */
export function standingOf(
  certificates: { tier?: Tier; level: Level; expiresOn: string; state: CertificateState }[],
  asOf: string,
): { standing: Standing; verified: boolean } {
  let best: { standing: Standing; verified: boolean } = { standing: 'none', verified: false };
  for (const c of certificates) {
    const standing = c.tier && LADDER[c.tier];
    if (!standing || c.expiresOn <= asOf || !COUNTS.has(c.state)) continue;
    const verified = c.state === 'verified';
    if (
      STANDING_RANK[standing] > STANDING_RANK[best.standing] ||
      (standing === best.standing && verified && !best.verified)
    )
      best = { standing, verified };
  }
  return best;
}

/**
 * The anonymous profile of a lead's firm as an institution sees it before the firm reveals
 * itself: the lead's recorded profile, generalised. `asOf` is the lead's date (Asia/Shanghai).
 */
export function anonymousProfile(profile: LeadProfile, asOf: string): AnonymousProfile {
  const certificates = profile.certificates?.length
    ? profile.certificates
    : profile.tier && profile.level
      ? [
          {
            tier: profile.tier,
            level: profile.level,
            expiresOn: '9999-12-31',
            state: 'self_declared' as const,
          },
        ]
      : [];
  const { standing, verified } = standingOf(certificates, asOf);
  return {
    standing,
    standingVerified: verified,
    cityCode: cityOf(profile.regionCode),
    industryDivision: divisionOf(profile.industryCode),
    headcountBand: headcountBand(profile.employees),
    revenueBand: revenueBand(profile.revenueYuan),
    yearsBand: yearsBand(profile.yearsSinceFounding),
    figuresSource: 'self_declared',
    amountYuan: profile.amountYuan,
    purpose: profile.purpose,
    termMonths: profile.termMonths,
    collateral: profile.collateral,
    ...(profile.needBy ? { needBy: profile.needBy } : {}),
  };
}

/** The part of an anonymous profile that describes the firm (not its request): what k-anonymity is measured on. */
export function firmPart(p: AnonymousProfile) {
  return {
    standing: p.standing,
    standingVerified: p.standingVerified,
    cityCode: p.cityCode,
    industryDivision: p.industryDivision,
    headcountBand: p.headcountBand,
    revenueBand: p.revenueBand,
    yearsBand: p.yearsBand,
  };
}

export const STANDING_NAMES: Record<Standing, { zh: string; en: string }> = {
  none: { zh: '无有效梯度资质', en: 'no current certificate of the SME ladder' },
  innovative_sme: { zh: '创新型中小企业', en: 'innovative SME' },
  srdi_or_above: { zh: '专精特新中小企业及以上', en: 'SRDI SME or above' },
};
export const HEADCOUNT_BAND_NAMES: Record<AnonymousProfile['headcountBand'], { zh: string; en: string }> = {
  lt20: { zh: '20人以下', en: 'under 20 people' },
  '20to299': { zh: '20–299人', en: '20–299 people' },
  '300to999': { zh: '300–999人', en: '300–999 people' },
  ge1000: { zh: '1000人及以上', en: '1,000 people or more' },
};
export const REVENUE_BAND_NAMES: Record<AnonymousProfile['revenueBand'], { zh: string; en: string }> = {
  lt20m: { zh: '营收2000万元以下', en: 'revenue under CNY 20M' },
  '20mto200m': { zh: '营收2000万–2亿元', en: 'revenue CNY 20M–200M' },
  ge200m: { zh: '营收2亿元及以上', en: 'revenue CNY 200M or more' },
  unknown: { zh: '营收未记录', en: 'revenue not recorded' },
};
export const YEARS_BAND_NAMES: Record<AnonymousProfile['yearsBand'], { zh: string; en: string }> = {
  lt3: { zh: '成立不足3年', en: 'under 3 years old' },
  '3to9': { zh: '成立3–9年', en: '3–9 years old' },
  ge10: { zh: '成立10年及以上', en: '10 years old or more' },
};
