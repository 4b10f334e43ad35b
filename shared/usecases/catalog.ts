import { NotFoundError } from '#domain/errors.ts';
import type { Institution } from '#domain/institution.ts';
import { mergeFixings } from '#domain/lpr-fixings.ts';
import { type CompiledCatalog, compileCatalog, publishToCatalog } from '#domain/matching/index.ts';
import type { Principal } from '#domain/principal.ts';
import type { Product, ProductKind } from '#domain/product.ts';
import { maySeeUnpublished } from '#domain/product-workflow.ts';
import { loadReferenceData } from '#shared/catalog/reference.ts';
import type { Store } from '#store/index.ts';
import { compiledCache, invalidateCatalogCache } from './catalog-cache.ts';

export { invalidateCatalogCache };

/**
 * How long a process keeps its compiled catalog. Products change rarely (an operator
 * publishes them), and a publish in this process drops the cache at once; other Lambda
 * instances see it within this window.
 */
const CATALOG_CACHE_MS = 30_000;

/**
 * The catalog the matcher runs on: institutions and products from the table (what
 * operators publish), benefits and the LPR configuration from the code-reviewed catalog
 * data, with the LPR fixings operators recorded since. Compiled once and cached per table — never interpreted per request.
 */
export async function loadActiveCatalog(store: Store, nowMs = Date.now()): Promise<CompiledCatalog> {
  const key = store.tableName;
  const hit = compiledCache.get(key);
  if (hit && nowMs - hit.at < CATALOG_CACHE_MS) return hit.catalog;
  const [institutions, products, recordedLpr] = await Promise.all([
    store.catalog.listInstitutions(),
    store.catalog.listProducts(),
    store.lpr.list(),
  ]);
  const { benefits, pricing } = loadReferenceData();
  // LPR fixings operators record stand beside (and on the same date, over) the catalog's.
  const lpr = recordedLpr.length ? mergeFixings(pricing.lpr, recordedLpr) : pricing.lpr;
  const catalog = compileCatalog({ institutions, products, benefits, pricing: { ...pricing, lpr } });
  compiledCache.set(key, { at: nowMs, catalog });
  return catalog;
}

/**
 * A product went live: publishes it into this process's compiled catalog (no recompile, a
 * match right after sees it); any other change, or an institution the catalog does not
 * know yet, drops the catalog instead.
 */
export function publishIntoCatalogCache(store: Store, product: Product): void {
  const hit = compiledCache.get(store.tableName);
  if (!hit) return;
  if (product.status !== 'active' || !hit.catalog.institutions.has(product.institutionId)) {
    invalidateCatalogCache(store);
    return;
  }
  compiledCache.set(store.tableName, {
    at: hit.at,
    catalog: publishToCatalog(hit.catalog, { put: [product] }),
  });
}

/** Institutions: public. */
export async function listInstitutions(deps: { store: Store }): Promise<Institution[]> {
  return deps.store.catalog.listInstitutions();
}

/** One institution, or undefined: public. */
export async function findInstitution(deps: { store: Store }, id: string): Promise<Institution | undefined> {
  return deps.store.catalog.getInstitution(id);
}

/**
 * Products, optionally of one kind, one institution, or serving one region (GB/T 2260
 * code): active ones for everyone; drafts, pending, suspended and retired ones only for
 * their institution's officers and operators of a region they serve.
 */
export async function listProducts(
  deps: { store: Store },
  filter: { kind?: ProductKind; institutionId?: string; region?: string } = {},
  principal?: Principal,
): Promise<Product[]> {
  const { catalog } = deps.store;
  const products = filter.institutionId
    ? await catalog.listProductsOfInstitution(filter.institutionId)
    : await catalog.listProducts();
  return products.filter(
    (p) =>
      (p.status === 'active' || maySeeUnpublished(principal, p)) &&
      (!filter.kind || p.kind === filter.kind) &&
      (!filter.region ||
        p.regionScope.length === 0 ||
        p.regionScope.some((prefix) => filter.region!.startsWith(prefix))),
  );
}

/** One product, or undefined: active ones for everyone, others for their institution and serving operators. */
export async function findProduct(
  deps: { store: Store },
  id: string,
  principal?: Principal,
): Promise<Product | undefined> {
  const product = await deps.store.catalog.getProduct(id);
  return product && (product.status === 'active' || maySeeUnpublished(principal, product))
    ? product
    : undefined;
}

/** One product as `findProduct` shows it; 404 when there is none (or it is not the caller's to see). */
export async function readProduct(
  deps: { store: Store },
  id: string,
  principal?: Principal,
): Promise<Product> {
  const product = await findProduct(deps, id, principal);
  if (!product) throw new NotFoundError(`未找到产品 ${id}`, `product ${id} not found`);
  return product;
}
