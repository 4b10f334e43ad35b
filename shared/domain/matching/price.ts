import {
  type CompiledCatalog,
  DOUBLE_FREE,
  DOUBLE_NEVER,
  PRICE_CAP,
  PRICE_DAILY,
  PRICE_FIXED,
  PRICE_GUARANTEE,
  PRICE_LPR,
  PRICE_NONE,
  PRICE_SUBSIDY,
  ROLE_ENHANCER,
  ROLE_ENTITLEMENT,
  ROLE_EQUITY,
  ROLE_LOAN,
  stacksOn,
  W_CERT,
  W_PURPOSE,
} from './compile.ts';
import {
  annualFeeYuan,
  bridgeDays,
  bridgeFeeYuan,
  effectiveAnnualRateBp,
  interestParts,
  interestYuan,
  marginalSubsidyYuan,
  projectedSubsidyYuan,
} from './cost.ts';
import { lprForTermBp } from './lpr.ts';
import type { RankList } from './order.ts';
import type { MatchContext } from './scan.ts';

/**
 * Pricing and scoring from the compiled columns. The same function prices every match in
 * the hot path (numbers only) and the top results in the answer, so the ranked figures
 * and the shown figures cannot drift apart.
 */

/** How the cost was computed: the product's own loan, a reference loan (entitlements, enhancers), or equity. */
export const BASIS_LOAN = 0;
export const BASIS_REFERENCE = 1;
export const BASIS_EQUITY = 2;
export const BASIS_NAMES = ['loan', 'reference_loan', 'equity'] as const;

export interface Priced {
  basis: number;
  annualRateBp: number;
  interestYuan: number;
  feesYuan: number;
  subsidyYuan: number;
  netCostYuan: number;
  effectiveAnnualRateBp: number;
  /** The LPR the rate was built on (bp), or 0 when none was used. */
  lprBp: number;
  /** Entitlements applied: the subsidy and the rate cap (product indices, −1 = none). */
  subsidyFrom: number;
  capFrom: number;
  /** A matched subsidy refused by its no-double-subsidy rule (−1 = none). */
  blockedSubsidy: number;
  /** Bridge loans: days of daily fee charged. */
  bridgeDays: number;
}

export function newPriced(): Priced {
  return {
    basis: 0,
    annualRateBp: 0,
    interestYuan: 0,
    feesYuan: 0,
    subsidyYuan: 0,
    netCostYuan: 0,
    effectiveAnnualRateBp: 0,
    lprBp: 0,
    subsidyFrom: -1,
    capFrom: -1,
    blockedSubsidy: -1,
    bridgeDays: 0,
  };
}

/** Matched entitlements, which apply automatically to the loans they stack on. */
export interface Entitlements {
  subsidies: number[];
  caps: number[];
  /**
   * What the entitlements do to a loan, per (rate before caps, loan kind, already subsidised):
   * loans without explicit stacking partners that share these get the same caps and subsidy.
   */
  applied: Map<number, Applied>;
  /**
   * Per (loan kind, already subsidised), for loans without explicit stacking partners when no
   * subsidy has explicit partners either: the subsidies (indices into `subsidies`) that may
   * stack, in order, and the last one the no-double-subsidy rule refuses.
   */
  stacking?: Map<number, SubsidyChoice>;
}

/** The subsidies one kind of loan may take (see Entitlements.stacking). */
interface SubsidyChoice {
  /** Indices into `subsidies`, in order; a later one with the same share and no larger cap than an earlier one is left out (it can never be worth more). */
  candidates: number[];
  blocked: number;
}

/** Caps and subsidy applied to one loan rate (see applyEntitlements). */
export interface Applied {
  rate: number;
  capFrom: number;
  subsidyYuan: number;
  subsidyFrom: number;
  blockedSubsidy: number;
}

export const NO_ENTITLEMENTS: Entitlements = { subsidies: [], caps: [], applied: new Map() };

/** The same entitlements without the rate caps (what a loan would cost uncapped). */
export function withoutCaps(ents: Entitlements): Entitlements {
  return {
    subsidies: ents.subsidies,
    caps: [],
    applied: new Map(),
    stacking: ents.stacking,
  };
}

/**
 * The matched entitlements, deduplicated: entitlements with the same terms and the same
 * stacking (loan kinds, double-subsidy rule) are interchangeable for pricing, so only one
 * of each (the smallest id) is kept; of rate caps on the same loan kinds only the lowest
 * counts. Keeps pricing a loan O(distinct terms), not O(matched entitlements). The
 * interchangeable classes are numbered at compile time (entClass).
 */
export function collectEntitlements(cc: CompiledCatalog, indices: Int32Array, count: number): Entitlements {
  // Most requests match no entitlement: nothing to apply, and no maps made.
  if (count === 0) return NO_ENTITLEMENTS;
  // Subsidies by pricing class in typed arrays (a nationwide request matches hundreds),
  // listed in the order their class is first met; the few rate caps in a map.
  const held = heldSubsidies(cc);
  const mark = ++held.mark;
  const classes: number[] = [];
  const caps = new Map<number, number>();
  const byId: number[] = [];
  const id = cc.idRank;
  for (let k = 0; k < count; k++) {
    const i = indices[k]!;
    if (cc.role[i] !== ROLE_ENTITLEMENT) continue;
    if (cc.stacksById[i] === 1) {
      byId.push(i);
      continue;
    }
    if (cc.priceType[i] === PRICE_SUBSIDY) {
      const key = cc.entClass[i]!;
      if (held.seen[key] !== mark) {
        held.seen[key] = mark;
        held.kept[key] = i;
        classes.push(key);
      } else if (id[i]! < id[held.kept[key]!]!) held.kept[key] = i;
    } else if (cc.priceType[i] === PRICE_CAP) {
      const key = cc.stackKinds[i]!;
      const kept = caps.get(key);
      if (kept === undefined || cc.p1[i]! < cc.p1[kept]! || (cc.p1[i] === cc.p1[kept] && id[i]! < id[kept]!))
        caps.set(key, i);
    }
  }
  const subsidies = classes.map((key) => held.kept[key]!);
  for (const i of byId) if (cc.priceType[i] === PRICE_SUBSIDY) subsidies.push(i);
  return {
    subsidies,
    caps: [...caps.values(), ...byId.filter((i) => cc.priceType[i] === PRICE_CAP)],
    applied: new Map(),
  };
}

/**
 * Per compiled catalog and subsidy pricing class (entClass): the subsidy kept so far by
 * the collectEntitlements call whose mark `seen` holds. Each call is done with it before
 * it returns, like the catalog's other scratch.
 */
interface HeldSubsidies {
  kept: Int32Array;
  seen: Int32Array;
  mark: number;
}

const heldSubsidiesOf = new WeakMap<CompiledCatalog, HeldSubsidies>();

function heldSubsidies(cc: CompiledCatalog): HeldSubsidies {
  let held = heldSubsidiesOf.get(cc);
  if (!held || held.mark >= 0x3fff_ffff) {
    // One slot per class: numbered while compiling, so none is past the numbering's size.
    const classes = Math.max(1, cc.numbering.entClassIds.size);
    held = { kept: new Int32Array(classes), seen: new Int32Array(classes), mark: 0 };
    heldSubsidiesOf.set(cc, held);
  }
  return held;
}

/** The expected drawdown date a subsidy projection starts from: the request's needBy, else the evaluation date. */
export function drawdownOn(ctx: MatchContext): string {
  const needBy = ctx.facts.request.needBy;
  return needBy !== undefined && needBy > ctx.facts.asOf ? needBy : ctx.facts.asOf;
}

/** May subsidy `s` stack on loan `loan` for this firm (stacking by kind/id, and the double-subsidy rule)? */
export function subsidyAllowed(cc: CompiledCatalog, s: number, loan: number, certBits: number): boolean {
  if (!stacksOn(cc, s, loan)) return false;
  if (cc.alreadySubsidised[loan] !== 1) return true;
  const need = cc.doubleNeed[s]!;
  if (need === DOUBLE_FREE) return true;
  if (need === DOUBLE_NEVER) return false;
  return (certBits & need) !== 0;
}

/**
 * Prices product i for the request in ctx, writing into `out`:
 * - loans: their own rate (fixed, or LPR + spread; capped by a stacking rate cap), fees,
 *   and the best stacking interest subsidy (projected marginal subsidy, see cost.ts);
 * - entitlements and enhancers: a reference loan at LPR + referenceLoanSpreadBp with the
 *   product applied (subsidy, cap or fee);
 * - equity: no interest cost (its price is dilution, which the matcher does not guess).
 */
export function price(
  cc: CompiledCatalog,
  i: number,
  ctx: MatchContext,
  ents: Entitlements,
  out: Priced,
): Priced {
  const amount = ctx.facts.request.amountYuan;
  const months = ctx.facts.request.termMonths;
  const lprTerm = lprForTermBp(ctx.lpr, months);
  const lpr1y = ctx.lpr.oneYearBp;
  const base = ctx.facts.firm.priorYearInterestPaidYuan;
  const role = cc.role[i];
  const type = cc.priceType[i];
  out.subsidyFrom = -1;
  out.capFrom = -1;
  out.blockedSubsidy = -1;
  out.bridgeDays = 0;
  out.lprBp = 0;
  let rate = 0;
  let interest = 0;
  let fees = 0;
  let subsidy = 0;
  if (role === ROLE_EQUITY) {
    out.basis = BASIS_EQUITY;
  } else if (role === ROLE_LOAN) {
    out.basis = BASIS_LOAN;
    if (type === PRICE_DAILY) {
      const days = bridgeDays(months, cc.p2[i]!);
      out.bridgeDays = days;
      fees = bridgeFeeYuan(amount, cc.p1[i]!, days);
    } else {
      if (type === PRICE_FIXED) rate = cc.p1[i]!;
      else if (type === PRICE_LPR) {
        rate = Math.max(0, lprTerm + cc.p1[i]!);
        out.lprBp = lprTerm;
      }
      let a: Applied | undefined;
      if (ents.caps.length || ents.subsidies.length) {
        // Loans with explicit stacking partners are priced on their own; the others share by key.
        const key =
          cc.stacksById[i] === 0 && Number.isInteger(rate)
            ? (rate * 64 + cc.kindCode[i]!) * 2 + cc.alreadySubsidised[i]!
            : undefined;
        a = key === undefined ? undefined : ents.applied.get(key);
        if (!a) {
          a = applyEntitlements(cc, i, rate, ctx, ents);
          if (key !== undefined) ents.applied.set(key, a);
        }
        if (a.capFrom >= 0) {
          out.capFrom = a.capFrom;
          out.lprBp = lpr1y;
        }
        rate = a.rate;
        subsidy = a.subsidyYuan;
        out.subsidyFrom = a.subsidyFrom;
        out.blockedSubsidy = a.blockedSubsidy;
      }
      interest = interestYuan(amount, rate, months);
      fees = annualFeeYuan(amount, cc.p2[i]!, months);
    }
  } else {
    out.basis = BASIS_REFERENCE;
    rate = Math.max(0, lprTerm + cc.pricing.referenceLoanSpreadBp);
    out.lprBp = lprTerm;
    if (role === ROLE_ENTITLEMENT && type === PRICE_CAP) {
      const capRate = Math.max(0, lpr1y + cc.p1[i]!);
      if (rate > capRate) {
        rate = capRate;
        out.lprBp = lpr1y;
      }
    }
    interest = interestYuan(amount, rate, months);
    if (role === ROLE_ENHANCER && type === PRICE_GUARANTEE) fees = annualFeeYuan(amount, cc.p2[i]!, months);
    if (role === ROLE_ENTITLEMENT && type === PRICE_SUBSIDY)
      subsidy = projectedSubsidyYuan({
        amountYuan: amount,
        annualRateBp: rate,
        months,
        baseInterestYuan: base,
        shareBp: cc.p1[i]!,
        capYuanPerYear: cc.p2[i]!,
        drawdownOn: drawdownOn(ctx),
      });
  }
  out.annualRateBp = rate;
  out.interestYuan = interest;
  out.feesYuan = fees;
  out.subsidyYuan = subsidy;
  out.netCostYuan = interest + fees - subsidy;
  out.effectiveAnnualRateBp =
    role === ROLE_EQUITY ? 0 : effectiveAnnualRateBp(out.netCostYuan, amount, months);
  return out;
}

/**
 * Rate caps and the best stacking interest subsidy for loan i at `rate` (before caps):
 * the lowest cap that stacks on it, then the subsidy with the largest projected amount
 * that stacks and that the no-double-subsidy rule allows (the last refused one is noted).
 */
function applyEntitlements(
  cc: CompiledCatalog,
  i: number,
  rate0: number,
  ctx: MatchContext,
  ents: Entitlements,
): Applied {
  const amount = ctx.facts.request.amountYuan;
  const months = ctx.facts.request.termMonths;
  const lpr1y = ctx.lpr.oneYearBp;
  let rate = rate0;
  let capFrom = -1;
  for (const c of ents.caps) {
    if (!stacksOn(cc, c, i)) continue;
    const capRate = Math.max(0, lpr1y + cc.p1[c]!);
    if (rate > capRate) {
      rate = capRate;
      capFrom = c;
    }
  }
  let subsidy = 0;
  let subsidyFrom = -1;
  let blockedSubsidy = -1;
  const certBits = ctx.mask[W_CERT]!;
  const choice = subsidyChoice(cc, i, ents, certBits);
  const n = choice ? choice.candidates.length : ents.subsidies.length;
  const base = ctx.facts.firm.priorYearInterestPaidYuan;
  // This rate's interest by calendar year, once for every subsidy (cheaper than a memo).
  const interest = n > 0 ? interestParts(amount, rate, months, drawdownOn(ctx)) : undefined;
  for (let c = 0; c < n; c++) {
    const k = choice ? choice.candidates[c]! : c;
    const s = ents.subsidies[k]!;
    if (!choice) {
      if (!stacksOn(cc, s, i)) continue;
      if (!subsidyAllowed(cc, s, i, certBits)) {
        blockedSubsidy = s;
        continue;
      }
    }
    const v = marginalSubsidyYuan(interest!, base, cc.p1[s]!, cc.p2[s]!);
    if (v > subsidy || subsidyFrom < 0) {
      subsidy = v;
      subsidyFrom = s;
    }
  }
  if (choice) blockedSubsidy = choice.blocked;
  return { rate, capFrom, subsidyYuan: subsidy, subsidyFrom, blockedSubsidy };
}

/**
 * The subsidies loan i may take, worked out once per (loan kind, already subsidised) — or
 * undefined when explicit stacking partners (the loan's or a subsidy's) make it per loan.
 */
function subsidyChoice(
  cc: CompiledCatalog,
  i: number,
  ents: Entitlements,
  certBits: number,
): SubsidyChoice | undefined {
  if (cc.stacksById[i] === 1 || ents.subsidies.length === 0) return undefined;
  if (!ents.stacking) {
    for (const s of ents.subsidies) if (cc.stacksById[s] === 1) return undefined;
    ents.stacking = new Map();
  }
  const key = cc.kindCode[i]! * 2 + cc.alreadySubsidised[i]!;
  let choice = ents.stacking.get(key);
  if (choice) return choice;
  choice = { candidates: [], blocked: -1 };
  for (let k = 0; k < ents.subsidies.length; k++) {
    const s = ents.subsidies[k]!;
    if (!stacksOn(cc, s, i)) continue;
    if (!subsidyAllowed(cc, s, i, certBits)) {
      choice.blocked = s;
      continue;
    }
    // The projected subsidy never decreases with the cap, and the first of equal ones wins.
    const shadowed = choice.candidates.some((j) => {
      const e = ents.subsidies[j]!;
      return cc.p1[e] === cc.p1[s] && cc.p2[e]! >= cc.p2[s]!;
    });
    if (!shadowed) choice.candidates.push(k);
  }
  ents.stacking.set(key, choice);
  return choice;
}

/** Score parts, in points: cost (≤ 50), fit (≤ 25), amount (≤ 15), certainty (≤ 10). */
export const SCORE_MAX = { cost: 50, fit: 25, amount: 15, certainty: 10 } as const;

export interface ScoreParts {
  cost: number;
  fit: number;
  amount: number;
  certainty: number;
  total: number;
  /** Equity: length of the longest matching preference prefix (0 = none, −1 = fund states no preference). */
  preferenceMatch: number;
}

export function newScoreParts(): ScoreParts {
  return { cost: 0, fit: 0, amount: 0, certainty: 0, total: 0, preferenceMatch: -1 };
}

/**
 * The score, 0–100:
 * - cost: 50 × (1 − effective rate / (2 × 1-year LPR)), clamped to [0, 50]; equity gets 25;
 * - fit: equity funds by their investment preferences (class/group 25, division 22,
 *   2-char prefix 18, section 15, none of them 5, no stated preference 12); other products
 *   25 when they target the request's purpose, 15 when they serve any purpose;
 * - amount: 15 for loans (they fund the whole ask), 10 for equity, 8 for add-ons;
 * - certainty: 10 for a named policy product, 4 for a demo entry; −2 with illustrative figures.
 */
export function score(cc: CompiledCatalog, i: number, ctx: MatchContext, p: Priced, out: ScoreParts): number {
  const role = cc.role[i];
  const twoLpr = 2 * ctx.lpr.oneYearBp;
  out.cost = p.basis === BASIS_EQUITY ? 25 : costPoints(p.effectiveAnnualRateBp, twoLpr);
  out.preferenceMatch = -1;
  if (role === ROLE_EQUITY) {
    out.preferenceMatch = preferenceMatch(cc, i, ctx);
    out.fit = equityFitPoints(out.preferenceMatch);
  } else {
    out.fit = purposeFitPoints(cc, i, ctx);
  }
  out.amount = amountPoints(role!);
  out.certainty = certaintyPoints(cc, i);
  out.total = out.cost + out.fit + out.amount + out.certainty;
  return out.total;
}

/** Length of the longest of fund i's preferred industry prefixes the firm falls in (0 = none, −1 = no preference stated). */
function preferenceMatch(cc: CompiledCatalog, i: number, ctx: MatchContext): number {
  const start = cc.prefStart[i]!;
  const end = cc.prefEnd[i]!;
  if (end === start) return -1;
  let best = 0;
  for (let k = start; k < end; k++) {
    const id = cc.prefIds[k]!;
    for (let m = 0; m < ctx.industryIds.length; m++)
      if (ctx.industryIds[m] === id && cc.prefLens[k]! > best) best = cc.prefLens[k]!;
  }
  return best;
}

function equityFitPoints(match: number): number {
  return match < 0 ? 12 : match >= 4 ? 25 : match === 3 ? 22 : match === 2 ? 18 : match === 1 ? 15 : 5;
}

/** Cost points for an effective annual rate (non-increasing in the rate). */
function costPoints(effBp: number, twoLpr: number): number {
  return Math.round(50 * Math.min(1, Math.max(0, 1 - effBp / (twoLpr > 0 ? twoLpr : 1))));
}

function amountPoints(role: number): number {
  return role === ROLE_LOAN ? 15 : role === ROLE_EQUITY ? 10 : 8;
}

function certaintyPoints(cc: CompiledCatalog, i: number): number {
  return (cc.demo[i] ? 4 : 10) - (cc.illustrative[i] ? 2 : 0);
}

function purposeFitPoints(cc: CompiledCatalog, i: number, ctx: MatchContext): number {
  const pm = cc.purposeMask[i]!;
  return pm === 0 ? 15 : (pm & ctx.mask[W_PURPOSE]!) !== 0 ? 25 : 10;
}

/**
 * Upper bounds of score(price(cc, i, ctx, ents)), cheap enough to skip pricing products
 * that cannot reach the shown list: fit, amount and certainty exactly, cost from a lower
 * bound of the effective rate (rate + annual fee − subsidy, less what rounding to whole
 * yuan can take off), which is also kept (`eff`) for ties on the score. Bridge loans,
 * entitlements and equity get no cheap bound (Infinity): they are priced.
 */
export class ScoreBounds {
  /** Lower bound of the effective rate (bp) of the product last bounded. */
  eff = Number.NEGATIVE_INFINITY;
  private readonly bpPerYuan: number;
  private readonly slack: number;
  private readonly lprTerm: number;
  private readonly twoLpr: number;
  private readonly usable: boolean;
  private readonly amount: number;
  private readonly months: number;
  private readonly refRate: number;
  /** Made on first use: most bounds never meet a subsidy. */
  private subsidyEff: Map<number, number> | undefined;
  /** quick(): 50 / (2 × 1-year LPR), the lowest rate a matched cap allows, the most any subsidy can take off (bp). */
  private readonly perBp: number;
  private readonly capFloor: number;
  private readonly subsidyBp: number;
  private readonly subsidyShare: number;
  private readonly subsidyRounding: number;
  private readonly purpose: number;
  constructor(
    private readonly cc: CompiledCatalog,
    private readonly ctx: MatchContext,
    private readonly ents: Entitlements,
  ) {
    const amount = ctx.facts.request.amountYuan;
    const months = ctx.facts.request.termMonths;
    this.usable = amount > 0 && months > 0;
    this.amount = amount;
    this.months = months;
    // A yuan is 120,000 / (amount × months) bp a year; interest and fee lines each round by
    // at most half a yuan and the rate by half a bp (plus a hair for floating point).
    this.bpPerYuan = this.usable ? 120_000 / (amount * months) : 0;
    this.slack = 0.5 + this.bpPerYuan + 1e-6;
    this.lprTerm = lprForTermBp(ctx.lpr, months);
    this.twoLpr = 2 * ctx.lpr.oneYearBp;
    this.refRate = Math.max(0, this.lprTerm + cc.pricing.referenceLoanSpreadBp);
    this.perBp = 50 / (this.twoLpr > 0 ? this.twoLpr : 1);
    let capFloor = Infinity;
    for (const c of ents.caps) capFloor = Math.min(capFloor, Math.max(0, ctx.lpr.oneYearBp + cc.p1[c]!));
    this.capFloor = capFloor;
    // A subsidy pays at most its yearly cap for each calendar year the loan touches, and
    // each year at most its share of that year's interest plus a yuan of rounding
    // (projectedSubsidyYuan), so at most share × rate + (years + 1) yuan in bp.
    let cap = 0;
    let share = 0;
    for (const sub of ents.subsidies) {
      cap = Math.max(cap, cc.p2[sub]!);
      share = Math.max(share, cc.p1[sub]! / 10_000);
    }
    const years = Math.floor(months / 12) + 2;
    this.subsidyBp = cap * years * this.bpPerYuan;
    this.subsidyShare = share;
    this.subsidyRounding = (years + 1) * this.bpPerYuan;
    this.purpose = ctx.mask[W_PURPOSE]!;
  }

  /**
   * A cheaper, looser upper bound than score(i) (never below it), for loans at a fixed rate
   * or LPR + spread and for guarantees; Infinity for everything else. Rate capped by the
   * lowest matched cap, fee added, the largest possible subsidy taken off, rounding slack
   * taken off; the cost points without rounding plus half a point.
   */
  quick(i: number): number {
    const cc = this.cc;
    const role = cc.role[i]!;
    const type = cc.priceType[i]!;
    let rate: number;
    let off = this.slack;
    if (role === ROLE_LOAN) {
      if (type === PRICE_FIXED) rate = cc.p1[i]!;
      else if (type === PRICE_LPR) rate = Math.max(0, this.lprTerm + cc.p1[i]!);
      else return Infinity;
      if (rate > this.capFloor) rate = this.capFloor;
      off += this.subsidyMost(rate);
    } else if (role === ROLE_ENHANCER && type === PRICE_GUARANTEE) rate = this.refRate;
    else return Infinity;
    if (!this.usable) return Infinity;
    const cost = 50 - this.perBp * (rate + cc.p2[i]! - off);
    const pm = cc.purposeMask[i]!;
    const fit = pm === 0 ? 15 : (pm & this.purpose) !== 0 ? 25 : 10;
    return (
      (cost >= 50 ? 50 : cost <= 0 ? 0.5 : cost + 0.5) +
      fit +
      (role === ROLE_LOAN ? 15 : 8) +
      (cc.demo[i] ? 4 : 10) -
      (cc.illustrative[i] ? 2 : 0)
    );
  }

  /**
   * At least quick(i) for every product of `list` (order.ts) whose key is `key` or more:
   * the same cost points on the smallest rate + fee such a key allows (a loan's rate is
   * at least LPR + spread, at most capped; its fee is not negative), the fit of the list's
   * class at its best, its amount and certainty points; the cost points rounded up by half
   * a point (non-decreasing in the points, unlike quick's exact clamp).
   */
  listBound(list: RankList, key: number): number {
    // Equity: 25 cost points, a fit of at most 25, 10 amount points (see score()).
    if (list.type === PRICE_NONE) return 25 + 25 + amountPoints(ROLE_EQUITY) + list.certainty;
    if (!this.usable) return Infinity;
    const fit = list.anyPurpose ? 15 : this.purpose !== 0 ? 25 : 10;
    if (list.type === PRICE_SUBSIDY) {
      // Every subsidy of the list prices alike: its class's exact cost points.
      this.score(list.items[0]!);
      return costPoints(this.eff, this.twoLpr) + fit + 8 + list.certainty;
    }
    if (list.type === PRICE_CAP) {
      // As score(): the reference loan's rate capped at 1-year LPR + spread, not rising with the spread.
      const capRate = Math.max(0, this.ctx.lpr.oneYearBp + key);
      return (
        costPoints(Math.ceil(Math.min(this.refRate, capRate) - this.slack), this.twoLpr) +
        fit +
        8 +
        list.certainty
      );
    }
    let x: number;
    let off = this.slack;
    let amount: number;
    if (list.type === PRICE_GUARANTEE) {
      x = this.refRate + key;
      amount = 8;
    } else {
      x = list.type === PRICE_LPR ? this.lprTerm + key : key;
      if (x > this.capFloor) x = this.capFloor;
      // x − subsidyMost(x) is non-decreasing in x, and rate + fee − subsidyMost(rate) is at
      // least it at x ≤ rate + fee (the fee is not taken into the share).
      off += this.subsidyMost(x);
      amount = 15;
    }
    // A hair less, so floating-point rounding cannot put the bound below quick's.
    const cost = 50 - this.perBp * (x - off) + 1e-9;
    return (cost >= 50 ? 50.5 : cost <= 0 ? 0.5 : cost + 0.5) + fit + amount + list.certainty;
  }

  /** The most (bp) any matched subsidy can take off a loan at `rate` (a lower rate: less interest to share). */
  private subsidyMost(rate: number): number {
    const byShare = this.subsidyShare * rate + this.subsidyRounding;
    return byShare < this.subsidyBp ? byShare : this.subsidyBp;
  }

  score(i: number): number {
    const { cc, ents } = this;
    this.eff = Number.NEGATIVE_INFINITY;
    const role = cc.role[i]!;
    const type = cc.priceType[i];
    if (role === ROLE_EQUITY) {
      // Exact: equity has no interest cost.
      this.eff = 0;
      return (
        25 + equityFitPoints(preferenceMatch(cc, i, this.ctx)) + amountPoints(role) + certaintyPoints(cc, i)
      );
    }
    if (!this.usable) return Infinity;
    const rest = purposeFitPoints(cc, i, this.ctx) + amountPoints(role) + certaintyPoints(cc, i);
    if (role === ROLE_ENTITLEMENT) {
      if (type === PRICE_SUBSIDY) {
        // Exact: a subsidy on its reference loan depends only on its terms (its class).
        const key = cc.entClass[i]!;
        this.subsidyEff ??= new Map();
        let eff = this.subsidyEff.get(key);
        if (eff === undefined) {
          eff = price(cc, i, this.ctx, NO_ENTITLEMENTS, newPriced()).effectiveAnnualRateBp;
          this.subsidyEff.set(key, eff);
        }
        this.eff = eff;
        return costPoints(eff, this.twoLpr) + rest;
      }
      if (type !== PRICE_CAP) return Infinity;
      const capRate = Math.max(0, this.ctx.lpr.oneYearBp + cc.p1[i]!);
      this.eff = Math.ceil(Math.min(this.refRate, capRate) - this.slack);
      return costPoints(this.eff, this.twoLpr) + rest;
    }
    if (role === ROLE_LOAN && type === PRICE_DAILY) {
      const days = bridgeDays(this.months, cc.p2[i]!);
      const fee = (this.amount * cc.p1[i]! * days) / 10_000;
      this.eff = Math.ceil((fee - 0.5) * this.bpPerYuan - 0.5 - 1e-6);
      return costPoints(this.eff, this.twoLpr) + rest;
    }
    let rate: number;
    let subsidy = 0;
    if (role === ROLE_ENHANCER) {
      if (type !== PRICE_GUARANTEE) return Infinity;
      rate = this.refRate;
    } else {
      if (type === PRICE_FIXED) rate = cc.p1[i]!;
      else if (type === PRICE_LPR) rate = Math.max(0, this.lprTerm + cc.p1[i]!);
      else return Infinity;
      if (ents.caps.length || ents.subsidies.length) {
        if (cc.stacksById[i] === 1 || !Number.isInteger(rate)) return Infinity;
        const key = (rate * 64 + cc.kindCode[i]!) * 2 + cc.alreadySubsidised[i]!;
        let a = ents.applied.get(key);
        if (!a) {
          a = applyEntitlements(cc, i, rate, this.ctx, ents);
          ents.applied.set(key, a);
        }
        rate = a.rate;
        subsidy = a.subsidyYuan;
      }
    }
    this.eff = Math.ceil(rate + cc.p2[i]! - subsidy * this.bpPerYuan - this.slack);
    return costPoints(this.eff, this.twoLpr) + rest;
  }
}
