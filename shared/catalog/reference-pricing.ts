import { validateCatalog } from '#domain/matching/catalog.ts';
import type { PricingConfig } from '#domain/matching/lpr.ts';
import { PRICING } from './pricing.ts';

/**
 * The pricing configuration (LPR) alone, validated once per process as reference.ts validates
 * it: for code that costs loans without matching (the lead pages), so its bundle does not carry
 * the benefits' texts.
 */
let cached: PricingConfig | undefined;

export function loadReferencePricing(): PricingConfig {
  cached ??= validateCatalog({ institutions: [], products: [], benefits: [], pricing: PRICING }).pricing;
  return cached;
}
