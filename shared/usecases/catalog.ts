import type { Product } from '#domain/product.ts';
import type { Store } from '#store/index.ts';
import { type Clock, newEvent } from './events.ts';

/**
 * Publishes a new product.
 * 1. the product arrives validated 2. its institution must exist 3. product + ProductPublished
 * in one transaction (the event is what re-matches open requests).
 */
export async function publishProduct(
  deps: { store: Store } & Clock,
  product: Product,
  actor?: string,
): Promise<Product> {
  const event = newEvent(
    deps,
    'ProductPublished',
    product.id,
    { productId: product.id, institutionId: product.institutionId, kind: product.kind },
    actor,
  );
  await deps.store.catalog.publishProduct(product, event, { ifNew: true });
  return product;
}
