import { OP_ANY, OP_ANYN, OP_RANGE } from './compile.ts';

/**
 * Bitmap indexes over the compiled ops: the candidate selection of the hot path.
 *
 * Positions. Every region list (nationwide '', then each GB/T 2260 prefix) is a segment of
 * consecutive bit positions, word-aligned, in catalog order; a product serving several
 * prefixes has one position in each (a firm hits at most one of them). A firm's
 * candidates are at most four segments (nationwide, province, city, district).
 *
 * Slots. Ops are grouped into slots by (hard/soft, op, feature, occurrence within the
 * product): "the first amount range", "the certificate test", "the industry exclusion"…
 * Each slot has bitmaps over all positions from which the set of positions failing that
 * slot for one firm is read in a few word operations:
 *   RANGE  lo ≤ v ≤ hi: the distinct bounds (the most frequent ones when there are many)
 *          are bands with a cumulative bitmap each ("lo ≥ b"), so "lo > v" is one bitmap;
 *          bounds that are not band edges are checked one by one (residuals).
 *   ANY    mask[f] & m ≠ 0: one bitmap per bit of m; passing = OR of the firm's bits.
 *   ANYN   industry: posting lists per interned prefix; passing = the firm's prefixes.
 *   NONEN  industry exclusion: failing = the firm's prefixes' postings.
 *
 * Per firm (select.ts): hard slots OR into an "out of scope" bitmap; soft slots add into
 * bit-sliced saturating counters (≥1, ≥2, ≥3 failures). Matches = in scope with no
 * failure, near misses = one or two; the failed op of each near miss comes from the
 * slot's failure bitmap and the slot's position → op column.
 */

export const SLOT_RANGE = 0;
export const SLOT_ANY = 1;
export const SLOT_ANYN = 2;
export const SLOT_NONEN = 3;

/** At most this many band edges per range side; rarer bounds are residuals. */
export const MAX_BANDS = 40;

export interface RangeSide {
  /** Band edges, ascending. */
  readonly vals: Float64Array;
  /** edges × words: lo side "lo ≥ vals[j]", hi side "hi ≤ vals[j]" (band-edge positions only). */
  readonly cum: Int32Array;
  /** Positions whose bound is not a band edge, ascending, with their bound. */
  readonly resPos: Int32Array;
  readonly resVal: Float64Array;
}

export interface Slot {
  readonly type: number;
  readonly hard: boolean;
  readonly feat: number;
  /** Position → op index (−1 where the product at that position has no op in this slot). */
  readonly opAt: Int32Array;
  /** Positions with an op in this slot (ANY, ANYN). */
  readonly has: Int32Array;
  /** RANGE. */
  readonly lo?: RangeSide;
  readonly hi?: RangeSide;
  /** ANY: 32 × words, one bitmap per mask bit; bits used by some op. */
  readonly bitMaps?: Int32Array;
  readonly bitsUsed?: number;
  /** ANYN / NONEN: interned prefix id → ascending positions. */
  readonly postings?: ReadonlyMap<number, Int32Array>;
}

export interface Segment {
  /** First word of the segment. */
  readonly word: number;
  /** Words reserved (≥ ceil(count / 32)). */
  readonly words: number;
  /** Products in the segment, in catalog order. */
  readonly products: Int32Array;
}

export interface BitmapIndex {
  readonly words: number;
  readonly segments: ReadonlyMap<string, Segment>;
  readonly slots: readonly Slot[];
  /** Slot ids of soft slots, and of hard ones. */
  readonly soft: Int32Array;
  readonly hard: Int32Array;
  /** Words of the largest segment (scratch size). */
  readonly maxSegmentWords: number;
}

/** The op columns the index is built from (a CompiledCatalog satisfies it). */
export interface OpColumns {
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
}

/** Slot key of op r, given how many earlier ops of the product share its (hard, op, feature). */
function slotKey(cols: OpColumns, r: number, hard: boolean, occurrence: number): string {
  return `${hard ? 'h' : 's'}${cols.op[r]}:${cols.feat[r]}:${occurrence}`;
}

interface SlotDraft {
  type: number;
  hard: boolean;
  feat: number;
  entries: number[]; // flat (position, op)
}

function opSlotType(op: number): number {
  return op === OP_RANGE ? SLOT_RANGE : op === OP_ANY ? SLOT_ANY : op === OP_ANYN ? SLOT_ANYN : SLOT_NONEN;
}

/** Allocates word-aligned segments for the region lists ('' first), with a little room to grow. */
export function layoutSegments(lists: ReadonlyMap<string, readonly number[]>): {
  segments: Map<string, Segment>;
  words: number;
} {
  const segments = new Map<string, Segment>();
  let word = 0;
  const keys = [...lists.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : 0));
  for (const key of keys) {
    const products = Int32Array.from(lists.get(key)!);
    const words = segmentWords(products.length);
    segments.set(key, { word, words, products });
    word += words;
  }
  return { segments, words: word };
}

/** Words for a segment of n positions, with room for a few more (publishing appends without moving others). */
export function segmentWords(n: number): number {
  return Math.ceil((n + 1 + (n >>> 4)) / 32);
}

function chooseEdges(values: number[]): Float64Array {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let distinct = [...freq.keys()];
  if (distinct.length > MAX_BANDS)
    distinct = distinct.sort((a, b) => freq.get(b)! - freq.get(a)! || a - b).slice(0, MAX_BANDS);
  return Float64Array.from(distinct.sort((a, b) => a - b));
}

/** One side of a range slot: `lower` = the lo bounds (fail when v < lo), else the hi bounds (fail when v > hi). */
function buildSide(entries: [number, number][], words: number, lower: boolean): RangeSide {
  const vals = chooseEdges(entries.map((e) => e[1]));
  const cum = new Int32Array(vals.length * words);
  const edge = new Map<number, number>();
  vals.forEach((v, j) => {
    edge.set(v, j);
  });
  const res: [number, number][] = [];
  for (const [pos, v] of entries) {
    const j = edge.get(v);
    if (j === undefined) {
      res.push([pos, v]);
      continue;
    }
    const w = pos >>> 5;
    const bit = 1 << (pos & 31);
    if (lower) for (let k = 0; k <= j; k++) cum[k * words + w]! |= bit;
    else for (let k = j; k < vals.length; k++) cum[k * words + w]! |= bit;
  }
  res.sort((a, b) => a[0] - b[0]);
  return {
    vals,
    cum,
    resPos: Int32Array.from(res, (e) => e[0]),
    resVal: Float64Array.from(res, (e) => e[1]),
  };
}

function buildSlot(d: SlotDraft, words: number): Slot {
  const positions = words * 32;
  const opAt = new Int32Array(positions).fill(-1);
  const has = new Int32Array(words);
  for (let k = 0; k < d.entries.length; k += 2) {
    const pos = d.entries[k]!;
    opAt[pos] = d.entries[k + 1]!;
    has[pos >>> 5]! |= 1 << (pos & 31);
  }
  return { type: d.type, hard: d.hard, feat: d.feat, opAt, has };
}

/** Builds the index: segments from the region lists, slots from the op columns. */
export function buildBitmapIndex(
  cols: OpColumns,
  lists: ReadonlyMap<string, readonly number[]>,
): BitmapIndex {
  const { segments, words } = layoutSegments(lists);
  const drafts = new Map<string, SlotDraft>();
  const seen = new Map<string, number>();
  for (const seg of segments.values()) {
    for (let j = 0; j < seg.products.length; j++) {
      const i = seg.products[j]!;
      const pos = seg.word * 32 + j;
      seen.clear();
      for (let r = cols.ruleStart[i]!; r < cols.ruleEnd[i]!; r++) {
        const hard = r < cols.hardEnd[i]!;
        const base = slotKey(cols, r, hard, 0);
        const occurrence = seen.get(base) ?? 0;
        seen.set(base, occurrence + 1);
        const key = occurrence === 0 ? base : slotKey(cols, r, hard, occurrence);
        let d = drafts.get(key);
        if (!d) {
          d = { type: opSlotType(cols.op[r]!), hard, feat: cols.feat[r]!, entries: [] };
          drafts.set(key, d);
        }
        d.entries.push(pos, r);
      }
    }
  }
  const slots = [...drafts.values()].map((d) => fillSlot(cols, d, words));
  return finishIndex(segments, words, slots);
}

export function finishIndex(
  segments: ReadonlyMap<string, Segment>,
  words: number,
  slots: Slot[],
): BitmapIndex {
  let maxSegmentWords = 1;
  for (const s of segments.values()) maxSegmentWords = Math.max(maxSegmentWords, s.words);
  return {
    words,
    segments,
    slots,
    soft: Int32Array.from(slots.flatMap((s, k) => (s.hard ? [] : [k]))),
    hard: Int32Array.from(slots.flatMap((s, k) => (s.hard ? [k] : []))),
    maxSegmentWords,
  };
}

function fillSlot(cols: OpColumns, d: SlotDraft, words: number): Slot {
  const base = buildSlot(d, words);
  if (d.type === SLOT_RANGE) {
    const los: [number, number][] = [];
    const his: [number, number][] = [];
    for (let k = 0; k < d.entries.length; k += 2) {
      const pos = d.entries[k]!;
      const r = d.entries[k + 1]!;
      if (cols.lo[r]! !== -Infinity) los.push([pos, cols.lo[r]!]);
      if (cols.hi[r]! !== Infinity) his.push([pos, cols.hi[r]!]);
    }
    return { ...base, lo: buildSide(los, words, true), hi: buildSide(his, words, false) };
  }
  if (d.type === SLOT_ANY) {
    const bitMaps = new Int32Array(32 * words);
    let bitsUsed = 0;
    for (let k = 0; k < d.entries.length; k += 2) {
      const pos = d.entries[k]!;
      const m = cols.mask[d.entries[k + 1]!]!;
      bitsUsed |= m;
      for (let b = 0; b < 32; b++) if (m & (1 << b)) bitMaps[b * words + (pos >>> 5)]! |= 1 << (pos & 31);
    }
    return { ...base, bitMaps, bitsUsed };
  }
  const lists = new Map<number, number[]>();
  for (let k = 0; k < d.entries.length; k += 2) {
    const pos = d.entries[k]!;
    const r = d.entries[k + 1]!;
    for (let p = cols.pairStart[r]!; p < cols.pairStart[r + 1]!; p += 2) {
      const word = cols.pairs[p]!;
      const m = cols.pairs[p + 1]!;
      for (let b = 0; b < 32; b++) {
        if (!(m & (1 << b))) continue;
        const id = word * 32 + b;
        const list = lists.get(id);
        if (list) list.push(pos);
        else lists.set(id, [pos]);
      }
    }
  }
  const postings = new Map<number, Int32Array>();
  for (const [id, list] of lists) postings.set(id, Int32Array.from(new Set(list)).sort());
  return { ...base, postings };
}

/** First index in ascending `a` whose value is ≥ x. */
export function lowerBound(a: Int32Array, x: number, from = 0, to = a.length): number {
  let l = from;
  let h = to;
  while (l < h) {
    const m = (l + h) >>> 1;
    if (a[m]! < x) l = m + 1;
    else h = m;
  }
  return l;
}
