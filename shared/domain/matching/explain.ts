import { CERTIFICATE_STATE_NAMES } from '../certificate-state.ts';
import type { BilingualText } from '../text.ts';
import { LABEL_NAMES, type Label, LEVEL_NAMES, type Level, TIER_NAMES, type Tier } from '../tiers.ts';
import type { CompiledCatalog } from './compile.ts';
import type { Facts } from './facts.ts';
import { yuanText } from './money.ts';
import {
  COLLATERAL_NAMES,
  industryName,
  joinOr,
  LISTING_NAMES,
  METRIC_NAMES,
  purposeName,
  regionName,
} from './names.ts';
import { certNeedBits, relevantCertificate, type Spec, titleCertificate, titleWindowStart } from './specs.ts';

/**
 * Explanations, built only for what the answer shows (top matches, near misses, unlock
 * summaries, benefits): the cold path. Every text is bilingual, Chinese first.
 */
type Text = BilingualText;

/**
 * Texts that depend only on a rule (and on which way it holds or fails, or on one value from
 * a small set: a region or industry prefix, a purpose, a listing) are made once per rule and
 * shared, frozen, with their JSON: answer-json.ts writes them without serialising them again.
 * Texts that read the request's numbers, dates or certificates are made per request.
 */
/**
 * A shared text's JSON in UTF-8, kept on the text itself under a non-enumerable symbol (JSON,
 * spreads, `Object.keys` and equality checks do not see it): the writer reads it as a
 * property instead of looking the text up in a weak table, once per text of every answer.
 */
const TEXT_BYTES: unique symbol = Symbol('shared text JSON bytes');
type SharedText = Text & { readonly [TEXT_BYTES]?: Uint8Array };
const encoder = new TextEncoder();

/** A shared text's JSON as UTF-8 bytes (undefined for a text made for one request). */
export function sharedTextBytes(t: Text): Uint8Array | undefined {
  return (t as SharedText)[TEXT_BYTES];
}

/** A shared text's JSON (undefined for a text made for one request). */
export function sharedTextJson(t: Text): string | undefined {
  const bytes = sharedTextBytes(t);
  return bytes && new TextDecoder().decode(bytes);
}

function isShared(t: Text): boolean {
  return (t as SharedText)[TEXT_BYTES] !== undefined;
}

function share(t: Text): Text {
  const shared = { zh: t.zh, en: t.en };
  Object.defineProperty(shared, TEXT_BYTES, { value: encoder.encode(JSON.stringify(shared)) });
  return Object.freeze(shared);
}

const BY_SPEC = new WeakMap<Spec, Map<string, Text>>();

/** The shared text `key` of `owner` in `table`, made by `make` (and shared) the first time. */
function sharedIn<K extends object>(
  table: WeakMap<K, Map<string, Text>>,
  owner: K,
  key: string,
  make: () => Text,
): Text {
  let texts = table.get(owner);
  if (!texts) {
    texts = new Map();
    table.set(owner, texts);
  }
  let t = texts.get(key);
  if (!t) {
    t = share(make());
    texts.set(key, t);
  }
  return t;
}

/** The shared text `key` of a rule, made by `make` the first time. */
function once(spec: Spec, key: string, make: () => Text): Text {
  return sharedIn(BY_SPEC, spec, key, make);
}

/**
 * Shared texts of a rule per value it was checked for (a region or industry prefix, the
 * request's purpose, a listing), keyed by the value itself: no key string made per call.
 */
const PASS_BY_VALUE = new WeakMap<Spec, Map<string, Text>>();
const FAIL_BY_VALUE = new WeakMap<Spec, Map<string, Text>>();

/** The shared text `key` of `owner` in `table` if it was made already (see `known`). */
function knownIn<K extends object>(
  table: WeakMap<K, Map<string, Text>>,
  owner: K,
  key: string,
): Text | undefined {
  return table.get(owner)?.get(key);
}

/** The first of `prefixes` that `held` holds ('' stands for everywhere when `everywhere`). */
function firstHeld(
  prefixes: readonly string[],
  held: readonly string[],
  everywhere: boolean,
): string | undefined {
  for (const x of prefixes) if ((everywhere && x === '') || held.includes(x)) return x;
  return undefined;
}

/**
 * The shared text `key` of a rule if it was made already. Callers write
 * `known(spec, key) ?? once(spec, key, () => …)`: the maker (a closure, allocated where it is
 * written) is only created the first time, not on every explanation.
 */
function known(spec: Spec, key: string): Text | undefined {
  return BY_SPEC.get(spec)?.get(key);
}

/** Texts made from one shared text (its sentence, its illustrative variant), shared too. */
const DERIVED = new WeakMap<Text, Map<string, Text>>();

function derived(from: Text, key: string, make: () => Text): Text {
  return isShared(from) ? sharedIn(DERIVED, from, key, make) : make();
}

/** A derived text of a shared text if it was made already (see `known`). */
function knownDerived(from: Text, key: string): Text | undefined {
  return DERIVED.get(from)?.get(key);
}

function levelPrefix(level: Level | undefined): Text {
  if (!level || level === 'municipal') return { zh: '', en: '' };
  return level === 'provincial'
    ? { zh: '省级及以上', en: ', provincial level or above' }
    : { zh: '国家级', en: ', national level' };
}

function tierPhrase(tier: Tier, level: Level | undefined): Text {
  const lp = levelPrefix(level);
  return {
    zh: `${lp.zh}${TIER_NAMES[tier].zh}`,
    en: `${TIER_NAMES[tier].zh} (${TIER_NAMES[tier].en})${lp.en}`,
  };
}

function labelsPhrase(labels: readonly Label[], level: Level | undefined): Text {
  const lp = levelPrefix(level);
  const names = joinOr(
    labels.map((l) => ({ zh: LABEL_NAMES[l].zh, en: `${LABEL_NAMES[l].zh} (${LABEL_NAMES[l].en})` })),
  );
  return { zh: `${lp.zh}${names.zh}`, en: `${names.en}${lp.en}` };
}

/** "专精特新中小企业" / "专精特新中小企业 (SRDI SME)" for any certificate spec. */
export function certPhrase(spec: Spec): Text {
  switch (spec.rule) {
    case 'tier_at_least':
      return tierPhrase(spec.tier, spec.level);
    case 'label':
      return labelsPhrase(spec.anyOf, spec.level);
    case 'tier_or_label': {
      const t = tierPhrase(spec.tier, spec.level);
      const l = labelsPhrase(spec.labels, undefined);
      return { zh: `${t.zh}或${l.zh}`, en: `${t.en} or ${l.en}` };
    }
    default:
      return { zh: '', en: '' };
  }
}

/** "国家级专精特新"小巨人"" / "national 专精特新"小巨人" (SRDI "little giant")": one per title and level, made once. */
function certificateName(c: Facts['firm']['certifications'][number]): Text {
  const designation = 'tier' in c ? c.tier : c.label;
  let byLevel = CERTIFICATE_NAMES.get(designation);
  if (!byLevel) {
    byLevel = new Map();
    CERTIFICATE_NAMES.set(designation, byLevel);
  }
  let text = byLevel.get(c.level);
  if (!text) {
    const name = 'tier' in c ? TIER_NAMES[c.tier] : LABEL_NAMES[c.label];
    const level = LEVEL_NAMES[c.level];
    text = share({ zh: `${level.zh}${name.zh}`, en: `${level.en} ${name.zh} (${name.en})` });
    byLevel.set(c.level, text);
  }
  return text;
}

const CERTIFICATE_NAMES = new Map<string, Map<string, Text>>();

function months(n: number): Text {
  return { zh: `${n}个月`, en: `${n} month${n === 1 ? '' : 's'}` };
}

function metricValue(metric: string, v: number): Text {
  if (metric === 'revenueYuan' || metric === 'rndExpenseYuan') return yuanText(v);
  if (metric === 'rndIntensityBp') return { zh: `${(v / 100).toFixed(2)}%`, en: `${(v / 100).toFixed(2)}%` };
  if (metric === 'yearsSinceFounding') return { zh: `${v}年`, en: `${v} year${v === 1 ? '' : 's'}` };
  if (metric === 'employees') return { zh: `${v}人`, en: String(v) };
  return { zh: `${v}件`, en: String(v) };
}

function rangeText(min: Text | undefined, max: Text | undefined): Text {
  if (min && max) return { zh: `${min.zh}至${max.zh}`, en: `${min.en} to ${max.en}` };
  if (max) return { zh: `不超过${max.zh}`, en: `at most ${max.en}` };
  if (min) return { zh: `不低于${min.zh}`, en: `at least ${min.en}` };
  return { zh: '', en: '' };
}

/** A condition the seed does not state, kept as an example: said so beside the reason. */
const ILLUSTRATIVE: Text = {
  zh: '（示意条件，政策原文未载明）',
  en: ' (illustrative condition: the source does not state it)',
};

function withIllustrative(spec: Spec, text: Text): Text {
  if (!('illustrative' in spec && spec.illustrative)) return text;
  return (
    knownDerived(text, 'illustrative') ??
    derived(text, 'illustrative', () => ({
      zh: `${text.zh}${ILLUSTRATIVE.zh}`,
      en: `${text.en}${ILLUSTRATIVE.en}`,
    }))
  );
}

/** The titles of a title_obtained rule: "国家级专精特新"小巨人"或省级专精特新中小企业". */
function titlesPhrase(spec: Extract<Spec, { rule: 'title_obtained' }>): Text {
  return joinOr(
    spec.titles.map((t) => {
      const name = 'tier' in t ? TIER_NAMES[t.tier] : LABEL_NAMES[t.label];
      const level = t.level ? LEVEL_NAMES[t.level] : undefined;
      return {
        zh: `${level?.zh ?? ''}${name.zh}`,
        en: `${level ? `${level.en} ` : ''}${name.zh} (${name.en})`,
      };
    }),
  );
}

/** The issue window of a title_obtained rule on f.asOf: "2022-01-01至2023-12-31". */
function titleWindow(spec: Extract<Spec, { rule: 'title_obtained' }>, f: Facts): Text {
  const from = titleWindowStart(spec, f.asOf);
  const to = spec.issuedTo !== undefined && spec.issuedTo < f.asOf ? spec.issuedTo : f.asOf;
  return { zh: `${from ?? '…'}至${to}`, en: `${from ?? '…'} to ${to}` };
}

/** Why a spec holds, or undefined when it is not worth a line (kind, validity without end). */
export function passReason(spec: Spec, f: Facts): Text | undefined {
  const text = passReasonText(spec, f);
  return text && withIllustrative(spec, text);
}

function passReasonText(spec: Spec, f: Facts): Text | undefined {
  const r = f.request;
  switch (spec.rule) {
    case 'region': {
      const p = firstHeld(spec.prefixes, f.regionPrefixes, true) ?? '';
      if (p === '')
        return (
          known(spec, 'pass') ??
          once(spec, 'pass', () => ({ zh: '面向全国企业', en: 'available nationwide' }))
        );
      return (
        knownIn(PASS_BY_VALUE, spec, p) ??
        sharedIn(PASS_BY_VALUE, spec, p, () => {
          const n = regionName(p);
          return { zh: `注册地在${n.zh}（${p}）`, en: `registered in ${n.en} (${p})` };
        })
      );
    }
    case 'validity': {
      const to = spec.to;
      return to
        ? (known(spec, 'pass') ??
            once(spec, 'pass', () => ({ zh: `政策有效期至${to}`, en: `in force until ${to}` })))
        : undefined;
    }
    case 'kind':
      return undefined;
    case 'amount': {
      const a = yuanText(r.amountYuan);
      const lim = rangeText(
        spec.minYuan > 0 ? yuanText(spec.minYuan) : undefined,
        spec.maxYuan !== undefined ? yuanText(spec.maxYuan) : undefined,
      );
      return { zh: `申请金额${a.zh}，额度${lim.zh}`, en: `${a.en} asked, within the limit (${lim.en})` };
    }
    case 'term': {
      const lim = rangeText(
        spec.minMonths !== undefined ? months(spec.minMonths) : undefined,
        spec.maxMonths !== undefined ? months(spec.maxMonths) : undefined,
      );
      const t = months(r.termMonths);
      return { zh: `期限${t.zh}，要求${lim.zh}`, en: `term of ${t.en}, limit ${lim.en}` };
    }
    case 'quota':
      return (
        known(spec, 'pass') ??
        once(spec, 'pass', () => {
          const left = yuanText(spec.leftYuan);
          return { zh: `本期剩余额度${left.zh}`, en: `${left.en} left this period` };
        })
      );
    case 'tier_at_least':
    case 'label':
    case 'tier_or_label': {
      const rc = relevantCertificate(spec, f);
      if (!rc) return undefined;
      const n = certificateName(rc.certificate);
      const st = CERTIFICATE_STATE_NAMES[rc.certificate.state ?? 'self_declared'];
      return {
        zh: `持有${n.zh}认定（${rc.certificate.expiresOn}到期；${st.zh}）`,
        en: `holds a ${n.en} certificate (expires ${rc.certificate.expiresOn}; ${st.en})`,
      };
    }
    case 'industry': {
      const p = firstHeld(spec.prefixes, f.industryPrefixes, false)!;
      return (
        knownIn(PASS_BY_VALUE, spec, p) ??
        sharedIn(PASS_BY_VALUE, spec, p, () => {
          const n = industryName(p);
          return { zh: `主营行业属于${n.zh}`, en: `main business in ${n.en}` };
        })
      );
    }
    case 'industry_not':
      return undefined;
    case 'collateral': {
      const offered = spec.accepted.filter((c) => r.collateral.includes(c)).map((c) => COLLATERAL_NAMES[c]);
      const o = joinOr(offered);
      return spec.accepted.length === 1 && spec.accepted[0] === 'none'
        ? { zh: '信用贷款，无需抵押', en: 'credit loan, no collateral needed' }
        : { zh: `担保方式：${o.zh}`, en: `secured by ${o.en}` };
    }
    case 'purpose':
      return (
        knownIn(PASS_BY_VALUE, spec, r.purpose) ??
        sharedIn(PASS_BY_VALUE, spec, r.purpose, () => {
          const p = purposeName(r.purpose);
          return { zh: `支持用途：${p.zh}`, en: `serves the purpose: ${p.en}` };
        })
      );
    case 'metric': {
      const name = METRIC_NAMES[spec.metric];
      const v = metricValue(spec.metric, f.metrics[spec.metric]);
      const lim = rangeText(
        spec.min !== undefined ? metricValue(spec.metric, spec.min) : undefined,
        spec.max !== undefined ? metricValue(spec.metric, spec.max) : undefined,
      );
      return { zh: `${name.zh}${v.zh}，要求${lim.zh}`, en: `${name.en} ${v.en}, required ${lim.en}` };
    }
    case 'listing_not':
      return undefined;
    case 'paid_interest_last_year': {
      const y = yuanText(f.firm.priorYearInterestPaidYuan);
      return { zh: `上年度实际支付利息${y.zh}`, en: `${y.en} of interest actually paid last year` };
    }
    case 'title_obtained': {
      const c = titleCertificate(spec, f);
      if (!c) return undefined;
      const n = certificateName(c);
      const w = titleWindow(spec, f);
      return {
        zh: `于${c.issuedOn}取得${n.zh}称号（奖励面向${w.zh}间取得的称号）`,
        en: `obtained the ${n.en} title on ${c.issuedOn} (the award is for titles obtained ${w.en})`,
      };
    }
  }
}

/** Why a spec fails, in the firm's terms. */
export function failReason(spec: Spec, f: Facts): Text {
  return withIllustrative(spec, failReasonText(spec, f));
}

function failReasonText(spec: Spec, f: Facts): Text {
  const r = f.request;
  switch (spec.rule) {
    case 'region':
      return (
        known(spec, 'fail') ??
        once(spec, 'fail', () => ({
          zh: '不在产品服务区域内',
          en: 'outside the area the product serves',
        }))
      );
    case 'validity':
      return {
        zh: `不在政策有效期内（${spec.from ?? '…'}至${spec.to ?? '…'}）`,
        en: `not in force on ${f.asOf} (${spec.from ?? '…'} to ${spec.to ?? '…'})`,
      };
    case 'kind':
      return (
        known(spec, 'fail') ??
        once(spec, 'fail', () =>
          spec.kind === 'equity'
            ? { zh: '股权融资产品，需求为债权融资', en: 'an equity product; the request is for debt' }
            : { zh: '债权融资产品，需求为股权融资', en: 'a debt product; the request is for equity' },
        )
      );
    case 'amount': {
      const a = yuanText(r.amountYuan);
      if (spec.maxYuan !== undefined && r.amountYuan > spec.maxYuan) {
        const m = yuanText(spec.maxYuan);
        return { zh: `申请金额${a.zh}超过最高额度${m.zh}`, en: `amount ${a.en} is above the ${m.en} cap` };
      }
      const m = yuanText(spec.minYuan);
      return { zh: `申请金额${a.zh}低于最低额度${m.zh}`, en: `amount ${a.en} is below the ${m.en} minimum` };
    }
    case 'term': {
      const t = months(r.termMonths);
      if (spec.maxMonths !== undefined && r.termMonths > spec.maxMonths) {
        const m = months(spec.maxMonths);
        return {
          zh: `期限${t.zh}超过最长${m.zh}`,
          en: `term of ${t.en} is longer than the ${spec.maxMonths}-month maximum`,
        };
      }
      const m = months(spec.minMonths ?? 1);
      return {
        zh: `期限${t.zh}短于最短${m.zh}`,
        en: `term of ${t.en} is shorter than the ${spec.minMonths ?? 1}-month minimum`,
      };
    }
    case 'quota':
      return (
        known(spec, 'fail') ??
        once(spec, 'fail', () => {
          const left = yuanText(spec.leftYuan);
          return spec.leftYuan === 0
            ? { zh: '本期额度已用完', en: 'the quota for this period is used up' }
            : { zh: `本期剩余额度仅${left.zh}`, en: `only ${left.en} left this period` };
        })
      );
    case 'tier_at_least':
    case 'label':
    case 'tier_or_label': {
      if (spec.verified && (f.certBits & certNeedBits(spec)) !== 0)
        return (
          known(spec, 'fail unverified') ??
          once(spec, 'fail unverified', () => {
            const phrase = certPhrase(spec);
            return {
              zh: `须为经认定的${phrase.zh}（在已导入的认定名单中）；现有认定为企业自报，尚未核验`,
              en: `requires a verified ${phrase.en} certificate (on an imported certified list); the firm's is self-declared`,
            };
          })
        );
      const rc = relevantCertificate(spec, f);
      const phrase = certPhrase(spec);
      if (rc && rc.certificate.expiresOn <= f.asOf) {
        const n = certificateName(rc.certificate);
        return {
          zh: `${n.zh}认定已于${rc.certificate.expiresOn}到期，需${phrase.zh}有效认定`,
          en: `the ${n.en} certificate expired on ${rc.certificate.expiresOn}; requires a valid ${phrase.en} certificate`,
        };
      }
      if (rc && rc.certificate.issuedOn > f.asOf) {
        const n = certificateName(rc.certificate);
        return {
          zh: `${n.zh}认定自${rc.certificate.issuedOn}起生效`,
          en: `the ${n.en} certificate only counts from ${rc.certificate.issuedOn}`,
        };
      }
      return (
        known(spec, 'fail') ??
        once(spec, 'fail', () => ({
          zh: `须具备${phrase.zh}认定`,
          en: `requires ${phrase.en} certification`,
        }))
      );
    }
    case 'industry':
      return (
        known(spec, 'fail') ??
        once(spec, 'fail', () => {
          const n = joinOr(spec.prefixes.map(industryName));
          return { zh: `仅面向${n.zh}企业`, en: `only for firms in ${n.en}` };
        })
      );
    case 'industry_not': {
      const p = firstHeld(spec.prefixes, f.industryPrefixes, false) ?? spec.prefixes[0]!;
      return (
        knownIn(FAIL_BY_VALUE, spec, p) ??
        sharedIn(FAIL_BY_VALUE, spec, p, () => {
          const n = industryName(p);
          return { zh: `不支持${n.zh}企业`, en: `excludes firms in ${n.en}` };
        })
      );
    }
    case 'collateral':
      return (
        known(spec, 'fail') ??
        once(spec, 'fail', () => {
          const n = joinOr(spec.accepted.map((c) => COLLATERAL_NAMES[c]));
          return { zh: `须提供${n.zh}作为担保`, en: `requires ${n.en} as collateral` };
        })
      );
    case 'purpose':
      return (
        knownIn(FAIL_BY_VALUE, spec, r.purpose) ??
        sharedIn(FAIL_BY_VALUE, spec, r.purpose, () => {
          const n = joinOr(spec.anyOf.map(purposeName));
          const p = purposeName(r.purpose);
          return {
            zh: `仅支持${n.zh}，需求用途为${p.zh}`,
            en: `only for ${n.en}; the request is for ${p.en}`,
          };
        })
      );
    case 'metric': {
      const name = METRIC_NAMES[spec.metric];
      const v = metricValue(spec.metric, f.metrics[spec.metric]);
      const lim = rangeText(
        spec.min !== undefined ? metricValue(spec.metric, spec.min) : undefined,
        spec.max !== undefined ? metricValue(spec.metric, spec.max) : undefined,
      );
      return { zh: `${name.zh}为${v.zh}，要求${lim.zh}`, en: `${name.en} is ${v.en}; required ${lim.en}` };
    }
    case 'listing_not': {
      const listing = f.firm.listing;
      return (
        knownIn(FAIL_BY_VALUE, spec, listing) ??
        sharedIn(FAIL_BY_VALUE, spec, listing, () => {
          const n = LISTING_NAMES[listing];
          return { zh: `不支持已在${n.zh}上市的企业`, en: `not for firms listed on ${n.en}` };
        })
      );
    }
    case 'paid_interest_last_year':
      return (
        known(spec, 'fail') ??
        once(spec, 'fail', () => ({
          zh: '上年度无实际支付的贷款利息',
          en: 'no interest was actually paid on loans last year',
        }))
      );
    case 'title_obtained': {
      const t = titlesPhrase(spec);
      const w = titleWindow(spec, f);
      return {
        zh: `奖励面向${w.zh}间取得${t.zh}称号的企业`,
        en: `the award is for firms that obtained the ${t.en} title ${w.en}`,
      };
    }
  }
}

/**
 * What would unlock the spec, as a noun phrase ("an unexpired … certificate", "asking for
 * at most CNY 500M"), so it reads both per product and in summaries.
 */
export function unlockHint(spec: Spec, f: Facts): Text {
  const r = f.request;
  switch (spec.rule) {
    case 'region':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => ({
          zh: '在服务区域内注册的企业',
          en: 'registration in the area served',
        }))
      );
    case 'validity':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => ({
          zh: '政策有效期内申请',
          en: 'applying while the policy is in force',
        }))
      );
    case 'kind':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => ({ zh: '改为相应的融资方式', en: 'the matching financing kind' }))
      );
    case 'amount': {
      const max = spec.maxYuan;
      if (max !== undefined && r.amountYuan > max)
        return (
          known(spec, 'hint above') ??
          once(spec, 'hint above', () => {
            const m = yuanText(max);
            return { zh: `将申请金额降至${m.zh}以内`, en: `asking for at most ${m.en}` };
          })
        );
      return (
        known(spec, 'hint below') ??
        once(spec, 'hint below', () => {
          const m = yuanText(spec.minYuan);
          return { zh: `将申请金额提高至${m.zh}以上`, en: `asking for at least ${m.en}` };
        })
      );
    }
    case 'term': {
      const max = spec.maxMonths;
      if (max !== undefined && r.termMonths > max)
        return (
          known(spec, 'hint above') ??
          once(spec, 'hint above', () => {
            const m = months(max);
            return { zh: `期限不超过${m.zh}`, en: `a term of at most ${m.en}` };
          })
        );
      return (
        known(spec, 'hint below') ??
        once(spec, 'hint below', () => {
          const m = months(spec.minMonths ?? 1);
          return { zh: `期限不短于${m.zh}`, en: `a term of at least ${m.en}` };
        })
      );
    }
    case 'quota':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => {
          const left = yuanText(spec.leftYuan);
          return spec.leftYuan === 0
            ? { zh: '等待下期额度', en: 'waiting for the next allocation' }
            : {
                zh: `将申请金额降至${left.zh}以内或等待下期额度`,
                en: `asking for at most ${left.en}, or the next allocation`,
              };
        })
      );
    case 'tier_at_least':
    case 'label':
    case 'tier_or_label': {
      if (spec.verified && (f.certBits & certNeedBits(spec)) !== 0)
        return (
          known(spec, 'hint unverified') ??
          once(spec, 'hint unverified', () => {
            const phrase = certPhrase(spec);
            return {
              zh: `${phrase.zh}认定经认定名单核验`,
              en: `the ${phrase.en} certificate verified against a certified list`,
            };
          })
        );
      const rc = relevantCertificate(spec, f);
      return rc && !rc.valid
        ? (known(spec, 'hint invalid') ??
            once(spec, 'hint invalid', () => {
              const phrase = certPhrase(spec);
              return {
                zh: `有效期内的${phrase.zh}认定（复核或重新认定）`,
                en: `an unexpired ${phrase.en} certificate`,
              };
            }))
        : (known(spec, 'hint') ??
            once(spec, 'hint', () => {
              const phrase = certPhrase(spec);
              return { zh: `取得${phrase.zh}认定`, en: `a ${phrase.en} certificate` };
            }));
    }
    case 'industry':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => {
          const n = joinOr(spec.prefixes.map(industryName));
          return { zh: `主营业务属于${n.zh}`, en: `a main business in ${n.en}` };
        })
      );
    case 'industry_not':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => {
          const n = joinOr(spec.prefixes.map(industryName));
          return { zh: `主营业务不属于${n.zh}`, en: `a main business outside ${n.en}` };
        })
      );
    case 'collateral':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => {
          const n = joinOr(spec.accepted.map((c) => COLLATERAL_NAMES[c]));
          return { zh: `提供${n.zh}担保`, en: `offering ${n.en} as collateral` };
        })
      );
    case 'purpose':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => {
          const n = joinOr(spec.anyOf.map(purposeName));
          return { zh: `资金用于${n.zh}`, en: `using the money for ${n.en}` };
        })
      );
    case 'metric': {
      const name = METRIC_NAMES[spec.metric];
      const v = f.metrics[spec.metric];
      const { min, max } = spec;
      if (min !== undefined && v < min)
        return (
          known(spec, 'hint below') ??
          once(spec, 'hint below', () => {
            const m = metricValue(spec.metric, min);
            return { zh: `${name.zh}达到${m.zh}`, en: `${name.en} of at least ${m.en}` };
          })
        );
      if (max !== undefined)
        return (
          known(spec, 'hint above') ??
          once(spec, 'hint above', () => {
            const m = metricValue(spec.metric, max);
            return { zh: `${name.zh}不超过${m.zh}`, en: `${name.en} of at most ${m.en}` };
          })
        );
      const m = metricValue(spec.metric, v);
      return { zh: `${name.zh}不超过${m.zh}`, en: `${name.en} of at most ${m.en}` };
    }
    case 'listing_not':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => ({
          zh: '未上市企业（本产品不适用）',
          en: 'being unlisted (the product is not for listed firms)',
        }))
      );
    case 'paid_interest_last_year':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => ({
          zh: '上年度有实际支付的贷款利息',
          en: 'interest actually paid on loans last year',
        }))
      );
    case 'title_obtained':
      return (
        known(spec, 'hint') ??
        once(spec, 'hint', () => {
          const t = titlesPhrase(spec);
          return {
            zh: `在奖励期内取得${t.zh}称号`,
            en: `obtaining the ${t.en} title within the award window`,
          };
        })
      );
  }
}

export function unlockSentence(hint: Text): Text {
  return (
    knownDerived(hint, 'sentence') ??
    derived(hint, 'sentence', () => ({ zh: `解锁条件：${hint.zh}`, en: `Unlocked by ${hint.en}` }))
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "有效期内的专精特新中小企业认定，可再解锁3个产品，最高5亿元" / "An unexpired … certificate would unlock 3 more products, up to CNY 500M". */
export function unlockSummary(hints: readonly Text[], count: number, upToYuan: number | undefined): Text {
  // The summary of one shared hint reads only the count and the cap: shared too, per hint,
  // for a bounded number of counts and caps (beyond them it is made per request).
  const one = hints.length === 1 ? hints[0]! : undefined;
  if (one === undefined || !isShared(one)) return summaryText(hints, count, upToYuan);
  let byCount = SUMMARIES.get(one);
  if (byCount === undefined) {
    byCount = new Map();
    SUMMARIES.set(one, byCount);
  }
  let byCap = byCount.get(count);
  const capKey = upToYuan ?? -1;
  const known = byCap?.get(capKey);
  if (known !== undefined) return known;
  if (byCap === undefined) {
    if (byCount.size >= SUMMARY_COUNTS) return summaryText(hints, count, upToYuan);
    byCap = new Map();
    byCount.set(count, byCap);
  }
  if (byCap.size >= SUMMARY_CAPS) return summaryText(hints, count, upToYuan);
  const t = share(summaryText(hints, count, upToYuan));
  byCap.set(capKey, t);
  return t;
}

/** Shared summaries per shared hint: per product count, per amount cap (−1: none). */
const SUMMARIES = new WeakMap<Text, Map<number, Map<number, Text>>>();
const SUMMARY_COUNTS = 64;
const SUMMARY_CAPS = 16;

function summaryText(hints: readonly Text[], count: number, upToYuan: number | undefined): Text {
  const one = hints.length === 1 ? hints[0]! : undefined;
  const zhHint = one ? one.zh : hints.map((h) => h.zh).join('，并且');
  // A shared hint keeps its capitalised form with it.
  const enHint = one
    ? (
        knownDerived(one, 'capitalised') ??
        derived(one, 'capitalised', () => ({ zh: one.zh, en: capitalise(one.en) }))
      ).en
    : capitalise(hints.map((h) => h.en).join(' and '));
  const upTo = upToYuan !== undefined ? yuanText(upToYuan) : undefined;
  return {
    zh: `${zhHint}，可再解锁${count}个产品${upTo ? `，最高${upTo.zh}` : ''}`,
    en: `${enHint} would unlock ${count} more product${count === 1 ? '' : 's'}${upTo ? `, up to ${upTo.en}` : ''}`,
  };
}

/** Why a matched subsidy is not applied to an already-subsidised loan (Xiamen: only little giants may stack). */
export function blockedSubsidyNote(cc: CompiledCatalog, s: number): Text {
  const c = cc.compiled[s]!;
  const name = c.product.name;
  const except = c.noDoubleSubsidy?.exceptTier;
  if (!except)
    return {
      zh: `该贷款已享受其他贴息，不可再叠加${name.zh}`,
      en: `this loan already enjoys another interest subsidy; ${name.en} does not stack on it`,
    };
  const t = tierPhrase(except, c.noDoubleSubsidy?.exceptLevel);
  return {
    zh: `该贷款已享受其他贴息，仅${t.zh}及以上企业可重复享受${name.zh}`,
    en: `this loan already enjoys another interest subsidy; ${name.en} stacks on it only for ${t.en} firms and above`,
  };
}
