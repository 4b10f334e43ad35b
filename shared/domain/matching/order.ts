import {
  type CompiledCatalog,
  PRICE_CAP,
  PRICE_FIXED,
  PRICE_GUARANTEE,
  PRICE_LPR,
  PRICE_NONE,
  PRICE_SUBSIDY,
  ROLE_ENHANCER,
  ROLE_ENTITLEMENT,
  ROLE_EQUITY,
  ROLE_LOAN,
} from './compile.ts';

/**
 * Static orderings for ranking. ScoreBounds.quick bounds the score of a loan at a fixed
 * rate or LPR + spread, and of a guarantee, by its cost points (non-increasing in rate +
 * annual fee), its fit, amount and certainty points. Within one list of products of the
 * same pricing type, fit class (serves any purpose, or names purposes) and certainty
 * points, sorted by the key `rate part + fee` (fixed: rate + fee; LPR: spread + fee;
 * guarantee: fee), the quick bound of every product from place j on is at most the bound
 * of place j's key (listBound), so ranking can walk the lists best first and stop a list
 * as soon as its bound falls below the last kept result. Built once per compiled catalog
 * version (a counting sort over the integer keys).
 *
 * Entitlements shown on their own are priced on a reference loan, so their score depends
 * only on their terms: an LPR cap's cost points do not rise with its cap spread (the key of
 * the cap lists), and subsidies of one pricing class (entClass) all score alike (a list per
 * class with at least SUBSIDY_CLASS_MIN of them, its bound the class's score; smaller
 * classes are offered one by one). Equity scores 25 cost points (no interest), its fit
 * (at most 25), 10 amount points and its certainty points, so an equity list per
 * certainty class is bounded by 60 + its certainty: a debt request's ranking passes
 * over all of it at once (a nationwide catalog has thousands of equity near misses).
 */
export interface RankList {
  /** Products (storage indices), ascending by key. */
  readonly items: Int32Array;
  readonly keys: Int32Array;
  /** PRICE_FIXED, PRICE_LPR (loans), PRICE_GUARANTEE (enhancers), PRICE_CAP or PRICE_SUBSIDY (entitlements; one pricing class per subsidy list, keys all 0), PRICE_NONE (equity, keys all 0). */
  readonly type: number;
  /** The product serves any purpose (fit 15); otherwise it names purposes (fit at most 25). */
  readonly anyPurpose: boolean;
  /** Certainty points of every product in the list. */
  readonly certainty: number;
}

export interface RankOrder {
  readonly lists: readonly RankList[];
  /** Per storage index: 1 when the product is in one of the lists. */
  readonly listed: Uint8Array;
  /** The live products in no list, in storage order: offered one by one. */
  readonly unlisted: Int32Array;
}

const orders = new WeakMap<CompiledCatalog, RankOrder>();
/** Pricing type (fixed, LPR, guarantee, cap) × fit class (2) × certainty (demo, illustrative). */
const LISTS = 32;
const LIST_TYPES = [PRICE_FIXED, PRICE_LPR, PRICE_GUARANTEE, PRICE_CAP];
/** The fewest subsidies of one pricing class that get a list of their own. */
const SUBSIDY_CLASS_MIN = 4;

export function rankOrder(cc: CompiledCatalog): RankOrder {
  let o = orders.get(cc);
  if (!o) {
    o = buildRankOrder(cc);
    orders.set(cc, o);
  }
  return o;
}

function buildRankOrder(cc: CompiledCatalog): RankOrder {
  const n = cc.compiled.length;
  const { live, role, priceType, p1, p2, demo, illustrative, purposeMask } = cc;
  const listed = new Uint8Array(n);
  // Per product: its list (−1 = none) and key.
  const which = new Int8Array(n).fill(-1);
  const keyOf = new Int32Array(n);
  let minKey = Infinity;
  let maxKey = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!live[i]) continue;
    const type = priceType[i]!;
    let t: number;
    if (role[i] === ROLE_LOAN && type === PRICE_FIXED) t = 0;
    else if (role[i] === ROLE_LOAN && type === PRICE_LPR) t = 1;
    else if (role[i] === ROLE_ENHANCER && type === PRICE_GUARANTEE) t = 2;
    else if (role[i] === ROLE_ENTITLEMENT && type === PRICE_CAP) t = 3;
    else continue;
    const a = p1[i]!;
    const b = p2[i]!;
    if (!Number.isInteger(a) || (t !== 3 && (!Number.isInteger(b) || b < 0))) continue;
    const k = t === 2 ? b : t === 3 ? a : a + b;
    which[i] = (t * 2 + (purposeMask[i] === 0 ? 0 : 1)) * 4 + (demo[i] ? 2 : 0) + (illustrative[i] ? 1 : 0);
    keyOf[i] = k;
    listed[i] = 1;
    if (k < minKey) minKey = k;
    if (k > maxKey) maxKey = k;
  }
  const lists: RankList[] = [...subsidyLists(cc, listed), ...equityLists(cc, listed)];
  if (minKey === Infinity) return { lists, listed, unlisted: unlistedOf(cc, listed) };
  // One counting sort by (list, key): the keys are integers in a small range.
  const range = maxKey - minKey + 1;
  const starts = new Int32Array(LISTS * range + 1);
  for (let i = 0; i < n; i++) if (which[i]! >= 0) starts[which[i]! * range + keyOf[i]! - minKey + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const items = new Int32Array(starts[starts.length - 1]!);
  const keys = new Int32Array(items.length);
  const fill = starts.slice();
  for (let i = 0; i < n; i++) {
    if (which[i]! < 0) continue;
    const p = fill[which[i]! * range + keyOf[i]! - minKey]!++;
    items[p] = i;
    keys[p] = keyOf[i]!;
  }
  for (let l = 0; l < LISTS; l++) {
    const from = starts[l * range]!;
    const to = starts[(l + 1) * range]!;
    if (from === to) continue;
    lists.push({
      items: items.subarray(from, to),
      keys: keys.subarray(from, to),
      type: LIST_TYPES[l >> 3]!,
      anyPurpose: ((l >> 2) & 1) === 0,
      certainty: ((l & 2) !== 0 ? 4 : 10) - ((l & 1) !== 0 ? 2 : 0),
    });
  }
  return { lists, listed, unlisted: unlistedOf(cc, listed) };
}

function unlistedOf(cc: CompiledCatalog, listed: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < listed.length; i++) if (cc.live[i] && listed[i] === 0) out.push(i);
  return Int32Array.from(out);
}

/** Equity by certainty class (demo, illustrative), in catalog order. */
function equityLists(cc: CompiledCatalog, listed: Uint8Array): RankList[] {
  const { live, role, demo, illustrative, order } = cc;
  const groups: number[][] = [[], [], [], []];
  for (const i of order) {
    if (!live[i] || role[i] !== ROLE_EQUITY) continue;
    groups[demo[i]! * 2 + illustrative[i]!]!.push(i);
    listed[i] = 1;
  }
  const lists: RankList[] = [];
  groups.forEach((members, g) => {
    if (members.length === 0) return;
    lists.push({
      items: Int32Array.from(members),
      keys: new Int32Array(members.length),
      type: PRICE_NONE,
      anyPurpose: true,
      certainty: ((g & 2) !== 0 ? 4 : 10) - ((g & 1) !== 0 ? 2 : 0),
    });
  });
  return lists;
}

/** Subsidies by pricing class, fit class and certainty, in catalog order: a list per group large enough. */
function subsidyLists(cc: CompiledCatalog, listed: Uint8Array): RankList[] {
  const { live, role, priceType, entClass, demo, illustrative, purposeMask, order } = cc;
  const groups = new Map<number, number[]>();
  for (const i of order) {
    if (!live[i] || role[i] !== ROLE_ENTITLEMENT || priceType[i] !== PRICE_SUBSIDY || entClass[i]! < 0)
      continue;
    const g = ((entClass[i]! * 2 + (purposeMask[i] === 0 ? 0 : 1)) * 2 + demo[i]!) * 2 + illustrative[i]!;
    const members = groups.get(g);
    if (members) members.push(i);
    else groups.set(g, [i]);
  }
  const lists: RankList[] = [];
  for (const members of groups.values()) {
    if (members.length < SUBSIDY_CLASS_MIN) continue;
    const first = members[0]!;
    for (const i of members) listed[i] = 1;
    lists.push({
      items: Int32Array.from(members),
      keys: new Int32Array(members.length),
      type: PRICE_SUBSIDY,
      anyPurpose: purposeMask[first] === 0,
      certainty: (demo[first] ? 4 : 10) - (illustrative[first] ? 2 : 0),
    });
  }
  return lists;
}
