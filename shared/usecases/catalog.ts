import { NotFoundError } from '#domain/errors.ts';
import type { Institution } from '#domain/institution.ts';
import { type CompiledCatalog, compileCatalog, publishToCatalog } from '#domain/matching/index.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import type { Product, ProductKind } from '#domain/product.ts';
import { loadReferenceData } from '#shared/catalog/reference.ts';
import type { Store } from '#store/index.ts';
import { type Clock, newEvent } from './events.ts';

/**
 * How long a process keeps its compiled catalog. Products change rarely (an operator
 * publishes them); a publish in this process is applied to it at once (publishToCatalog,
 * no recompile); other Lambda instances see it within this window.
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
  const { benefits, pricing } = loadReferenceData();
  const catalog = compileCatalog({ institutions, products, benefits, pricing });
  compiledCache.set(key, { at: nowMs, catalog });
  return catalog;
}

export function invalidateCatalogCache(store: Store): void {
  compiledCache.delete(store.tableName);
}

/** Applies a published product to this process's compiled catalog, if one is cached (a match right after sees it). */
async function publishIntoCache(store: Store, product: Product): Promise<void> {
  const hit = compiledCache.get(store.tableName);
  if (!hit) return;
  const institution = hit.catalog.institutions.has(product.institutionId)
    ? undefined
    : await store.catalog.getInstitution(product.institutionId);
  const catalog = publishToCatalog(hit.catalog, {
    put: [product],
    ...(institution ? { institutions: [institution] } : {}),
  });
  compiledCache.set(store.tableName, { at: hit.at, catalog });
}

/**
 * Publishes a new product.
 * 1. the product arrives validated 2. its institution must exist 3. product + ProductPublished
 * in one transaction (the event is what re-matches open requests) 4. the product is
 * published into this process's compiled catalog so the next match sees it.
 */
export async function publishProduct(
  deps: { store: Store } & Clock,
  principal: Principal | undefined,
  product: Product,
): Promise<Product> {
  const actor = requireRole(principal, 'operator').userId;
  const event = newEvent(
    deps,
    'ProductPublished',
    product.id,
    { productId: product.id, institutionId: product.institutionId, kind: product.kind },
    actor,
  );
  await deps.store.catalog.publishProduct(product, event, { ifNew: true });
  await publishIntoCache(deps.store, product);
  return product;
}

/** Institutions: public. */
export async function listInstitutions(deps: { store: Store }): Promise<Institution[]> {
  return deps.store.catalog.listInstitutions();
}

/** One institution, or undefined: public. */
export async function findInstitution(deps: { store: Store }, id: string): Promise<Institution | undefined> {
  return deps.store.catalog.getInstitution(id);
}

/** Products (public), optionally of one kind, one institution, or serving one region (GB/T 2260 code). */
export async function listProducts(
  deps: { store: Store },
  filter: { kind?: ProductKind; institutionId?: string; region?: string } = {},
): Promise<Product[]> {
  const { catalog } = deps.store;
  const products = filter.institutionId
    ? await catalog.listProductsOfInstitution(filter.institutionId)
    : await catalog.listProducts();
  return products.filter(
    (p) =>
      (!filter.kind || p.kind === filter.kind) &&
      (!filter.region ||
        p.regionScope.length === 0 ||
        p.regionScope.some((prefix) => filter.region!.startsWith(prefix))),
  );
}

/** One product, or undefined: public. */
export async function findProduct(deps: { store: Store }, id: string): Promise<Product | undefined> {
  return deps.store.catalog.getProduct(id);
}

/** One product (public); 404 when there is none. */
export async function readProduct(deps: { store: Store }, id: string): Promise<Product> {
  const product = await findProduct(deps, id);
  if (!product) throw new NotFoundError(`未找到产品 ${id}`, `product ${id} not found`);
  return product;
}
