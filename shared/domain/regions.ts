import type { BilingualText, FieldProblem } from './text.ts';

/**
 * The region table: GB/T 2260 province-level codes and, under each, its prefecture-level
 * (city) codes — the first two and four digits of a division code. A code outside this table
 * is refused wherever it arrives (a certified-list row, a product's region scope, a list's
 * authority area), so a typo never becomes a region nobody serves.
 *
 * Cities are listed by their two-digit suffix. Codes withdrawn since 2015 (when USCCs began to
 * carry division codes) stay in the table, because codes printed in a USCC never change:
 * 莱芜 3712 (merged into 济南 in 2019), 山南地区 5422 and 那曲地区 5424, 哈密地区 6522, 上海县 3102.
 * Suffix 90 is a province's directly administered county-level cities (省直辖县级行政区划).
 */
const CITY_SUFFIXES: Record<string, string> = {
  '11': '01',
  '12': '01',
  '13': '01-11 90',
  '14': '01-11',
  '15': '01-09 22 25 29',
  '21': '01-14',
  '22': '01-08 24',
  '23': '01-12 27',
  '31': '01 02',
  '32': '01-13',
  '33': '01-11',
  '34': '01-08 10-13 15-18',
  '35': '01-09',
  '36': '01-11',
  '37': '01-17',
  '41': '01-17 90',
  '42': '01-03 05-13 28 90',
  '43': '01-13 31',
  '44': '01-09 12-20 51-53',
  '45': '01-14',
  '46': '01-04 90',
  '50': '01 02',
  '51': '01 03-11 13-20 32-34',
  '52': '01-06 23 26 27',
  '53': '01 03-09 23 25 26 28 29 31 33 34',
  '54': '01-06 22 24 25',
  '61': '01-10',
  '62': '01-12 29 30',
  '63': '01 02 22 23 25-28',
  '64': '01-05',
  '65': '01 02 04 05 22 23 27-32 40 42 43 90',
  // Taiwan, Hong Kong and Macao carry no prefecture-level codes in GB/T 2260.
  '71': '',
  '81': '',
  '82': '',
};

function expand(spec: string): string[] {
  const out: string[] = [];
  for (const part of spec.split(' ').filter(Boolean)) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    for (let n = from; n <= (to ?? from); n++) out.push(String(n).padStart(2, '0'));
  }
  return out;
}

/** Every known province-level code (mainland, Taiwan 71, Hong Kong 81, Macao 82). */
export const KNOWN_PROVINCES: ReadonlySet<string> = new Set(Object.keys(CITY_SUFFIXES));

/** Every known prefecture-level code, four digits (e.g. 3502 厦门市). */
export const KNOWN_CITIES: ReadonlySet<string> = new Set(
  Object.entries(CITY_SUFFIXES).flatMap(([province, spec]) => expand(spec).map((s) => `${province}${s}`)),
);

export function isKnownCity(code4: string): boolean {
  return KNOWN_CITIES.has(code4);
}

/**
 * What is wrong with a region prefix (2, 4 or 6 digits), or undefined when its province and
 * city are in the table. The district part (digits 5–6) is not checked: districts are
 * re-drawn often and a city's products serve all of them anyway.
 *
 * `allowProvinceLevel`: a division code such as 350000 (registered by the province itself)
 * has no city; USCCs carry such codes, a product's region scope never needs one.
 */
export function regionCodeProblem(
  code: string,
  options: { allowProvinceLevel?: boolean } = {},
): BilingualText | undefined {
  if (!/^\d{2}(\d{2}){0,2}$/.test(code))
    return { zh: `行政区划码${code}应为2、4或6位数字`, en: `region code ${code} must have 2, 4 or 6 digits` };
  const province = code.slice(0, 2);
  if (!KNOWN_PROVINCES.has(province))
    return { zh: `行政区划码${code}不是已知省级区划`, en: `region code ${code} is not a known province` };
  if (code.length === 2) return undefined;
  const city = code.slice(2, 4);
  if (city === '00') {
    if (options.allowProvinceLevel) return undefined;
    return {
      zh: `行政区划码${code}没有地市（第3–4位为00），请只写省级代码${province}`,
      en: `region code ${code} names no city (digits 3–4 are 00): write the province ${province} alone`,
    };
  }
  // Taiwan, Hong Kong and Macao: GB/T 2260 lists no cities beneath them.
  if (CITY_SUFFIXES[province] === '') return undefined;
  if (!KNOWN_CITIES.has(code.slice(0, 4)))
    return {
      zh: `行政区划码${code}的地市代码${code.slice(0, 4)}不在区划表中`,
      en: `region code ${code}: city ${code.slice(0, 4)} is not in the region table`,
    };
  return undefined;
}

/** A product's region scope against the table: one problem per unknown code, naming its index. */
export function regionScopeProblems(regionScope: readonly string[]): FieldProblem[] {
  return regionScope.flatMap((code, i) => {
    const problem = regionCodeProblem(code);
    return problem ? [{ path: `regionScope.${i}`, ...problem }] : [];
  });
}
