import type { PricingConfig } from '#domain/matching/lpr.ts';

/**
 * Pricing configuration.
 *
 * LPR (贷款市场报价利率) fixings published by the National Interbank Funding Center on
 * behalf of the PBoC, with the date each takes effect. The matcher uses the latest fixing
 * on or before the evaluation date. Append new fixings here as they are published: the
 * table ends with the 2025-05-20 fixing (1-year 3.00%, over-5-year 3.50%).
 */
export const PRICING: PricingConfig = {
  lpr: [
    { effectiveFrom: '2019-08-20', oneYearBp: 425, overFiveYearBp: 485 },
    { effectiveFrom: '2019-09-20', oneYearBp: 420, overFiveYearBp: 485 },
    { effectiveFrom: '2019-11-20', oneYearBp: 415, overFiveYearBp: 480 },
    { effectiveFrom: '2020-02-20', oneYearBp: 405, overFiveYearBp: 475 },
    { effectiveFrom: '2020-04-20', oneYearBp: 385, overFiveYearBp: 465 },
    { effectiveFrom: '2021-12-20', oneYearBp: 380, overFiveYearBp: 465 },
    { effectiveFrom: '2022-01-20', oneYearBp: 370, overFiveYearBp: 460 },
    { effectiveFrom: '2022-05-20', oneYearBp: 370, overFiveYearBp: 445 },
    { effectiveFrom: '2022-08-22', oneYearBp: 365, overFiveYearBp: 430 },
    { effectiveFrom: '2023-06-20', oneYearBp: 355, overFiveYearBp: 420 },
    { effectiveFrom: '2023-08-21', oneYearBp: 345, overFiveYearBp: 420 },
    { effectiveFrom: '2024-02-20', oneYearBp: 345, overFiveYearBp: 395 },
    { effectiveFrom: '2024-07-22', oneYearBp: 335, overFiveYearBp: 385 },
    { effectiveFrom: '2024-10-21', oneYearBp: 310, overFiveYearBp: 360 },
    { effectiveFrom: '2025-05-20', oneYearBp: 300, overFiveYearBp: 350 },
  ],
  /**
   * Entitlements (贴息, LPR caps) and guarantees shown on their own are costed on a
   * reference SME loan at 1-year LPR + 50 bp. Illustrative: no seed gives a market rate.
   */
  referenceLoanSpreadBp: 50,
};
