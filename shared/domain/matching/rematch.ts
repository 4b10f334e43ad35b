import type { Firm } from '../firm.ts';
import type { FundingRequest } from '../funding-request.ts';
import type { Product } from '../product.ts';
import { FIRM_METRICS } from '../rules.ts';
import type { IsoDate } from '../text.ts';
import {
  type CompiledProduct,
  compileProduct,
  NUM_AMOUNT,
  NUM_DAY,
  NUM_FEATURES,
  NUM_METRIC,
  NUM_ONE,
  NUM_TERM,
  OP_ANY,
  OP_ANYN,
  OP_RANGE,
  type Op,
  W_CERT,
  W_COLLATERAL,
  W_FLAGS,
  W_INDUSTRY,
  W_KIND,
  W_LISTING,
  W_PURPOSE,
} from './compile.ts';
import { buildFacts, codePrefixes, dayNumber, factsStableUntil, PrefixInterner } from './facts.ts';

/**
 * Re-matching: when a product is published, which open requests does it now match?
 * Open requests are normalised once (at store time) into columns; a new product is
 * compiled against them and its ops filter the columns one after another. Date-dependent
 * facts (certificate validity, years since founding) carry the day they next change and
 * are refreshed lazily when the evaluation date passes it.
 */

export interface OpenRequest {
  id: string;
  firm: Firm;
  request: FundingRequest;
}

const INDUSTRY_SLOTS = 5;

export interface OpenRequestIndex {
  readonly size: number;
  readonly rows: readonly OpenRequest[];
  readonly interner: PrefixInterner;
  /** Column per numeric feature (AMOUNT, TERM, metrics; DAY and ONE are per evaluation, not per row). */
  readonly num: Float64Array[];
  /** Column per mask word CERT..FLAGS. */
  readonly words: Int32Array[];
  /** Interned industry prefix ids, INDUSTRY_SLOTS per row (−1 = none). */
  readonly industry: Int32Array;
  readonly province: Int32Array;
  readonly city: Int32Array;
  readonly district: Int32Array;
  /** Day number on which each row's date-dependent facts next change. */
  readonly stableUntil: Float64Array;
  /** Evaluation day the rows were last normalised for. */
  asOfDay: number;
  scratch: Int32Array;
}

function writeRow(index: OpenRequestIndex, k: number, asOf: IsoDate) {
  const { firm, request } = index.rows[k]!;
  const f = buildFacts(firm, request, asOf);
  index.num[NUM_AMOUNT]![k] = request.amountYuan;
  index.num[NUM_TERM]![k] = request.termMonths;
  FIRM_METRICS.forEach((m, j) => {
    index.num[NUM_METRIC + j]![k] = f.metrics[m];
  });
  index.words[W_CERT]![k] = f.certBits;
  index.words[W_COLLATERAL]![k] = f.collateralBits;
  index.words[W_PURPOSE]![k] = f.purposeBits;
  index.words[W_KIND]![k] = f.kindBits;
  index.words[W_LISTING]![k] = f.listingBits;
  index.words[W_FLAGS]![k] = f.flags;
  index.stableUntil[k] = dayNumber(factsStableUntil(firm, asOf));
}

export function buildOpenRequestIndex(rows: readonly OpenRequest[], asOf: IsoDate): OpenRequestIndex {
  const size = rows.length;
  const interner = new PrefixInterner();
  const index: OpenRequestIndex = {
    size,
    rows,
    interner,
    num: Array.from({ length: NUM_FEATURES }, () => new Float64Array(size)),
    words: Array.from({ length: W_INDUSTRY }, () => new Int32Array(size)),
    industry: new Int32Array(size * INDUSTRY_SLOTS).fill(-1),
    province: new Int32Array(size),
    city: new Int32Array(size),
    district: new Int32Array(size),
    stableUntil: new Float64Array(size),
    asOfDay: dayNumber(asOf),
    scratch: new Int32Array(size),
  };
  for (let k = 0; k < size; k++) {
    const { firm } = rows[k]!;
    writeRow(index, k, asOf);
    codePrefixes(firm.industryCode, 1)
      .slice(0, INDUSTRY_SLOTS)
      .forEach((p, j) => {
        index.industry[k * INDUSTRY_SLOTS + j] = interner.intern(p);
      });
    index.province[k] = Number(firm.regionCode.slice(0, 2));
    index.city[k] = Number(firm.regionCode.slice(0, 4));
    index.district[k] = Number(firm.regionCode.slice(0, 6));
  }
  return index;
}

/** Re-normalises rows whose date-dependent facts changed by `asOf` (all rows if the date went back). */
export function refreshOpenRequests(index: OpenRequestIndex, asOf: IsoDate): number {
  const day = dayNumber(asOf);
  let refreshed = 0;
  const back = day < index.asOfDay;
  for (let k = 0; k < index.size; k++) {
    if (back || index.stableUntil[k]! <= day) {
      writeRow(index, k, asOf);
      refreshed++;
    }
  }
  index.asOfDay = day;
  return refreshed;
}

export interface RematchResult {
  /** Ids of the open requests the product matches. */
  requestIds: string[];
  /** Their row indices in the index. */
  rows: Int32Array;
  /** Requests in the product's region (the ones evaluated at all). */
  evaluated: number;
}

function constantHolds(op: Op, asOfDay: number): boolean {
  const v = op.feat === NUM_DAY ? asOfDay : 1;
  return v >= op.lo && v <= op.hi;
}

/**
 * The open requests a (newly published) product matches on `asOf`: every op holds.
 * Cost: one pass over the region column, then one tight loop per op over the survivors.
 */
export function rematchProduct(
  product: Product | CompiledProduct,
  index: OpenRequestIndex,
  asOf: IsoDate,
): RematchResult {
  const empty = { requestIds: [], rows: new Int32Array(0), evaluated: 0 };
  const cp = 'specs' in product ? product : compileProduct(product, index.interner);
  if (cp.product.status !== 'active' || cp.region.length === 0) return empty;
  const day = dayNumber(asOf);
  if (day !== index.asOfDay) refreshOpenRequests(index, asOf);

  // Region: the product's prefixes are minimal, so their row sets are disjoint.
  const cand = index.scratch;
  let n = 0;
  for (const prefix of cp.region) {
    if (prefix === '') {
      for (let k = 0; k < index.size; k++) cand[n++] = k;
      continue;
    }
    const code = Number(prefix);
    const col = prefix.length === 2 ? index.province : prefix.length === 4 ? index.city : index.district;
    for (let k = 0; k < index.size; k++) if (col[k] === code) cand[n++] = k;
  }
  const evaluated = n;

  for (const op of [...cp.hard, ...cp.soft]) {
    if (n === 0) break;
    let w = 0;
    if (op.op === OP_RANGE) {
      if (op.feat === NUM_DAY || op.feat === NUM_ONE) {
        if (!constantHolds(op, day)) n = 0;
        continue;
      }
      const col = index.num[op.feat]!;
      const lo = op.lo;
      const hi = op.hi;
      for (let k = 0; k < n; k++) {
        const row = cand[k]!;
        const v = col[row]!;
        if (v >= lo && v <= hi) cand[w++] = row;
      }
    } else if (op.op === OP_ANY) {
      const col = index.words[op.feat]!;
      const m = op.mask;
      for (let k = 0; k < n; k++) {
        const row = cand[k]!;
        if ((col[row]! & m) !== 0) cand[w++] = row;
      }
    } else {
      // Industry: a lookup table over interned prefix ids.
      const look = new Uint8Array(index.interner.size + 1);
      for (let j = 0; j < op.pairs.length; j += 2) {
        const word = op.pairs[j]!;
        const bits = op.pairs[j + 1]!;
        for (let b = 0; b < 32; b++) if (bits & (1 << b)) look[word * 32 + b] = 1;
      }
      const want = op.op === OP_ANYN;
      const ind = index.industry;
      for (let k = 0; k < n; k++) {
        const row = cand[k]!;
        let hit = false;
        for (let s = row * INDUSTRY_SLOTS, e = s + INDUSTRY_SLOTS; s < e; s++) {
          const id = ind[s]!;
          if (id >= 0 && look[id] === 1) {
            hit = true;
            break;
          }
        }
        if (hit === want) cand[w++] = row;
      }
    }
    n = w;
  }
  const rows = cand.slice(0, n);
  return { requestIds: Array.from(rows, (k) => index.rows[k]!.id), rows, evaluated };
}
