import * as z from 'zod';
import { countsForMatching } from '../certificate-state.ts';
import { CertificateStateSchema, type Firm, IndustryCodeSchema, RegionCodeSchema } from '../firm.ts';
import type { FundingRequest } from '../funding-request.ts';
import type { Product } from '../product.ts';
import { FIRM_METRICS } from '../rules.ts';
import { type IsoDate, IsoDateSchema } from '../text.ts';
import { LabelSchema, LevelSchema, TierSchema } from '../tiers.ts';
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
  W_CERT_VERIFIED,
  W_COLLATERAL,
  W_FLAGS,
  W_INDUSTRY,
  W_KIND,
  W_LISTING,
  W_PURPOSE,
} from './compile.ts';
import {
  buildFacts,
  certBitsOn,
  codePrefixes,
  dayNumber,
  factsStableUntil,
  PrefixInterner,
  yearsSinceFounding,
} from './facts.ts';

/**
 * Re-matching: when a product is published, which open requests does it now match?
 * Each open request is normalised once, at store time, into an OpenRequestRow (plain
 * JSON: numbers, bit masks, codes) kept beside the request; the re-match loads the rows,
 * packs them into columns, and a new product's ops filter the columns one after another.
 * Date-dependent facts (certificate validity, years since founding) carry the date they
 * next change (`stableUntil`) and are refreshed lazily when the evaluation date passes it.
 */

export interface OpenRequest {
  id: string;
  firm: Firm;
  request: FundingRequest;
}

/** An open request normalised for re-matching: store it with the request, rebuild the index from rows. */
export const OpenRequestRowSchema = z
  .object({
    id: z.string().min(1),
    /** The date the row was normalised for, and the first date on which it must be refreshed. */
    asOf: IsoDateSchema,
    stableUntil: IsoDateSchema,
    regionCode: RegionCodeSchema,
    industryCode: IndustryCodeSchema,
    amountYuan: z.number().int().positive(),
    termMonths: z.number().int().positive(),
    /** FIRM_METRICS in order: revenue, R&D intensity (bp), employees, years since founding, invention patents, R&D expense. */
    metrics: z.array(z.number().int()).length(FIRM_METRICS.length),
    certBits: z.number().int(),
    /** Bits of verified certificates only. */
    verifiedCertBits: z.number().int().default(0),
    collateralBits: z.number().int(),
    purposeBits: z.number().int(),
    kindBits: z.number().int(),
    listingBits: z.number().int(),
    flags: z.number().int(),
    /** What the refresh needs: founding date and certificates (validity changes with the date). */
    foundedOn: IsoDateSchema,
    certifications: z.array(
      z.union([
        z
          .object({
            tier: TierSchema,
            level: LevelSchema,
            issuedOn: IsoDateSchema,
            expiresOn: IsoDateSchema,
            state: CertificateStateSchema.optional(),
          })
          .strict(),
        z
          .object({
            label: LabelSchema,
            level: LevelSchema,
            issuedOn: IsoDateSchema,
            expiresOn: IsoDateSchema,
            state: CertificateStateSchema.optional(),
          })
          .strict(),
      ]),
    ),
  })
  .strict();
export type OpenRequestRow = z.infer<typeof OpenRequestRowSchema>;

/** Normalises an open request for re-matching (pure; call it when the request is stored). */
export function normaliseOpenRequest(open: OpenRequest, asOf: IsoDate): OpenRequestRow {
  const { firm, request } = open;
  const f = buildFacts(firm, request, asOf);
  return {
    id: open.id,
    asOf,
    stableUntil: factsStableUntil(firm, asOf),
    regionCode: firm.regionCode,
    industryCode: firm.industryCode,
    amountYuan: request.amountYuan,
    termMonths: request.termMonths,
    metrics: FIRM_METRICS.map((m) => f.metrics[m]),
    certBits: f.certBits,
    verifiedCertBits: f.verifiedCertBits,
    collateralBits: f.collateralBits,
    purposeBits: f.purposeBits,
    kindBits: f.kindBits,
    listingBits: f.listingBits,
    flags: f.flags,
    foundedOn: firm.foundedOn,
    // Only certificates that count (verified or self-declared) are carried.
    certifications: firm.certifications
      .filter((c) => countsForMatching(c.state, false))
      .map((c) => ({
        ...('tier' in c ? { tier: c.tier } : { label: c.label }),
        level: c.level,
        issuedOn: c.issuedOn,
        ...(c.state ? { state: c.state } : {}),
        expiresOn: c.expiresOn,
      })),
  };
}

const INDUSTRY_SLOTS = 5;
const YEARS_COLUMN = NUM_METRIC + FIRM_METRICS.indexOf('yearsSinceFounding');

export interface OpenRequestIndex {
  readonly size: number;
  readonly rows: readonly OpenRequestRow[];
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
  /** Evaluation day the columns hold (rows are refreshed lazily). */
  asOfDay: number;
  scratch: Int32Array;
}

/** Refreshes the date-dependent columns of row k for `asOf`. */
function refreshRow(index: OpenRequestIndex, k: number, asOf: IsoDate) {
  const row = index.rows[k]!;
  const certs = row.certifications;
  index.words[W_CERT]![k] = certBitsOn(certs, asOf, row.regionCode);
  index.words[W_CERT_VERIFIED]![k] = certBitsOn(certs, asOf, row.regionCode, true);
  index.num[YEARS_COLUMN]![k] = yearsSinceFounding(row.foundedOn, asOf);
  index.stableUntil[k] = dayNumber(
    factsStableUntil({ foundedOn: row.foundedOn, certifications: certs }, asOf),
  );
}

/** Packs rows (or open requests, normalised on the fly) into the columns the re-match scans. */
export function buildOpenRequestIndex(
  items: readonly OpenRequestRow[] | readonly OpenRequest[],
  asOf: IsoDate,
): OpenRequestIndex {
  const rows = items.map((x) => ('firm' in x ? normaliseOpenRequest(x, asOf) : x));
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
  const day = index.asOfDay;
  for (let k = 0; k < size; k++) {
    const row = rows[k]!;
    index.num[NUM_AMOUNT]![k] = row.amountYuan;
    index.num[NUM_TERM]![k] = row.termMonths;
    row.metrics.forEach((v, j) => {
      index.num[NUM_METRIC + j]![k] = v;
    });
    index.words[W_CERT]![k] = row.certBits;
    index.words[W_CERT_VERIFIED]![k] = row.verifiedCertBits;
    index.words[W_COLLATERAL]![k] = row.collateralBits;
    index.words[W_PURPOSE]![k] = row.purposeBits;
    index.words[W_KIND]![k] = row.kindBits;
    index.words[W_LISTING]![k] = row.listingBits;
    index.words[W_FLAGS]![k] = row.flags;
    index.stableUntil[k] = dayNumber(row.stableUntil);
    // A row normalised for another date is brought to this one.
    if (row.asOf > asOf || day >= index.stableUntil[k]!) refreshRow(index, k, asOf);
    codePrefixes(row.industryCode, 1)
      .slice(0, INDUSTRY_SLOTS)
      .forEach((p, j) => {
        index.industry[k * INDUSTRY_SLOTS + j] = interner.intern(p);
      });
    index.province[k] = Number(row.regionCode.slice(0, 2));
    index.city[k] = Number(row.regionCode.slice(0, 4));
    index.district[k] = Number(row.regionCode.slice(0, 6));
  }
  return index;
}

/** Refreshes rows whose date-dependent facts changed by `asOf` (all rows if the date went back). */
export function refreshOpenRequests(index: OpenRequestIndex, asOf: IsoDate): number {
  const day = dayNumber(asOf);
  let refreshed = 0;
  const back = day < index.asOfDay;
  for (let k = 0; k < index.size; k++) {
    if (back || index.stableUntil[k]! <= day) {
      refreshRow(index, k, asOf);
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
