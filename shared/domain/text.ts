import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';

/**
 * Characters no name or free text may carry: C0/C1 control characters (free text keeps tab
 * and line breaks), bidirectional overrides, embeddings, isolates and marks (they make
 * "gpj.exe" read as "exe.jpg"), zero-width spaces and joiners, the BOM, soft hyphens, line
 * and paragraph separators, and lone surrogates. They render as nothing or reorder what is
 * shown, so two names that look alike would differ.
 */
const INVISIBLE_OR_REORDERING =
  /[\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2069\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\p{Cs}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** Why a string is refused (bilingual "zh / en"), or undefined when it is clean. */
export function textProblem(value: string, multiline: boolean): string | undefined {
  if ((multiline ? CONTROL_IN_TEXT : CONTROL_IN_LINE).test(value))
    return multiline
      ? '不得包含控制字符 / must not contain control characters'
      : '不得包含控制字符或换行 / must not contain control characters or line breaks';
  if (INVISIBLE_OR_REORDERING.test(value))
    return '不得包含零宽、双向控制等不可见字符 / must not contain zero-width, bidirectional-control or other invisible characters';
  return undefined;
}

function cleanString(min: number, max: number, multiline: boolean) {
  return z
    .string()
    .max(max * 4) // refuse huge input before normalising it
    .normalize('NFC')
    .trim()
    .min(min)
    .max(max)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, multiline);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** A name (firm, person, product, authority): one line, NFC, no control or invisible characters. */
export const nameSchema = (min: number, max: number) => cleanString(min, max, false);

/** Free text (notes, questions, answers, reasons): NFC, line breaks and tabs allowed, nothing invisible. */
export const freeTextSchema = (min: number, max: number) => cleanString(min, max, true);

/** Every user-facing string is bilingual: Chinese first, English second. */
export const BilingualTextSchema = lazySchema(() =>
  z.object({
    zh: freeTextSchema(1, 4000),
    en: freeTextSchema(1, 4000),
  }),
);
export type BilingualText = z.infer<typeof BilingualTextSchema>;

/** A bilingual name: one line each. */
export const BilingualNameSchema = lazySchema(() =>
  z.object({ zh: nameSchema(1, 200), en: nameSchema(1, 200) }),
);

/** The calendar dates any stored date must fall in: nothing before 1900 or after 2199 makes sense here. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';

/** ISO calendar date (YYYY-MM-DD). Business dates are Asia/Shanghai dates. */
export const IsoDateSchema = lazySchema(() =>
  z.iso
    .date()
    .refine(
      (d) => d >= EARLIEST_DATE && d <= LATEST_DATE,
      `日期须在 ${EARLIEST_DATE} 至 ${LATEST_DATE} 之间 / date must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
    ),
);

/** A problem with one field, as ValidationError reports it. */
export interface FieldProblem {
  path: string;
  zh: string;
  en: string;
}
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** Money in whole yuan, never floats. 10^11 yuan bounds every amount we accept. */
export const MAX_AMOUNT_YUAN = 100_000_000_000;
export const YuanSchema = lazySchema(() => z.number().int().nonnegative().max(MAX_AMOUNT_YUAN));
