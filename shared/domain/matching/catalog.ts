import type * as z from 'zod';
import { DomainError } from '../errors.ts';
import { InstitutionSchema } from '../institution.ts';
import { BenefitSchema, ProductSchema } from '../product.ts';
import type { Catalog } from './compile.ts';
import { PricingConfigSchema } from './lpr.ts';

/** Raw catalog data (TS modules under shared/catalog, or rows from the store) before validation. */
export interface CatalogInput {
  institutions: readonly unknown[];
  products: readonly unknown[];
  benefits: readonly unknown[];
  pricing: unknown;
}

export interface CatalogIssue {
  collection: 'institutions' | 'products' | 'benefits' | 'pricing';
  /** The entry's id (or "#index" when it has none). */
  entryId: string;
  /** Dotted path of the failing field inside the entry, e.g. "pricing.annualRateBp". */
  path: string;
  message: string;
}

/** A catalog entry failed validation: names every bad entry by id and field. */
export class CatalogEntryError extends DomainError {
  readonly code = 'catalog_invalid';
  constructor(readonly issues: CatalogIssue[]) {
    const first = issues[0]!;
    const where = `${first.collection} ${first.entryId}: ${first.path || '(entry)'}`;
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    super(
      `目录条目无效：${where}：${first.message}${more}`,
      `invalid catalog entry ${where}: ${first.message}${more}`,
    );
  }
}

function entryId(raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 ? id : `#${index}`;
}

function parseAll<S extends z.ZodType>(
  collection: CatalogIssue['collection'],
  schema: S,
  entries: readonly unknown[],
  issues: CatalogIssue[],
): z.output<S>[] {
  const out: z.output<S>[] = [];
  const seen = new Set<string>();
  entries.forEach((raw, index) => {
    const id = entryId(raw, index);
    if (seen.has(id)) issues.push({ collection, entryId: id, path: 'id', message: 'duplicate id / id重复' });
    seen.add(id);
    const result = schema.safeParse(raw);
    if (result.success) out.push(result.data);
    else
      for (const issue of result.error.issues)
        issues.push({
          collection,
          entryId: id,
          path: issue.path.map(String).join('.'),
          message: issue.message,
        });
  });
  return out;
}

/**
 * Validates a catalog with the zod schemas, entry by entry, plus the references between
 * entries (a product's institution and stacking partners must exist). Throws
 * CatalogEntryError naming each bad entry's id and failing field.
 */
export function validateCatalog(input: CatalogInput): Catalog {
  const issues: CatalogIssue[] = [];
  const institutions = parseAll('institutions', InstitutionSchema, input.institutions, issues);
  const products = parseAll('products', ProductSchema, input.products, issues);
  const benefits = parseAll('benefits', BenefitSchema, input.benefits, issues);
  const pricing = PricingConfigSchema.safeParse(input.pricing);
  if (!pricing.success)
    for (const issue of pricing.error.issues)
      issues.push({
        collection: 'pricing',
        entryId: 'pricing',
        path: issue.path.map(String).join('.'),
        message: issue.message,
      });
  const institutionIds = new Set(institutions.map((i) => i.id));
  const productIds = new Set(products.map((p) => p.id));
  for (const p of products) {
    if (!institutionIds.has(p.institutionId))
      issues.push({
        collection: 'products',
        entryId: p.id,
        path: 'institutionId',
        message: `unknown institution ${p.institutionId} / 机构不存在`,
      });
    p.stacksWith.forEach((id, k) => {
      if (!productIds.has(id))
        issues.push({
          collection: 'products',
          entryId: p.id,
          path: `stacksWith.${k}`,
          message: `unknown product ${id} / 产品不存在`,
        });
    });
  }
  if (issues.length || !pricing.success) throw new CatalogEntryError(issues);
  return { institutions, products, benefits, pricing: pricing.data };
}
