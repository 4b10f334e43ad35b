import type { Certification } from '../firm.ts';
import type { Benefit, Product, ProductRole } from '../product.ts';
import { pricingRole } from '../product.ts';
import type { Rule } from '../rules.ts';
import type { IsoDate } from '../text.ts';
import { isTitle } from '../tiers.ts';
import {
  ALL_LISTINGS,
  certificateBits,
  certificateValidOn,
  designationOf,
  type Facts,
  FLAG_PAID_INTEREST,
  KIND_DEBT,
  KIND_EQUITY,
  labelBit,
  listingBits,
  tierBit,
} from './facts.ts';

/**
 * Specs: a product's eligibility normalised into one list of checks, the product's own
 * fields (amount, term, regionScope, validity, quota, financing kind) turned into implicit
 * rules beside the DSL rules. Both the compiler (hot path) and the explainer (cold path)
 * work from this list, so a near miss can say "amount above the CNY 500M cap" exactly as
 * it says "certificate expired".
 */
export type Spec =
  /** Effective GB/T 2260 prefixes ('' = nationwide); an empty list never matches. */
  | { rule: 'region'; prefixes: string[] }
  | { rule: 'validity'; from?: IsoDate; to?: IsoDate }
  | { rule: 'kind'; kind: 'debt' | 'equity' }
  | { rule: 'amount'; minYuan: number; maxYuan?: number }
  | { rule: 'term'; minMonths?: number; maxMonths?: number }
  /** Money left this period: per-amount products need the whole ask; others just need some left. */
  | { rule: 'quota'; leftYuan: number; perAmount: boolean }
  /** Certificate rules; `verified` when the product requires verified certificates. */
  | (Extract<Rule, { rule: 'tier_at_least' | 'label' | 'tier_or_label' }> & { verified?: boolean })
  | Exclude<
      Rule,
      {
        rule:
          | 'region'
          | 'amount'
          | 'term'
          | 'kind'
          | 'no_double_subsidy'
          | 'tier_at_least'
          | 'label'
          | 'tier_or_label';
      }
    >;

export type SpecName = Spec['rule'];

/**
 * Hard specs put a product out of scope (other region, not in force, other financing
 * kind): it is neither a match nor a near miss. Everything else is soft: a product failing
 * one or two soft specs is a near miss, with what would unlock it.
 */
export const HARD_SPECS: ReadonlySet<SpecName> = new Set(['region', 'validity', 'kind']);

export function isHard(spec: Spec): boolean {
  return HARD_SPECS.has(spec.rule);
}

/** Intersection of two region prefix sets (each '' = nationwide), minimal (no prefix inside another). */
export function intersectRegions(a: readonly string[], b: readonly string[]): string[] {
  const out = new Set<string>();
  for (const x of a)
    for (const y of b) {
      if (y.startsWith(x)) out.add(y);
      else if (x.startsWith(y)) out.add(x);
    }
  return minimalPrefixes([...out]);
}

/** Drops prefixes covered by a shorter one in the same set: [35, 3502] → [35]. */
export function minimalPrefixes(prefixes: readonly string[]): string[] {
  const unique = [...new Set(prefixes)].sort((x, y) => x.length - y.length || (x < y ? -1 : 1));
  const kept: string[] = [];
  for (const p of unique) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

/** Everything a product requires, in evaluation order: hard specs first, then soft. */
export interface ProductSpecs {
  specs: Spec[];
  /** Rules evaluated per (loan, subsidy) pair, not against the firm alone. */
  noDoubleSubsidy?: Extract<Rule, { rule: 'no_double_subsidy' }>;
}

interface Scoped {
  regionScope: readonly string[];
  eligibility: readonly Rule[];
  validFrom?: IsoDate;
  validTo?: IsoDate;
}

function commonSpecs(item: Scoped): { hard: Spec[]; soft: Spec[]; rules: Rule[] } {
  let region: string[] = item.regionScope.length ? minimalPrefixes(item.regionScope) : [''];
  const rest: Rule[] = [];
  for (const rule of item.eligibility) {
    if (rule.rule === 'region') region = intersectRegions(region, rule.prefixes);
    else rest.push(rule);
  }
  const hard: Spec[] = [{ rule: 'region', prefixes: region }];
  if (item.validFrom !== undefined || item.validTo !== undefined)
    hard.push({
      rule: 'validity',
      ...(item.validFrom !== undefined ? { from: item.validFrom } : {}),
      ...(item.validTo !== undefined ? { to: item.validTo } : {}),
    });
  return { hard, soft: [], rules: rest };
}

export function productFinancingKind(role: ProductRole): 'debt' | 'equity' {
  return role === 'equity' ? 'equity' : 'debt';
}

export function productSpecs(product: Product): ProductSpecs {
  const role = pricingRole(product.pricing);
  const { hard, soft, rules } = commonSpecs(product);
  hard.push({ rule: 'kind', kind: productFinancingKind(role) });

  let minYuan = product.amount.minYuan;
  let maxYuan = product.amount.maxYuan;
  let minMonths = product.term.minMonths;
  let maxMonths = product.term.maxMonths;
  let noDoubleSubsidy: ProductSpecs['noDoubleSubsidy'];
  const other: Spec[] = [];
  for (const rule of rules) {
    switch (rule.rule) {
      case 'amount':
        if (rule.minYuan !== undefined) minYuan = Math.max(minYuan, rule.minYuan);
        if (rule.maxYuan !== undefined) maxYuan = Math.min(maxYuan ?? rule.maxYuan, rule.maxYuan);
        break;
      case 'term':
        if (rule.minMonths !== undefined) minMonths = Math.max(minMonths ?? 0, rule.minMonths);
        if (rule.maxMonths !== undefined) maxMonths = Math.min(maxMonths ?? rule.maxMonths, rule.maxMonths);
        break;
      case 'kind':
        hard.push({ rule: 'kind', kind: rule.kind });
        break;
      case 'no_double_subsidy':
        noDoubleSubsidy = rule;
        break;
      case 'tier_at_least':
      case 'label':
      case 'tier_or_label':
        other.push(product.requiresVerifiedCertificates ? { ...rule, verified: true } : rule);
        break;
      default:
        other.push(rule);
    }
  }
  if (minYuan > 0 || maxYuan !== undefined)
    soft.push({ rule: 'amount', minYuan, ...(maxYuan !== undefined ? { maxYuan } : {}) });
  if (minMonths !== undefined || maxMonths !== undefined)
    soft.push({
      rule: 'term',
      ...(minMonths !== undefined ? { minMonths } : {}),
      ...(maxMonths !== undefined ? { maxMonths } : {}),
    });
  soft.push(...other);
  if (product.quotaLeftYuan !== undefined)
    soft.push({ rule: 'quota', leftYuan: product.quotaLeftYuan, perAmount: role !== 'entitlement' });
  return { specs: [...hard, ...soft], ...(noDoubleSubsidy ? { noDoubleSubsidy } : {}) };
}

export function benefitSpecs(benefit: Benefit): Spec[] {
  const { hard, rules } = commonSpecs(benefit);
  const soft: Spec[] = [];
  for (const rule of rules) {
    if (rule.rule === 'no_double_subsidy' || rule.rule === 'kind') continue;
    if (rule.rule === 'amount')
      soft.push({
        rule: 'amount',
        minYuan: rule.minYuan ?? 0,
        ...(rule.maxYuan !== undefined ? { maxYuan: rule.maxYuan } : {}),
      });
    else if (rule.rule === 'term') soft.push({ ...rule });
    else soft.push(rule);
  }
  return [...hard, ...soft];
}

/** The cold evaluator: one spec against the facts. The hot path must agree with it exactly. */
export function specHolds(spec: Spec, f: Facts): boolean {
  switch (spec.rule) {
    case 'region':
      return spec.prefixes.some((p) => p === '' || f.regionPrefixes.includes(p));
    case 'validity':
      return (spec.from === undefined || spec.from <= f.asOf) && (spec.to === undefined || f.asOf <= spec.to);
    case 'kind':
      return (f.kindBits & (spec.kind === 'debt' ? KIND_DEBT : KIND_EQUITY)) !== 0;
    case 'amount': {
      const a = f.request.amountYuan;
      return a >= spec.minYuan && (spec.maxYuan === undefined || a <= spec.maxYuan);
    }
    case 'term': {
      const t = f.request.termMonths;
      return (
        (spec.minMonths === undefined || t >= spec.minMonths) &&
        (spec.maxMonths === undefined || t <= spec.maxMonths)
      );
    }
    case 'quota':
      return spec.perAmount ? f.request.amountYuan <= spec.leftYuan : spec.leftYuan > 0;
    case 'tier_at_least':
    case 'label':
    case 'tier_or_label':
      return ((spec.verified ? f.verifiedCertBits : f.certBits) & certNeedBits(spec)) !== 0;
    case 'industry':
      return spec.prefixes.some((p) => f.industryPrefixes.includes(p));
    case 'industry_not':
      return !spec.prefixes.some((p) => f.industryPrefixes.includes(p));
    case 'collateral':
      return spec.accepted.some((c) => f.request.collateral.includes(c));
    case 'purpose':
      return spec.anyOf.includes(f.request.purpose);
    case 'metric': {
      const v = f.metrics[spec.metric];
      return (spec.min === undefined || v >= spec.min) && (spec.max === undefined || v <= spec.max);
    }
    case 'listing_not':
      return (f.listingBits & listingBits(spec.listings) & ALL_LISTINGS) === 0;
    case 'paid_interest_last_year':
      return (f.flags & FLAG_PAID_INTEREST) !== 0;
    case 'title_obtained':
      return titleCertificate(spec, f) !== undefined;
  }
}

/** The months before `asOf` a "newly certified" window opens: asOf − n months (day clamped). */
function monthsBefore(asOf: IsoDate, months: number): IsoDate {
  // Remembered per date, then per number of months: no key is built per call, and the
  // date of the last call (one match asks many times on one date) is found without a lookup.
  if (asOf !== lastAsOf) {
    let byMonths = MONTHS_BEFORE.get(asOf);
    if (byMonths === undefined) {
      if (MONTHS_BEFORE.size >= 1024) MONTHS_BEFORE.clear();
      byMonths = new Map();
      MONTHS_BEFORE.set(asOf, byMonths);
    }
    lastAsOf = asOf;
    lastByMonths = byMonths;
  }
  let date = lastByMonths.get(months);
  if (date === undefined) {
    date = computeMonthsBefore(asOf, months);
    lastByMonths.set(months, date);
  }
  return date;
}

const MONTHS_BEFORE = new Map<IsoDate, Map<number, IsoDate>>();
let lastAsOf: IsoDate | undefined;
let lastByMonths = new Map<number, IsoDate>();

function computeMonthsBefore(asOf: IsoDate, months: number): IsoDate {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7)) - 1 - months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(asOf.slice(8, 10)), last);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** First day a title counts as newly obtained for a `title_obtained` rule on `asOf`. */
export function titleWindowStart(
  spec: Extract<Spec, { rule: 'title_obtained' }>,
  asOf: IsoDate,
): IsoDate | undefined {
  const recent = spec.withinMonths !== undefined ? monthsBefore(asOf, spec.withinMonths) : undefined;
  if (recent === undefined) return spec.issuedFrom;
  if (spec.issuedFrom === undefined) return recent;
  return recent > spec.issuedFrom ? recent : spec.issuedFrom;
}

/**
 * The certificate that makes a `title_obtained` rule hold: one of the very titles (title
 * reading of the relation), issued within the window and not after `asOf`; the latest such.
 */
export function titleCertificate(
  spec: Extract<Spec, { rule: 'title_obtained' }>,
  f: Facts,
): Certification | undefined {
  const from = titleWindowStart(spec, f.asOf);
  let best: Certification | undefined;
  for (const c of f.firm.certifications) {
    if (c.issuedOn > f.asOf) continue;
    if (from !== undefined && c.issuedOn < from) continue;
    if (spec.issuedTo !== undefined && c.issuedOn > spec.issuedTo) continue;
    const d = designationOf(c);
    if (
      !spec.titles.some((t) =>
        isTitle(
          { designation: d, level: c.level },
          'tier' in t ? t.tier : t.label,
          t.level,
          f.firm.regionCode,
        ),
      )
    )
      continue;
    if (!best || c.issuedOn > best.issuedOn) best = c;
  }
  return best;
}

/** Bits a certificate spec needs (any one of them). */
export function certNeedBits(spec: Spec): number {
  switch (spec.rule) {
    case 'tier_at_least':
      return tierBit(spec.tier, spec.level);
    case 'label':
      return spec.anyOf.reduce((bits, l) => bits | labelBit(l, spec.level), 0);
    case 'tier_or_label':
      // The level applies to the tier; a label counts at any level (金种子 is a municipal list).
      return spec.labels.reduce((bits, l) => bits | labelBit(l), tierBit(spec.tier, spec.level));
    default:
      return 0;
  }
}

/**
 * The firm's certificate that best explains a certificate spec: the valid one that
 * satisfies it (latest expiry), else the most recently lapsed one that would have.
 */
export function relevantCertificate(
  spec: Spec,
  f: Facts,
): { certificate: Certification; valid: boolean } | undefined {
  const need = certNeedBits(spec);
  if (need === 0) return undefined;
  // Of the certificates that satisfy the spec: a valid one, else a lapsed one, else one not
  // yet valid; of each kind the one expiring last (the first of equals), in one pass.
  let valid: Certification | undefined;
  let lapsed: Certification | undefined;
  let future: Certification | undefined;
  for (const c of f.firm.certifications) {
    if ((certificateBits(c, f.firm.regionCode) & need) === 0) continue;
    if (certificateValidOn(c, f.asOf)) {
      if (!valid || c.expiresOn > valid.expiresOn) valid = c;
    } else if (c.expiresOn <= f.asOf) {
      if (!lapsed || c.expiresOn > lapsed.expiresOn) lapsed = c;
    } else if (c.issuedOn > f.asOf) {
      if (!future || c.expiresOn > future.expiresOn) future = c;
    }
  }
  if (valid) return { certificate: valid, valid: true };
  if (lapsed) return { certificate: lapsed, valid: false };
  return future ? { certificate: future, valid: false } : undefined;
}
