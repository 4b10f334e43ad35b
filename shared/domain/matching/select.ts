import { type BitmapIndex, lowerBound, SLOT_ANY, SLOT_ANYN, SLOT_RANGE, type Slot } from './bitmap.ts';
import { type CompiledCatalog, ROLE_ENHANCER, ROLE_ENTITLEMENT, ROLE_LOAN } from './compile.ts';
import type { MatchContext, ScanResult } from './scan.ts';

/**
 * Candidate selection on the bitmap index (bitmap.ts): the same classification as the
 * linear scan (scan.ts), word by word instead of product by product. Per segment the firm
 * can see: hard slots OR into "out of scope", soft slots add into bit-sliced saturating
 * failure counters; matches are in scope with no failure, near misses with one or two,
 * and each near miss gets the unlock keys of its failed rules (SlotKeys below).
 * Results go to cc.scratch in the linear scan's order (nationwide, province, city,
 * district; catalog order within each), so everything downstream is unchanged.
 */

interface SelectScratch {
  /** Soft slots' failure words, word-major (word w of soft slot t at w × soft + t): a near miss's are adjacent. */
  fails: Int32Array;
  /** One slot's failure words. */
  row: Int32Array;
  hardOut: Int32Array;
  ge1: Int32Array;
  ge2: Int32Array;
  ge3: Int32Array;
  nearWords: Int32Array;
  matchWords: Int32Array;
  /** Slot id → its index among the soft slots (the row of `fails`), −1 for hard ones. */
  softIndex: Int32Array;
  /** Per bit of one word: the soft slots (bit t) it fails. */
  failSlots: Int32Array;
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
      failSlots: new Int32Array(32),
    };
    for (let t = 0; t < ix.soft.length; t++) s.softIndex[ix.soft[t]!] = t;
    scratches.set(ix, s);
  }
  return s;
}

/**
 * Per product (storage index), the unlock keys of its soft ops in the order of their soft
 * slots, each as key × 2 + 1 when it is a collateral rule accepting mortgage-type
 * collateral: the key for soft slot t is keys[start[i] + the number of the product's
 * slots below t] (`mask[i]` has bit t for each soft slot it has an op in). A near miss's
 * keys are read from its failed slots without finding its failed ops. Worked out once per
 * compiled catalog version (one pass over the ops), when there are at most 31 soft slots;
 * with more, the ops are walked instead.
 */
interface SlotKeys {
  mask: Int32Array;
  start: Int32Array;
  keys: Int32Array;
}

const slotKeysOf = new WeakMap<CompiledCatalog, SlotKeys>();

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

function slotKeys(cc: CompiledCatalog, softIndex: Int32Array, soft: number): SlotKeys | undefined {
  if (soft > 31) return undefined;
  let sk = slotKeysOf.get(cc);
  if (sk) return sk;
  const { hardEnd, ruleEnd, ruleSlot, ruleKey, ruleMortgage } = cc;
  const n = cc.compiled.length;
  const mask = new Int32Array(n);
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let r = hardEnd[i]!; r < ruleEnd[i]!; r++) {
      const t = ruleSlot[r]! < softIndex.length ? softIndex[ruleSlot[r]!]! : -1;
      if (t >= 0) m |= 1 << t;
    }
    mask[i] = m;
    start[i + 1] = start[i]! + popcount(m);
  }
  const keys = new Int32Array(start[n]!);
  for (let i = 0; i < n; i++)
    for (let r = hardEnd[i]!; r < ruleEnd[i]!; r++) {
      const t = ruleSlot[r]! < softIndex.length ? softIndex[ruleSlot[r]!]! : -1;
      if (t >= 0) keys[start[i]! + popcount(mask[i]! & ((1 << t) - 1))] = ruleKey[r]! * 2 + ruleMortgage[r]!;
    }
  sk = { mask, start, keys };
  slotKeysOf.set(cc, sk);
  return sk;
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
 * What select adds to the scan's result: the near misses with one failed rule (listed in
 * cc.scratch.singles) and, among them, the loans failing only on mortgage-type collateral
 * (cc.scratch.mortgageSingles), so the matcher never walks all near misses for them; and,
 * for the unlock groups, the single-failure near misses grouped by key (groupCount,
 * groupUpTo, groupFirst: `keyGroups` groups) and the two-failure ones listed
 * (cc.scratch.doubles) with, per key, how many of them it takes part in (keyPairs).
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

/** The bitmap path: same results, same order as scan(cc, ctx). */
export function select(cc: CompiledCatalog, ctx: MatchContext): SelectResult {
  const ix = cc.bitmap;
  const regionCode = ctx.facts.firm.regionCode;
  const keys = ['', regionCode.slice(0, 2), regionCode.slice(0, 4), regionCode.slice(0, 6)];
  const s = scratchFor(ix);
  const sk = slotKeys(cc, s.softIndex, ix.soft.length);
  const scratch = cc.scratch;
  scratch.mark += 2;
  if (scratch.mark >= 0x3fff_fff0) {
    scratch.stamp.fill(0);
    scratch.mark = 2;
  }
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
  for (const key of keys) {
    const seg = ix.segments.get(key);
    if (!seg || seg.products.length === 0) continue;
    res.candidates += seg.products.length;
    selectSegment(cc, ix, seg.word, seg.products, ctx, s, sk, res);
  }
  // The key table is left empty for the next selection (a group's key is its first member's).
  const { keyGroup, groupFirst, nearKey1 } = scratch;
  for (let g = 0; g < res.keyGroups; g++) keyGroup[nearKey1[groupFirst[g]!]!] = -1;
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
    slotFails(ix.slots[soft[t]!]!, ix, a, W, ctx, row, 0);
    for (let w = 0; w < W; w++) {
      const f = row[w]!;
      fails[w * S + t] = f;
      const g1 = ge1[w]!;
      const g2 = ge2[w]!;
      ge3[w]! |= g2 & f;
      ge2[w] = g2 | (g1 & f);
      ge1[w] = g1 | f;
    }
  }
  for (let w = 0; w < W; w++) {
    const valid = w < W - 1 || (n & 31) === 0 ? -1 : (1 << (n & 31)) - 1;
    const alive = valid & ~hardOut[w]!;
    matchWords[w] = alive & ~ge1[w]!;
    nearWords[w] = alive & ge1[w]! & ~ge3[w]!;
  }
  // Each near miss's unlock keys: those of the slots whose failure word holds it (one or
  // two, as the counters say). Its failed ops themselves are found only when it is
  // explained (failedRules in near-miss.ts).
  const { role, hardEnd, ruleEnd, ruleSlot, ruleKey, ruleMortgage, fundsMax } = cc;
  const { failSlots, softIndex } = s;
  const { matches, near, nearFail1, nearKey1, nearKey2, singles, mortgageSingles, stamp, at, mark } =
    cc.scratch;
  const { keyGroup, keyPairs, doubles, groupCount, groupUpTo, groupFirst } = cc.scratch;
  const { matchEnhancers, matchEntitlements } = cc.scratch;
  let m = res.matchCount;
  let enh = res.enhancerCount;
  let ent = res.entitlementCount;
  let k = res.nearCount;
  let one = res.singleCount;
  let mortgage = res.mortgageCount;
  let groups = res.keyGroups;
  let d = res.doubleCount;
  for (let w = 0; w < W; w++) {
    let x = matchWords[w]!;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const i = products[(w << 5) + 31 - Math.clz32(low)]!;
      stamp[i] = mark;
      at[i] = m;
      matches[m++] = i;
      const r = role[i];
      if (r === ROLE_ENHANCER) matchEnhancers[enh++] = i;
      else if (r === ROLE_ENTITLEMENT) matchEntitlements[ent++] = i;
    }
    x = nearWords[w]!;
    if (x === 0) continue;
    const base = w * S;
    if (sk)
      for (let t = 0; t < S; t++) {
        let f = fails[base + t]! & x;
        while (f !== 0) {
          const low = f & -f;
          f ^= low;
          failSlots[31 - Math.clz32(low)]! |= 1 << t;
        }
      }
    const two = ge2[w]!;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const b = 31 - Math.clz32(low);
      const i = products[(w << 5) + b]!;
      near[k] = i;
      nearFail1[k] = -1;
      let k1: number;
      let k2 = -1;
      if (sk) {
        const f = failSlots[b]!;
        failSlots[b] = 0;
        const has = sk.mask[i]!;
        const st = sk.start[i]!;
        const t1 = 31 - Math.clz32(f & -f);
        k1 = sk.keys[st + popcount(has & ((1 << t1) - 1))]!;
        if ((two & low) !== 0) {
          const rest = f & (f - 1);
          const t2 = 31 - Math.clz32(rest & -rest);
          k2 = sk.keys[st + popcount(has & ((1 << t2) - 1))]!;
        }
      } else {
        // Its soft ops whose slot's failure word holds it.
        const end = ruleEnd[i]!;
        let r = hardEnd[i]!;
        while (r < end && (fails[base + softIndex[ruleSlot[r]!]!]! & low) === 0) r++;
        k1 = ruleKey[r]! * 2 + ruleMortgage[r]!;
        if ((two & low) !== 0) {
          r++;
          while (r < end && (fails[base + softIndex[ruleSlot[r]!]!]! & low) === 0) r++;
          k2 = ruleKey[r]! * 2 + ruleMortgage[r]!;
        }
      }
      if (k2 >= 0) {
        // Two failed slots: the pair of keys, smaller first.
        const a = (k1 < k2 ? k1 : k2) >> 1;
        const b = (k1 < k2 ? k2 : k1) >> 1;
        nearKey1[k] = a;
        nearKey2[k] = b;
        keyPairs[a]!++;
        if (b !== a) keyPairs[b]!++;
        doubles[d++] = k;
      } else {
        const key = k1 >> 1;
        nearKey1[k] = key;
        nearKey2[k] = -1;
        let g = keyGroup[key]!;
        if (g < 0) {
          g = groups++;
          keyGroup[key] = g;
          groupCount[g] = 0;
          groupUpTo[g] = 0;
          groupFirst[g] = k;
        }
        groupCount[g]!++;
        if (fundsMax[i]! > groupUpTo[g]!) groupUpTo[g] = fundsMax[i]!;
        singles[one++] = k;
        stamp[i] = mark + 1;
        at[i] = k;
        if ((k1 & 1) === 1 && role[i] === ROLE_LOAN) mortgageSingles[mortgage++] = k;
      }
      k++;
    }
  }
  res.matchCount = m;
  res.enhancerCount = enh;
  res.entitlementCount = ent;
  res.nearCount = k;
  res.singleCount = one;
  res.mortgageCount = mortgage;
  res.keyGroups = groups;
  res.doubleCount = d;
}
