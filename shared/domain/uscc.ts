/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 *   pos 1      registration authority code
 *   pos 2      organisation category code
 *   pos 3–8    administrative division code (GB/T 2260)
 *   pos 9–17   organisation code (GB 11714: 8 body chars + its own check char)
 *   pos 18     check character over positions 1–17
 *
 * Both check characters are verified: a typo anywhere is caught by pos 18, and a
 * code whose embedded organisation code was copied wrongly is caught by pos 17.
 */

/** The 31 characters GB 32100 allows (no I, O, S, V, Z), in value order. */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type UsccProblem =
  | { code: 'length'; zh: string; en: string }
  | { code: 'charset'; zh: string; en: string }
  | { code: 'org_check_digit'; zh: string; en: string }
  | { code: 'check_digit'; zh: string; en: string };

/** Value of a character in GB 11714 (digits 0–9, letters A=10 … Z=35). */
function orgCodeValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

/** GB 11714 check character for the 8-char organisation code body. */
export function orgCodeCheckChar(body8: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = orgCodeValue(body8[i] ?? '');
    if (v < 0) return undefined;
    sum += v * ORG_CODE_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** GB 32100 check character for the first 17 characters. */
export function usccCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i] ?? '?');
    if (v < 0) return undefined;
    sum += v * USCC_WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARSET[c];
}

/** Returns the first problem with the code, or undefined when it is valid. */
export function usccProblem(code: string): UsccProblem | undefined {
  if (code.length !== 18) {
    return {
      code: 'length',
      zh: `统一社会信用代码应为18位，实际为${code.length}位`,
      en: `must be 18 characters, got ${code.length}`,
    };
  }
  for (const ch of code) {
    if (!USCC_CHARSET.includes(ch)) {
      return {
        code: 'charset',
        zh: `含有不允许的字符「${ch}」（仅限数字和除I、O、S、V、Z外的大写字母）`,
        en: `character '${ch}' is not allowed (digits and capital letters except I, O, S, V, Z)`,
      };
    }
  }
  const orgBody = code.slice(8, 16);
  if (orgCodeCheckChar(orgBody) !== code[16]) {
    return {
      code: 'org_check_digit',
      zh: '第9–17位组织机构代码的校验码不正确（GB 11714）',
      en: 'the embedded organisation code (positions 9–17) fails its GB 11714 check digit',
    };
  }
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) {
    return {
      code: 'check_digit',
      zh: '第18位校验码不正确（GB 32100-2015）',
      en: 'the 18th character fails the GB 32100-2015 check digit',
    };
  }
  return undefined;
}

/** Each allowed character's value by its code (−1: not allowed). */
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let v = 0; v < USCC_CHARSET.length; v++) USCC_VALUE[USCC_CHARSET.charCodeAt(v)] = v;

/**
 * `usccProblem(code) === undefined`, without building a problem, a slice or a string per
 * character: the check of every firm in every match request (uscc.test.ts holds the two equal).
 */
export function isValidUscc(code: string): boolean {
  if (code.length !== 18) return false;
  let sum = 0;
  let org = 0;
  for (let i = 0; i < 18; i++) {
    const c = code.charCodeAt(i);
    const v = c < 128 ? USCC_VALUE[c]! : -1;
    if (v < 0) return false;
    if (i < 17) sum += v * USCC_WEIGHTS[i]!;
    // GB 11714 values: digits as they are, letters A=10 … (only allowed letters get here).
    if (i >= 8 && i < 16) org += (c <= 57 ? c - 48 : c - 55) * ORG_CODE_WEIGHTS[i - 8]!;
  }
  const o = 11 - (org % 11);
  const orgCheck = o === 10 ? 88 /* X */ : o === 11 ? 48 /* 0 */ : 48 + o;
  if (code.charCodeAt(16) !== orgCheck) return false;
  return code.charCodeAt(17) === USCC_CHARSET.charCodeAt((31 - (sum % 31)) % 31);
}

/** Builds a valid code from its parts (used for demo data and tests). */
export function buildUscc(prefix2: string, region6: string, orgBody8: string): string {
  const orgCheck = orgCodeCheckChar(orgBody8);
  const first17 = `${prefix2}${region6}${orgBody8}${orgCheck}`;
  const check = usccCheckChar(first17);
  if (orgCheck === undefined || check === undefined) throw new Error(`cannot build a USCC from ${first17}`);
  return first17 + check;
}
