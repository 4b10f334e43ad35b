import { type CompiledCatalog, compileCatalog } from '#domain/matching/index.ts';
import type { Product } from '#domain/product.ts';
import { loadCatalog } from '#shared/catalog/index.ts';
import type { Store } from '#store/index.ts';
import { type Clock, newEvent } from './events.ts';

/**
 * How long a process keeps its compiled catalog. Products change rarely (an operator
 * publishes them), and a publish in this process drops the cache at once; other Lambda
 * instances see it within this window.
 */
const CATALOG_CACHE_MS = 30_000;

const compiledCache = new Map<string, { at: number; catalog: CompiledCatalog }>();

/**
 * The catalog the matcher runs on: institutions and products from the table (what
 * operators publish), benefits and the LPR configuration from the code-reviewed catalog
 * data. Compiled once and cached per table — never interpreted per request.
 */
export async function loadActiveCatalog(store: Store, nowMs = Date.now()): Promise<CompiledCatalog> {
  const key = store.tableName;
  const hit = compiledCache.get(key);
  if (hit && nowMs - hit.at < CATALOG_CACHE_MS) return hit.catalog;
  const [institutions, products] = await Promise.all([
    store.catalog.listInstitutions(),
    store.catalog.listProducts(),
  ]);
  const { benefits, pricing } = loadCatalog();
  const catalog = compileCatalog({ institutions, products, benefits, pricing });
  compiledCache.set(key, { at: nowMs, catalog });
  return catalog;
}

export function invalidateCatalogCache(store: Store): void {
  compiledCache.delete(store.tableName);
}

/**
 * Publishes a new product.
 * 1. the product arrives validated 2. its institution must exist 3. product + ProductPublished
 * in one transaction (the event is what re-matches open requests) 4. this process's
 * compiled catalog is dropped so the next match sees the product.
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
  invalidateCatalogCache(deps.store);
  return product;
}
