import { validateCatalog } from '#domain/matching/catalog.ts';
import type { Catalog } from '#domain/matching/compile.ts';
import { BENEFITS } from './benefits.ts';
import { INSTITUTIONS } from './institutions.ts';
import { PRICING } from './pricing.ts';
import { PRODUCTS } from './products/index.ts';

/**
 * The seed catalog as data: institutions, financing products and policies, non-financing
 * benefits and the pricing configuration (LPR). Validated by zod on load; a bad entry
 * throws CatalogEntryError naming its id and failing field.
 */
export const CATALOG_DATA = {
  institutions: INSTITUTIONS,
  products: PRODUCTS,
  benefits: BENEFITS,
  pricing: PRICING,
};

let cached: Catalog | undefined;

/** The validated seed catalog (validated once per process). */
export function loadCatalog(): Catalog {
  cached ??= validateCatalog(CATALOG_DATA);
  return cached;
}

export { OMISSIONS } from './omissions.ts';
export { BENEFITS, INSTITUTIONS, PRICING, PRODUCTS };
