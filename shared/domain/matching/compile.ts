import type { Institution } from '../institution.ts';
import { type Benefit, PRODUCT_KINDS, type Product, type ProductRole, pricingRole } from '../product.ts';
import { FIRM_METRICS } from '../rules.ts';
import { type BitmapIndex, buildBitmapIndex } from './bitmap.ts';
import {
  ALL_LISTINGS,
  collateralBits,
  dayNumber,
  FLAG_PAID_INTEREST,
  KIND_DEBT,
  KIND_EQUITY,
  listingBits,
  PrefixInterner,
  purposeBits,
} from './facts.ts';
import type { PricingConfig } from './lpr.ts';
import { benefitSpecs, certNeedBits, isHard, type ProductSpecs, productSpecs, type Spec } from './specs.ts';

/**
 * The compiler: each product's specs become a few numeric "ops" over a fixed feature
 * layout, packed column-wise into typed arrays once per catalog. The hot path (scan.ts)
 * is then a loop over integers and floats: no rule objects, no strings, no closures.
 *
 * Features of a (firm, request, date):
 *   num[]  AMOUNT, TERM, DAY (asOf as a day number), ONE (constant 1), then the six metrics
 *   mask[] CERT, COLLATERAL, PURPOSE, KIND, LISTING, FLAGS, CERT_VERIFIED words, then industry-prefix words
 * Ops:
 *   RANGE  lo ≤ num[feat] ≤ hi
 *   ANY    mask[feat] & m ≠ 0
 *   ANYN   some (word, m) pair with mask[W_INDUSTRY + word] & m ≠ 0   (industry)
 *   NONEN  no such pair                                               (industry exclusion)
 */
export const NUM_AMOUNT = 0;
export const NUM_TERM = 1;
export const NUM_DAY = 2;
export const NUM_ONE = 3;
export const NUM_METRIC = 4;
export const NUM_FEATURES = NUM_METRIC + FIRM_METRICS.length;

export const W_CERT = 0;
export const W_COLLATERAL = 1;
export const W_PURPOSE = 2;
export const W_KIND = 3;
export const W_LISTING = 4;
export const W_FLAGS = 5;
/** Certificate bits of verified certificates only (products requiring verified certificates). */
export const W_CERT_VERIFIED = 6;
export const W_INDUSTRY = 7;

export const OP_RANGE = 0;
export const OP_ANY = 1;
export const OP_ANYN = 2;
export const OP_NONEN = 3;

export interface Op {
  op: number;
  feat: number;
  lo: number;
  hi: number;
  mask: number;
  /** ANYN/NONEN: flat (word, mask) pairs. */
  pairs: number[];
  /** Index of the spec this op checks (into CompiledProduct.specs). */
  spec: number;
  /** What would unlock it, as a stable key: products failing the same key are grouped. */
  key: string;
}

export interface CompiledProduct {
  product: Product;
  role: ProductRole;
  specs: Spec[];
  /** Effective region prefixes ('' = nationwide); empty = serves nowhere. */
  region: string[];
  hard: Op[];
  soft: Op[];
  noDoubleSubsidy?: ProductSpecs['noDoubleSubsidy'];
}

function industryPairs(prefixes: readonly string[], interner: PrefixInterner): number[] {
  const byWord = new Map<number, number>();
  for (const p of prefixes) {
    const id = interner.intern(p);
    const word = id >>> 5;
    byWord.set(word, (byWord.get(word) ?? 0) | (1 << (id & 31)));
  }
  return [...byWord].flat();
}

/** A short stable key per spec: near misses failing equal keys are unlocked by the same change. */
function unlockKey(spec: Spec): string {
  switch (spec.rule) {
    case 'tier_at_least':
    case 'label':
    case 'tier_or_label':
      return `cert:${certNeedBits(spec)}`;
    case 'amount':
      return `a:${spec.minYuan}:${spec.maxYuan ?? ''}`;
    case 'term':
      return `t:${spec.minMonths ?? ''}:${spec.maxMonths ?? ''}`;
    case 'metric':
      return `m:${spec.metric}:${spec.min ?? ''}:${spec.max ?? ''}`;
    case 'quota':
      return `q:${spec.leftYuan}:${spec.perAmount ? 1 : 0}`;
    case 'collateral':
      return `c:${spec.accepted.join(',')}`;
    case 'purpose':
      return `p:${spec.anyOf.join(',')}`;
    case 'industry':
      return `i:${spec.prefixes.join(',')}`;
    case 'industry_not':
      return `x:${spec.prefixes.join(',')}`;
    case 'listing_not':
      return `l:${spec.listings.join(',')}`;
    default:
      return spec.rule;
  }
}

/** Collateral a guarantee, credit insurance or risk pool can stand in for (not the pledge defining IP or supply-chain products). */
export const MORTGAGE_COLLATERAL: ReadonlySet<string> = new Set(['real_estate', 'equipment']);

function range(feat: number, lo: number | undefined, hi: number | undefined) {
  return { op: OP_RANGE, feat, lo: lo ?? -Infinity, hi: hi ?? Infinity, mask: 0, pairs: [] as number[] };
}

function any(feat: number, mask: number) {
  return { op: OP_ANY, feat, lo: 0, hi: 0, mask, pairs: [] as number[] };
}

/** One spec → one op (region is served by the index instead). */
function specOp(spec: Spec, interner: PrefixInterner): Omit<Op, 'spec' | 'key'> | undefined {
  switch (spec.rule) {
    case 'region':
      return undefined;
    case 'validity':
      return range(
        NUM_DAY,
        spec.from === undefined ? undefined : dayNumber(spec.from),
        spec.to === undefined ? undefined : dayNumber(spec.to),
      );
    case 'kind':
      return any(W_KIND, spec.kind === 'debt' ? KIND_DEBT : KIND_EQUITY);
    case 'amount':
      return range(NUM_AMOUNT, spec.minYuan, spec.maxYuan);
    case 'term':
      return range(NUM_TERM, spec.minMonths, spec.maxMonths);
    case 'quota':
      // Per-amount: the ask must fit in what is left. Otherwise: something must be left (ONE ≤ hi).
      return spec.perAmount
        ? range(NUM_AMOUNT, undefined, spec.leftYuan)
        : range(NUM_ONE, undefined, spec.leftYuan > 0 ? Infinity : 0);
    case 'tier_at_least':
    case 'label':
    case 'tier_or_label':
      return any(spec.verified ? W_CERT_VERIFIED : W_CERT, certNeedBits(spec));
    case 'industry':
      return {
        op: OP_ANYN,
        feat: W_INDUSTRY,
        lo: 0,
        hi: 0,
        mask: 0,
        pairs: industryPairs(spec.prefixes, interner),
      };
    case 'industry_not':
      return {
        op: OP_NONEN,
        feat: W_INDUSTRY,
        lo: 0,
        hi: 0,
        mask: 0,
        pairs: industryPairs(spec.prefixes, interner),
      };
    case 'collateral':
      return any(W_COLLATERAL, collateralBits(spec.accepted));
    case 'purpose':
      return any(W_PURPOSE, purposeBits(spec.anyOf));
    case 'metric':
      return range(NUM_METRIC + FIRM_METRICS.indexOf(spec.metric), spec.min, spec.max);
    case 'listing_not':
      return any(W_LISTING, ALL_LISTINGS & ~listingBits(spec.listings));
    case 'paid_interest_last_year':
      return any(W_FLAGS, FLAG_PAID_INTEREST);
    case 'title_obtained':
      // Benefits only (ProductSchema refuses it): evaluated by the cold path.
      throw new Error('title_obtained is a benefit rule, not a product rule');
  }
}

export function compileProduct(product: Product, interner: PrefixInterner): CompiledProduct {
  const { specs, noDoubleSubsidy } = productSpecs(product);
  const hard: Op[] = [];
  const soft: Op[] = [];
  let region: string[] = [''];
  specs.forEach((spec, i) => {
    if (spec.rule === 'region') region = spec.prefixes;
    const op = specOp(spec, interner);
    if (!op) return;
    (isHard(spec) ? hard : soft).push({ ...op, spec: i, key: unlockKey(spec) });
  });
  return {
    product,
    role: pricingRole(product.pricing),
    specs,
    region,
    hard,
    soft,
    ...(noDoubleSubsidy ? { noDoubleSubsidy } : {}),
  };
}

/** The validated catalog: what loadCatalog() returns and what the matcher compiles. */
export interface Catalog {
  institutions: Institution[];
  products: Product[];
  benefits: Benefit[];
  pricing: PricingConfig;
}

export const PRICE_FIXED = 0;
export const PRICE_LPR = 1;
export const PRICE_DAILY = 2;
export const PRICE_GUARANTEE = 3;
export const PRICE_SUBSIDY = 4;
export const PRICE_CAP = 5;
export const PRICE_NONE = 6;

export const ROLE_LOAN = 0;
export const ROLE_EQUITY = 1;
export const ROLE_ENTITLEMENT = 2;
export const ROLE_ENHANCER = 3;
const ROLE_CODES: Record<ProductRole, number> = { loan: 0, equity: 1, entitlement: 2, enhancer: 3 };

/** Double-subsidy column: no restriction, never on subsidised loans, or only with these certificate bits. */
export const DOUBLE_FREE = 0;
export const DOUBLE_NEVER = -1;

export interface CompiledCatalog {
  readonly size: number;
  readonly compiled: readonly CompiledProduct[];
  readonly indexById: ReadonlyMap<string, number>;
  /** Rank of each product's id in id order: ties are broken by id without touching the strings. */
  readonly idRank: Int32Array;
  readonly institutions: ReadonlyMap<string, Institution>;
  readonly benefits: readonly { benefit: Benefit; specs: Spec[] }[];
  readonly pricing: PricingConfig;
  readonly interner: PrefixInterner;
  /** Mask words a context needs (fixed at compile time). */
  readonly maskWords: number;
  /**
   * Region index and bitmap indexes: one segment per region list ('' = nationwide, then per
   * GB/T 2260 prefix; suspended products are left out), and the slots over the ops.
   */
  readonly bitmap: BitmapIndex;
  // Ops, column-wise. Product i's ops are [ruleStart[i], ruleEnd[i]); the hard ones come first, up to hardEnd[i].
  readonly ruleStart: Int32Array;
  readonly ruleEnd: Int32Array;
  readonly hardEnd: Int32Array;
  readonly op: Uint8Array;
  readonly feat: Uint16Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly mask: Int32Array;
  readonly pairStart: Int32Array;
  readonly pairs: Int32Array;
  /** Per op: its spec index within the product, and its unlock key id (into unlockKeys). */
  readonly ruleSpec: Int32Array;
  readonly ruleKey: Int32Array;
  readonly unlockKeys: readonly string[];
  /** Per op: 1 when it is a collateral rule accepting mortgage-type collateral (a guarantee can replace it). */
  readonly ruleMortgage: Uint8Array;
  // Pricing and stacking, per product.
  readonly role: Uint8Array;
  readonly priceType: Uint8Array;
  /** FIXED: rate; LPR: spread; DAILY: daily fee; SUBSIDY: share; CAP: cap spread (all bp). */
  readonly p1: Float64Array;
  /** FIXED/LPR/GUARANTEE: annual fee bp; DAILY: max days; SUBSIDY: cap yuan per year. */
  readonly p2: Float64Array;
  readonly kindCode: Uint8Array;
  readonly stackKinds: Int32Array;
  readonly stackIds: readonly (ReadonlySet<number> | undefined)[];
  /** Entitlements that are interchangeable for pricing (same terms and stacking) share a class; −1 = none. */
  readonly entClass: Int32Array;
  readonly entClassIds: ReadonlyMap<string, number>;
  readonly doubleNeed: Int32Array;
  readonly alreadySubsidised: Uint8Array;
  readonly replacesCollateral: Uint8Array;
  readonly demo: Uint8Array;
  readonly illustrative: Uint8Array;
  /** Purpose bits of the product's purpose rule (0 = serves any purpose). */
  readonly purposeMask: Int32Array;
  readonly amountMax: Float64Array;
  /** amountMax of loans and equity with a finite cap (what "up to CNY …" quotes), else 0. */
  readonly fundsMax: Float64Array;
  /** Equity preferences: interned industry prefix ids and their lengths, [prefStart[i], prefEnd[i]). */
  readonly prefStart: Int32Array;
  readonly prefEnd: Int32Array;
  readonly prefIds: Int32Array;
  readonly prefLens: Int32Array;
  /** Scratch buffers for one scan (the matcher is synchronous, so one set per catalog suffices). */
  readonly scratch: {
    matches: Int32Array;
    near: Int32Array;
    nearFail1: Int32Array;
    nearFail2: Int32Array;
    score: Float64Array;
    eff: Float64Array;
    nearScore: Float64Array;
    nearEff: Float64Array;
    nearRank: Int32Array;
    /** Unlock grouping: group of each single key (−1 = none yet), group of each near miss. */
    keyGroup: Int32Array;
    groupOfNear: Int32Array;
    groupCount: Int32Array;
    groupUpTo: Float64Array;
    groupFirst: Int32Array;
    pairGroups: PairTable;
  };
}

function priceColumns(product: Product): [number, number, number] {
  const p = product.pricing;
  switch (p.type) {
    case 'fixed_rate':
      return [PRICE_FIXED, p.annualRateBp, p.annualFeeBp];
    case 'lpr_spread':
      return [PRICE_LPR, p.spreadBp, p.annualFeeBp];
    case 'daily_fee':
      return [PRICE_DAILY, p.dailyFeeBp, p.maxDays];
    case 'guarantee_fee':
      return [PRICE_GUARANTEE, 0, p.annualFeeBp];
    case 'interest_subsidy':
      return [PRICE_SUBSIDY, p.shareBp, p.capYuanPerYear];
    case 'rate_cap':
      return [PRICE_CAP, p.capSpreadBp, 0];
    case 'none':
      return [PRICE_NONE, 0, 0];
  }
}

/** The pricing class of an interest subsidy (its terms and stacking), numbered in `ids`; −1 for other products. */
export function entitlementClass(
  ids: Map<string, number>,
  role: ProductRole,
  priceType: number,
  stackKinds: number,
  doubleNeed: number,
  p1: number,
  p2: number,
): number {
  if (role !== 'entitlement' || priceType !== PRICE_SUBSIDY) return -1;
  const key = `${stackKinds}|${doubleNeed}|${p1}|${p2}`;
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  return id;
}

/** Each product's rank in id order. */
export function idRanks(products: readonly { id: string }[]): Int32Array {
  const order = products.map((_, i) => i).sort((a, b) => (products[a]!.id < products[b]!.id ? -1 : 1));
  const rank = new Int32Array(products.length);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  return rank;
}

/** Compiles a validated catalog once (at cold start, or when the catalog changes). */
export function compileCatalog(catalog: Catalog): CompiledCatalog {
  const interner = new PrefixInterner();
  const products = catalog.products;
  const size = products.length;
  const compiled = products.map((p) => compileProduct(p, interner));
  const indexById = new Map(products.map((p, i) => [p.id, i]));

  // Preferences are interned too, so scoring tests them as integers.
  const prefStart = new Int32Array(size + 1);
  const prefIdList: number[] = [];
  const prefLenList: number[] = [];
  products.forEach((p, i) => {
    prefStart[i] = prefIdList.length;
    for (const prefix of p.preferences?.industryPrefixes ?? []) {
      prefIdList.push(interner.intern(prefix));
      prefLenList.push(prefix.length);
    }
  });
  prefStart[size] = prefIdList.length;

  // Region lists: nationwide first, then per prefix, each in catalog order.
  const lists = new Map<string, number[]>([['', []]]);
  compiled.forEach((c, i) => {
    if (c.product.status !== 'active') return;
    for (const prefix of c.region) {
      const list = lists.get(prefix);
      if (list) list.push(i);
      else lists.set(prefix, [i]);
    }
  });

  // Ops.
  const opCount = compiled.reduce((n, c) => n + c.hard.length + c.soft.length, 0);
  const pairCount = compiled.reduce(
    (n, c) => n + [...c.hard, ...c.soft].reduce((m, o) => m + o.pairs.length, 0),
    0,
  );
  const ruleStart = new Int32Array(size + 1);
  const ruleEnd = new Int32Array(size);
  const hardEnd = new Int32Array(size);
  const op = new Uint8Array(opCount);
  const feat = new Uint16Array(opCount);
  const lo = new Float64Array(opCount);
  const hi = new Float64Array(opCount);
  const mask = new Int32Array(opCount);
  const pairStart = new Int32Array(opCount + 1);
  const pairs = new Int32Array(pairCount);
  const ruleSpec = new Int32Array(opCount);
  const ruleKey = new Int32Array(opCount);
  const ruleMortgage = new Uint8Array(opCount);
  const keyIds = new Map<string, number>();
  let r = 0;
  let pr = 0;
  compiled.forEach((c, i) => {
    ruleStart[i] = r;
    const ops = [...c.hard, ...c.soft];
    hardEnd[i] = r + c.hard.length;
    for (const o of ops) {
      op[r] = o.op;
      feat[r] = o.feat;
      lo[r] = o.lo;
      hi[r] = o.hi;
      mask[r] = o.mask;
      pairStart[r] = pr;
      for (const v of o.pairs) pairs[pr++] = v;
      ruleSpec[r] = o.spec;
      const spec = c.specs[o.spec]!;
      if (spec.rule === 'collateral' && spec.accepted.some((x) => MORTGAGE_COLLATERAL.has(x)))
        ruleMortgage[r] = 1;
      let key = keyIds.get(o.key);
      if (key === undefined) {
        key = keyIds.size;
        keyIds.set(o.key, key);
      }
      ruleKey[r] = key;
      r++;
    }
    ruleEnd[i] = r;
  });
  ruleStart[size] = r;
  pairStart[opCount] = pr;

  // Pricing and stacking.
  const role = new Uint8Array(size);
  const priceType = new Uint8Array(size);
  const p1 = new Float64Array(size);
  const p2 = new Float64Array(size);
  const kindCode = new Uint8Array(size);
  const stackKinds = new Int32Array(size);
  const doubleNeed = new Int32Array(size);
  const alreadySubsidised = new Uint8Array(size);
  const replacesCollateral = new Uint8Array(size);
  const demo = new Uint8Array(size);
  const illustrative = new Uint8Array(size);
  const purposeMask = new Int32Array(size);
  const amountMax = new Float64Array(size);
  const entClass = new Int32Array(size).fill(-1);
  const entClassIds = new Map<string, number>();
  const stackSets: (Set<number> | undefined)[] = new Array(size).fill(undefined);
  const link = (a: number, b: number) => {
    let s = stackSets[a];
    if (!s) {
      s = new Set();
      stackSets[a] = s;
    }
    s.add(b);
  };
  compiled.forEach((c, i) => {
    const p = c.product;
    role[i] = ROLE_CODES[c.role];
    const [type, a, b] = priceColumns(p);
    priceType[i] = type;
    p1[i] = a;
    p2[i] = b;
    kindCode[i] = PRODUCT_KINDS.indexOf(p.kind);
    stackKinds[i] = p.stacksOnKinds.reduce((m, k) => m | (1 << PRODUCT_KINDS.indexOf(k)), 0);
    for (const id of p.stacksWith) {
      const j = indexById.get(id);
      if (j !== undefined) {
        link(i, j);
        link(j, i);
      }
    }
    const nds = c.noDoubleSubsidy;
    doubleNeed[i] =
      c.role !== 'entitlement' || p.pricing.type !== 'interest_subsidy'
        ? DOUBLE_FREE
        : !nds
          ? DOUBLE_FREE
          : nds.exceptTier
            ? certNeedBits({ rule: 'tier_at_least', tier: nds.exceptTier, level: nds.exceptLevel })
            : DOUBLE_NEVER;
    entClass[i] = entitlementClass(entClassIds, c.role, type, stackKinds[i]!, doubleNeed[i]!, a, b);
    alreadySubsidised[i] = p.alreadySubsidised ? 1 : 0;
    replacesCollateral[i] = p.replacesCollateral ? 1 : 0;
    demo[i] = p.demo ? 1 : 0;
    illustrative[i] = p.illustrativeFigures.length ? 1 : 0;
    for (const s of c.specs)
      if (s.rule === 'purpose') purposeMask[i] = purposeMask[i]! | purposeBits(s.anyOf);
    const amountSpec = c.specs.find((s) => s.rule === 'amount');
    amountMax[i] =
      amountSpec?.rule === 'amount' && amountSpec.maxYuan !== undefined ? amountSpec.maxYuan : Infinity;
  });

  const opColumns = { ruleStart, ruleEnd, hardEnd, op, feat, lo, hi, mask, pairStart, pairs };
  return {
    size,
    compiled,
    indexById,
    idRank: idRanks(products),
    institutions: new Map(catalog.institutions.map((x) => [x.id, x])),
    benefits: catalog.benefits.map((benefit) => ({ benefit, specs: benefitSpecs(benefit) })),
    pricing: catalog.pricing,
    interner,
    maskWords: W_INDUSTRY + Math.ceil(interner.size / 32) + 1,
    bitmap: buildBitmapIndex(opColumns, lists),
    ruleStart,
    ruleEnd,
    hardEnd,
    op,
    feat,
    lo,
    hi,
    mask,
    pairStart,
    pairs,
    ruleSpec,
    ruleKey,
    unlockKeys: [...keyIds.keys()],
    ruleMortgage,
    role,
    priceType,
    p1,
    p2,
    kindCode,
    stackKinds,
    stackIds: stackSets,
    entClass,
    entClassIds,
    doubleNeed,
    alreadySubsidised,
    replacesCollateral,
    demo,
    illustrative,
    purposeMask,
    amountMax,
    fundsMax: amountMax.map((max, i) =>
      max !== Infinity && (role[i] === ROLE_LOAN || role[i] === ROLE_EQUITY) ? max : 0,
    ),
    prefStart,
    prefEnd: prefStart.slice(1),
    prefIds: Int32Array.from(prefIdList),
    prefLens: Int32Array.from(prefLenList),
    scratch: {
      matches: new Int32Array(size),
      near: new Int32Array(size),
      nearFail1: new Int32Array(size),
      nearFail2: new Int32Array(size),
      score: new Float64Array(size),
      eff: new Float64Array(size),
      nearScore: new Float64Array(size),
      nearEff: new Float64Array(size),
      nearRank: new Int32Array(size),
      keyGroup: new Int32Array(keyIds.size).fill(-1),
      groupOfNear: new Int32Array(size),
      groupCount: new Int32Array(size),
      groupUpTo: new Float64Array(size),
      groupFirst: new Int32Array(size),
      pairGroups: new PairTable(size),
    },
  };
}

/**
 * An allocation-free hash map from a pair of small non-negative ints to an int, for
 * grouping near misses by their two failed rules. Open addressing over typed arrays;
 * clear() is O(1) by bumping a generation stamp.
 */
export class PairTable {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly v: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly mask: number;
  private generation = 1;
  constructor(maxEntries: number) {
    let capacity = 16;
    while (capacity < 2 * maxEntries) capacity *= 2;
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.v = new Int32Array(capacity);
    this.stamp = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }
  clear(): void {
    this.generation++;
  }
  /** The value stored for (x, y), storing `value` first if the pair is new. */
  getOrAdd(x: number, y: number, value: number): number {
    let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca6b)) & this.mask;
    for (;;) {
      if (this.stamp[h] !== this.generation) {
        this.stamp[h] = this.generation;
        this.a[h] = x;
        this.b[h] = y;
        this.v[h] = value;
        return value;
      }
      if (this.a[h] === x && this.b[h] === y) return this.v[h]!;
      h = (h + 1) & this.mask;
    }
  }
}

/** May enhancer/entitlement `e` attach to loan `loan`? (by loan kind, or by explicit id, both ways) */
export function stacksOn(cc: CompiledCatalog, e: number, loan: number): boolean {
  return (cc.stackKinds[e]! & (1 << cc.kindCode[loan]!)) !== 0 || cc.stackIds[e]?.has(loan) === true;
}
