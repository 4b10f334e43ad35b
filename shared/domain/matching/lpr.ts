import * as z from 'zod';
import { UnprocessableError } from '../errors.ts';
import { IsoDateSchema } from '../text.ts';

/**
 * Loan Prime Rate (贷款市场报价利率) as configuration: each fixing with the date it takes
 * effect. The matcher picks the latest fixing effective on the evaluation date, so a new
 * fixing is a data change (shared/catalog/pricing.ts), never a code change.
 */
export const LprFixingSchema = z
  .object({
    effectiveFrom: IsoDateSchema,
    oneYearBp: z.number().int().min(0).max(2000),
    overFiveYearBp: z.number().int().min(0).max(2000),
  })
  .strict();
export type LprFixing = z.infer<typeof LprFixingSchema>;

export const PricingConfigSchema = z
  .object({
    lpr: z
      .array(LprFixingSchema)
      .min(1)
      .superRefine((fixings, ctx) => {
        for (let i = 1; i < fixings.length; i++) {
          if (fixings[i]!.effectiveFrom <= fixings[i - 1]!.effectiveFrom)
            ctx.addIssue({
              code: 'custom',
              path: [i, 'effectiveFrom'],
              message: 'LPR须按生效日严格递增 / LPR fixings must be in strictly increasing date order',
            });
        }
      }),
    /**
     * Spread over the 1-year LPR of the "reference loan" on which entitlements (贴息, rate
     * caps) and enhancers (guarantees) are costed when shown on their own. Illustrative.
     */
    referenceLoanSpreadBp: z.number().int().min(-500).max(2000),
  })
  .strict();
export type PricingConfig = z.infer<typeof PricingConfigSchema>;

/** Loans up to five years are priced off the 1-year LPR; longer ones off the over-5-year LPR. */
export const LPR_LONG_TENOR_AFTER_MONTHS = 60;

/** The evaluation date precedes every configured fixing (the LPR reform began 2019-08-20). */
export class LprUnavailableError extends UnprocessableError {
  constructor(readonly asOf: string) {
    super(`${asOf} 没有生效的LPR报价`, `no LPR fixing is effective on ${asOf}`);
  }
}

/** The fixing in effect on `asOf` (the latest with effectiveFrom ≤ asOf). */
export function lprOn(fixings: readonly LprFixing[], asOf: string): LprFixing {
  let lo = 0;
  let hi = fixings.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fixings[mid]!.effectiveFrom <= asOf) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) throw new LprUnavailableError(asOf);
  return fixings[found]!;
}

export function lprForTermBp(fixing: LprFixing, termMonths: number): number {
  return termMonths > LPR_LONG_TENOR_AFTER_MONTHS ? fixing.overFiveYearBp : fixing.oneYearBp;
}
