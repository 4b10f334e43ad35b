import {
  type BitmapIndex,
  lowerBound,
  type Segment,
  SLOT_ANY,
  SLOT_ANYN,
  SLOT_RANGE,
  type Slot,
} from './bitmap.ts';
import { type CompiledCatalog, putInPlay, ROLE_ENHANCER, ROLE_ENTITLEMENT, ROLE_LOAN } from './compile.ts';
import type { MatchContext, ScanResult } from './scan.ts';

/**
 * Candidate selection on the bitmap index (bitmap.ts): the same classification as the
 * linear scan (scan.ts), word by word instead of product by product. Per segment the firm
 * can see: hard slots OR into "out of scope", soft slots add into bit-sliced saturating
 * failure counters; matches are in scope with no failure, near misses with one or two,
 * and each near miss gets the unlock keys of its failed rules (SlotKeys below).
 * Results go to cc.scratch in the linear scan's order (nationwide, province, city,
 * district; catalog order within each), except that the near misses with one failed rule
 * come before those with two (SelectResult).
 */

interface SelectScratch {
  /** Soft slots' failure words, slot-major (word w of soft slot t at t × W + w, W the segment's words). */
  fails: Int32Array;
  /** One hard slot's failure words. */
  row: Int32Array;
  hardOut: Int32Array;
  ge1: Int32Array;
  ge2: Int32Array;
  ge3: Int32Array;
  nearWords: Int32Array;
  matchWords: Int32Array;
  /** Slot id → its index among the soft slots (the row of `fails`), −1 for hard ones. */
  softIndex: Int32Array;
}

const scratches = new WeakMap<BitmapIndex, SelectScratch>();

function scratchFor(ix: BitmapIndex): SelectScratch {
  let s = scratches.get(ix);
  if (!s) {
    const w = ix.maxSegmentWords;
    s = {
      fails: new Int32Array(Math.max(1, ix.soft.length) * w),
      row: new Int32Array(w),
      hardOut: new Int32Array(w),
      ge1: new Int32Array(w),
      ge2: new Int32Array(w),
      ge3: new Int32Array(w),
      nearWords: new Int32Array(w),
      matchWords: new Int32Array(w),
      softIndex: new Int32Array(ix.slots.length).fill(-1),
    };
    for (let t = 0; t < ix.soft.length; t++) s.softIndex[ix.soft[t]!] = t;
    scratches.set(ix, s);
  }
  return s;
}

/**
 * Per product (storage index) a row of soft + 1 16-bit entries: the unlock key of the
 * product's op in each soft slot, as key × 2 + 1 when it is a collateral rule accepting
 * mortgage-type collateral (`keyAt[i × (soft + 1) + t]`; 0 where the product has no op in
 * the slot: never read, a near miss fails only slots it has ops in), then the rank of its
 * amount cap (`fundsMax`) among the catalog's distinct caps. A near miss's keys are read
 * from its failed slots without finding its failed ops, and a single-key group's largest
 * cap is kept as a rank, read from the row the key came from instead of from the 8-byte
 * `fundsMax` column (400 KB more streamed per nationwide match). 16 bits an entry: 50k
 * products × 18 is 1.8 MB, about what a compact table (keys only where a product has an
 * op, found by a popcount of the slots below) takes with its per-product offsets, and one
 * load instead of three and a popcount. Worked out once per compiled catalog version (one
 * pass over the ops), when there are at most 31 soft slots, fewer than 32,768 keys and at
 * most 65,536 distinct caps; otherwise the ops are walked.
 */
interface SlotKeys {
  keyAt: Uint16Array;
  /** The distinct amount caps in ascending order (a rank's cap). */
  caps: Float64Array;
}

const EMPTY16 = new Uint16Array(0);

/**
 * The single-key groups of the slot-key path while a selection runs (keys are below
 * 0x8000 there): key → group (−1 none), group → size, group → its largest cap's rank; the
 * sizes and caps are copied to the scratch at the end (a few hundred groups) and the key
 * table left empty. Module constants rather than per catalog (the matcher is synchronous):
 * the compiler then knows where they are, and the singles' loop, which stores into them per
 * near miss, ran ×1.03 faster (selection alone, paired).
 */
const GROUP_OF_KEY = new Int32Array(0x8000).fill(-1);
const GROUP_COUNT = new Int32Array(0x8000);
const GROUP_CAP = new Int32Array(0x8000);
const slotKeysOf = new WeakMap<CompiledCatalog, SlotKeys>();

function slotKeys(cc: CompiledCatalog, softIndex: Int32Array, soft: number): SlotKeys | undefined {
  if (soft > 31 || cc.unlockKeys.length >= 0x8000) return undefined;
  let sk = slotKeysOf.get(cc);
  if (sk) return sk;
  const { hardEnd, ruleEnd, ruleSlot, ruleKey, ruleMortgage, fundsMax } = cc;
  const n = cc.compiled.length;
  const caps = Float64Array.from(new Set(fundsMax.subarray(0, n))).sort();
  if (caps.length > 0x10000) return undefined;
  const R = soft + 1;
  const keyAt = new Uint16Array(n * R);
  for (let i = 0; i < n; i++) {
    for (let r = hardEnd[i]!; r < ruleEnd[i]!; r++) {
      const t = ruleSlot[r]! < softIndex.length ? softIndex[ruleSlot[r]!]! : -1;
      if (t >= 0) keyAt[i * R + t] = ruleKey[r]! * 2 + ruleMortgage[r]!;
    }
    keyAt[i * R + soft] = lowerBoundF(caps, fundsMax[i]!);
  }
  sk = { keyAt, caps };
  slotKeysOf.set(cc, sk);
  return sk;
}

/** The 5-bit slot number held bit-sliced in s0…s4 (bit j of it in s_j) at bit b (see selectSegment). */
function slotAt(s0: number, s1: number, s2: number, s3: number, s4: number, b: number): number {
  return (
    ((s0 >>> b) & 1) |
    (((s1 >>> b) & 1) << 1) |
    (((s2 >>> b) & 1) << 2) |
    (((s3 >>> b) & 1) << 3) |
    (((s4 >>> b) & 1) << 4)
  );
}

/** Set bits of a 32-bit word. */
function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x5555_5555);
  x = (x & 0x3333_3333) + ((x >>> 2) & 0x3333_3333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f_0f0f, 0x0101_0101) >>> 24;
}

/** The first index of ascending `xs` holding a value ≥ v. */
function lowerBoundF(xs: Float64Array, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Writes into out[off, off + W) the positions of words [a, a + W) failing this slot for the context. */
function slotFails(
  slot: Slot,
  ix: BitmapIndex,
  a: number,
  W: number,
  ctx: MatchContext,
  out: Int32Array,
  off: number,
): void {
  const words = ix.words;
  if (slot.type === SLOT_RANGE) {
    const v = ctx.num[slot.feat]!;
    const lo = slot.lo!;
    const hi = slot.hi!;
    // lo side: band edges above v fail ("lo ≥ edge" is cumulative).
    let j = 0;
    const lv = lo.vals;
    while (j < lv.length && !(v < lv[j]!)) j++;
    if (j < lv.length) {
      const base = j * words + a;
      for (let w = 0; w < W; w++) out[off + w] = lo.cum[base + w]!;
    } else out.fill(0, off, off + W);
    // hi side: the largest band edge below v, and every edge below it ("hi ≤ edge").
    const hv = hi.vals;
    let k = hv.length - 1;
    while (k >= 0 && !(v > hv[k]!)) k--;
    if (k >= 0) {
      const base = k * words + a;
      for (let w = 0; w < W; w++) out[off + w]! |= hi.cum[base + w]!;
    }
    const first = a * 32;
    const end = (a + W) * 32;
    for (let p = lowerBound(lo.resPos, first); p < lo.resPos.length && lo.resPos[p]! < end; p++)
      if (v < lo.resVal[p]!) {
        const l = lo.resPos[p]! - first;
        out[off + (l >>> 5)]! |= 1 << (l & 31);
      }
    for (let p = lowerBound(hi.resPos, first); p < hi.resPos.length && hi.resPos[p]! < end; p++)
      if (v > hi.resVal[p]!) {
        const l = hi.resPos[p]! - first;
        out[off + (l >>> 5)]! |= 1 << (l & 31);
      }
    return;
  }
  if (slot.type === SLOT_ANY) {
    const bits = ctx.mask[slot.feat]! & slot.bitsUsed!;
    const has = slot.has;
    for (let w = 0; w < W; w++) out[off + w] = has[a + w]!;
    if (bits === 0) return;
    const maps = slot.bitMaps!;
    for (let b = 0; b < 32; b++) {
      if ((bits & (1 << b)) === 0) continue;
      const base = b * words + a;
      for (let w = 0; w < W; w++) out[off + w]! &= ~maps[base + w]!;
    }
    return;
  }
  // Industry: the firm's interned prefixes select postings.
  const anyOf = slot.type === SLOT_ANYN;
  if (anyOf) for (let w = 0; w < W; w++) out[off + w] = slot.has[a + w]!;
  else out.fill(0, off, off + W);
  const first = a * 32;
  const end = (a + W) * 32;
  for (const id of ctx.industryIds) {
    const list = slot.postings!.get(id);
    if (!list) continue;
    for (let p = lowerBound(list, first); p < list.length && list[p]! < end; p++) {
      const l = list[p]! - first;
      if (anyOf) out[off + (l >>> 5)]! &= ~(1 << (l & 31));
      else out[off + (l >>> 5)]! |= 1 << (l & 31);
    }
  }
}

/**
 * What select adds to the scan's result. The near misses are listed those with one failed
 * rule first, then those with two, each part in scan order (the linear scan lists them all
 * in scan order: near misses k < singleCount have one failed rule, the others two). So the
 * singles are numbered as they are found and the doubles are numbered after them, each in a
 * loop of its own: listing them in one loop cost a mispredicted branch per near miss (one
 * or two failures is a coin toss on a nationwide catalog). Among the singles, the loans
 * failing only on mortgage-type collateral (cc.scratch.mortgageSingles). For the unlock
 * groups: the single-failure near misses grouped by key (groupCount, groupUpTo, groupFirst:
 * `keyGroups` groups) and, per key, how many two-failure near misses it takes part in
 * (keyPairs). Whatever is ordered by scan order downstream (a group's members, the first
 * member that breaks ties between groups) compares two singles or two doubles by k, a
 * single and a double by their place in the scan (ScanOrder in match.ts).
 */
export interface SelectResult extends ScanResult {
  /** Matches that are enhancers (cc.scratch.matchEnhancers) and entitlements (matchEntitlements). */
  enhancerCount: number;
  entitlementCount: number;
  singleCount: number;
  mortgageCount: number;
  keyGroups: number;
  doubleCount: number;
}

/**
 * The bitmap path: the linear scan's classification (scan(cc, ctx)), the near misses with
 * one failed rule before those with two. `walkOps` takes the path of catalogs without slot
 * keys (each near miss's ops walked) on any catalog, for tests.
 */
export function select(cc: CompiledCatalog, ctx: MatchContext, walkOps = false): SelectResult {
  const ix = cc.bitmap;
  const regionCode = ctx.facts.firm.regionCode;
  const keys = ['', regionCode.slice(0, 2), regionCode.slice(0, 4), regionCode.slice(0, 6)];
  const s = scratchFor(ix);
  const sk = walkOps ? undefined : slotKeys(cc, s.softIndex, ix.soft.length);
  const scratch = cc.scratch;
  const words = (cc.compiled.length + 31) >>> 5;
  scratch.matched.fill(0, 0, words);
  scratch.single.fill(0, 0, words);
  const res = {
    candidates: 0,
    matchCount: 0,
    nearCount: 0,
    enhancerCount: 0,
    entitlementCount: 0,
    singleCount: 0,
    mortgageCount: 0,
    keyGroups: 0,
    doubleCount: 0,
  };
  scratch.keyPairs.fill(0, 0, cc.unlockKeys.length);
  const segments: Segment[] = [];
  for (const key of keys) {
    const seg = ix.segments.get(key);
    if (seg && seg.products.length > 0) segments.push(seg);
  }
  // With one segment (every product the firm sees is in one region list: a nationwide
  // catalog) the counters give the number of singles before they are listed, and the
  // doubles are written straight after them; with more, the doubles are listed aside and
  // copied after all the singles.
  const direct = sk !== undefined && segments.length === 1;
  for (const seg of segments) {
    res.candidates += seg.products.length;
    selectSegment(cc, ix, seg.word, seg.products, ctx, s, sk, res, direct);
  }
  const { near, nearKey1, nearKey2, nearFail1, doubleNear, doubleKey1, doubleKey2 } = scratch;
  const one = res.singleCount;
  const d = res.doubleCount;
  if (!direct) {
    near.set(doubleNear.subarray(0, d), one);
    nearKey1.set(doubleKey1.subarray(0, d), one);
    nearKey2.set(doubleKey2.subarray(0, d), one);
  }
  nearKey2.fill(-1, 0, one);
  res.nearCount = one + d;
  // Failed ops are found only when a near miss is explained (failedRules in near-miss.ts).
  nearFail1.fill(-1, 0, one + d);
  const { keyGroup, groupFirst, groupCount, groupUpTo } = scratch;
  // The key table is left empty for the next selection (a group's key is its first member's).
  if (sk)
    for (let g = 0; g < res.keyGroups; g++) {
      groupCount[g] = GROUP_COUNT[g]!;
      groupUpTo[g] = sk.caps[GROUP_CAP[g]!]!;
      GROUP_OF_KEY[nearKey1[groupFirst[g]!]!] = -1;
    }
  else for (let g = 0; g < res.keyGroups; g++) keyGroup[nearKey1[groupFirst[g]!]!] = -1;
  return res;
}

function selectSegment(
  cc: CompiledCatalog,
  ix: BitmapIndex,
  a: number,
  products: Int32Array,
  ctx: MatchContext,
  s: SelectScratch,
  sk: SlotKeys | undefined,
  res: SelectResult,
  direct: boolean,
): void {
  const n = products.length;
  const W = (n + 31) >>> 5;
  const { ge1, ge2, ge3, hardOut, fails, row, nearWords, matchWords } = s;
  ge1.fill(0, 0, W);
  ge2.fill(0, 0, W);
  ge3.fill(0, 0, W);
  hardOut.fill(0, 0, W);
  // Hard slots: out of scope.
  for (let h = 0; h < ix.hard.length; h++) {
    slotFails(ix.slots[ix.hard[h]!]!, ix, a, W, ctx, row, 0);
    for (let w = 0; w < W; w++) hardOut[w]! |= row[w]!;
  }
  // Soft slots: saturating counters of failures (≥1, ≥2, ≥3).
  const soft = ix.soft;
  const S = soft.length;
  for (let t = 0; t < S; t++) {
    const off = t * W;
    slotFails(ix.slots[soft[t]!]!, ix, a, W, ctx, fails, off);
    for (let w = 0; w < W; w++) {
      const f = fails[off + w]!;
      const g1 = ge1[w]!;
      const g2 = ge2[w]!;
      ge3[w]! |= g2 & f;
      ge2[w] = g2 | (g1 & f);
      ge1[w] = g1 | f;
    }
  }
  let singlesHere = 0;
  for (let w = 0; w < W; w++) {
    const valid = w < W - 1 || (n & 31) === 0 ? -1 : (1 << (n & 31)) - 1;
    const alive = valid & ~hardOut[w]!;
    matchWords[w] = alive & ~ge1[w]!;
    nearWords[w] = alive & ge1[w]! & ~ge3[w]!;
    if (direct) singlesHere += popcount(nearWords[w]! & ~ge2[w]!);
  }
  // Each near miss's unlock keys: those of the slots whose failure word holds it (one or
  // two, as the counters say). Its failed ops themselves are found only when it is
  // explained (failedRules in near-miss.ts).
  const role = cc.role;
  const { matches, near, nearKey1, mortgageSingles, matched, single, at } = cc.scratch;
  const { keyPairs, groupFirst } = cc.scratch;
  const keyGroup = GROUP_OF_KEY;
  const groupCount = GROUP_COUNT;
  const groupCap = GROUP_CAP;
  const { matchEnhancers, matchEntitlements } = cc.scratch;
  // Where the doubles go: straight after this segment's singles, or aside (select).
  const doubleNear = direct ? near : cc.scratch.doubleNear;
  const doubleKey1 = direct ? nearKey1 : cc.scratch.doubleKey1;
  const doubleKey2 = direct ? cc.scratch.nearKey2 : cc.scratch.doubleKey2;
  const at2 = direct ? res.singleCount + singlesHere : 0;
  let m = res.matchCount;
  let enh = res.enhancerCount;
  let ent = res.entitlementCount;
  let one = res.singleCount;
  let mortgage = res.mortgageCount;
  let groups = res.keyGroups;
  let d = res.doubleCount;
  const keyAt = sk ? sk.keyAt : EMPTY16;
  const R = S + 1;
  for (let w = 0; w < W; w++) {
    let x = matchWords[w]!;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const i = products[(w << 5) + 31 - Math.clz32(low)]!;
      putInPlay(matched, i);
      at[i] = m;
      matches[m++] = i;
      const r = role[i];
      if (r === ROLE_ENHANCER) matchEnhancers[enh++] = i;
      else if (r === ROLE_ENTITLEMENT) matchEntitlements[ent++] = i;
    }
    x = nearWords[w]!;
    if (x === 0) continue;
    const two = ge2[w]!;
    const base = w << 5;
    if (!sk) {
      res.singleCount = one;
      res.mortgageCount = mortgage;
      res.keyGroups = groups;
      res.doubleCount = d;
      walkWord(cc, products, base, x, two, fails, s.softIndex, W, w, res);
      one = res.singleCount;
      mortgage = res.mortgageCount;
      groups = res.keyGroups;
      d = res.doubleCount;
      continue;
    }
    // Each near miss's first and second failed soft slot, as 5-bit numbers stored
    // bit-sliced: bit b of a_j is bit j of the first failed slot of the near miss at bit b,
    // c_j the same for the second. One pass over the word's failure words, without a loop
    // over each slot's failing bits (writing per-bit slot masks that way cost ~1/5 of the
    // selection: a loop exit mispredicted per slot and word).
    let seen = 0;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    let c4 = 0;
    for (let t = 0, o = w; t < S; t++, o += W) {
      const f = fails[o]! & x;
      const first = f & ~seen;
      const again = f & seen;
      seen |= f;
      if ((t & 1) !== 0) {
        a0 |= first;
        c0 |= again;
      }
      if ((t & 2) !== 0) {
        a1 |= first;
        c1 |= again;
      }
      if ((t & 4) !== 0) {
        a2 |= first;
        c2 |= again;
      }
      if ((t & 8) !== 0) {
        a3 |= first;
        c3 |= again;
      }
      if ((t & 16) !== 0) {
        a4 |= first;
        c4 |= again;
      }
    }
    // The singles: counted into their key's group at once (size, largest cap's rank, first).
    let y = x & ~two;
    while (y !== 0) {
      const low = y & -y;
      y ^= low;
      const b = 31 - Math.clz32(low);
      const i = products[base + b]!;
      const row = i * R;
      const k1 = keyAt[row + slotAt(a0, a1, a2, a3, a4, b)]!;
      const key = k1 >> 1;
      near[one] = i;
      nearKey1[one] = key;
      let g = keyGroup[key]!;
      if (g < 0) {
        g = groups++;
        keyGroup[key] = g;
        groupCount[g] = 0;
        groupCap[g] = 0;
        groupFirst[g] = one;
      }
      groupCount[g]!++;
      const cap = keyAt[row + S]!;
      if (cap > groupCap[g]!) groupCap[g] = cap;
      putInPlay(single, i);
      at[i] = one;
      if ((k1 & 1) === 1 && role[i] === ROLE_LOAN) mortgageSingles[mortgage++] = one;
      one++;
    }
    // The doubles: listed aside with their pair of keys, smaller first.
    y = x & two;
    while (y !== 0) {
      const low = y & -y;
      y ^= low;
      const b = 31 - Math.clz32(low);
      const i = products[base + b]!;
      const row = i * R;
      const k1 = keyAt[row + slotAt(a0, a1, a2, a3, a4, b)]! >> 1;
      const k2 = keyAt[row + slotAt(c0, c1, c2, c3, c4, b)]! >> 1;
      const lo = k1 < k2 ? k1 : k2;
      const hi = k1 < k2 ? k2 : k1;
      doubleNear[at2 + d] = i;
      doubleKey1[at2 + d] = lo;
      doubleKey2[at2 + d] = hi;
      keyPairs[lo]!++;
      if (hi !== lo) keyPairs[hi]!++;
      d++;
    }
  }
  res.matchCount = m;
  res.enhancerCount = enh;
  res.entitlementCount = ent;
  res.singleCount = one;
  res.mortgageCount = mortgage;
  res.keyGroups = groups;
  res.doubleCount = d;
}

/**
 * One word's near misses on a catalog without slot keys: each one's failed soft ops are
 * found by walking its ops (those whose slot's failure word holds it). Same lists as the
 * slot-key path; the counters are read from and left in `res`.
 */
function walkWord(
  cc: CompiledCatalog,
  products: Int32Array,
  base: number,
  x: number,
  two: number,
  fails: Int32Array,
  softIndex: Int32Array,
  W: number,
  w: number,
  res: SelectResult,
): void {
  const { hardEnd, ruleEnd, ruleSlot, ruleKey, ruleMortgage, role, fundsMax } = cc;
  const { near, nearKey1, mortgageSingles, single, at, keyGroup, keyPairs } = cc.scratch;
  const { groupCount, groupUpTo, groupFirst, doubleNear, doubleKey1, doubleKey2 } = cc.scratch;
  // The first soft op from r on whose slot's failure word holds the near miss's bit.
  const failing = (i: number, r: number, low: number): number => {
    const end = ruleEnd[i]!;
    while (r < end && (fails[softIndex[ruleSlot[r]!]! * W + w]! & low) === 0) r++;
    return r;
  };
  let y = x & ~two;
  while (y !== 0) {
    const low = y & -y;
    y ^= low;
    const i = products[base + 31 - Math.clz32(low)]!;
    const r = failing(i, hardEnd[i]!, low);
    const key = ruleKey[r]!;
    const k = res.singleCount++;
    near[k] = i;
    nearKey1[k] = key;
    let g = keyGroup[key]!;
    if (g < 0) {
      g = res.keyGroups++;
      keyGroup[key] = g;
      groupCount[g] = 0;
      groupUpTo[g] = 0;
      groupFirst[g] = k;
    }
    groupCount[g]!++;
    if (fundsMax[i]! > groupUpTo[g]!) groupUpTo[g] = fundsMax[i]!;
    putInPlay(single, i);
    at[i] = k;
    if (ruleMortgage[r] === 1 && role[i] === ROLE_LOAN) mortgageSingles[res.mortgageCount++] = k;
  }
  y = x & two;
  while (y !== 0) {
    const low = y & -y;
    y ^= low;
    const i = products[base + 31 - Math.clz32(low)]!;
    const r1 = failing(i, hardEnd[i]!, low);
    const r2 = failing(i, r1 + 1, low);
    const k1 = ruleKey[r1]!;
    const k2 = ruleKey[r2]!;
    const lo = k1 < k2 ? k1 : k2;
    const hi = k1 < k2 ? k2 : k1;
    const d = res.doubleCount++;
    doubleNear[d] = i;
    doubleKey1[d] = lo;
    doubleKey2[d] = hi;
    keyPairs[lo]!++;
    if (hi !== lo) keyPairs[hi]!++;
  }
}
