import type { Firm } from '../firm.ts';
import type { FundingRequest } from '../funding-request.ts';
import { pricingRole } from '../product.ts';
import type { BilingualText, IsoDate } from '../text.ts';
import { matchBenefits } from './benefits.ts';
import {
  type Catalog,
  type CompiledCatalog,
  compileCatalog,
  inPlay,
  NUM_FEATURES,
  PRICE_CAP,
  PRICE_DAILY,
  PRICE_FIXED,
  PRICE_LPR,
  ROLE_ENHANCER,
  ROLE_ENTITLEMENT,
  ROLE_EQUITY,
  ROLE_LOAN,
} from './compile.ts';
import { blockedSubsidyNote, passReason, unlockHint, unlockSummary } from './explain.ts';
import { buildFacts } from './facts.ts';
import { bpPercent, yuanText } from './money.ts';
import { industryName } from './names.ts';
import { explainNearMiss, failedRules } from './near-miss.ts';
import { rankOrder } from './order.ts';
import { buildPackages } from './packages.ts';
import {
  BASIS_EQUITY,
  BASIS_NAMES,
  collectEntitlements,
  type Entitlements,
  NO_ENTITLEMENTS,
  newPriced,
  newScoreParts,
  type Priced,
  price,
  SCORE_MAX,
  ScoreBounds,
  type ScoreParts,
  score,
} from './price.ts';
import { buildContext, type MatchContext } from './scan.ts';
import type { Cost, Match, MatchResult, Unlock } from './schema.ts';
import { type SelectResult, select } from './select.ts';

export interface MatchLimits {
  matches: number;
  nearMisses: number;
  packages: number;
  unlocks: number;
}

export const DEFAULT_LIMITS: MatchLimits = { matches: 20, nearMisses: 20, packages: 10, unlocks: 5 };

/** Walk the static orderings when at least one product in this many is in play. */
const WALK_DENSITY = 32;

const compiledCache = new WeakMap<Catalog, CompiledCatalog>();

/** Compiles a catalog once per catalog object (a compiled one is used as is). */
export function compiled(catalog: Catalog | CompiledCatalog): CompiledCatalog {
  if ('ruleStart' in catalog) return catalog;
  let cc = compiledCache.get(catalog);
  if (!cc) {
    cc = compileCatalog(catalog);
    compiledCache.set(catalog, cc);
  }
  return cc;
}

/** Ranking order: higher score, then lower effective rate, then product id (deterministic). */
function better(cc: CompiledCatalog, a: number, b: number, sa: number, sb: number, ea: number, eb: number) {
  if (sa !== sb) return sa > sb;
  if (ea !== eb) return ea < eb;
  return cc.idRank[a]! < cc.idRank[b]!;
}

/**
 * The best k items (indices into `products`), sorted best first by (rank, score,
 * effective rate, id), priced as they are offered. Items are priced only when they can
 * still enter the list: once it is full, an item of a worse rank, or whose bounds
 * (ScoreBounds: score at most, effective rate at least) put it behind the last kept one,
 * cannot, and is left unpriced (score NaN). Whatever order items are offered in, the list
 * is exactly the one that pricing everything and sorting would give (the order is total).
 */
class TopPriced {
  readonly top: number[] = [];
  readonly bounds: ScoreBounds;
  private readonly p = newPriced();
  private readonly s = newScoreParts();
  constructor(
    private readonly cc: CompiledCatalog,
    private readonly ctx: MatchContext,
    private readonly ents: Entitlements,
    private readonly products: Int32Array,
    private readonly k: number,
    private readonly scores: Float64Array,
    private readonly effs: Float64Array,
    // Rank: near misses with one failed rule before those with two (fail2 ≥ 0); matches all 0.
    private readonly fail2?: Int32Array,
  ) {
    this.bounds = new ScoreBounds(cc, ctx, ents);
  }

  private rankOf(n: number): number {
    return this.fail2 ? (this.fail2[n]! >= 0 ? 2 : 1) : 0;
  }

  /** The score of the last kept item once the list is full, else −Infinity. */
  threshold(): number {
    return this.top.length === this.k && this.k > 0 ? this.scores[this.top[this.k - 1]!]! : -Infinity;
  }

  /** Offers item n (its score slot already NaN). */
  offer(n: number): void {
    const { cc, top, k, products, scores, effs, bounds } = this;
    const i = products[n]!;
    const rk = this.rankOf(n);
    if (top.length === k) {
      if (k === 0) return;
      const last = top[k - 1]!;
      const lr = this.rankOf(last);
      if (rk > lr) return;
      if (rk === lr) {
        const ls = scores[last]!;
        if (bounds.quick(i) < ls) return;
        const ub = bounds.score(i);
        const le = effs[last]!;
        // Behind the last kept one even at its best: lower score, or equal score and a
        // higher rate, or equal rate and a later id.
        if (
          ub < ls ||
          (ub === ls &&
            (bounds.eff > le || (bounds.eff === le && cc.idRank[i]! > cc.idRank[products[last]!]!)))
        )
          return;
      }
    }
    const p = this.p;
    price(cc, i, this.ctx, this.ents, p);
    const sc = score(cc, i, this.ctx, p, this.s);
    const e = p.effectiveAnnualRateBp;
    scores[n] = sc;
    effs[n] = e;
    if (top.length === k) {
      const last = top[k - 1]!;
      const lr = this.rankOf(last);
      if (rk > lr || (rk === lr && !better(cc, i, products[last]!, sc, scores[last]!, e, effs[last]!)))
        return;
    }
    let pos = top.length < k ? top.length : k - 1;
    if (top.length < k) top.push(n);
    else top[pos] = n;
    while (pos > 0) {
      const prev = top[pos - 1]!;
      const pr = this.rankOf(prev);
      const ahead =
        rk < pr || (rk === pr && better(cc, i, products[prev]!, sc, scores[prev]!, e, effs[prev]!));
      if (!ahead) break;
      top[pos] = prev;
      top[pos - 1] = n;
      pos--;
    }
  }
}

/**
 * The best k of the first `count` items (indices into `products`), see TopPriced: every
 * item offered in scan order, those of a worse rank than maxRank left out.
 */
function topPriced(
  cc: CompiledCatalog,
  ctx: MatchContext,
  ents: Entitlements,
  products: Int32Array,
  count: number,
  k: number,
  scores: Float64Array,
  effs: Float64Array,
  fail2?: Int32Array,
  maxRank = Infinity,
): number[] {
  const t = new TopPriced(cc, ctx, ents, products, k, scores, effs, fail2);
  for (let n = 0; n < count; n++) {
    scores[n] = Number.NaN;
    if (fail2 && (fail2[n]! >= 0 ? 2 : 1) > maxRank) continue;
    t.offer(n);
  }
  return t.top;
}

/** Items offered per turn of the walk before the lists' bounds are compared again. */
const WALK_CHUNK = 32;

/**
 * The same list as topPriced over every match (or every near miss with one failed rule),
 * when they are many: products without a static ordering (order.ts) are offered first,
 * then the ordered lists are walked best bound first, each only as far as its
 * bound can still reach the list. Which products are in play is read from the bits the
 * selection leaves (`playing`: cc.scratch.matched or .single; item at[i]). Items not
 * offered stay unpriced (NaN) in scores[0, scoreSlots).
 */
function topPricedWalk(
  cc: CompiledCatalog,
  ctx: MatchContext,
  ents: Entitlements,
  products: Int32Array,
  count: number,
  k: number,
  scores: Float64Array,
  effs: Float64Array,
  playing: Int32Array,
  scoreSlots: number,
  fail2?: Int32Array,
): number[] {
  scores.fill(Number.NaN, 0, scoreSlots);
  const t = new TopPriced(cc, ctx, ents, products, k, scores, effs, fail2);
  if (k === 0) return t.top;
  const { lists, listed, unlisted } = rankOrder(cc);
  const at = cc.scratch.at;
  // The products in play and in no list, found from whichever side is shorter (the
  // order they are offered in does not change the list).
  if (unlisted.length < count) {
    for (let u = 0; u < unlisted.length; u++) {
      const i = unlisted[u]!;
      if (inPlay(playing, i)) t.offer(at[i]!);
    }
  } else for (let n = 0; n < count; n++) if (listed[products[n]!] === 0) t.offer(n);
  const bounds = t.bounds;
  const heads = new Int32Array(lists.length);
  // Each list's bound at its head (−Infinity once walked to the end), and the lists in a
  // heap by it, best first (ties: the list listed first).
  const headBound = new Float64Array(lists.length);
  const heap = new Int32Array(lists.length);
  lists.forEach((list, l) => {
    headBound[l] = bounds.listBound(list, list.keys[0]!);
    heap[l] = l;
  });
  for (let p = (lists.length >> 1) - 1; p >= 0; p--) siftDown(heap, lists.length, p, headBound);
  while (lists.length > 0) {
    const best = heap[0]!;
    const b = headBound[best]!;
    if (b === Number.NEGATIVE_INFINITY || b < t.threshold()) break;
    const list = lists[best]!;
    const items = list.items;
    const end = Math.min(items.length, heads[best]! + WALK_CHUNK);
    for (let h = heads[best]!; h < end; h++) {
      const i = items[h]!;
      if (inPlay(playing, i)) t.offer(at[i]!);
    }
    heads[best] = end;
    headBound[best] = end < items.length ? bounds.listBound(list, list.keys[end]!) : Number.NEGATIVE_INFINITY;
    // Its bound only falls: it sinks to its place.
    siftDown(heap, lists.length, 0, headBound);
  }
  return t.top;
}

/** List a before list b in the walk: the higher head bound, then the one listed first. */
function walksFirst(headBound: Float64Array, a: number, b: number): boolean {
  return headBound[a]! > headBound[b]! || (headBound[a] === headBound[b] && a < b);
}

/** Restores the walk's heap (of `size` lists) below place p. */
function siftDown(heap: Int32Array, size: number, p: number, headBound: Float64Array): void {
  const l = heap[p]!;
  for (;;) {
    let c = 2 * p + 1;
    if (c >= size) break;
    if (c + 1 < size && walksFirst(headBound, heap[c + 1]!, heap[c]!)) c++;
    if (!walksFirst(headBound, heap[c]!, l)) break;
    heap[p] = heap[c]!;
    p = c;
  }
  heap[p] = l;
}

/** Prices item n of `products` if topPriced left it unpriced. */
function ensurePriced(
  cc: CompiledCatalog,
  ctx: MatchContext,
  ents: Entitlements,
  products: Int32Array,
  n: number,
  scores: Float64Array,
  effs: Float64Array,
): void {
  if (!Number.isNaN(scores[n]!)) return;
  const p = price(cc, products[n]!, ctx, ents, newPriced());
  scores[n] = score(cc, products[n]!, ctx, p, newScoreParts());
  effs[n] = p.effectiveAnnualRateBp;
}

export function costOf(cc: CompiledCatalog, i: number, ctx: MatchContext, p: Priced): Cost {
  const amount = ctx.facts.request.amountYuan;
  const months = ctx.facts.request.termMonths;
  const lines: Cost['lines'] = [];
  const rate = bpPercent(p.annualRateBp);
  if (p.interestYuan > 0 || (p.basis !== BASIS_EQUITY && cc.priceType[i] !== PRICE_DAILY))
    lines.push({
      item: 'interest',
      yuan: p.interestYuan,
      label: {
        zh: `利息：年利率${rate} × ${months}个月${p.basis === 1 ? '（参考贷款）' : ''}`,
        en: `interest: ${rate} a year × ${months} months${p.basis === 1 ? ' (reference loan)' : ''}`,
      },
    });
  if (p.feesYuan > 0) {
    const label =
      cc.priceType[i] === PRICE_DAILY
        ? {
            zh: `转贷资金使用费：日费率${bpPercent(cc.p1[i]!)} × ${p.bridgeDays}天`,
            en: `bridge fee: ${bpPercent(cc.p1[i]!)} a day × ${p.bridgeDays} days`,
          }
        : {
            zh: `担保/服务费：年费率${bpPercent(cc.p2[i]!)} × ${months}个月`,
            en: `guarantee/service fee: ${bpPercent(cc.p2[i]!)} a year × ${months} months`,
          };
    lines.push({ item: 'fee', yuan: p.feesYuan, label });
  }
  if (p.subsidyYuan > 0) {
    const from = p.subsidyFrom >= 0 ? p.subsidyFrom : i;
    const name = cc.compiled[from]!.product.name;
    lines.push({
      item: 'subsidy',
      yuan: p.subsidyYuan,
      label: {
        zh: `${name.zh}（预计最高可达，按自然年度计）`,
        en: `${name.en} (projected upper bound, by calendar year)`,
      },
    });
  }
  return {
    basis: BASIS_NAMES[p.basis]!,
    amountYuan: amount,
    termMonths: months,
    annualRateBp: p.annualRateBp,
    lprBp: p.lprBp > 0 ? p.lprBp : null,
    interestYuan: p.interestYuan,
    feesYuan: p.feesYuan,
    subsidyYuan: p.subsidyYuan,
    netCostYuan: p.netCostYuan,
    effectiveAnnualRateBp: p.effectiveAnnualRateBp,
    lines,
  };
}

function pricingReasons(cc: CompiledCatalog, i: number, ctx: MatchContext, p: Priced): BilingualText[] {
  const out: BilingualText[] = [];
  const type = cc.priceType[i];
  const role = cc.role[i];
  if (role === ROLE_LOAN) {
    if (p.capFrom >= 0) {
      const cap = cc.compiled[p.capFrom]!.product.name;
      out.push({
        zh: `适用${cap.zh}：利率不高于最近一期LPR（${bpPercent(p.annualRateBp)}）`,
        en: `${cap.en} applies: rate at or below the latest LPR (${bpPercent(p.annualRateBp)})`,
      });
    } else if (type === PRICE_FIXED)
      out.push({
        zh: `固定融资成本${bpPercent(p.annualRateBp)}/年`,
        en: `fixed financing cost of ${bpPercent(p.annualRateBp)} a year`,
      });
    else if (type === PRICE_LPR) {
      const spread = cc.p1[i]!;
      const sign = spread >= 0 ? '+' : '−';
      out.push({
        zh: `利率：LPR ${bpPercent(p.lprBp)} ${sign} ${bpPercent(Math.abs(spread))} = ${bpPercent(p.annualRateBp)}`,
        en: `rate: LPR ${bpPercent(p.lprBp)} ${sign} ${bpPercent(Math.abs(spread))} = ${bpPercent(p.annualRateBp)}`,
      });
    }
    if (p.subsidyFrom >= 0) {
      const s = cc.compiled[p.subsidyFrom]!.product.name;
      const y = yuanText(p.subsidyYuan);
      out.push({
        zh: `可叠加${s.zh}，预计最高可达${y.zh}`,
        en: `stacks with ${s.en}: up to ${y.en} projected`,
      });
    }
    if (p.blockedSubsidy >= 0 && p.subsidyFrom < 0) out.push(blockedSubsidyNote(cc, p.blockedSubsidy));
  } else if (role === ROLE_ENTITLEMENT) {
    if (type === PRICE_CAP) {
      out.push({
        zh: `新发放一年期贷款利率不高于最近一期LPR（${bpPercent(ctx.lpr.oneYearBp + cc.p1[i]!)}）`,
        en: `new 1-year loans at or below the latest LPR (${bpPercent(ctx.lpr.oneYearBp + cc.p1[i]!)})`,
      });
    } else {
      const share = bpPercent(cc.p1[i]!);
      const cap = yuanText(cc.p2[i]!);
      const paid = ctx.facts.firm.priorYearInterestPaidYuan;
      const now = Math.min(cc.p2[i]!, Math.round((paid * cc.p1[i]!) / 10_000));
      out.push({
        zh: `贴息最高可达上一自然年度实际支付利息的${share}，每家企业每年最高${cap.zh}`,
        en: `up to ${share} of interest actually paid in the previous calendar year, at most ${cap.en} per firm per year`,
      });
      if (paid > 0) {
        const y = yuanText(paid);
        const n = yuanText(now);
        out.push({
          zh: `按上年度实付利息${y.zh}计，本年度最高可申请${n.zh}`,
          en: `on last year's ${y.en} of interest paid, up to ${n.en} can be claimed this year`,
        });
      }
    }
  } else if (role === ROLE_ENHANCER) {
    out.push({
      zh: `年费率${bpPercent(cc.p2[i]!)}${cc.replacesCollateral[i] ? '，可替代抵押物' : ''}`,
      en: `annual fee ${bpPercent(cc.p2[i]!)}${cc.replacesCollateral[i] ? ', stands in for collateral' : ''}`,
    });
  }
  return out;
}

function scoreBreakdown(cc: CompiledCatalog, i: number, ctx: MatchContext, p: Priced, s: ScoreParts) {
  const eff = bpPercent(p.effectiveAnnualRateBp);
  const role = cc.role[i];
  const fitNote: BilingualText =
    role === ROLE_EQUITY
      ? s.preferenceMatch < 0
        ? { zh: '基金未列明投资偏好', en: 'the fund states no industry preference' }
        : s.preferenceMatch > 0
          ? {
              zh: `符合基金投资偏好（${industryName(ctx.facts.firm.industryCode.slice(0, s.preferenceMatch)).zh}）`,
              en: `fits the fund's preferences (${industryName(ctx.facts.firm.industryCode.slice(0, s.preferenceMatch)).en})`,
            }
          : { zh: '不在基金偏好行业内', en: "outside the fund's preferred industries" }
      : cc.purposeMask[i] === 0
        ? { zh: '面向各类用途', en: 'serves any purpose' }
        : { zh: '专门支持该用途', en: 'designed for this purpose' };
  return [
    {
      factor: 'cost' as const,
      points: s.cost,
      max: SCORE_MAX.cost,
      note:
        p.basis === BASIS_EQUITY
          ? {
              zh: '股权融资：无利息成本（以股权稀释为代价）',
              en: 'equity: no interest (the price is dilution)',
            }
          : { zh: `综合年化成本${eff}`, en: `effective annual cost ${eff}` },
    },
    { factor: 'fit' as const, points: s.fit, max: SCORE_MAX.fit, note: fitNote },
    {
      factor: 'amount' as const,
      points: s.amount,
      max: SCORE_MAX.amount,
      note:
        role === ROLE_LOAN
          ? { zh: '可覆盖全部申请金额', en: 'funds the whole amount asked' }
          : role === ROLE_EQUITY
            ? { zh: '投资金额视尽调而定', en: 'investment size depends on due diligence' }
            : { zh: '配套政策，需与贷款组合', en: 'an add-on, taken with a loan' },
    },
    {
      factor: 'certainty' as const,
      points: s.certainty,
      max: SCORE_MAX.certainty,
      note: cc.demo[i]
        ? { zh: '示例产品：种子文件仅笼统提及', en: 'demo entry: the seed names it only generically' }
        : cc.illustrative[i]
          ? { zh: '政策产品，部分数字为示意', en: 'policy product; some figures are illustrative' }
          : { zh: '政策产品，数字来自政策原文', en: 'policy product with figures from the source text' },
    },
  ];
}

/**
 * Reads what explaining the shown products will read first (their compiled entry, rules,
 * product record and names), level by level over all of them in short loops. On a large
 * catalog these objects are cold when the answer is written (the selection has just
 * streamed megabytes through the cache); describing one product at a time waits on each
 * miss in turn, while these loops keep the misses of every shown product in flight at once.
 * Describing a nationwide request's 20 matches: ~240 µs, or ~50 µs here and ~115 µs after.
 * Returns a sum of what it read, kept in `warmed` so the reads are not dropped as unused.
 */
function warmShown(cc: CompiledCatalog, items: readonly number[]): number {
  const entries = items.map((i) => cc.compiled[i]!);
  let sum = 0;
  for (const c of entries) sum += c.specs.length;
  for (const c of entries) sum += c.product.name.zh.length;
  for (const c of entries) {
    const p = c.product;
    sum += p.name.en.length + p.institutionId.length + p.illustrativeFigures.length;
  }
  for (const c of entries) for (const spec of c.specs) sum += spec.rule.length;
  return sum;
}

/**
 * As warmShown, for the columns a score bound reads, of the near misses `list` names (the
 * loans failing only on collateral, ~360 per nationwide request): one short loop, so their
 * misses overlap before the loop that bounds and ranks them (~80 → ~50 µs there).
 */
function warmBounds(cc: CompiledCatalog, near: Int32Array, list: Int32Array, count: number): number {
  const { role, priceType, p1, p2, purposeMask, demo, illustrative } = cc;
  let sum = 0;
  for (let j = 0; j < count; j++) {
    const i = near[list[j]!]!;
    sum += role[i]! + priceType[i]! + p1[i]! + p2[i]! + purposeMask[i]! + demo[i]! + illustrative[i]!;
  }
  return sum;
}

/** What warmShown and warmBounds read last (see there). */
const warmed = { sum: 0 };

function describeMatch(cc: CompiledCatalog, i: number, ctx: MatchContext, ents: Entitlements): Match {
  const c = cc.compiled[i]!;
  const p = price(cc, i, ctx, ents, newPriced());
  const s = newScoreParts();
  score(cc, i, ctx, p, s);
  const reasons: BilingualText[] = [];
  for (const spec of c.specs) {
    const r = passReason(spec, ctx.facts);
    if (r) reasons.push(r);
  }
  reasons.push(...pricingReasons(cc, i, ctx, p));
  const institution = cc.institutions.get(c.product.institutionId);
  return {
    productId: c.product.id,
    name: c.product.name,
    kind: c.product.kind,
    role: pricingRole(c.product.pricing),
    institutionId: c.product.institutionId,
    institutionName: institution?.name ?? { zh: c.product.institutionId, en: c.product.institutionId },
    demo: c.product.demo,
    score: s.total,
    scoreBreakdown: scoreBreakdown(cc, i, ctx, p, s),
    reasons,
    cost: costOf(cc, i, ctx, p),
    appliedProductIds: [p.subsidyFrom, p.capFrom]
      .filter((x) => x >= 0)
      .map((x) => cc.compiled[x]!.product.id),
    illustrativeFigures: c.product.illustrativeFigures,
    source: c.product.source,
  };
}

/**
 * Completes the unlock groups the selection started (select.ts: the single-failure near
 * misses grouped by key, the two-failure ones listed with, per key, how many of them it
 * takes part in) with the pair groups that can be among the `limit` largest, in the
 * scratch's groupCount (size), groupUpTo (largest amount cap among its loans and funds)
 * and groupFirst (its first near miss in scan order); returns the number of groups.
 *
 * A pair group is no larger than the number of two-failure near misses either of its keys
 * takes part in. So once the single groups give a `limit`-th largest size, only the near
 * misses whose two keys both take part in at least that many can form a group large
 * enough to be shown, and only those are grouped by their pair.
 */
function pairGroups(cc: CompiledCatalog, sel: SelectResult, limit: number): number {
  const { near, nearKey1, nearKey2, keyPairs } = cc.scratch;
  const { groupCount: counts, groupUpTo: upTo, groupFirst: first } = cc.scratch;
  const fundsMax = cc.fundsMax;
  // The two-failure near misses are k in [from, to), after the single-failure ones.
  const from = sel.singleCount;
  const to = sel.nearCount;
  let groups = sel.keyGroups;
  if (sel.doubleCount === 0) return groups;
  // The limit-th largest single group (0 when there are fewer).
  const largest: number[] = [];
  for (let g = 0; g < groups; g++) {
    const c = counts[g]!;
    if (largest.length === limit && c <= largest[limit - 1]!) continue;
    if (largest.length === limit) largest.pop();
    let pos = largest.length;
    largest.push(c);
    while (pos > 0 && largest[pos - 1]! < c) {
      largest[pos] = largest[pos - 1]!;
      largest[pos - 1] = c;
      pos--;
    }
  }
  const least = largest.length === limit ? largest[limit - 1]! : 0;
  // Only the keys taking part in at least `least` two-failure near misses can be in such
  // a group: ~10–25 of ~1,700 on a nationwide catalog. Numbered densely, their pairs index
  // a small table directly instead of a hash table.
  const hot = hotKeys(cc);
  const { dense, keys, cells, cellFirst } = hot;
  let h = 0;
  for (let key = 0; key < cc.unlockKeys.length && h <= MAX_HOT_KEYS; key++)
    if (keyPairs[key]! > 0 && keyPairs[key]! >= least) {
      if (h < MAX_HOT_KEYS) {
        keys[h] = key;
        dense[key] = h;
      }
      h++;
    }
  if (h <= MAX_HOT_KEYS) {
    // Every two-failure near miss is counted into its cell, without a branch on whether
    // its keys are numbered (a coin toss: ~1 in 3 are): the others land in the last row or
    // column (COLD), whose counts are never read.
    cells.fill(0);
    for (let k = from; k < to; k++) {
      const c = dense[nearKey1[k]!]! * STRIDE + dense[nearKey2[k]!]!;
      if (cells[c]!++ === 0) cellFirst[c] = k;
    }
    // The pair groups: their cell's count and first near miss; the cell keeps its group.
    let reached = false;
    for (let a = 0; a < h; a++)
      for (let c = a * STRIDE, end = c + h; c < end; c++) {
        const n = cells[c]!;
        if (n === 0) continue;
        const g = groups++;
        counts[g] = n;
        upTo[g] = 0;
        first[g] = cellFirst[c]!;
        cells[c] = g;
        if (n >= least) reached = true;
      }
    if (reached)
      for (let k = from; k < to; k++) {
        const a = dense[nearKey1[k]!]!;
        const b = dense[nearKey2[k]!]!;
        if (a === COLD || b === COLD) continue;
        const g = cells[a * STRIDE + b]!;
        const max = fundsMax[near[k]!]!;
        if (max > upTo[g]!) upTo[g] = max;
      }
    for (let x = 0; x < h; x++) dense[keys[x]!] = COLD;
    return groups;
  }
  for (let x = 0; x < MAX_HOT_KEYS; x++) dense[keys[x]!] = COLD;
  const pairs = cc.scratch.pairGroups;
  pairs.clear();
  let reached = false;
  for (let k = from; k < to; k++) {
    const k1 = nearKey1[k]!;
    const k2 = nearKey2[k]!;
    if (keyPairs[k1]! < least || keyPairs[k2]! < least) continue;
    const g = pairs.getOrAdd(k1, k2, groups);
    if (g === groups) {
      counts[g] = 0;
      upTo[g] = 0;
      first[g] = k;
      groups++;
    }
    if (++counts[g]! >= least) reached = true;
  }
  // A pair group smaller than the limit-th single group is never shown, whatever its
  // amount cap: the caps are needed only when one is as large.
  if (reached)
    for (let k = from; k < to; k++) {
      const k1 = nearKey1[k]!;
      const k2 = nearKey2[k]!;
      if (keyPairs[k1]! < least || keyPairs[k2]! < least) continue;
      const g = pairs.getOrAdd(k1, k2, -1);
      const max = fundsMax[near[k]!]!;
      if (max > upTo[g]!) upTo[g] = max;
    }
  return groups;
}

/** More keys that can be in a shown pair group than this: their pairs are hashed. */
const MAX_HOT_KEYS = 64;
/** The dense number of a key that is not numbered: the pair table's last row and column. */
const COLD = MAX_HOT_KEYS;
const STRIDE = MAX_HOT_KEYS + 1;

/**
 * Per compiled catalog: key → its dense number (COLD when not numbered), the numbered
 * keys, and the pair table (cell a × STRIDE + b: a count, then the group; its first near miss).
 */
interface HotKeys {
  dense: Int32Array;
  keys: Int32Array;
  cells: Int32Array;
  cellFirst: Int32Array;
}

const hotKeysOf = new WeakMap<CompiledCatalog, HotKeys>();

function hotKeys(cc: CompiledCatalog): HotKeys {
  let hot = hotKeysOf.get(cc);
  if (!hot) {
    hot = {
      dense: new Int32Array(cc.unlockKeys.length).fill(COLD),
      keys: new Int32Array(MAX_HOT_KEYS),
      cells: new Int32Array(STRIDE * STRIDE),
      cellFirst: new Int32Array(STRIDE * STRIDE),
    };
    hotKeysOf.set(cc, hot);
  }
  return hot;
}

/**
 * Which of two near misses the linear scan finds first. The selection lists those with one
 * failed rule (k < singles) before those with two, each part in scan order: two of one part
 * compare by k, one of each by their place in the scan (the segment the firm sees the
 * product in — nationwide, province, city, district — then catalog order), worked out only
 * for such pairs (a tie between a single-key and a pair group's first members).
 */
class ScanOrder {
  constructor(
    private readonly cc: CompiledCatalog,
    private readonly regionCode: string,
    private readonly singles: number,
  ) {}

  before(ka: number, kb: number): boolean {
    if (ka < this.singles === kb < this.singles) return ka < kb;
    return this.place(ka) < this.place(kb);
  }

  private place(k: number): number {
    const i = this.cc.scratch.near[k]!;
    // A product is in at most one list a firm can hit (its minimal region prefixes).
    let depth = 0;
    for (const prefix of this.cc.compiled[i]!.region)
      if (this.regionCode.startsWith(prefix)) depth = prefix.length;
    return depth * 0x800_0000 + this.cc.seq[i]!;
  }
}

/** Unlock group a before b: more products, then the larger amount, then the first seen. */
function groupAhead(
  counts: Int32Array,
  upTo: Float64Array,
  first: Int32Array,
  order: ScanOrder,
  a: number,
  b: number,
): boolean {
  return counts[a]! !== counts[b]!
    ? counts[a]! > counts[b]!
    : upTo[a]! !== upTo[b]!
      ? upTo[a]! > upTo[b]!
      : order.before(first[a]!, first[b]!);
}

/**
 * Groups every near miss by what would unlock it (the key of its one or two failing
 * rules) and describes the largest groups: "an unexpired … certificate would unlock 3
 * more products, up to CNY 30M".
 */
function unlockGroups(cc: CompiledCatalog, ctx: MatchContext, sel: SelectResult, limit: number): Unlock[] {
  const nearCount = sel.nearCount;
  const { near, nearKey1, nearKey2 } = cc.scratch;
  const { groupCount: counts, groupUpTo: upTo, groupFirst: first } = cc.scratch;
  if (limit <= 0) return [];
  const groups = pairGroups(cc, sel, limit);
  const order = new ScanOrder(cc, ctx.facts.firm.regionCode, sel.singleCount);

  // The largest groups: more products first, then the larger amount, then the first seen.
  const top: number[] = [];
  for (let g = 0; g < groups; g++) {
    if (top.length === limit && !groupAhead(counts, upTo, first, order, g, top[limit - 1]!)) continue;
    if (top.length === limit) top.pop();
    let pos = top.length;
    top.push(g);
    while (pos > 0 && groupAhead(counts, upTo, first, order, g, top[pos - 1]!)) {
      top[pos] = top[pos - 1]!;
      top[pos - 1] = g;
      pos--;
    }
  }
  // Up to 10 members of each shown group, in scan order (a group is its pair of keys): a
  // single-key group's among the near misses with one failed rule (k < singleCount), a
  // pair group's among those with two, each part listed in scan order.
  const shown = top.length;
  const members: string[][] = new Array(shown);
  for (let t = 0; t < shown; t++) members[t] = [];
  const singles = sel.singleCount;
  let openSingle = 0;
  for (let t = 0; t < shown; t++) if (first[top[t]!]! < singles) openSingle++;
  let openPair = shown - openSingle;
  for (let k = 0; k < nearCount && openSingle + openPair > 0; k++) {
    // Past the singles when no single-key group is still open, and done after them when no pair group is.
    if (k < singles && openSingle === 0) k = singles;
    else if (k >= singles && openPair === 0) break;
    const k1 = nearKey1[k]!;
    const k2 = nearKey2[k]!;
    for (let t = 0; t < shown; t++) {
      const f = first[top[t]!]!;
      if (nearKey1[f] !== k1 || nearKey2[f] !== k2) continue;
      const list = members[t]!;
      if (list.length < 10) {
        list.push(cc.compiled[near[k]!]!.product.id);
        if (list.length === 10) {
          if (k < singles) openSingle--;
          else openPair--;
        }
      }
      break;
    }
  }

  const out: Unlock[] = new Array(shown);
  for (let t = 0; t < shown; t++) {
    const g = top[t]!;
    const k = first[g]!;
    const c = cc.compiled[near[k]!]!;
    const ops = failedRules(cc, ctx, k);
    const spec1 = c.specs[cc.ruleSpec[ops[0]!]!]!;
    const spec2 = ops.length > 1 ? c.specs[cc.ruleSpec[ops[1]!]!]! : undefined;
    const hint1 = unlockHint(spec1, ctx.facts);
    const hints = spec2 ? [hint1, unlockHint(spec2, ctx.facts)] : [hint1];
    const cap = upTo[g]! > 0 ? upTo[g]! : undefined;
    const hint = spec2
      ? { zh: `${hints[0]!.zh}，并且${hints[1]!.zh}`, en: `${hints[0]!.en} and ${hints[1]!.en}` }
      : hint1;
    const summary = unlockSummary(hints, counts[g]!, cap);
    const rules = spec2 ? [spec1.rule, spec2.rule] : [spec1.rule];
    const productCount = counts[g]!;
    const productIds = members[t]!;
    // Key by key in the schema's order; the amount cap only when a group has one.
    out[t] =
      cap !== undefined
        ? { hint, summary, rules, productCount, upToYuan: cap, productIds }
        : { hint, summary, rules, productCount, productIds };
  }
  return out;
}

/**
 * The context's arrays, one pair per compiled catalog, filled afresh by each match (which
 * is done with them before it returns, like the rest of the catalog's scratch).
 */
const contextArraysOf = new WeakMap<CompiledCatalog, { num: Float64Array; mask: Int32Array }>();

function contextArrays(cc: CompiledCatalog): { num: Float64Array; mask: Int32Array } {
  let arrays = contextArraysOf.get(cc);
  if (!arrays) {
    arrays = { num: new Float64Array(NUM_FEATURES), mask: new Int32Array(cc.maskWords) };
    contextArraysOf.set(cc, arrays);
  }
  return arrays;
}

/** Many in play (a nationwide catalog): walk the static orderings instead of offering all. */
function many(cc: CompiledCatalog, count: number): boolean {
  return count * WALK_DENSITY >= cc.size;
}

/** Near miss a before b: the higher score it would have, then the lower rate. */
function nearAhead(scores: Float64Array, effs: Float64Array, a: number, b: number): boolean {
  return scores[a]! !== scores[b]! ? scores[a]! > scores[b]! : effs[a]! < effs[b]!;
}

export interface MatchFundingInput {
  firm: Firm;
  request: FundingRequest;
  /** Evaluation date (Asia/Shanghai business date): certificates, validity and the LPR are read on it. */
  asOf: IsoDate;
  catalog: Catalog | CompiledCatalog;
  limits?: Partial<MatchLimits>;
}

/**
 * Matches one funding request against the catalog.
 * 1. normalise the firm and request for the date (facts → typed context)
 * 2. scan the products serving the firm's region: matches, near misses (≤ 2 failed rules)
 * 3. price and score every match and near miss (numbers only), keep the best of each
 * 4. explain only what is shown: top matches, top near misses, unlock groups
 * 5. packages (loan + stacking subsidies/guarantees) and non-financing benefits
 */
export function matchFunding(input: MatchFundingInput): MatchResult {
  const cc = compiled(input.catalog);
  const limits = { ...DEFAULT_LIMITS, ...input.limits };
  const facts = buildFacts(input.firm, input.request, input.asOf);
  const ctx = buildContext(cc, facts, contextArrays(cc));
  const sel = select(cc, ctx);
  const { candidates, matchCount, nearCount, singleCount, mortgageCount } = sel;
  const { matches, near, nearKey2, score: scores, eff } = cc.scratch;

  // Entitlements among the matches, as the selection listed them (scan order).
  const ents = collectEntitlements(cc, cc.scratch.matchEntitlements, sel.entitlementCount);
  const { matched, single } = cc.scratch;
  const topMatches = (
    many(cc, matchCount)
      ? topPricedWalk(cc, ctx, ents, matches, matchCount, limits.matches, scores, eff, matched, matchCount)
      : topPriced(cc, ctx, ents, matches, matchCount, limits.matches, scores, eff)
  ).map((n) => matches[n]!);
  warmed.sum = warmShown(cc, topMatches);
  const matchList = topMatches.map((i) => describeMatch(cc, i, ctx, ents));

  // Near misses: fewer failures first, then the score they would have, priced on their
  // own (stacked subsidies left out: ranking thousands of near misses stays cheap).
  // When single-failure near misses alone fill the list, two-failure ones are not priced.
  const { nearScore: nearScores, nearEff } = cc.scratch;
  const singlesFill = singleCount >= limits.nearMisses;
  const topNear =
    singlesFill && many(cc, singleCount)
      ? topPricedWalk(
          cc,
          ctx,
          NO_ENTITLEMENTS,
          near,
          singleCount,
          limits.nearMisses,
          nearScores,
          nearEff,
          single,
          // Only singles (near[0, singleCount)) are offered, and only their scores read.
          singleCount,
          nearKey2,
        )
      : topPriced(
          cc,
          ctx,
          NO_ENTITLEMENTS,
          near,
          singlesFill ? singleCount : nearCount,
          limits.nearMisses,
          nearScores,
          nearEff,
          nearKey2,
          singlesFill ? 1 : 2,
        );
  warmed.sum = warmShown(
    cc,
    topNear.map((k) => near[k]!),
  );
  const nearMisses = topNear.map((k) => explainNearMiss(cc, ctx, k, nearScores[k]!));

  // Loans failing only on mortgage-type collateral: a guarantee can stand in for it.
  const collateralOnly: number[] = [];
  if (sel.enhancerCount > 0) {
    // The best few by the score they would have (then lower rate, then scan order):
    // packages are capped at limits.packages anyway. Once the list is full, a loan whose
    // bounds put it behind the last kept one is not priced (it comes later in scan order,
    // so an equal score and rate leaves it behind too).
    const limit = limits.packages;
    const best: number[] = [];
    const bounds = new ScoreBounds(cc, ctx, NO_ENTITLEMENTS);
    const mortgageSingles = cc.scratch.mortgageSingles;
    if (limit > 0) warmed.sum = warmBounds(cc, near, mortgageSingles, mortgageCount);
    for (let j = 0; j < mortgageCount && limit > 0; j++) {
      const k = mortgageSingles[j]!;
      if (best.length === limit && Number.isNaN(nearScores[k]!)) {
        const last = best[limit - 1]!;
        if (bounds.quick(near[k]!) < nearScores[last]!) continue;
        const ub = bounds.score(near[k]!);
        if (ub < nearScores[last]! || (ub === nearScores[last]! && bounds.eff >= nearEff[last]!)) continue;
      }
      ensurePriced(cc, ctx, NO_ENTITLEMENTS, near, k, nearScores, nearEff);
      if (best.length === limit) {
        if (!nearAhead(nearScores, nearEff, k, best[limit - 1]!)) continue;
        best.pop();
      }
      let pos = best.length;
      best.push(k);
      while (pos > 0 && nearAhead(nearScores, nearEff, k, best[pos - 1]!)) {
        best[pos] = best[pos - 1]!;
        best[pos - 1] = k;
        pos--;
      }
    }
    for (const k of best) collateralOnly.push(near[k]!);
  }
  const packages = buildPackages(cc, ctx, ents, {
    loans: topMatches.filter((i) => cc.role[i] === ROLE_LOAN),
    collateralOnly,
    // The selection's list as it stands (thousands on a nationwide catalog): not copied.
    enhancers: cc.scratch.matchEnhancers,
    enhancerCount: sel.enhancerCount,
    matched,
    limit: limits.packages,
  });

  return {
    asOf: facts.asOf,
    lpr: { ...ctx.lpr },
    counts: { products: cc.size, candidates, matched: matchCount, nearMisses: nearCount },
    matches: matchList,
    nearMisses,
    unlocks: unlockGroups(cc, ctx, sel, limits.unlocks),
    packages,
    benefits: matchBenefits(cc, facts),
  };
}
