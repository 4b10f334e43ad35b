import { pricingRole } from '../product.ts';
import type { BilingualText } from '../text.ts';
import type { CompiledCatalog } from './compile.ts';
import { sharedTextJson } from './explain.ts';
import type { BenefitMatch, Match, MatchResult, NearMiss, Unlock } from './schema.ts';

/**
 * The match answer as JSON text: the same bytes as `JSON.stringify(result)`, written from
 * parts that are serialised once and reused where they can be:
 * - what depends only on a product or a benefit (ids, names, kinds, institution, figures,
 *   sources, descriptions), once per compiled catalog;
 * - texts shared by every request a rule explains the same way (explain.ts keeps them with
 *   their JSON);
 * so each answer serialises only what this request made (scores, costs, texts that read its
 * numbers, dates and certificates). The pieces are joined once, into one flat string.
 *
 * A stored part is used only when every field it stands for is, value for value (and, for
 * objects, the very same object), what the catalog holds; anything else is serialised as
 * usual. Catalog objects are never changed in place (publishing makes a new version), so
 * text written from them stays true for that version. `test/domain/matching/answer-json.test.ts`
 * holds this to `JSON.stringify` on every kind of answer.
 */
export function matchResultJson(cc: CompiledCatalog, result: MatchResult): string {
  const parts = partsOf(cc);
  const out: string[] = [
    '{"asOf":',
    JSON.stringify(result.asOf),
    ',"lpr":',
    JSON.stringify(result.lpr),
    ',"counts":',
    JSON.stringify(result.counts),
    ',"matches":[',
  ];
  const { matches, nearMisses, unlocks, benefits } = result;
  for (let k = 0; k < matches.length; k++) {
    if (k) out.push(',');
    matchJson(out, cc, parts, matches[k]!);
  }
  out.push('],"nearMisses":[');
  for (let k = 0; k < nearMisses.length; k++) {
    if (k) out.push(',');
    nearMissJson(out, cc, parts, nearMisses[k]!);
  }
  out.push('],"unlocks":[');
  for (let k = 0; k < unlocks.length; k++) {
    if (k) out.push(',');
    unlockJson(out, unlocks[k]!);
  }
  out.push('],"packages":', JSON.stringify(result.packages), ',"benefits":[');
  for (let k = 0; k < benefits.length; k++) {
    if (k) out.push(',');
    benefitJson(out, parts, benefits[k]!);
  }
  out.push(']}');
  return out.join('');
}

/** Text written once per compiled catalog, per product index or benefit id, as first needed. */
interface Parts {
  /** A near miss up to its score: `{"productId":…,"name":…,"kind":…,"institutionId":…,"demo":…,"score":`. */
  nearHead: (string | undefined)[];
  /** A match up to its score: `{"productId":…,"name":…,"kind":…,"role":…,"institutionId":…,"institutionName":…,"demo":…,"score":`. */
  matchHead: (string | undefined)[];
  /** A match from its illustrative figures on: `,"illustrativeFigures":…,"source":…}`. */
  matchTail: (string | undefined)[];
  /** The benefit of each id, and its text up to maxYuan and from source on. */
  benefits: Map<
    string,
    { benefit: CompiledCatalog['benefits'][number]['benefit']; head: string; tail: string }
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
        tail: flat(',"source":', JSON.stringify(source), '}'),
      });
    }
    partsByCatalog.set(cc, parts);
  }
  return parts;
}

/**
 * One string of the parts, laid out flat (not a chain of joined pieces), so the answers that
 * reuse it copy it in one go.
 */
function flat(...parts: string[]): string {
  return ['', ...parts].join('');
}

/** An object's JSON without its closing brace, for more keys to follow. */
function open(value: object, ...more: string[]): string {
  return flat(JSON.stringify(value).slice(0, -1), ...more);
}

/** What JSON.stringify escapes in a string: quotes, backslashes, control characters, lone surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding what must be escaped is the point
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON writes it: as it is between quotes when nothing in it needs escaping. */
function str(out: string[], s: string): void {
  if (ESCAPED.test(s)) out.push(JSON.stringify(s));
  else out.push('"', s, '"');
}

/** A bilingual text as JSON: a shared text's stored JSON, else its two strings. */
function text(out: string[], t: BilingualText): void {
  const json = sharedTextJson(t);
  if (json !== undefined) out.push(json);
  else {
    out.push('{"zh":');
    str(out, t.zh);
    out.push(',"en":');
    str(out, t.en);
    out.push('}');
  }
}

/** A list of ids or rule names as JSON. */
function strs(out: string[], xs: readonly string[]): void {
  out.push('[');
  for (let k = 0; k < xs.length; k++) {
    if (k) out.push(',');
    str(out, xs[k]!);
  }
  out.push(']');
}

/** A number as JSON writes it. */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

function nearMissJson(out: string[], cc: CompiledCatalog, parts: Parts, m: NearMiss): void {
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
    out.push(JSON.stringify(m));
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
  out.push(head, num(m.score), ',"failed":[');
  const failed = m.failed;
  for (let k = 0; k < failed.length; k++) {
    const f = failed[k]!;
    out.push(k ? ',{"rule":' : '{"rule":');
    str(out, f.rule);
    out.push(',"reason":');
    text(out, f.reason);
    out.push(',"unlock":');
    text(out, f.unlock);
    out.push('}');
  }
  if (m.upToYuan !== undefined) out.push('],"upToYuan":', num(m.upToYuan), '}');
  else out.push(']}');
}

function matchJson(out: string[], cc: CompiledCatalog, parts: Parts, m: Match): void {
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
    out.push(JSON.stringify(m));
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
    tail = flat(
      ',"illustrativeFigures":',
      JSON.stringify(p.illustrativeFigures),
      ',"source":',
      JSON.stringify(p.source),
      '}',
    );
    parts.matchHead[i] = head;
    parts.matchTail[i] = tail;
  }
  out.push(head, num(m.score), ',"scoreBreakdown":', JSON.stringify(m.scoreBreakdown), ',"reasons":');
  texts(out, m.reasons);
  out.push(',"cost":', JSON.stringify(m.cost), ',"appliedProductIds":');
  strs(out, m.appliedProductIds);
  out.push(tail);
}

function unlockJson(out: string[], u: Unlock): void {
  out.push('{"hint":');
  text(out, u.hint);
  out.push(',"summary":');
  text(out, u.summary);
  out.push(',"rules":');
  strs(out, u.rules);
  out.push(',"productCount":', num(u.productCount));
  if (u.upToYuan !== undefined) out.push(',"upToYuan":', num(u.upToYuan));
  out.push(',"productIds":');
  strs(out, u.productIds);
  out.push('}');
}

function benefitJson(out: string[], parts: Parts, b: BenefitMatch): void {
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
    out.push(JSON.stringify(b));
    return;
  }
  out.push(held.head);
  if (b.maxYuan !== undefined) out.push(',"maxYuan":', num(b.maxYuan));
  if (b.shareBp !== undefined) out.push(',"shareBp":', num(b.shareBp));
  out.push(
    b.oneOff ? ',"oneOff":true' : ',"oneOff":false',
    b.relevant ? ',"relevant":true,"reasons":' : ',"relevant":false,"reasons":',
  );
  texts(out, b.reasons);
  out.push(held.tail);
}

function texts(out: string[], ts: readonly BilingualText[]): void {
  out.push('[');
  for (let k = 0; k < ts.length; k++) {
    if (k) out.push(',');
    text(out, ts[k]!);
  }
  out.push(']');
}
