import { FIRM_METRICS } from '../rules.ts';
import {
  type CompiledCatalog,
  NUM_AMOUNT,
  NUM_DAY,
  NUM_FEATURES,
  NUM_METRIC,
  NUM_ONE,
  NUM_TERM,
  OP_ANY,
  OP_ANYN,
  OP_NONEN,
  OP_RANGE,
  W_CERT,
  W_CERT_VERIFIED,
  W_COLLATERAL,
  W_FLAGS,
  W_INDUSTRY,
  W_KIND,
  W_LISTING,
  W_PURPOSE,
} from './compile.ts';
import type { Facts } from './facts.ts';
import { type LprFixing, lprOn } from './lpr.ts';

/** The typed-array form of the facts, built once per (firm, request, date). */
export interface MatchContext {
  facts: Facts;
  num: Float64Array;
  mask: Int32Array;
  /** Interned ids of the firm's industry prefixes that the catalog mentions, with their lengths. */
  industryIds: number[];
  industryLens: number[];
  lpr: LprFixing;
}

/**
 * `into`: arrays to fill instead of new ones (cleared first), for a caller that is done with
 * the context before it builds the next one (a match reuses one pair per catalog: a new
 * Float64Array of this size is allocated outside the heap, a slow allocation per request).
 */
export function buildContext(
  cc: CompiledCatalog,
  facts: Facts,
  into?: { num: Float64Array; mask: Int32Array },
): MatchContext {
  const num = into ? into.num.fill(0) : new Float64Array(NUM_FEATURES);
  num[NUM_AMOUNT] = facts.request.amountYuan;
  num[NUM_TERM] = facts.request.termMonths;
  num[NUM_DAY] = facts.asOfDay;
  num[NUM_ONE] = 1;
  for (let k = 0; k < FIRM_METRICS.length; k++) num[NUM_METRIC + k] = facts.metrics[FIRM_METRICS[k]!];
  const mask = into ? into.mask.fill(0) : new Int32Array(cc.maskWords);
  mask[W_CERT] = facts.certBits;
  mask[W_COLLATERAL] = facts.collateralBits;
  mask[W_PURPOSE] = facts.purposeBits;
  mask[W_KIND] = facts.kindBits;
  mask[W_LISTING] = facts.listingBits;
  mask[W_FLAGS] = facts.flags;
  mask[W_CERT_VERIFIED] = facts.verifiedCertBits;
  const industryIds: number[] = [];
  const industryLens: number[] = [];
  for (const prefix of facts.industryPrefixes) {
    const id = cc.interner.get(prefix);
    if (id === undefined) continue;
    industryIds.push(id);
    industryLens.push(prefix.length);
    const word = W_INDUSTRY + (id >>> 5);
    if (word < mask.length) mask[word] = mask[word]! | (1 << (id & 31));
  }
  return { facts, num, mask, industryIds, industryLens, lpr: lprOn(cc.pricing.lpr, facts.asOf) };
}

/** Does op r fail for this context? (The one place the hot path interprets an op.) */
export function opFails(cc: CompiledCatalog, r: number, num: Float64Array, mask: Int32Array): boolean {
  const o = cc.op[r];
  if (o === OP_RANGE) {
    const v = num[cc.feat[r]!]!;
    return v < cc.lo[r]! || v > cc.hi[r]!;
  }
  if (o === OP_ANY) return (mask[cc.feat[r]!]! & cc.mask[r]!) === 0;
  const pairs = cc.pairs;
  let hit = false;
  for (let k = cc.pairStart[r]!, end = cc.pairStart[r + 1]!; k < end; k += 2) {
    const w = W_INDUSTRY + pairs[k]!;
    if (w < mask.length && (mask[w]! & pairs[k + 1]!) !== 0) {
      hit = true;
      break;
    }
  }
  return o === OP_ANYN ? !hit : o === OP_NONEN ? hit : true;
}

export interface ScanResult {
  /** Products in the firm's region (evaluated at all). */
  candidates: number;
  matchCount: number;
  nearCount: number;
}

/** Products failing more soft rules than this are not near misses (and evaluation stops early). */
export const NEAR_MISS_MAX_FAILS = 2;

/**
 * The hot path. Visits only the products serving the firm's region (nationwide list plus
 * the province, city and district lists), checks hard ops first and skips on the first
 * failure, then counts soft failures, stopping at 3. Results go to cc.scratch:
 * matches[0..matchCount), near[0..nearCount) with up to two failing op indices each.
 * No allocation, no strings.
 */
export function scan(cc: CompiledCatalog, ctx: MatchContext): ScanResult {
  const { num, mask } = ctx;
  const { matches, near, nearFail1, nearFail2 } = cc.scratch;
  const regionCode = ctx.facts.firm.regionCode;
  const segments = cc.bitmap.segments;
  const lists = [
    segments.get('')?.products,
    segments.get(regionCode.slice(0, 2))?.products,
    segments.get(regionCode.slice(0, 4))?.products,
    segments.get(regionCode.slice(0, 6))?.products,
  ];
  const { ruleStart, ruleEnd, hardEnd, op, feat, lo, hi } = cc;
  const opMask = cc.mask;
  let matchCount = 0;
  let nearCount = 0;
  let candidates = 0;
  for (const list of lists) {
    if (!list) continue;
    candidates += list.length;
    for (let j = 0; j < list.length; j++) {
      const i = list[j]!;
      const start = ruleStart[i]!;
      const hEnd = hardEnd[i]!;
      const end = ruleEnd[i]!;
      let r = start;
      for (; r < hEnd; r++) {
        const o = op[r];
        let bad: boolean;
        if (o === OP_RANGE) {
          const v = num[feat[r]!]!;
          bad = v < lo[r]! || v > hi[r]!;
        } else if (o === OP_ANY) bad = (mask[feat[r]!]! & opMask[r]!) === 0;
        else bad = opFails(cc, r, num, mask);
        if (bad) break;
      }
      if (r < hEnd) continue;
      let fails = 0;
      let f1 = -1;
      let f2 = -1;
      for (; r < end; r++) {
        const o = op[r];
        let bad: boolean;
        if (o === OP_RANGE) {
          const v = num[feat[r]!]!;
          bad = v < lo[r]! || v > hi[r]!;
        } else if (o === OP_ANY) bad = (mask[feat[r]!]! & opMask[r]!) === 0;
        else bad = opFails(cc, r, num, mask);
        if (bad) {
          fails++;
          if (fails === 1) f1 = r;
          else if (fails === 2) f2 = r;
          else break;
        }
      }
      if (fails === 0) matches[matchCount++] = i;
      else if (fails <= NEAR_MISS_MAX_FAILS) {
        near[nearCount] = i;
        nearFail1[nearCount] = f1;
        nearFail2[nearCount] = f2;
        nearCount++;
      }
    }
  }
  return { candidates, matchCount, nearCount };
}
