import { addYears, daysBetween } from '../dates.ts';
import { type Certification, type Firm, LISTINGS, rndIntensityBp } from '../firm.ts';
import { COLLATERAL, type FundingRequest, PURPOSES } from '../funding-request.ts';
import { FIRM_METRICS, type FirmMetric } from '../rules.ts';
import type { IsoDate } from '../text.ts';
import { LABELS, type Label, type Level, levelRank, type Tier, tierRank } from '../tiers.ts';

/**
 * Facts: a firm and its request normalised once for an evaluation date. Both the cold
 * evaluator (explanations, benefits) and the hot path (typed-array context) read these.
 */

/** Days since 1970-01-01 of an ISO date (pure; no time zone involved). */
export function dayNumber(date: IsoDate): number {
  return daysBetween('1970-01-01', date);
}

/** What the matcher reads from a certificate (a stored Certification, or a normalised row's copy). */
export type CertificateFacts = Pick<Certification, 'level' | 'issuedOn' | 'expiresOn'> &
  ({ tier: Tier } | { label: Label });

/** A certificate counts on `asOf` when issuedOn ≤ asOf < expiresOn (expiresOn is the first day it no longer counts). */
export function certificateValidOn(c: CertificateFacts, asOf: IsoDate): boolean {
  return c.issuedOn <= asOf && asOf < c.expiresOn;
}

/*
 * Certificate bits (one int32): bit (tierRank × 3 + levelRank) for the tier ladder, and
 * 18 + (labelRank × 3 + levelRank) for labels. A firm holding a valid certificate of tier T
 * at level L gets every bit (t ≤ T, l ≤ L), so "tier ≥ t at level ≥ l" is one bit test.
 */
const LEVEL_COUNT = 3;
const LABEL_BASE = 18;

export function tierBit(tier: Tier, level: Level = 'municipal'): number {
  return 1 << (tierRank(tier) * LEVEL_COUNT + levelRank(level));
}

export function labelBit(label: Label, level: Level = 'municipal'): number {
  return 1 << (LABEL_BASE + LABELS.indexOf(label) * LEVEL_COUNT + levelRank(level));
}

/** The bits one certificate confers, ignoring its dates. */
export function certificateBits(c: CertificateFacts): number {
  let bits = 0;
  const l = levelRank(c.level);
  if ('tier' in c) {
    const t = tierRank(c.tier);
    for (let ti = 0; ti <= t; ti++) for (let li = 0; li <= l; li++) bits |= 1 << (ti * LEVEL_COUNT + li);
  } else {
    const base = LABEL_BASE + LABELS.indexOf(c.label) * LEVEL_COUNT;
    for (let li = 0; li <= l; li++) bits |= 1 << (base + li);
  }
  return bits;
}

export function certBitsOn(certifications: readonly CertificateFacts[], asOf: IsoDate): number {
  let bits = 0;
  for (const c of certifications) if (certificateValidOn(c, asOf)) bits |= certificateBits(c);
  return bits;
}

/** Bits the firm would hold if every certificate it ever had were still valid (for "renew" hints). */
export function certBitsEver(certifications: readonly CertificateFacts[]): number {
  let bits = 0;
  for (const c of certifications) bits |= certificateBits(c);
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
    certBits: certBitsOn(firm.certifications, asOf),
    certBitsEver: certBitsEver(firm.certifications),
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
}
