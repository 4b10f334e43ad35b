import { pricingRole } from '../product.ts';
import type { BilingualText } from '../text.ts';
import type { CompiledCatalog } from './compile.ts';
import { sharedTextBytes } from './explain.ts';
import type { BenefitMatch, Match, MatchResult, NearMiss, Unlock } from './schema.ts';

/**
 * The match answer as JSON, in UTF-8: the same bytes as `JSON.stringify(result)` encoded,
 * written straight as bytes from parts that are serialised and encoded once and reused where
 * they can be:
 * - what depends only on a product or a benefit (ids, names, kinds, institution, figures,
 *   sources, descriptions), once per compiled catalog;
 * - texts shared by every request a rule explains the same way (explain.ts keeps them with
 *   their JSON);
 * so each answer serialises and encodes only what this request made (scores, costs, texts
 * that read its numbers, dates and certificates), and no answer-sized string is built.
 *
 * A stored part is used only when every field it stands for is, value for value (and, for
 * objects, the very same object), what the catalog holds; anything else is serialised as
 * usual. Catalog objects are never changed in place (publishing makes a new version), so
 * text written from them stays true for that version. `test/domain/matching/answer-json.test.ts`
 * holds this to `JSON.stringify` on every kind of answer.
 *
 * The bytes are a range of a slab shared by many answers (one allocation per slab, not per
 * answer); a range once returned is never written again.
 */
export function matchResultBytes(cc: CompiledCatalog, result: MatchResult): Uint8Array {
  const parts = partsOf(cc);
  const out = new ByteWriter();
  out.bytes(K.asOf);
  out.str(result.asOf);
  out.bytes(K.lpr);
  lprJson(out, result.lpr);
  out.bytes(K.counts);
  countsJson(out, result.counts);
  out.bytes(K.matches);
  const { matches, nearMisses, unlocks, benefits } = result;
  for (let k = 0; k < matches.length; k++) {
    if (k) out.byte(COMMA);
    matchJson(out, cc, parts, matches[k]!);
  }
  out.bytes(K.nearMisses);
  for (let k = 0; k < nearMisses.length; k++) {
    if (k) out.byte(COMMA);
    nearMissJson(out, cc, parts, nearMisses[k]!);
  }
  out.bytes(K.unlocks);
  for (let k = 0; k < unlocks.length; k++) {
    if (k) out.byte(COMMA);
    unlockJson(out, unlocks[k]!);
  }
  out.bytes(K.packages);
  if (result.packages.length === 0) out.bytes(K.emptyList);
  else out.json(result.packages);
  out.bytes(K.benefits);
  for (let k = 0; k < benefits.length; k++) {
    if (k) out.byte(COMMA);
    benefitJson(out, parts, benefits[k]!);
  }
  out.bytes(K.end);
  return out.done();
}

const encoder = new TextEncoder();
const enc = (s: string) => encoder.encode(s);

const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What JSON.stringify writes after a backslash for `"`, `\\` and the control characters that have a short form. */
const SHORT_ESCAPES: (number | undefined)[] = [];
for (const [c, e] of [
  [0x22, '"'],
  [0x5c, '\\'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0c, 'f'],
  [0x0d, 'r'],
] as const)
  SHORT_ESCAPES[c] = e.charCodeAt(0);

const HEX = enc('0123456789abcdef');

/** `u` and four lowercase hex digits of c, as JSON.stringify writes escapes; the position after them. */
function hex4(buf: Uint8Array, pos: number, c: number): number {
  buf[pos] = 0x75;
  buf[pos + 1] = HEX[(c >> 12) & 15]!;
  buf[pos + 2] = HEX[(c >> 8) & 15]!;
  buf[pos + 3] = HEX[(c >> 4) & 15]!;
  buf[pos + 4] = HEX[c & 15]!;
  return pos + 5;
}

/** The fixed pieces between values, encoded once. */
const K = {
  asOf: enc('{"asOf":'),
  lpr: enc(',"lpr":'),
  counts: enc(',"counts":'),
  matches: enc(',"matches":['),
  nearMisses: enc('],"nearMisses":['),
  unlocks: enc('],"unlocks":['),
  packages: enc('],"packages":'),
  benefits: enc(',"benefits":['),
  end: enc(']}'),
  failed: enc(',"failed":['),
  rule: enc('{"rule":'),
  reason: enc(',"reason":'),
  unlock: enc(',"unlock":'),
  closeFailed: enc(']}'),
  upToYuanAfterFailed: enc('],"upToYuan":'),
  scoreBreakdown: enc(',"scoreBreakdown":'),
  reasons: enc(',"reasons":'),
  cost: enc(',"cost":'),
  appliedProductIds: enc(',"appliedProductIds":'),
  hint: enc('{"hint":'),
  summary: enc(',"summary":'),
  rules: enc(',"rules":'),
  productCount: enc(',"productCount":'),
  upToYuan: enc(',"upToYuan":'),
  productIds: enc(',"productIds":'),
  maxYuan: enc(',"maxYuan":'),
  shareBp: enc(',"shareBp":'),
  oneOffTrue: enc(',"oneOff":true'),
  oneOffFalse: enc(',"oneOff":false'),
  relevantTrue: enc(',"relevant":true,"reasons":'),
  relevantFalse: enc(',"relevant":false,"reasons":'),
  emptyList: enc('[]'),
  effectiveFrom: enc('{"effectiveFrom":'),
  oneYearBp: enc(',"oneYearBp":'),
  overFiveYearBp: enc(',"overFiveYearBp":'),
  products: enc('{"products":'),
  candidates: enc(',"candidates":'),
  matched: enc(',"matched":'),
  nearMissCount: enc(',"nearMisses":'),
  zh: enc('{"zh":'),
  en: enc(',"en":'),
};

/** Slabs answers are written into. */
const SLAB_BYTES = 128 * 1024;
let slab = new Uint8Array(SLAB_BYTES);
let slabUsed = 0;

/** One answer's bytes, written at the end of the current slab (moved to a new one if it outgrows it). */
class ByteWriter {
  private buf = slab;
  private start = slabUsed;
  private pos = slabUsed;

  /** Room for n more bytes. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const length = this.pos - this.start;
    const next = new Uint8Array(Math.max(SLAB_BYTES, 2 * (length + n)));
    next.set(this.buf.subarray(this.start, this.pos));
    this.buf = next;
    this.start = 0;
    this.pos = length;
    slab = next;
    slabUsed = 0;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    if (n > 32) this.buf.set(b, this.pos);
    else for (let k = 0, buf = this.buf, pos = this.pos; k < n; k++) buf[pos + k] = b[k]!;
    this.pos += n;
  }

  /**
   * A JSON string, escaped and encoded as it is read, as JSON.stringify escapes it (a quote, a
   * backslash, control characters, lone surrogates) and TextEncoder encodes it.
   */
  str(s: string): void {
    const n = s.length;
    this.room(n * 6 + 2);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) buf[pos++] = c;
        else {
          buf[pos++] = BACKSLASH;
          const short = SHORT_ESCAPES[c];
          if (short !== undefined) buf[pos++] = short;
          else pos = hex4(buf, pos, c);
        }
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          // A surrogate pair: one code point, four bytes.
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          // A lone surrogate: JSON.stringify writes it as \udxxx.
          buf[pos++] = BACKSLASH;
          pos = hex4(buf, pos, c);
        }
      }
    }
    buf[pos++] = QUOTE;
    this.pos = pos;
  }

  /** Any value, serialised by JSON.stringify. */
  json(value: unknown): void {
    this.utf8(JSON.stringify(value));
  }

  /** A number as JSON writes it: safe integers digit by digit, anything else through String. */
  num(n: number): void {
    if (!Number.isSafeInteger(n)) {
      this.utf8(Number.isFinite(n) ? String(n) : 'null');
      return;
    }
    this.room(17);
    const buf = this.buf;
    let pos = this.pos;
    // -0 is written "0", as JSON.stringify writes it.
    if (n < 0) {
      buf[pos++] = 0x2d;
      n = -n;
    }
    if (n <= 0x7fffffff) {
      // Most figures (scores, counts, amounts up to CNY 2.1 billion) fit 31 bits: integer
      // division, no floating-point floor per digit.
      let m = n | 0;
      let digits = 1;
      for (let t = m; t >= 10; t = (t / 10) | 0) digits++;
      for (let k = digits - 1; k >= 0; k--) {
        const q = (m / 10) | 0;
        buf[pos + k] = 0x30 + m - q * 10;
        m = q;
      }
      this.pos = pos + digits;
      return;
    }
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    for (let k = digits - 1; k >= 0; k--) {
      buf[pos + k] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos = pos + digits;
  }

  /** A string's UTF-8 bytes (as TextEncoder writes them). */
  utf8(s: string): void {
    const n = s.length;
    this.room(n * 3);
    if (n <= 256) {
      // Short strings character by character; long ones, or any with a surrogate, natively.
      const buf = this.buf;
      let pos = this.pos;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80) buf[pos++] = c;
        else if (c < 0x800) {
          buf[pos++] = 0xc0 | (c >> 6);
          buf[pos++] = 0x80 | (c & 0x3f);
        } else if (c >= 0xd800 && c <= 0xdfff) break;
        else {
          buf[pos++] = 0xe0 | (c >> 12);
          buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
          buf[pos++] = 0x80 | (c & 0x3f);
        }
      }
      if (i === n) {
        this.pos = pos;
        return;
      }
    }
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** The answer's bytes; the slab moves on past them. */
  done(): Uint8Array {
    slabUsed = (this.pos + 7) & ~7;
    return this.buf.subarray(this.start, this.pos);
  }
}

/** Encoded once: what depends only on a product index or a benefit id, as first needed. */
interface Parts {
  /** A near miss up to its score: `{"productId":…,"name":…,"kind":…,"institutionId":…,"demo":…,"score":`. */
  nearHead: (Uint8Array | undefined)[];
  /** A match up to its score: `{"productId":…,"name":…,"kind":…,"role":…,"institutionId":…,"institutionName":…,"demo":…,"score":`. */
  matchHead: (Uint8Array | undefined)[];
  /** A match from its illustrative figures on: `,"illustrativeFigures":…,"source":…}`. */
  matchTail: (Uint8Array | undefined)[];
  /** The benefit of each id, and its JSON up to maxYuan and from source on. */
  benefits: Map<
    string,
    { benefit: CompiledCatalog['benefits'][number]['benefit']; head: Uint8Array; tail: Uint8Array }
  >;
}

const partsByCatalog = new WeakMap<CompiledCatalog, Parts>();

function partsOf(cc: CompiledCatalog): Parts {
  let parts = partsByCatalog.get(cc);
  if (!parts) {
    parts = { nearHead: [], matchHead: [], matchTail: [], benefits: new Map() };
    for (const { benefit } of cc.benefits) {
      const { id, kind, name, description, source } = benefit;
      parts.benefits.set(id, {
        benefit,
        head: open({ benefitId: id, kind, name, description }),
        tail: enc(`,"source":${JSON.stringify(source)}}`),
      });
    }
    partsByCatalog.set(cc, parts);
  }
  return parts;
}

/** An object's JSON without its closing brace, for more keys to follow, encoded. */
function open(value: object, more = ''): Uint8Array {
  return enc(JSON.stringify(value).slice(0, -1) + more);
}

/** A bilingual text as JSON: a shared text's stored bytes, else its two strings. */
function text(out: ByteWriter, t: BilingualText): void {
  const bytes = sharedTextBytes(t);
  if (bytes !== undefined) {
    out.bytes(bytes);
    return;
  }
  out.bytes(K.zh);
  out.str(t.zh);
  out.bytes(K.en);
  out.str(t.en);
  out.byte(0x7d);
}

function texts(out: ByteWriter, ts: readonly BilingualText[]): void {
  out.byte(0x5b);
  for (let k = 0; k < ts.length; k++) {
    if (k) out.byte(COMMA);
    text(out, ts[k]!);
  }
  out.byte(0x5d);
}

/** A list of ids or rule names as JSON. */
function strs(out: ByteWriter, xs: readonly string[]): void {
  out.byte(0x5b);
  for (let k = 0; k < xs.length; k++) {
    if (k) out.byte(COMMA);
    out.str(xs[k]!);
  }
  out.byte(0x5d);
}

function nearMissJson(out: ByteWriter, cc: CompiledCatalog, parts: Parts, m: NearMiss): void {
  const i = cc.indexById.get(m.productId);
  const p = i === undefined ? undefined : cc.compiled[i]?.product;
  if (
    i === undefined ||
    !p ||
    m.productId !== p.id ||
    m.name !== p.name ||
    m.kind !== p.kind ||
    m.institutionId !== p.institutionId ||
    m.demo !== p.demo
  ) {
    out.json(m);
    return;
  }
  let head = parts.nearHead[i];
  if (head === undefined) {
    head = open(
      { productId: p.id, name: p.name, kind: p.kind, institutionId: p.institutionId, demo: p.demo },
      ',"score":',
    );
    parts.nearHead[i] = head;
  }
  out.bytes(head);
  out.num(m.score);
  out.bytes(K.failed);
  const failed = m.failed;
  for (let k = 0; k < failed.length; k++) {
    const f = failed[k]!;
    if (k) out.byte(COMMA);
    out.bytes(K.rule);
    out.str(f.rule);
    out.bytes(K.reason);
    text(out, f.reason);
    out.bytes(K.unlock);
    text(out, f.unlock);
    out.byte(0x7d);
  }
  if (m.upToYuan !== undefined) {
    out.bytes(K.upToYuanAfterFailed);
    out.num(m.upToYuan);
    out.byte(0x7d);
  } else out.bytes(K.closeFailed);
}

function matchJson(out: ByteWriter, cc: CompiledCatalog, parts: Parts, m: Match): void {
  const i = cc.indexById.get(m.productId);
  const p = i === undefined ? undefined : cc.compiled[i]?.product;
  const institution = p && cc.institutions.get(p.institutionId);
  if (
    i === undefined ||
    !p ||
    !institution ||
    m.productId !== p.id ||
    m.name !== p.name ||
    m.kind !== p.kind ||
    m.role !== pricingRole(p.pricing) ||
    m.institutionId !== p.institutionId ||
    m.institutionName !== institution.name ||
    m.demo !== p.demo ||
    m.illustrativeFigures !== p.illustrativeFigures ||
    m.source !== p.source
  ) {
    out.json(m);
    return;
  }
  let head = parts.matchHead[i];
  let tail = parts.matchTail[i];
  if (head === undefined || tail === undefined) {
    head = open(
      {
        productId: p.id,
        name: p.name,
        kind: p.kind,
        role: m.role,
        institutionId: p.institutionId,
        institutionName: institution.name,
        demo: p.demo,
      },
      ',"score":',
    );
    tail = enc(
      `,"illustrativeFigures":${JSON.stringify(p.illustrativeFigures)},"source":${JSON.stringify(p.source)}}`,
    );
    parts.matchHead[i] = head;
    parts.matchTail[i] = tail;
  }
  out.bytes(head);
  out.num(m.score);
  out.bytes(K.scoreBreakdown);
  out.json(m.scoreBreakdown);
  out.bytes(K.reasons);
  texts(out, m.reasons);
  out.bytes(K.cost);
  out.json(m.cost);
  out.bytes(K.appliedProductIds);
  strs(out, m.appliedProductIds);
  out.bytes(tail);
}

function unlockJson(out: ByteWriter, u: Unlock): void {
  out.bytes(K.hint);
  text(out, u.hint);
  out.bytes(K.summary);
  text(out, u.summary);
  out.bytes(K.rules);
  strs(out, u.rules);
  out.bytes(K.productCount);
  out.num(u.productCount);
  if (u.upToYuan !== undefined) {
    out.bytes(K.upToYuan);
    out.num(u.upToYuan);
  }
  out.bytes(K.productIds);
  strs(out, u.productIds);
  out.byte(0x7d);
}

function benefitJson(out: ByteWriter, parts: Parts, b: BenefitMatch): void {
  const held = parts.benefits.get(b.benefitId);
  const benefit = held?.benefit;
  if (
    !held ||
    !benefit ||
    b.benefitId !== benefit.id ||
    b.kind !== benefit.kind ||
    b.name !== benefit.name ||
    b.description !== benefit.description ||
    b.source !== benefit.source ||
    typeof b.oneOff !== 'boolean' ||
    typeof b.relevant !== 'boolean'
  ) {
    out.json(b);
    return;
  }
  out.bytes(held.head);
  if (b.maxYuan !== undefined) {
    out.bytes(K.maxYuan);
    out.num(b.maxYuan);
  }
  if (b.shareBp !== undefined) {
    out.bytes(K.shareBp);
    out.num(b.shareBp);
  }
  out.bytes(b.oneOff ? K.oneOffTrue : K.oneOffFalse);
  out.bytes(b.relevant ? K.relevantTrue : K.relevantFalse);
  texts(out, b.reasons);
  out.bytes(held.tail);
}

/** True when `o`'s enumerable keys are exactly `names`, in that order (what JSON.stringify would write). */
function keysAre(o: object, names: readonly string[]): boolean {
  let k = 0;
  for (const key in o) if (key !== names[k++]) return false;
  return k === names.length;
}

const LPR_KEYS = ['effectiveFrom', 'oneYearBp', 'overFiveYearBp'] as const;
const COUNT_KEYS = ['products', 'candidates', 'matched', 'nearMisses'] as const;

/** The LPR fixing, key by key (JSON.stringify's text for anything unexpected). */
function lprJson(out: ByteWriter, l: MatchResult['lpr']): void {
  if (
    typeof l.effectiveFrom !== 'string' ||
    !Number.isSafeInteger(l.oneYearBp) ||
    !Number.isSafeInteger(l.overFiveYearBp) ||
    !keysAre(l, LPR_KEYS)
  ) {
    out.json(l);
    return;
  }
  out.bytes(K.effectiveFrom);
  out.str(l.effectiveFrom);
  out.bytes(K.oneYearBp);
  out.num(l.oneYearBp);
  out.bytes(K.overFiveYearBp);
  out.num(l.overFiveYearBp);
  out.byte(0x7d);
}

/** The counts, key by key (JSON.stringify's text for anything unexpected). */
function countsJson(out: ByteWriter, c: MatchResult['counts']): void {
  if (
    !Number.isSafeInteger(c.products) ||
    !Number.isSafeInteger(c.candidates) ||
    !Number.isSafeInteger(c.matched) ||
    !Number.isSafeInteger(c.nearMisses) ||
    !keysAre(c, COUNT_KEYS)
  ) {
    out.json(c);
    return;
  }
  out.bytes(K.products);
  out.num(c.products);
  out.bytes(K.candidates);
  out.num(c.candidates);
  out.bytes(K.matched);
  out.num(c.matched);
  out.bytes(K.nearMissCount);
  out.num(c.nearMisses);
  out.byte(0x7d);
}
