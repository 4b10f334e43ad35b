import { countsForMatching } from '../certificate-state.ts';
import { addYears, daysBetween } from '../dates.ts';
import { type CertificateState, type Certification, type Firm, LISTINGS, rndIntensityBp } from '../firm.ts';
import { COLLATERAL, type FundingRequest, PURPOSES } from '../funding-request.ts';
import { FIRM_METRICS, type FirmMetric } from '../rules.ts';
import type { IsoDate } from '../text.ts';
import {
  countsAs,
  DESIGNATIONS,
  type Designation,
  LABELS,
  type Label,
  LEVELS,
  type Level,
  lowestLevelAtLeast,
  TIERS,
  type Tier,
} from '../tiers.ts';

/**
 * Facts: a firm and its request normalised once for an evaluation date. Both the cold
 * evaluator (explanations, benefits) and the hot path (typed-array context) read these.
 */

/** Days since 1970-01-01 of an ISO date (pure; no time zone involved). */
export function dayNumber(date: IsoDate): number {
  return daysBetween('1970-01-01', date);
}

/** What the matcher reads from a certificate (a stored Certification, or a normalised row's copy). */
export type CertificateFacts = Pick<Certification, 'level' | 'issuedOn' | 'expiresOn'> & {
  state?: CertificateState | undefined;
} & ({ tier: Tier } | { label: Label });

/** A certificate counts on `asOf` when issuedOn ≤ asOf < expiresOn (expiresOn is the first day it no longer counts). */
export function certificateValidOn(c: CertificateFacts, asOf: IsoDate): boolean {
  return c.issuedOn <= asOf && asOf < c.expiresOn;
}

/*
 * Certificate bits (one int32): one bit per (designation, level) a designation is issued at
 * (tiers first, then labels; see DESIGNATIONS in tiers.ts). A certificate sets the bit of
 * every qualification it counts as under the eligibility reading of the relation
 * (`countsAs`: its own designation and the SME-ladder rungs below, at every level up to its
 * effective level), so "counts as tier t at level ≥ l, valid today" is one bit test.
 */
const QUALIFICATION_BITS = new Map<string, number>();
for (const d of [...TIERS, ...LABELS] as Designation[])
  for (const l of DESIGNATIONS[d].levels) QUALIFICATION_BITS.set(`${d}@${l}`, QUALIFICATION_BITS.size);
if (QUALIFICATION_BITS.size > 32) throw new Error('certificate qualifications exceed one int32 word');

/** Bit masks by designation and level (what qualificationBit and the "at least" lookups return), built once. */
const BIT_OF = new Map<Designation, Map<Level, number>>();
const AT_LEAST_BIT_OF = new Map<Designation, Map<Level, number>>();
for (const d of [...TIERS, ...LABELS] as Designation[]) {
  const own = new Map<Level, number>();
  const atLeast = new Map<Level, number>();
  for (const l of LEVELS) {
    const bit = QUALIFICATION_BITS.get(`${d}@${l}`);
    own.set(l, bit === undefined ? 0 : 1 << bit);
  }
  for (const l of LEVELS) {
    const lowest = lowestLevelAtLeast(d, l);
    atLeast.set(l, lowest === undefined ? 0 : own.get(lowest)!);
  }
  BIT_OF.set(d, own);
  AT_LEAST_BIT_OF.set(d, atLeast);
}

function qualificationBit(designation: Designation, level: Level | undefined): number {
  if (level === undefined) return 0;
  return BIT_OF.get(designation)?.get(level) ?? 0;
}

/** The bit a rule "counts as `tier` at level ≥ `level`" tests (0 when the tier is never issued that high). */
export function tierBit(tier: Tier, level: Level = 'municipal'): number {
  return AT_LEAST_BIT_OF.get(tier)?.get(level) ?? 0;
}

/** The bit a rule "holds `label` at level ≥ `level`" tests. */
export function labelBit(label: Label, level: Level = 'municipal'): number {
  return AT_LEAST_BIT_OF.get(label)?.get(level) ?? 0;
}

/** The designation a certificate attests. */
export function designationOf(c: CertificateFacts): Designation {
  return 'tier' in c ? c.tier : c.label;
}

/**
 * certificateBits by designation, then level, then province (the relation reads the
 * region only for 直辖市): nested lookups on the certificate's own strings and the
 * province's two digits, so no key string is built per call.
 */
const CERTIFICATE_BITS = new Map<Designation, Map<Level, Int32Array>>();

/** The bits one certificate confers for a firm registered in `regionCode`, ignoring its dates. */
export function certificateBits(c: CertificateFacts, regionCode: string): number {
  const d = designationOf(c);
  let byLevel = CERTIFICATE_BITS.get(d);
  if (!byLevel) {
    byLevel = new Map();
    CERTIFICATE_BITS.set(d, byLevel);
  }
  let byProvince = byLevel.get(c.level);
  if (!byProvince) {
    // −1 = not worked out yet (bits are never negative: 25 of them).
    byProvince = new Int32Array(100).fill(-1);
    byLevel.set(c.level, byProvince);
  }
  const a = regionCode.charCodeAt(0) - 48;
  const b = regionCode.charCodeAt(1) - 48;
  const province = a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
  if (province >= 0 && byProvince[province]! >= 0) return byProvince[province]!;
  let bits = 0;
  for (const q of countsAs(d, c.level, regionCode)) bits |= qualificationBit(q.designation, q.level);
  if (province >= 0) byProvince[province] = bits;
  return bits;
}

/**
 * Bits of the certificates valid on `asOf` that count: verified or self-declared ones
 * (contradicted and revoked never count); with `verifiedOnly`, verified ones only.
 */
export function certBitsOn(
  certifications: readonly CertificateFacts[],
  asOf: IsoDate,
  regionCode: string,
  verifiedOnly = false,
): number {
  let bits = 0;
  for (const c of certifications)
    if (certificateValidOn(c, asOf) && countsForMatching(c.state, verifiedOnly))
      bits |= certificateBits(c, regionCode);
  return bits;
}

/** Bits the firm would hold if every certificate it ever had were still valid (for "renew" hints). */
export function certBitsEver(certifications: readonly CertificateFacts[], regionCode: string): number {
  let bits = 0;
  for (const c of certifications)
    if (countsForMatching(c.state, false)) bits |= certificateBits(c, regionCode);
  return bits;
}

export function yearsSinceFounding(foundedOn: IsoDate, asOf: IsoDate): number {
  let years = Number(asOf.slice(0, 4)) - Number(foundedOn.slice(0, 4));
  if (asOf.slice(5) < foundedOn.slice(5)) years -= 1;
  return Math.max(0, years);
}

/**
 * The first date after `asOf` on which the firm's date-dependent facts (certificate
 * validity, whole years since founding) change; normalised rows stay valid until then.
 */
export function factsStableUntil(
  firm: { foundedOn: IsoDate; certifications: readonly CertificateFacts[] },
  asOf: IsoDate,
): IsoDate {
  let next = addYears(firm.foundedOn, yearsSinceFounding(firm.foundedOn, asOf) + 1);
  if (next <= asOf) next = addYears(next, 1);
  for (const c of firm.certifications) {
    if (c.issuedOn > asOf && c.issuedOn < next) next = c.issuedOn;
    if (c.expiresOn > asOf && c.expiresOn < next) next = c.expiresOn;
  }
  return next;
}

export function firmMetric(firm: Firm, metric: FirmMetric, asOf: IsoDate): number {
  switch (metric) {
    case 'revenueYuan':
      return firm.revenueYuan;
    case 'rndIntensityBp':
      return rndIntensityBp(firm);
    case 'employees':
      return firm.employees;
    case 'yearsSinceFounding':
      return yearsSinceFounding(firm.foundedOn, asOf);
    case 'inventionPatents':
      return firm.inventionPatents;
    case 'rndExpenseYuan':
      return firm.rndExpenseYuan;
  }
}

/** Every prefix of a code, shortest first: C3981 → C, C3, C39, C398, C3981. */
export function codePrefixes(code: string, minLength: number): string[] {
  const out: string[] = [];
  for (let n = minLength; n <= code.length; n++) out.push(code.slice(0, n));
  return out;
}

/** GB/T 2260 prefixes of a region code: 350203 → 35, 3502, 350203. */
export function regionPrefixes(regionCode: string): string[] {
  return [regionCode.slice(0, 2), regionCode.slice(0, 4), regionCode.slice(0, 6)];
}

export const KIND_DEBT = 1;
export const KIND_EQUITY = 2;

export function collateralBits(collateral: readonly string[]): number {
  let bits = 0;
  for (const c of collateral) bits |= 1 << COLLATERAL.indexOf(c as (typeof COLLATERAL)[number]);
  return bits;
}

export function purposeBits(purposes: readonly string[]): number {
  let bits = 0;
  for (const p of purposes) bits |= 1 << PURPOSES.indexOf(p as (typeof PURPOSES)[number]);
  return bits;
}

export function listingBits(listings: readonly string[]): number {
  let bits = 0;
  for (const l of listings) bits |= 1 << LISTINGS.indexOf(l as (typeof LISTINGS)[number]);
  return bits;
}

export const ALL_LISTINGS = (1 << LISTINGS.length) - 1;

export function requestKindBits(kind: FundingRequest['kind']): number {
  return kind === 'debt' ? KIND_DEBT : kind === 'equity' ? KIND_EQUITY : KIND_DEBT | KIND_EQUITY;
}

export const FLAG_PAID_INTEREST = 1;

export interface Facts {
  readonly firm: Firm;
  readonly request: FundingRequest;
  readonly asOf: IsoDate;
  readonly asOfDay: number;
  readonly certBits: number;
  readonly certBitsEver: number;
  /** Bits of verified certificates only (products requiring verified certificates). */
  readonly verifiedCertBits: number;
  readonly metrics: Readonly<Record<FirmMetric, number>>;
  readonly industryPrefixes: readonly string[];
  readonly regionPrefixes: readonly string[];
  readonly collateralBits: number;
  readonly purposeBits: number;
  readonly kindBits: number;
  readonly listingBits: number;
  readonly flags: number;
}

export function buildFacts(firm: Firm, request: FundingRequest, asOf: IsoDate): Facts {
  const metrics = {} as Record<FirmMetric, number>;
  for (const m of FIRM_METRICS) metrics[m] = firmMetric(firm, m, asOf);
  return {
    firm,
    request,
    asOf,
    asOfDay: dayNumber(asOf),
    certBits: certBitsOn(firm.certifications, asOf, firm.regionCode),
    certBitsEver: certBitsEver(firm.certifications, firm.regionCode),
    verifiedCertBits: certBitsOn(firm.certifications, asOf, firm.regionCode, true),
    metrics,
    industryPrefixes: codePrefixes(firm.industryCode, 1),
    regionPrefixes: regionPrefixes(firm.regionCode),
    collateralBits: collateralBits(request.collateral),
    purposeBits: purposeBits([request.purpose]),
    kindBits: requestKindBits(request.kind),
    listingBits: listingBits([firm.listing]),
    flags: firm.priorYearInterestPaidYuan > 0 ? FLAG_PAID_INTEREST : 0,
  };
}

/** Interns code prefixes (industries) to small integers so rules can test them as bits. */
export class PrefixInterner {
  private readonly ids = new Map<string, number>();
  get size(): number {
    return this.ids.size;
  }
  intern(prefix: string): number {
    let id = this.ids.get(prefix);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(prefix, id);
    }
    return id;
  }
  get(prefix: string): number | undefined {
    return this.ids.get(prefix);
  }
  /** A copy that goes on numbering where this one stopped (a publish interns on the copy). */
  clone(): PrefixInterner {
    const copy = new PrefixInterner();
    for (const [prefix, id] of this.ids) copy.ids.set(prefix, id);
    return copy;
  }
}
