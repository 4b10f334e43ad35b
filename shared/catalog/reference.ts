import { validateCatalog } from '#domain/matching/catalog.ts';
import type { Catalog } from '#domain/matching/compile.ts';
import { BENEFITS } from './benefits.ts';
import { PRICING } from './pricing.ts';

/**
 * The reference data the matcher needs besides the table's institutions and products: the
 * non-financing benefits and the pricing configuration (LPR). Validated once per process.
 * Kept apart from the seed products and institutions (index.ts), so code that reads those
 * from the table does not carry the seed data in its bundle.
 */
let cached: Pick<Catalog, 'benefits' | 'pricing'> | undefined;

export function loadReferenceData(): Pick<Catalog, 'benefits' | 'pricing'> {
  if (!cached) {
    const { benefits, pricing } = validateCatalog({
      institutions: [],
      products: [],
      benefits: BENEFITS,
      pricing: PRICING,
    });
    cached = { benefits, pricing };
  }
  return cached;
}
