import { shanghaiDateTime } from '#domain/dates.ts';
import type { Certification } from '#domain/firm.ts';
import { PURPOSE_NAMES, type Purpose } from '#domain/funding-request.ts';
import { yuanZh } from '#domain/matching/money.ts';
import { COLLATERAL_NAMES, INDUSTRY_NAMES, regionName } from '#domain/matching/names.ts';
import type { Pricing } from '#domain/product.ts';
import type { BilingualText } from '#domain/text.ts';
import { LABEL_NAMES, LEVEL_NAMES, type Level, TIER_NAMES, type Tier } from '#domain/tiers.ts';

/**
 * Display formatting for the pages: money is whole yuan, rates are basis points, instants
 * are shown on the Asia/Shanghai clock. Formatting only — no figure is computed here.
 */

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 20000000 → "20,000,000 元". */
export function yuan(value: number): string {
  return `${value < 0 ? '-' : ''}${group(String(Math.abs(value)))} 元`;
}

/** 20000000 → "CNY 20,000,000". */
export function yuanEn(value: number): string {
  return `${value < 0 ? '-' : ''}CNY ${group(String(Math.abs(value)))}`;
}

/** 20000000 → "CNY 20M", 500000 → "CNY 500k": the English counterpart of yuanZh. */
export function yuanShortEn(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  const trim = (n: number) => String(Math.round(n * 100) / 100);
  if (abs >= 1_000_000) return `${sign}CNY ${trim(abs / 1_000_000)}M`;
  if (abs >= 10_000) return `${sign}CNY ${trim(abs / 1_000)}k`;
  return yuanEn(value);
}

/** 345 → "3.45%". */
export function percent(bp: number): string {
  return `${(bp / 100).toFixed(2)}%`;
}

/** An ISO instant on the Shanghai clock: "2026-11-23 10:00". */
export function shanghaiTime(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : shanghaiDateTime(instant);
}

export function months(n: number): string {
  return `${n} 个月`;
}

/** "流动资金 · 12 个月": what a request is for, and for how long. */
export function purposeAndTerm(request: { purpose: Purpose; termMonths: number }): string {
  return `${PURPOSE_NAMES[request.purpose].zh} · ${months(request.termMonths)}`;
}

/** "信用（无抵押）、不动产": collateral kinds by name (an unknown one as it is). */
export function collateralText(kinds: readonly string[]): string {
  return kinds.map((k) => COLLATERAL_NAMES[k as keyof typeof COLLATERAL_NAMES]?.zh ?? k).join('、');
}

/** "国家级专精特新"小巨人"": a tier, with its level when it has one. */
export function tierName(tier: Tier, level?: Level | null): string {
  return `${level ? LEVEL_NAMES[level].zh : ''}${TIER_NAMES[tier].zh}`;
}

/** A certificate by name: "国家级专精特新"小巨人"", "高新技术企业". */
export function certificateName(cert: Certification): string {
  if ('tier' in cert) return tierName(cert.tier, cert.level);
  return `${cert.level ? LEVEL_NAMES[cert.level].zh : ''}${LABEL_NAMES[cert.label].zh}`;
}

/** The headline price of a product, as the catalog quotes it. */
export function pricingText(pricing: Pricing): BilingualText {
  switch (pricing.type) {
    case 'fixed_rate':
      return {
        zh: `年利率 ${percent(pricing.annualRateBp)}${pricing.annualFeeBp ? `，另收费 ${percent(pricing.annualFeeBp)}/年` : ''}`,
        en: `${percent(pricing.annualRateBp)} a year${pricing.annualFeeBp ? ` + ${percent(pricing.annualFeeBp)} fees` : ''}`,
      };
    case 'lpr_spread': {
      const sign = pricing.spreadBp >= 0 ? '+' : '−';
      const spread = `LPR ${sign} ${Math.abs(pricing.spreadBp)}bp`;
      return {
        zh: `${spread}${pricing.annualFeeBp ? `，另收费 ${percent(pricing.annualFeeBp)}/年` : ''}`,
        en: `${spread}${pricing.annualFeeBp ? ` + ${percent(pricing.annualFeeBp)} fees` : ''}`,
      };
    }
    case 'daily_fee':
      return {
        zh: `日费率 ${(pricing.dailyFeeBp / 100).toFixed(2)}%，最长 ${pricing.maxDays} 天`,
        en: `${(pricing.dailyFeeBp / 100).toFixed(2)}% a day, up to ${pricing.maxDays} days`,
      };
    case 'guarantee_fee':
      return {
        zh: `担保/保险费 ${percent(pricing.annualFeeBp)}/年`,
        en: `guarantee fee ${percent(pricing.annualFeeBp)} a year`,
      };
    case 'interest_subsidy':
      return {
        zh: `贴息 ${percent(pricing.shareBp)}，每年最高 ${yuanZh(pricing.capYuanPerYear)}`,
        en: `covers ${percent(pricing.shareBp)} of interest, up to ${yuanShortEn(pricing.capYuanPerYear)} a year`,
      };
    case 'rate_cap': {
      const cap = pricing.capSpreadBp === 0 ? 'LPR' : `LPR − ${Math.abs(pricing.capSpreadBp)}bp`;
      return { zh: `利率不高于 ${cap}`, en: `rate at most ${cap}` };
    }
    case 'none':
      return { zh: '股权投资，无利息', en: 'equity, no interest' };
  }
}

/** C3981 → "计算机、通信和其他电子设备制造业（C3981）", named by its longest known prefix. */
export function industryLabel(code: string): string {
  for (let n = code.length; n > 0; n--) {
    const name = INDUSTRY_NAMES[code.slice(0, n)];
    if (name) return `${name.zh}（${code}）`;
  }
  return code;
}

/** 350203 → "厦门市（350203）": the city (or province) name and the full code. */
export function regionLabel(code: string): string {
  const named = [4, 2].map((n) => regionName(code.slice(0, n))).find((r) => !r.zh.startsWith('行政区划'));
  return named ? `${named.zh}（${code}）` : code;
}

const FIGURE_NAMES: Record<string, string> = {
  amount: '额度',
  term: '期限',
  pricing: '价格',
  quotaLeftYuan: '剩余额度',
  validFrom: '有效期',
  validTo: '有效期',
};

/** "amount.maxYuan", "pricing.spreadBp" → "额度、价格": which figures of a product are illustrative. */
export function illustrativeText(paths: string[]): string {
  return [...new Set(paths.map((p) => FIGURE_NAMES[p.split('.')[0]!] ?? p))].join('、');
}

// Bilingual counterparts of the helpers above, for pages shown in English too.

/** 12 → 12 个月 / 12 months. */
export function monthsText(n: number): BilingualText {
  return { zh: months(n), en: n === 1 ? '1 month' : `${n} months` };
}

/** 流动资金 · 12 个月 / working capital · 12 months. */
export function purposeAndTermText(request: { purpose: Purpose; termMonths: number }): BilingualText {
  const term = monthsText(request.termMonths);
  return {
    zh: purposeAndTerm(request),
    en: `${PURPOSE_NAMES[request.purpose].en} · ${term.en}`,
  };
}

/** Collateral kinds by name, in both languages. */
export function collateralNames(kinds: readonly string[]): BilingualText {
  const names = kinds.map((k) => COLLATERAL_NAMES[k as keyof typeof COLLATERAL_NAMES] ?? { zh: k, en: k });
  return { zh: names.map((n) => n.zh).join('、'), en: names.map((n) => n.en).join(', ') };
}

/** An industry by its longest known prefix, with its code. */
export function industryText(code: string): BilingualText {
  for (let n = code.length; n > 0; n--) {
    const name = INDUSTRY_NAMES[code.slice(0, n)];
    if (name) return { zh: `${name.zh}（${code}）`, en: `${name.en} (${code})` };
  }
  return { zh: code, en: code };
}

/** A region by its city or province, with its code. */
export function regionText(code: string): BilingualText {
  const named = [4, 2].map((n) => regionName(code.slice(0, n))).find((r) => !r.zh.startsWith('行政区划'));
  return named ? { zh: `${named.zh}（${code}）`, en: `${named.en} (${code})` } : { zh: code, en: code };
}
