import type { CompiledCatalog } from '#domain/matching/index.ts';
import type { Store } from '#store/index.ts';

/**
 * This process's compiled catalogs, one per table (catalog.ts fills and reads it). Apart from
 * catalog.ts so that code which only drops it (an LPR fixing recorded) does not carry the
 * catalog's loading and its reference data.
 */
export const compiledCache = new Map<string, { at: number; catalog: CompiledCatalog }>();

export function invalidateCatalogCache(store: Store): void {
  compiledCache.delete(store.tableName);
}
