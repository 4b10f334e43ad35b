/**
 * Integer money. Every amount is whole yuan; every rate is basis points (1 bp = 0.01%).
 *
 * Rounding rule (the one rule, used everywhere): a line item is computed exactly as a
 * rational number and rounded once to whole yuan, half away from zero ("round half up"
 * for the non-negative amounts we handle). Totals are sums of rounded lines, never
 * re-rounded. Products that fit in 2^52 use float arithmetic with an exact remainder
 * check; larger ones fall back to BigInt, so the result is exact for every amount we accept.
 */

const FAST_LIMIT = 2 ** 52;

/** round(numerator / denominator), half away from zero; both integers, denominator > 0. */
export function roundDiv(numerator: number, denominator: number): number {
  if (Math.abs(numerator) <= FAST_LIMIT && denominator <= FAST_LIMIT) {
    const sign = numerator < 0 ? -1 : 1;
    const n = Math.abs(numerator);
    let q = Math.floor(n / denominator);
    let r = n - q * denominator;
    if (r < 0) {
      q -= 1;
      r += denominator;
    } else if (r >= denominator) {
      q += 1;
      r -= denominator;
    }
    return sign * (2 * r >= denominator ? q + 1 : q);
  }
  return bigRoundDiv(BigInt(numerator), BigInt(denominator));
}

function bigRoundDiv(n: bigint, d: bigint): number {
  const negative = n < 0n;
  const a = negative ? -n : n;
  let q = a / d;
  if (2n * (a % d) >= d) q += 1n;
  return Number(negative ? -q : q);
}

/** round(a × b × c / d), exact for integers (BigInt when a × b × c exceeds 2^52). */
export function mulDivRound(a: number, b: number, c: number, d: number): number {
  const product = a * b * c;
  if (Math.abs(product) <= FAST_LIMIT) return roundDiv(product, d);
  return bigRoundDiv(BigInt(a) * BigInt(b) * BigInt(c), BigInt(d));
}

/** Up to `decimals` decimals, trailing zeros dropped; undefined when that would not be exact. */
function exactDecimal(value: number, unit: number, decimals: number): string | undefined {
  const scaled = (value * 10 ** decimals) / unit;
  if (!Number.isInteger(scaled)) return undefined;
  return (scaled / 10 ** decimals).toFixed(decimals).replace(/\.?0+$/, '');
}

function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A pure number → text function remembering its last few thousand answers: the same
 * caps, amounts and rates are written into every answer.
 */
function remembered(f: (value: number) => string): (value: number) => string {
  const known = new Map<number, string>();
  return (value) => {
    let text = known.get(value);
    if (text === undefined) {
      if (known.size >= 4096) known.clear();
      text = f(value);
      known.set(value, text);
    }
    return text;
  };
}

/** 5亿元, 3000万元, 50万元, 800元 (万/亿 units as Chinese documents write them). */
export const yuanZh = remembered(function yuanZh(value: number): string {
  const d =
    Math.abs(value) >= 100_000_000
      ? exactDecimal(value, 100_000_000, 4)
      : Math.abs(value) >= 10_000
        ? exactDecimal(value, 10_000, 2)
        : undefined;
  if (d === undefined) return `${groupThousands(value)}元`;
  return Math.abs(value) >= 100_000_000 ? `${d}亿元` : `${d}万元`;
});

/** CNY 500M, CNY 30M, CNY 500k, CNY 2.5B, CNY 1,234,567. */
export const yuanEn = remembered(function yuanEn(value: number): string {
  const units: [number, string][] = [
    [1_000_000_000, 'B'],
    [1_000_000, 'M'],
    [1_000, 'k'],
  ];
  // The largest unit that fits, if the amount is exact in it; otherwise every digit.
  const unit = units.find(([u]) => Math.abs(value) >= u);
  const d = unit ? exactDecimal(value, unit[0], 3) : undefined;
  return d !== undefined && unit ? `CNY ${d}${unit[1]}` : `CNY ${groupThousands(value)}`;
});

export function yuanText(value: number): { zh: string; en: string } {
  return { zh: yuanZh(value), en: yuanEn(value) };
}

/** 200 → "2%", 350 → "3.5%", 195 → "1.95%", 1 → "0.01%". */
export const bpPercent = remembered(function bpPercent(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
});
