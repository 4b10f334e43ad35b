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
 * product), numbered by the compiler (ruleSlot): "the first amount range", "the
 * certificate test", "the industry exclusion"…
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
 * failure, near misses = one or two; the failed ops of each near miss are its ops in the
 * slots whose failure bitmaps hold it.
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
  /** Positions with an op in this slot. */
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
  /** Words of every bitmap row (the stride). */
  readonly words: number;
  readonly segments: ReadonlyMap<string, Segment>;
  /** By slot id; undefined where no product in a segment has an op in the slot. */
  readonly slots: readonly (Slot | undefined)[];
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
  readonly ruleSlot: Int32Array;
  readonly pairStart: Int32Array;
  readonly pairs: Int32Array;
}

/** Calls back with each interned industry prefix id of an ANYN/NONEN op. */
export function forEachPrefixId(cols: OpColumns, r: number, each: (id: number) => void): void {
  for (let p = cols.pairStart[r]!; p < cols.pairStart[r + 1]!; p += 2) {
    const word = cols.pairs[p]!;
    const m = cols.pairs[p + 1]!;
    for (let b = 0; b < 32; b++) if (m & (1 << b)) each(word * 32 + b);
  }
}

function opSlotType(op: number): number {
  return op === OP_RANGE ? SLOT_RANGE : op === OP_ANY ? SLOT_ANY : op === OP_ANYN ? SLOT_ANYN : SLOT_NONEN;
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

function setBit(row: Int32Array, base: number, p: number): void {
  row[base + (p >>> 5)]! |= 1 << (p & 31);
}

/** Puts a bound at position p: into the band rows when it is a band edge, else among the residuals. */
function placeBound(side: SideDraft, p: number, v: number, lower: boolean, W: number): void {
  const j = side.vals.indexOf(v);
  if (j < 0) {
    side.res.splice(lowerBoundPairs(side.res, p), 0, [p, v]);
    return;
  }
  if (lower) for (let k = 0; k <= j; k++) setBit(side.cum, k * W, p);
  else for (let k = j; k < side.vals.length; k++) setBit(side.cum, k * W, p);
}

/** A slot being filled or edited. */
interface SlotDraft {
  type: number;
  hard: boolean;
  feat: number;
  has: Int32Array;
  lo?: SideDraft;
  hi?: SideDraft;
  bitMaps?: Int32Array;
  bitsUsed: number;
  postings?: Map<number, number[]>;
}

interface SideDraft {
  vals: Float64Array;
  cum: Int32Array;
  res: [number, number][];
}

function emptySlot(
  type: number,
  hard: boolean,
  feat: number,
  W: number,
  edges?: [Float64Array, Float64Array],
) {
  const side = (vals: Float64Array): SideDraft => ({ vals, cum: new Int32Array(vals.length * W), res: [] });
  const draft: SlotDraft = { type, hard, feat, has: new Int32Array(W), bitsUsed: 0 };
  if (type === SLOT_RANGE) {
    draft.lo = side(edges?.[0] ?? new Float64Array(0));
    draft.hi = side(edges?.[1] ?? new Float64Array(0));
  } else if (type === SLOT_ANY) draft.bitMaps = new Int32Array(32 * W);
  else draft.postings = new Map();
  return draft;
}

/** Sets op r of a product at position p in a slot (which holds nothing there yet). */
function placeOp(s: SlotDraft, cols: OpColumns, r: number, p: number, W: number): void {
  setBit(s.has, 0, p);
  if (s.type === SLOT_RANGE) {
    if (cols.lo[r]! !== -Infinity) placeBound(s.lo!, p, cols.lo[r]!, true, W);
    if (cols.hi[r]! !== Infinity) placeBound(s.hi!, p, cols.hi[r]!, false, W);
  } else if (s.type === SLOT_ANY) {
    const m = cols.mask[r]!;
    s.bitsUsed |= m;
    for (let b = 0; b < 32; b++) if (m & (1 << b)) setBit(s.bitMaps!, b * W, p);
  } else {
    forEachPrefixId(cols, r, (id) => {
      const list = s.postings!.get(id);
      if (!list) s.postings!.set(id, [p]);
      else if (list[list.length - 1]! < p) list.push(p);
      else if (!list.includes(p)) list.splice(lowerBoundArray(list, p), 0, p);
    });
  }
}

function slotOf(d: SlotDraft): Slot {
  const side = (x: SideDraft): RangeSide => ({
    vals: x.vals,
    cum: x.cum,
    resPos: Int32Array.from(x.res, (e) => e[0]),
    resVal: Float64Array.from(x.res, (e) => e[1]),
  });
  return {
    type: d.type,
    hard: d.hard,
    feat: d.feat,
    has: d.has,
    ...(d.lo ? { lo: side(d.lo) } : {}),
    ...(d.hi ? { hi: side(d.hi) } : {}),
    ...(d.bitMaps ? { bitMaps: d.bitMaps, bitsUsed: d.bitsUsed } : {}),
    ...(d.postings
      ? {
          postings: new Map(
            [...d.postings].filter(([, l]) => l.length).map(([id, l]) => [id, Int32Array.from(l)]),
          ),
        }
      : {}),
  };
}

function indexOf(
  segments: ReadonlyMap<string, Segment>,
  words: number,
  slots: (Slot | undefined)[],
): BitmapIndex {
  let maxSegmentWords = 1;
  for (const s of segments.values()) maxSegmentWords = Math.max(maxSegmentWords, s.words);
  const ids = (hard: boolean) =>
    Int32Array.from(slots.flatMap((s, k) => (s !== undefined && s.hard === hard ? [k] : [])));
  return { words, segments, slots, soft: ids(false), hard: ids(true), maxSegmentWords };
}

/** Builds the index: word-aligned segments for the region lists ('' first), slots from the op columns. */
export function buildBitmapIndex(
  cols: OpColumns,
  lists: ReadonlyMap<string, readonly number[]>,
): BitmapIndex {
  const segments = new Map<string, Segment>();
  let words = 0;
  for (const key of [...lists.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : 0))) {
    const products = Int32Array.from(lists.get(key)!);
    const w = segmentWords(products.length);
    segments.set(key, { word: words, words: w, products });
    words += w;
  }
  // Band edges first (from every bound in the slot), then the positions.
  const bounds: { lo: number[]; hi: number[] }[] = [];
  for (const seg of segments.values())
    for (const i of seg.products)
      for (let r = cols.ruleStart[i]!; r < cols.ruleEnd[i]!; r++) {
        if (cols.op[r] !== OP_RANGE) continue;
        const id = cols.ruleSlot[r]!;
        const b = bounds[id] ?? { lo: [], hi: [] };
        bounds[id] = b;
        if (cols.lo[r]! !== -Infinity) b.lo.push(cols.lo[r]!);
        if (cols.hi[r]! !== Infinity) b.hi.push(cols.hi[r]!);
      }
  const drafts: (SlotDraft | undefined)[] = [];
  for (const seg of segments.values())
    seg.products.forEach((i, j) => {
      const p = seg.word * 32 + j;
      for (let r = cols.ruleStart[i]!; r < cols.ruleEnd[i]!; r++) {
        const id = cols.ruleSlot[r]!;
        let d = drafts[id];
        if (!d) {
          const b = bounds[id];
          d = emptySlot(
            opSlotType(cols.op[r]!),
            r < cols.hardEnd[i]!,
            cols.feat[r]!,
            words,
            b && [chooseEdges(b.lo), chooseEdges(b.hi)],
          );
          drafts[id] = d;
        }
        placeOp(d, cols, r, p, words);
      }
    });
  return indexOf(
    segments,
    words,
    Array.from(drafts, (d) => d && slotOf(d)),
  );
}

/** Shifts the bits at positions ≥ p (up to the end word) of one row up by one; bit p becomes 0. */
function shiftUp(row: Int32Array, base: number, p: number, endWord: number): void {
  let w = p >>> 5;
  const low = (1 << (p & 31)) - 1;
  const x = row[base + w]!;
  let carry = (x & ~low) >>> 31;
  row[base + w] = (x & low) | ((x & ~low) << 1);
  for (w++; w < endWord; w++) {
    const y = row[base + w]!;
    row[base + w] = (y << 1) | carry;
    carry = y >>> 31;
  }
}

/** Removes the bit at position p of one row: the bits above it (up to the end word) move down by one. */
function shiftDown(row: Int32Array, base: number, p: number, endWord: number): void {
  let w = p >>> 5;
  const low = (1 << (p & 31)) - 1;
  const x = row[base + w]!;
  const next = w + 1 < endWord ? row[base + w + 1]! : 0;
  row[base + w] = (x & low) | ((x >>> 1) & ~low) | ((next & 1) << 31);
  for (w++; w < endWord; w++) {
    const y = row[base + w]!;
    const n = w + 1 < endWord ? row[base + w + 1]! : 0;
    row[base + w] = (y >>> 1) | ((n & 1) << 31);
  }
}

/** Copies rows of `stride` words into rows of `words` words. */
function restride(src: Int32Array, rows: number, stride: number, words: number): Int32Array {
  const out = new Int32Array(rows * words);
  for (let j = 0; j < rows; j++)
    out.set(src.subarray(j * stride, j * stride + Math.min(stride, words)), j * words);
  return out;
}

/** Does row `has` hold any position in [p, end word)? */
function anyFrom(has: Int32Array, p: number, endWord: number): boolean {
  let w = p >>> 5;
  const end = Math.min(endWord, has.length);
  if (w >= end) return false;
  if ((has[w]! & ~((1 << (p & 31)) - 1)) !== 0) return true;
  for (w++; w < end; w++) if (has[w] !== 0) return true;
  return false;
}

/**
 * An editable version of a bitmap index: publishing adds, changes or retires products by
 * inserting or removing their positions in their segments (the segment's bits above move
 * by one) instead of rebuilding. Copy-on-write per slot: a slot's arrays are copied the
 * first time this version changes them, so the index a match in flight holds never
 * changes, and slots a change does not reach are shared. A full segment moves to the end
 * of the word space with more room.
 */
export class IndexDraft {
  private words: number;
  private capacity: number;
  private readonly segments = new Map<string, { word: number; words: number; products: number[] }>();
  private readonly slots: (Slot | SlotDraft | undefined)[];
  private readonly owned: boolean[];

  constructor(private readonly ix: BitmapIndex) {
    this.words = ix.words;
    this.capacity = ix.words;
    for (const [k, s] of ix.segments)
      this.segments.set(k, { word: s.word, words: s.words, products: [...s.products] });
    this.slots = [...ix.slots];
    this.owned = this.slots.map(() => false);
  }

  /** This version's own copy of slot `id` (copied from the published index on first use). */
  private own(id: number): SlotDraft {
    const s = this.slots[id]!;
    if (this.owned[id]) return s as SlotDraft;
    const x = s as Slot;
    const side = (r: RangeSide): SideDraft => ({
      vals: r.vals,
      cum: restride(r.cum, r.vals.length, this.ix.words, this.capacity),
      res: Array.from(r.resPos, (p, k) => [p, r.resVal[k]!] as [number, number]),
    });
    const d: SlotDraft = {
      type: x.type,
      hard: x.hard,
      feat: x.feat,
      has: restride(x.has, 1, this.ix.words, this.capacity),
      bitsUsed: x.bitsUsed ?? 0,
      ...(x.lo ? { lo: side(x.lo) } : {}),
      ...(x.hi ? { hi: side(x.hi) } : {}),
      ...(x.bitMaps ? { bitMaps: restride(x.bitMaps, 32, this.ix.words, this.capacity) } : {}),
      ...(x.postings ? { postings: new Map([...x.postings].map(([k, l]) => [k, [...l]])) } : {}),
    };
    this.slots[id] = d;
    this.owned[id] = true;
    return d;
  }

  /** Makes room for `more` words at the end (every slot re-laid out, so all become owned). */
  private reserve(more: number): void {
    if (this.words + more <= this.capacity) return;
    const old = this.capacity;
    const words = Math.max(this.words + more, Math.ceil(old * 1.25));
    this.slots.forEach((s, id) => {
      if (!s) return;
      if (!this.owned[id]) {
        this.capacity = words;
        this.own(id);
        this.capacity = old;
        return;
      }
      const d = s as SlotDraft;
      d.has = restride(d.has, 1, old, words);
      if (d.lo) d.lo.cum = restride(d.lo.cum, d.lo.vals.length, old, words);
      if (d.hi) d.hi.cum = restride(d.hi.cum, d.hi.vals.length, old, words);
      if (d.bitMaps) d.bitMaps = restride(d.bitMaps, 32, old, words);
    });
    this.capacity = words;
  }

  /** Every bit row of a slot with its base offset. */
  private *rows(s: SlotDraft): Generator<[Int32Array, number]> {
    const W = this.capacity;
    yield [s.has, 0];
    if (s.lo) for (let j = 0; j < s.lo.vals.length; j++) yield [s.lo.cum, j * W];
    if (s.hi) for (let j = 0; j < s.hi.vals.length; j++) yield [s.hi.cum, j * W];
    if (s.bitMaps) for (let b = 0; b < 32; b++) yield [s.bitMaps, b * W];
  }

  /** Slots with a position in [p, end word): the only ones a shift there changes. */
  private reaching(p: number, endWord: number): SlotDraft[] {
    const out: SlotDraft[] = [];
    this.slots.forEach((s, id) => {
      if (s && anyFrom(s.has, p, endWord)) out.push(this.own(id));
    });
    return out;
  }

  /** Moves a full segment to the end of the word space with room to grow. */
  private relocate(key: string, need: number): void {
    const seg = this.segments.get(key)!;
    const words = segmentWords(need);
    this.reserve(words);
    const to = this.words;
    this.words += words;
    const shift = (to - seg.word) * 32;
    const first = seg.word * 32;
    const end = (seg.word + seg.words) * 32;
    const move = (p: number) => (p >= first && p < end ? p + shift : p);
    for (const s of this.reaching(first, seg.word + seg.words)) {
      for (const [row, base] of this.rows(s)) {
        row.copyWithin(base + to, base + seg.word, base + seg.word + seg.words);
        row.fill(0, base + seg.word, base + seg.word + seg.words);
      }
      for (const side of [s.lo, s.hi]) {
        if (!side) continue;
        for (const e of side.res) e[0] = move(e[0]);
        side.res.sort((a, b) => a[0] - b[0]);
      }
      if (s.postings)
        for (const [id, list] of s.postings)
          s.postings.set(
            id,
            list.map(move).sort((a, b) => a - b),
          );
    }
    this.segments.set(key, { word: to, words, products: seg.products });
  }

  /** Products of a segment (catalog order), or an empty list. */
  products(key: string): readonly number[] {
    return this.segments.get(key)?.products ?? [];
  }

  /** Inserts product i at place q of segment `key` (created at the end when new), with its ops. */
  insert(key: string, q: number, i: number, cols: OpColumns): void {
    let seg = this.segments.get(key);
    if (!seg) {
      const words = segmentWords(1);
      this.reserve(words);
      seg = { word: this.words, words, products: [] };
      this.words += words;
      this.segments.set(key, seg);
    }
    if (seg.products.length + 1 > seg.words * 32) {
      this.relocate(key, seg.products.length + 1);
      seg = this.segments.get(key)!;
    }
    const p = seg.word * 32 + q;
    const endWord = seg.word + seg.words;
    const end = endWord * 32;
    const up = (x: number) => (x >= p && x < end ? x + 1 : x);
    for (const s of this.reaching(p, endWord)) {
      for (const [row, base] of this.rows(s)) shiftUp(row, base, p, endWord);
      for (const side of [s.lo, s.hi]) if (side) for (const e of side.res) e[0] = up(e[0]);
      if (s.postings)
        for (const list of s.postings.values()) for (let k = 0; k < list.length; k++) list[k] = up(list[k]!);
    }
    seg.products.splice(q, 0, i);
    for (let r = cols.ruleStart[i]!; r < cols.ruleEnd[i]!; r++) {
      const id = cols.ruleSlot[r]!;
      if (!this.slots[id]) {
        this.slots[id] = emptySlot(
          opSlotType(cols.op[r]!),
          r < cols.hardEnd[i]!,
          cols.feat[r]!,
          this.capacity,
        );
        this.owned[id] = true;
      }
      placeOp(this.own(id), cols, r, p, this.capacity);
    }
  }

  /** Removes place q of segment `key`. */
  remove(key: string, q: number): void {
    const seg = this.segments.get(key)!;
    const p = seg.word * 32 + q;
    const endWord = seg.word + seg.words;
    const end = endWord * 32;
    const down = (x: number) => (x > p && x < end ? x - 1 : x);
    for (const s of this.reaching(p, endWord)) {
      for (const [row, base] of this.rows(s)) shiftDown(row, base, p, endWord);
      for (const side of [s.lo, s.hi])
        if (side) side.res = side.res.filter((e) => e[0] !== p).map((e) => [down(e[0]), e[1]]);
      if (s.postings)
        for (const [id, list] of s.postings) s.postings.set(id, list.filter((x) => x !== p).map(down));
    }
    seg.products.splice(q, 1);
  }

  finish(): BitmapIndex {
    const segments = new Map<string, Segment>();
    for (const [k, s] of this.segments)
      segments.set(k, { word: s.word, words: s.words, products: Int32Array.from(s.products) });
    const slots = this.slots.map((s, id) =>
      s && this.owned[id] ? slotOf(s as SlotDraft) : (s as Slot | undefined),
    );
    return indexOf(segments, this.capacity, slots);
  }
}

/** First index in ascending `a` whose value is ≥ x. */
export function lowerBound(a: Int32Array | readonly number[], x: number, from = 0, to = a.length): number {
  let l = from;
  let h = to;
  while (l < h) {
    const m = (l + h) >>> 1;
    if (a[m]! < x) l = m + 1;
    else h = m;
  }
  return l;
}

function lowerBoundArray(a: readonly number[], x: number): number {
  return lowerBound(a, x);
}

function lowerBoundPairs(a: readonly [number, number][], p: number): number {
  let l = 0;
  let h = a.length;
  while (l < h) {
    const m = (l + h) >>> 1;
    if (a[m]![0] < p) l = m + 1;
    else h = m;
  }
  return l;
}
