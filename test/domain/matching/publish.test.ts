import { describe, expect, it } from 'vitest';
import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { type Catalog, compileCatalog } from '#domain/matching/compile.ts';
import {
  type CompiledCatalog,
  matchFunding,
  publishToCatalog,
  validateCatalog,
} from '#domain/matching/index.ts';
import { pricingRole } from '#domain/product.ts';
import { CATALOG_DATA } from '#shared/catalog/index.ts';
import { SYNTHETIC_INSTITUTIONS, syntheticProducts, syntheticRequests } from '../../../bench/synthetic.ts';

/**
 * Publishing into a compiled catalog (add, change, retire one product) must answer exactly
 * as compiling the changed product list from scratch, byte for byte, and leave the catalog
 * it started from untouched (a match in flight keeps its version).
 */
const AS_OF = '2025-06-30';

const pairs = syntheticRequests(60, 21).map(({ firm, request }) => ({
  firm: FirmSchema.parse(firm),
  request: FundingRequestSchema.parse(request),
}));

function answers(catalog: Catalog | CompiledCatalog): string[] {
  return pairs.map((p) => JSON.stringify(matchFunding({ ...p, asOf: AS_OF, catalog })));
}

function synthetic(nationwideShare: number, n = 1200): Catalog {
  return validateCatalog({
    institutions: SYNTHETIC_INSTITUTIONS,
    products: syntheticProducts(n, 5, nationwideShare),
    benefits: [],
    pricing: CATALOG_DATA.pricing,
  });
}

describe('publishing into a compiled catalog', () => {
  for (const [name, share] of [
    ['regional', 0.04],
    ['mixed', 0.5],
    ['nationwide', 1],
  ] as const) {
    it(`adds, changes and retires products exactly as a recompile would (${name})`, () => {
      const all = synthetic(share);
      const products = all.products;
      // Add the last 40 one by one.
      let cc = compileCatalog({ ...all, products: products.slice(0, -40) });
      for (const p of products.slice(-40)) cc = publishToCatalog(cc, { put: [p] });
      expect(answers(cc)).toEqual(answers(compileCatalog(all)));
      // Change every 50th product (another product's terms under its id), one by one.
      const changed = products.map((p, k) =>
        k % 50 === 0 ? { ...products[(k + 7) % products.length]!, id: p.id } : p,
      );
      for (const p of changed.filter((_, k) => k % 50 === 0)) cc = publishToCatalog(cc, { put: [p] });
      expect(answers(cc)).toEqual(answers(compileCatalog({ ...all, products: changed })));
      // Retire every 40th.
      const gone = new Set(products.filter((_, k) => k % 40 === 3).map((p) => p.id));
      for (const id of gone) cc = publishToCatalog(cc, { retire: [id] });
      const rest = changed.filter((p) => !gone.has(p.id));
      expect(answers(cc)).toEqual(answers(compileCatalog({ ...all, products: rest })));
      expect(cc.size).toBe(rest.length);
    });
  }

  it('keeps id order when the catalog is in id order (as the store lists products)', () => {
    const all = synthetic(0.3);
    const sorted = [...all.products].sort((a, b) => (a.id < b.id ? -1 : 1));
    const later = sorted.filter((_, k) => k % 25 === 1);
    let cc = compileCatalog({ ...all, products: sorted.filter((_, k) => k % 25 !== 1) });
    for (const p of later) cc = publishToCatalog(cc, { put: [p] });
    expect(answers(cc)).toEqual(answers(compileCatalog({ ...all, products: sorted })));
  });

  it('leaves the version it started from as it was, and a match right after sees the product', () => {
    const all = synthetic(0.3, 600);
    const fresh = all.products.find((p) => p.regionScope.length === 0 && p.status === 'active')!;
    const others = all.products.filter((p) => p !== fresh);
    const before = compileCatalog({ ...all, products: others });
    const expected = answers(compileCatalog({ ...all, products: others }));
    const after = publishToCatalog(before, { put: [fresh] });
    // Branching from the same version twice is fine too.
    const other = publishToCatalog(before, { retire: [others[0]!.id] });
    expect(answers(before)).toEqual(expected);
    expect(answers(after)).toEqual(answers(compileCatalog({ ...all, products: [...others, fresh] })));
    expect(answers(other)).toEqual(answers(compileCatalog({ ...all, products: others.slice(1) })));
    const seen = pairs.some((p) => {
      const r = matchFunding({
        ...p,
        asOf: AS_OF,
        catalog: after,
        limits: { matches: 1e6, nearMisses: 1e6 },
      });
      return [...r.matches, ...r.nearMisses].some((m) => m.productId === fresh.id);
    });
    expect(seen).toBe(true);
  });

  it('publishes into the seed catalog (new institution, stacking partners)', () => {
    const seed = validateCatalog(CATALOG_DATA);
    const loan = seed.products.find((p) => pricingRole(p.pricing) === 'loan')!;
    const subsidy = seed.products.find((p) => p.pricing.type === 'interest_subsidy')!;
    const institution = { ...seed.institutions[0]!, id: 'published-institution' };
    const stacker = {
      ...subsidy,
      id: 'published-subsidy',
      institutionId: institution.id,
      stacksWith: [loan.id],
    };
    const cc = publishToCatalog(compileCatalog(seed), { put: [stacker], institutions: [institution] });
    const firms = pairs.map((p, k) => ({
      ...p,
      firm: { ...p.firm, regionCode: ['350203', '500112', '330106', '330402', '440703'][k % 5]! },
    }));
    const run = (catalog: Catalog | CompiledCatalog) =>
      firms.map((p) => JSON.stringify(matchFunding({ ...p, asOf: AS_OF, catalog })));
    const full = compileCatalog({
      ...seed,
      institutions: [...seed.institutions, institution],
      products: [...seed.products, stacker],
    });
    expect(cc.stackIds[cc.indexById.get(loan.id)!]?.has(cc.indexById.get(stacker.id)!)).toBe(true);
    expect(run(cc)).toEqual(run(full));
  });
});
