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
  /** Products in the catalog (retired ones excluded). */
  readonly size: number;
  /** Every product by storage index; a retired one stays as a tombstone (live[i] = 0). */
  readonly compiled: readonly CompiledProduct[];
  readonly live: Uint8Array;
  /** Storage indices in catalog order (live only), and each product's place in it (−1 retired). */
  readonly order: Int32Array;
  readonly seq: Int32Array;
  /** Catalog order is id order (as the store lists products): a publish keeps it so. */
  readonly idOrdered: boolean;
  readonly numbering: Numbering;
  /** Products naming explicit stacking partners (stacksWith). */
  readonly stackers: Int32Array;
  /** Whether the next publish may append to this version's columns in place (only one may). */
  readonly tail: { open: boolean };
  readonly opCount: number;
  readonly pairCount: number;
  readonly prefCount: number;
  readonly indexById: IdIndex;
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
  /** Per op: its bitmap-index slot. */
  readonly ruleSlot: Int32Array;
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
  /** 1 where stackIds holds a set: what hot loops read (a byte per product, not a sparse array of 8-byte slots). */
  readonly stacksById: Uint8Array;
  /** Entitlements that are interchangeable for pricing (same terms and stacking) share a class; −1 = none. */
  readonly entClass: Int32Array;
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
    /** The selection's matches that are enhancers, and those that are entitlements (in scan order). */
    matchEnhancers: Int32Array;
    matchEntitlements: Int32Array;
    near: Int32Array;
    /** Failed ops of each near miss (nearFail2 −1 when one): the linear scan fills them; the selection leaves nearFail1 −1 until failedRules (near-miss.ts) finds them. */
    nearFail1: Int32Array;
    nearFail2: Int32Array;
    /** The selection's near misses (one failed rule first, then two): unlock keys of the failed rules, smaller first (nearKey2 −1 when one). */
    nearKey1: Int32Array;
    nearKey2: Int32Array;
    /** The selection's near misses with one failed rule (k < singleCount) that are loans failing only on mortgage-type collateral. */
    mortgageSingles: Int32Array;
    score: Float64Array;
    eff: Float64Array;
    nearScore: Float64Array;
    nearEff: Float64Array;
    /** Unlock grouping: group of each single key while the selection runs (−1 = none). */
    keyGroup: Int32Array;
    /** Unlock grouping: per key, the two-failure near misses it takes part in. */
    keyPairs: Int32Array;
    /** The selection's two-failure near misses as it finds them (product, keys), before they go after the singles. */
    doubleNear: Int32Array;
    doubleKey1: Int32Array;
    doubleKey2: Int32Array;
    groupCount: Int32Array;
    groupUpTo: Float64Array;
    groupFirst: Int32Array;
    pairGroups: PairTable;
    /**
     * What the last selection put in play, a bit per storage index (bit i & 31 of word
     * i >> 5): `matched` for a match (at[i] its index in matches), `single` for a near miss
     * with one failed rule (at[i] its index in near). Bits rather than a stamp per product:
     * the ranking's walk tests thousands of products, mostly not in play, and 6 KB per 50k
     * products stays in the first-level cache. Each selection clears them.
     */
    matched: Int32Array;
    single: Int32Array;
    at: Int32Array;
  };
}

/** Is product i in the selection's bit set (cc.scratch.matched or .single)? */
export function inPlay(bits: Int32Array, i: number): boolean {
  return (bits[i >> 5]! & (1 << (i & 31))) !== 0;
}

/** Puts product i in a selection bit set. */
export function putInPlay(bits: Int32Array, i: number): void {
  bits[i >> 5]! |= 1 << (i & 31);
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

/** Each product's rank in id order. */
export function idRanks(products: readonly { id: string }[]): Int32Array {
  const order = products.map((_, i) => i).sort((a, b) => (products[a]!.id < products[b]!.id ? -1 : 1));
  const rank = new Int32Array(products.length);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  return rank;
}

/** What the compiler numbers as it goes; a publish continues the numbering on copies. */
export interface Numbering {
  interner: PrefixInterner;
  /** Unlock keys → ids (ruleKey). */
  keyIds: Map<string, number>;
  /** Entitlement pricing classes → ids (entClass). */
  entClassIds: Map<string, number>;
  /** Index slots → ids (ruleSlot): (hard/soft, op, feature, occurrence within the product). */
  slotIds: Map<string, number>;
}

/** The typed-array columns: per product, per op, per pair and per preference entry. */
export interface Columns {
  ruleStart: Int32Array;
  ruleEnd: Int32Array;
  hardEnd: Int32Array;
  role: Uint8Array;
  priceType: Uint8Array;
  p1: Float64Array;
  p2: Float64Array;
  kindCode: Uint8Array;
  stackKinds: Int32Array;
  entClass: Int32Array;
  doubleNeed: Int32Array;
  alreadySubsidised: Uint8Array;
  replacesCollateral: Uint8Array;
  demo: Uint8Array;
  illustrative: Uint8Array;
  purposeMask: Int32Array;
  amountMax: Float64Array;
  fundsMax: Float64Array;
  prefStart: Int32Array;
  prefEnd: Int32Array;
  op: Uint8Array;
  feat: Uint16Array;
  lo: Float64Array;
  hi: Float64Array;
  mask: Int32Array;
  ruleSpec: Int32Array;
  ruleKey: Int32Array;
  ruleMortgage: Uint8Array;
  /** Per op: its bitmap-index slot (see bitmap.ts). */
  ruleSlot: Int32Array;
  /** Per op + 1: where its (word, mask) pairs start. */
  pairStart: Int32Array;
  pairs: Int32Array;
  prefIds: Int32Array;
  prefLens: Int32Array;
  /** How much of the op, pair and preference columns is written. */
  opCount: number;
  pairCount: number;
  prefCount: number;
}

type TypedArray = Int32Array | Uint8Array | Uint16Array | Float64Array;

/** `a` itself when `inPlace` and it holds n, else a copy with room for n and a quarter more. */
function resized<T extends TypedArray>(a: T, n: number, inPlace = false): T {
  if (inPlace && a.length >= n) return a;
  const out = new (a.constructor as new (n: number) => T)(inPlace ? Math.ceil(n * 1.25) + 16 : n);
  out.set(a.subarray(0, Math.min(a.length, n)) as never);
  return out;
}

/**
 * The columns with room for `products` products, `ops` ops, `pairs` pair ints and `prefs`
 * preferences. Copies, except with `append` (per-product columns) / `appendOps` (op, pair and
 * preference columns): then arrays with room are written past their used part in place,
 * which the catalog they belong to never reads (publish.ts decides when that is safe).
 */
export function resizedColumns(
  c: Columns,
  products: number,
  ops: number,
  pairs: number,
  prefs: number,
  append = false,
  appendOps = false,
): Columns {
  const perProduct = (a: TypedArray) => resized(a, products, append);
  const perOp = (a: TypedArray) => resized(a, ops, appendOps);
  return {
    ruleStart: perProduct(c.ruleStart) as Int32Array,
    ruleEnd: perProduct(c.ruleEnd) as Int32Array,
    hardEnd: perProduct(c.hardEnd) as Int32Array,
    role: perProduct(c.role) as Uint8Array,
    priceType: perProduct(c.priceType) as Uint8Array,
    p1: perProduct(c.p1) as Float64Array,
    p2: perProduct(c.p2) as Float64Array,
    kindCode: perProduct(c.kindCode) as Uint8Array,
    stackKinds: perProduct(c.stackKinds) as Int32Array,
    entClass: perProduct(c.entClass) as Int32Array,
    doubleNeed: perProduct(c.doubleNeed) as Int32Array,
    alreadySubsidised: perProduct(c.alreadySubsidised) as Uint8Array,
    replacesCollateral: perProduct(c.replacesCollateral) as Uint8Array,
    demo: perProduct(c.demo) as Uint8Array,
    illustrative: perProduct(c.illustrative) as Uint8Array,
    purposeMask: perProduct(c.purposeMask) as Int32Array,
    amountMax: perProduct(c.amountMax) as Float64Array,
    fundsMax: perProduct(c.fundsMax) as Float64Array,
    prefStart: perProduct(c.prefStart) as Int32Array,
    prefEnd: perProduct(c.prefEnd) as Int32Array,
    op: perOp(c.op) as Uint8Array,
    feat: perOp(c.feat) as Uint16Array,
    lo: perOp(c.lo) as Float64Array,
    hi: perOp(c.hi) as Float64Array,
    mask: perOp(c.mask) as Int32Array,
    ruleSpec: perOp(c.ruleSpec) as Int32Array,
    ruleKey: perOp(c.ruleKey) as Int32Array,
    ruleMortgage: perOp(c.ruleMortgage) as Uint8Array,
    ruleSlot: perOp(c.ruleSlot) as Int32Array,
    pairStart: resized(c.pairStart, ops + 1, appendOps),
    pairs: resized(c.pairs, pairs, appendOps),
    prefIds: resized(c.prefIds, prefs, appendOps),
    prefLens: resized(c.prefLens, prefs, appendOps),
    opCount: c.opCount,
    pairCount: c.pairCount,
    prefCount: c.prefCount,
  };
}

const NO_COLUMNS: Columns = resizedColumns(
  {
    ...Object.fromEntries(
      (
        [
          'ruleStart',
          'ruleEnd',
          'hardEnd',
          'stackKinds',
          'entClass',
          'doubleNeed',
          'purposeMask',
          'prefStart',
          'prefEnd',
          'mask',
          'ruleSpec',
          'ruleKey',
          'ruleSlot',
          'pairStart',
          'pairs',
          'prefIds',
          'prefLens',
        ] as const
      ).map((k) => [k, new Int32Array(0)]),
    ),
    ...Object.fromEntries(
      (
        [
          'role',
          'priceType',
          'kindCode',
          'alreadySubsidised',
          'replacesCollateral',
          'demo',
          'illustrative',
          'op',
          'ruleMortgage',
        ] as const
      ).map((k) => [k, new Uint8Array(0)]),
    ),
    ...Object.fromEntries(
      (['p1', 'p2', 'amountMax', 'fundsMax', 'lo', 'hi'] as const).map((k) => [k, new Float64Array(0)]),
    ),
    feat: new Uint16Array(0),
    opCount: 0,
    pairCount: 0,
    prefCount: 0,
  } as Columns,
  0,
  0,
  0,
  0,
);

/** Ops, pair ints and preferences a compiled product needs in the columns. */
export function columnNeeds(c: CompiledProduct): { ops: number; pairs: number; prefs: number } {
  let pairs = 0;
  for (const o of c.hard) pairs += o.pairs.length;
  for (const o of c.soft) pairs += o.pairs.length;
  return {
    ops: c.hard.length + c.soft.length,
    pairs,
    prefs: c.product.preferences?.industryPrefixes.length ?? 0,
  };
}

function numbered(ids: Map<string, number>, key: string): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  return id;
}

/** Writes product i's columns; its ops, pairs and preferences go after what is written. */
export function writeProduct(cols: Columns, i: number, c: CompiledProduct, n: Numbering): void {
  const p = c.product;
  let r = cols.opCount;
  cols.ruleStart[i] = r;
  cols.hardEnd[i] = r + c.hard.length;
  const seen = new Map<string, number>();
  for (const o of [...c.hard, ...c.soft]) {
    // Slot: the product's first, second… op of this (hard/soft, op, feature).
    const slot = `${r < cols.hardEnd[i]! ? 'h' : 's'}${o.op}:${o.feat}`;
    const occurrence = seen.get(slot) ?? 0;
    seen.set(slot, occurrence + 1);
    cols.ruleSlot[r] = numbered(n.slotIds, `${slot}:${occurrence}`);
    cols.op[r] = o.op;
    cols.feat[r] = o.feat;
    cols.lo[r] = o.lo;
    cols.hi[r] = o.hi;
    cols.mask[r] = o.mask;
    cols.pairStart[r] = cols.pairCount;
    for (const v of o.pairs) cols.pairs[cols.pairCount++] = v;
    cols.ruleSpec[r] = o.spec;
    const spec = c.specs[o.spec]!;
    cols.ruleMortgage[r] =
      spec.rule === 'collateral' && spec.accepted.some((x) => MORTGAGE_COLLATERAL.has(x)) ? 1 : 0;
    cols.ruleKey[r] = numbered(n.keyIds, o.key);
    r++;
  }
  cols.ruleEnd[i] = r;
  cols.opCount = r;
  cols.pairStart[r] = cols.pairCount;

  cols.role[i] = ROLE_CODES[c.role];
  const [type, a, b] = priceColumns(p);
  cols.priceType[i] = type;
  cols.p1[i] = a;
  cols.p2[i] = b;
  cols.kindCode[i] = PRODUCT_KINDS.indexOf(p.kind);
  cols.stackKinds[i] = p.stacksOnKinds.reduce((m, k) => m | (1 << PRODUCT_KINDS.indexOf(k)), 0);
  const nds = c.noDoubleSubsidy;
  cols.doubleNeed[i] =
    c.role !== 'entitlement' || p.pricing.type !== 'interest_subsidy'
      ? DOUBLE_FREE
      : !nds
        ? DOUBLE_FREE
        : nds.exceptTier
          ? certNeedBits({ rule: 'tier_at_least', tier: nds.exceptTier, level: nds.exceptLevel })
          : DOUBLE_NEVER;
  cols.entClass[i] =
    c.role === 'entitlement' && type === PRICE_SUBSIDY
      ? numbered(n.entClassIds, `${cols.stackKinds[i]}|${cols.doubleNeed[i]}|${a}|${b}`)
      : -1;
  cols.alreadySubsidised[i] = p.alreadySubsidised ? 1 : 0;
  cols.replacesCollateral[i] = p.replacesCollateral ? 1 : 0;
  cols.demo[i] = p.demo ? 1 : 0;
  cols.illustrative[i] = p.illustrativeFigures.length ? 1 : 0;
  let purpose = 0;
  for (const s of c.specs) if (s.rule === 'purpose') purpose |= purposeBits(s.anyOf);
  cols.purposeMask[i] = purpose;
  const amountSpec = c.specs.find((s) => s.rule === 'amount');
  const max =
    amountSpec?.rule === 'amount' && amountSpec.maxYuan !== undefined ? amountSpec.maxYuan : Infinity;
  cols.amountMax[i] = max;
  cols.fundsMax[i] =
    max !== Infinity && (cols.role[i] === ROLE_LOAN || cols.role[i] === ROLE_EQUITY) ? max : 0;
  // Preferences are interned too, so scoring tests them as integers.
  cols.prefStart[i] = cols.prefCount;
  for (const prefix of p.preferences?.industryPrefixes ?? []) {
    cols.prefIds[cols.prefCount] = n.interner.intern(prefix);
    cols.prefLens[cols.prefCount] = prefix.length;
    cols.prefCount++;
  }
  cols.prefEnd[i] = cols.prefCount;
}

/** Explicit stacking partners (`stacksWith`, both ways) among the live products; `stackers` list those naming some. */
function stackPartners(
  compiled: readonly CompiledProduct[],
  stackers: Int32Array,
  live: Uint8Array,
  indexById: IdIndex,
): (Set<number> | undefined)[] {
  const sets: (Set<number> | undefined)[] = new Array(compiled.length).fill(undefined);
  const link = (a: number, b: number) => {
    let s = sets[a];
    if (!s) {
      s = new Set();
      sets[a] = s;
    }
    s.add(b);
  };
  for (const i of stackers) {
    if (!live[i]) continue;
    for (const id of compiled[i]!.product.stacksWith) {
      const j = indexById.get(id);
      if (j !== undefined) {
        link(i, j);
        link(j, i);
      }
    }
  }
  return sets;
}

/** The region lists the index is built from: nationwide first, then per prefix, each in catalog order. */
function regionLists(compiled: readonly CompiledProduct[], order: Int32Array): Map<string, number[]> {
  const lists = new Map<string, number[]>([['', []]]);
  for (const i of order) {
    const c = compiled[i]!;
    if (c.product.status !== 'active') continue;
    for (const prefix of c.region) {
      const list = lists.get(prefix);
      if (list) list.push(i);
      else lists.set(prefix, [i]);
    }
  }
  return lists;
}

/** Everything a compiled catalog is made of, before the derived parts (stacking, scratch). */
export interface CatalogParts {
  cols: Columns;
  compiled: CompiledProduct[];
  live: Uint8Array;
  order: Int32Array;
  indexById: IdIndex;
  idRank: Int32Array;
  numbering: Numbering;
  bitmap: BitmapIndex;
  /** Products naming explicit stacking partners. */
  stackers: Int32Array;
  idOrdered: boolean;
  /** Scratch of an earlier version, kept when it still fits. */
  scratch?: CompiledCatalog['scratch'];
  institutions: ReadonlyMap<string, Institution>;
  benefits: CompiledCatalog['benefits'];
  pricing: PricingConfig;
}

/** The compiled catalog from its parts: stacking partners, mask layout and scratch buffers derived. */
export function assembleCatalog(parts: CatalogParts): CompiledCatalog {
  const { cols, compiled, live, order, numbering } = parts;
  const slots = compiled.length;
  const stackIds = stackPartners(compiled, parts.stackers, live, parts.indexById);
  const { interner, keyIds } = numbering;
  const seq = new Int32Array(slots).fill(-1);
  order.forEach((i, k) => {
    seq[i] = k;
  });
  return {
    ...cols,
    size: order.length,
    compiled,
    live,
    order,
    seq,
    indexById: parts.indexById,
    idRank: parts.idRank,
    idOrdered: parts.idOrdered,
    stackers: parts.stackers,
    tail: { open: true },
    institutions: parts.institutions,
    benefits: parts.benefits,
    pricing: parts.pricing,
    numbering,
    interner,
    maskWords: W_INDUSTRY + Math.ceil(interner.size / 32) + 1,
    bitmap: parts.bitmap,
    unlockKeys: [...keyIds.keys()],
    stackIds,
    stacksById: Uint8Array.from(stackIds, (ids) => (ids ? 1 : 0)),
    scratch: scratchFits(parts.scratch, slots, keyIds.size) ?? {
      matches: new Int32Array(slots),
      matchEnhancers: new Int32Array(slots),
      matchEntitlements: new Int32Array(slots),
      near: new Int32Array(slots),
      nearFail1: new Int32Array(slots),
      nearFail2: new Int32Array(slots),
      nearKey1: new Int32Array(slots),
      nearKey2: new Int32Array(slots),
      mortgageSingles: new Int32Array(slots),
      score: new Float64Array(slots),
      eff: new Float64Array(slots),
      nearScore: new Float64Array(slots),
      nearEff: new Float64Array(slots),
      keyGroup: new Int32Array(keyIds.size).fill(-1),
      keyPairs: new Int32Array(keyIds.size),
      doubleNear: new Int32Array(slots),
      doubleKey1: new Int32Array(slots),
      doubleKey2: new Int32Array(slots),
      groupCount: new Int32Array(slots),
      groupUpTo: new Float64Array(slots),
      groupFirst: new Int32Array(slots),
      pairGroups: new PairTable(slots),
      matched: new Int32Array((slots + 31) >>> 5),
      single: new Int32Array((slots + 31) >>> 5),
      at: new Int32Array(slots),
    },
  };
}

function scratchFits(
  scratch: CompiledCatalog['scratch'] | undefined,
  slots: number,
  keys: number,
): CompiledCatalog['scratch'] | undefined {
  return scratch && scratch.matches.length >= slots && scratch.keyGroup.length >= keys ? scratch : undefined;
}

function isIdOrdered(compiled: readonly CompiledProduct[], order: Int32Array): boolean {
  for (let k = 1; k < order.length; k++)
    if (!(compiled[order[k - 1]!]!.product.id < compiled[order[k]!]!.product.id)) return false;
  return true;
}

/** Compiles a validated catalog once (at cold start; later changes are published into it, see publish.ts). */
export function compileCatalog(catalog: Catalog): CompiledCatalog {
  const numbering: Numbering = {
    interner: new PrefixInterner(),
    keyIds: new Map(),
    entClassIds: new Map(),
    slotIds: new Map(),
  };
  const products = catalog.products;
  const size = products.length;
  const compiled = products.map((p) => compileProduct(p, numbering.interner));
  let ops = 0;
  let pairs = 0;
  let prefs = 0;
  for (const c of compiled) {
    const need = columnNeeds(c);
    ops += need.ops;
    pairs += need.pairs;
    prefs += need.prefs;
  }
  const cols = resizedColumns(NO_COLUMNS, size, ops, pairs, prefs);
  compiled.forEach((c, i) => {
    writeProduct(cols, i, c, numbering);
  });
  const order = Int32Array.from(compiled.keys());
  return assembleCatalog({
    cols,
    compiled,
    live: new Uint8Array(size).fill(1),
    order,
    indexById: new IdIndex(new Map(products.map((p, i) => [p.id, i]))),
    idRank: idRanks(products),
    numbering,
    bitmap: buildBitmapIndex(cols, regionLists(compiled, order)),
    stackers: Int32Array.from(compiled.flatMap((c, i) => (c.product.stacksWith.length ? [i] : []))),
    idOrdered: isIdOrdered(compiled, order),
    institutions: new Map(catalog.institutions.map((x) => [x.id, x])),
    benefits: catalog.benefits.map((benefit) => ({ benefit, specs: benefitSpecs(benefit) })),
    pricing: catalog.pricing,
  });
}

/**
 * Product id → storage index. A publish edits a copy that layers its changes over the
 * previous version's map (flattened once the layer grows), so no version copies 50k ids.
 */
export class IdIndex {
  constructor(
    private readonly base: ReadonlyMap<string, number>,
    private readonly delta: Map<string, number> = new Map(),
  ) {}
  get(id: string): number | undefined {
    const d = this.delta.get(id);
    if (d !== undefined) return d < 0 ? undefined : d;
    return this.base.get(id);
  }
  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
  /** An editable copy (this one is left as it is). */
  edit(): IdIndex {
    if (this.delta.size < 4096) return new IdIndex(this.base, new Map(this.delta));
    const flat = new Map(this.base);
    for (const [id, i] of this.delta) {
      if (i < 0) flat.delete(id);
      else flat.set(id, i);
    }
    return new IdIndex(flat);
  }
  set(id: string, i: number): void {
    this.delta.set(id, i);
  }
  delete(id: string): void {
    this.delta.set(id, -1);
  }
}

/**
 * An allocation-free hash map from a pair of small non-negative ints to an int, for
 * grouping near misses by their two failed rules. Open addressing over one typed array
 * (stamp, x, y, value per entry: one cache line per probe); clear() is O(1) by bumping a
 * generation stamp. The part in use starts small and doubles (re-inserting what it holds)
 * when half full, so it stays about as small as the distinct pairs of a request: a few
 * thousand pairs among tens of thousands of near misses stay in cache.
 */
export class PairTable {
  private readonly cells: Int32Array;
  private readonly capacity: number;
  private used = 0;
  private mask = 0;
  private shift = 0;
  private count = 0;
  private generation = 1;
  constructor(maxEntries: number) {
    let capacity = 16;
    while (capacity < 2 * maxEntries) capacity *= 2;
    this.capacity = capacity;
    this.cells = new Int32Array(capacity * 4);
    this.size(Math.min(capacity, 1024));
  }
  private size(used: number): void {
    this.used = used;
    this.mask = used - 1;
    this.shift = 32 - Math.log2(used);
  }
  /** Empties the table (keeping the size the last request grew it to). */
  clear(): void {
    this.generation++;
    this.count = 0;
  }
  /** The value stored for (x, y), storing `value` first if the pair is new. */
  getOrAdd(x: number, y: number, value: number): number {
    const cells = this.cells;
    // Multiplicative hashing: the high bits of the product mix every bit of both keys.
    let h = Math.imul(Math.imul(x, 0x9e3779b1) ^ y, 0x85ebca6b) >>> this.shift;
    for (;;) {
      const c = h << 2;
      if (cells[c] !== this.generation) {
        if (2 * (this.count + 1) > this.used && this.used < this.capacity) {
          this.grow();
          return this.getOrAdd(x, y, value);
        }
        cells[c] = this.generation;
        cells[c + 1] = x;
        cells[c + 2] = y;
        cells[c + 3] = value;
        this.count++;
        return value;
      }
      if (cells[c + 1] === x && cells[c + 2] === y) return cells[c + 3]!;
      h = (h + 1) & this.mask;
    }
  }
  /** Doubles the part in use and re-inserts its entries under a new stamp. */
  private grow(): void {
    const cells = this.cells;
    const held = new Int32Array(this.count * 3);
    let n = 0;
    for (let e = 0; e < this.used; e++) {
      const c = e << 2;
      if (cells[c] !== this.generation) continue;
      held[n++] = cells[c + 1]!;
      held[n++] = cells[c + 2]!;
      held[n++] = cells[c + 3]!;
    }
    this.generation++;
    this.count = 0;
    this.size(this.used * 2);
    for (let j = 0; j < n; j += 3) this.getOrAdd(held[j]!, held[j + 1]!, held[j + 2]!);
  }
}

/** May enhancer/entitlement `e` attach to loan `loan`? (by loan kind, or by explicit id, both ways) */
export function stacksOn(cc: CompiledCatalog, e: number, loan: number): boolean {
  return (
    (cc.stackKinds[e]! & (1 << cc.kindCode[loan]!)) !== 0 ||
    (cc.stacksById[e] === 1 && cc.stackIds[e]!.has(loan))
  );
}
