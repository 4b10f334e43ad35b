import * as z from 'zod';

/** Every user-facing string is bilingual: Chinese first, English second. */
export const BilingualTextSchema = z.object({
  zh: z.string().min(1),
  en: z.string().min(1),
});
export type BilingualText = z.infer<typeof BilingualTextSchema>;

/** ISO calendar date (YYYY-MM-DD). Business dates are Asia/Shanghai dates. */
export const IsoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** Money in whole yuan, never floats. 10^11 yuan bounds every amount we accept. */
export const MAX_AMOUNT_YUAN = 100_000_000_000;
export const YuanSchema = z.number().int().nonnegative().max(MAX_AMOUNT_YUAN);
