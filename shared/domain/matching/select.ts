import { type BitmapIndex, lowerBound, SLOT_ANY, SLOT_ANYN, SLOT_RANGE, type Slot } from './bitmap.ts';
import { type CompiledCatalog, ROLE_LOAN } from './compile.ts';
import type { MatchContext, ScanResult } from './scan.ts';

/**
 * Candidate selection on the bitmap index (bitmap.ts): the same classification as the
 * linear scan (scan.ts), word by word instead of product by product. Per segment the firm
 * can see: hard slots OR into "out of scope", soft slots add into bit-sliced saturating
 * failure counters; matches are in scope with no failure, near misses with one or two,
 * and each near miss gets its failed ops (in op order) from the slots' failure bitmaps.
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
 * (cc.scratch.mortgageSingles), so the matcher never walks all near misses for them.
 */
export interface SelectResult extends ScanResult {
  singleCount: number;
  mortgageCount: number;
}

/** The bitmap path: same results, same order as scan(cc, ctx). */
export function select(cc: CompiledCatalog, ctx: MatchContext): SelectResult {
  const ix = cc.bitmap;
  const regionCode = ctx.facts.firm.regionCode;
  const keys = ['', regionCode.slice(0, 2), regionCode.slice(0, 4), regionCode.slice(0, 6)];
  const s = scratchFor(ix);
  const scratch = cc.scratch;
  scratch.mark += 2;
  if (scratch.mark >= 0x3fff_fff0) {
    scratch.stamp.fill(0);
    scratch.mark = 2;
  }
  const res = { candidates: 0, matchCount: 0, nearCount: 0, singleCount: 0, mortgageCount: 0 };
  for (const key of keys) {
    const seg = ix.segments.get(key);
    if (!seg || seg.products.length === 0) continue;
    res.candidates += seg.products.length;
    selectSegment(cc, ix, seg.word, seg.products, ctx, s, res);
  }
  return res;
}

function selectSegment(
  cc: CompiledCatalog,
  ix: BitmapIndex,
  a: number,
  products: Int32Array,
  ctx: MatchContext,
  s: SelectScratch,
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
  // Failed ops of each near miss, in op order: its soft ops whose slot's failure word
  // holds it (one or two of them, as the counters say).
  const { ruleEnd, hardEnd, ruleSlot, ruleMortgage, role } = cc;
  const softIndex = s.softIndex;
  const { matches, near, nearFail1, nearFail2, singles, mortgageSingles, stamp, at, mark } = cc.scratch;
  let m = res.matchCount;
  let k = res.nearCount;
  let one = res.singleCount;
  let mortgage = res.mortgageCount;
  for (let w = 0; w < W; w++) {
    let x = matchWords[w]!;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const i = products[(w << 5) + 31 - Math.clz32(low)]!;
      stamp[i] = mark;
      at[i] = m;
      matches[m++] = i;
    }
    x = nearWords[w]!;
    const two = ge2[w]!;
    const base = w * S;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const i = products[(w << 5) + 31 - Math.clz32(low)]!;
      near[k] = i;
      const end = ruleEnd[i]!;
      let r = hardEnd[i]!;
      while (r < end && (fails[base + softIndex[ruleSlot[r]!]!]! & low) === 0) r++;
      nearFail1[k] = r;
      if ((two & low) !== 0) {
        r++;
        while (r < end && (fails[base + softIndex[ruleSlot[r]!]!]! & low) === 0) r++;
        nearFail2[k] = r;
      } else {
        nearFail2[k] = -1;
        singles[one++] = k;
        stamp[i] = mark + 1;
        at[i] = k;
        if (ruleMortgage[r] === 1 && role[i] === ROLE_LOAN) mortgageSingles[mortgage++] = k;
      }
      k++;
    }
  }
  res.matchCount = m;
  res.nearCount = k;
  res.singleCount = one;
  res.mortgageCount = mortgage;
}
