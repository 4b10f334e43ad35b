import { describe, expect, it } from 'vitest';
import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { compileCatalog } from '#domain/matching/compile.ts';
import { buildFacts } from '#domain/matching/facts.ts';
import {
  buildOpenRequestIndex,
  normaliseOpenRequest,
  OpenRequestRowSchema,
  rematchProduct,
  validateCatalog,
} from '#domain/matching/index.ts';
import { buildContext, scan } from '#domain/matching/scan.ts';
import { isHard, specHolds } from '#domain/matching/specs.ts';
import { CATALOG_DATA } from '#shared/catalog/index.ts';
import { SYNTHETIC_INSTITUTIONS, syntheticProducts, syntheticRequests } from '../../../bench/synthetic.ts';

/**
 * The hot path (typed-array ops, region index, early exit) must classify every product
 * exactly as the cold evaluator (one spec at a time, straight from the rules) does:
 * match, near miss with the same failed rules, or neither. Checked on the seed catalog
 * and on a synthetic catalog with every rule kind, for many firms and requests.
 */
const AS_OF = '2025-06-30';

function catalogs() {
  const seed = validateCatalog(CATALOG_DATA);
  const synthetic = validateCatalog({
    institutions: SYNTHETIC_INSTITUTIONS,
    products: syntheticProducts(3000, 3, 0.3),
    benefits: [],
    pricing: CATALOG_DATA.pricing,
  });
  return { seed, synthetic };
}

const pairs = syntheticRequests(400, 5).map(({ firm, request }) => ({
  firm: FirmSchema.parse(firm),
  request: FundingRequestSchema.parse(request),
}));

describe('hot path agrees with the cold evaluator', () => {
  const { seed, synthetic } = catalogs();

  for (const [name, catalog] of Object.entries({ seed, synthetic })) {
    it(`classifies every product the same way (${name} catalog)`, () => {
      const cc = compileCatalog(catalog);
      let matched = 0;
      let near = 0;
      for (const { firm, request } of pairs) {
        // Seed catalog: move the synthetic firms into the seed cities so rules get exercised.
        const f =
          name === 'seed'
            ? { ...firm, regionCode: ['350203', '500112', '330106', '330402', '440703'][firm.employees % 5]! }
            : firm;
        const facts = buildFacts(f, request, AS_OF);
        const { matchCount, nearCount } = scan(cc, buildContext(cc, facts));
        const hot = new Map<number, string>();
        for (let k = 0; k < matchCount; k++) hot.set(cc.scratch.matches[k]!, 'match');
        for (let k = 0; k < nearCount; k++) {
          const i = cc.scratch.near[k]!;
          const failed = [cc.scratch.nearFail1[k]!, cc.scratch.nearFail2[k]!]
            .filter((r) => r >= 0)
            .map((r) => cc.ruleSpec[r]!);
          hot.set(i, `near:${failed.join(',')}`);
        }
        const cold = new Map<number, string>();
        cc.compiled.forEach((c, i) => {
          if (c.product.status !== 'active') return;
          if (!c.specs.filter(isHard).every((s) => specHolds(s, facts))) return;
          const failed = c.specs.flatMap((s, k) => (!isHard(s) && !specHolds(s, facts) ? [k] : []));
          if (failed.length === 0) cold.set(i, 'match');
          else if (failed.length <= 2) cold.set(i, `near:${failed.join(',')}`);
        });
        expect(hot).toEqual(cold);
        matched += matchCount;
        near += nearCount;
      }
      // The comparison is only meaningful if both outcomes actually occur.
      expect(matched).toBeGreaterThan(50);
      expect(near).toBeGreaterThan(50);
    });
  }

  it('re-matching a product finds exactly the open requests the matcher would match it to', () => {
    const cc = compileCatalog(synthetic);
    const open = pairs.map((p, k) => ({ id: `req-${k}`, ...p }));
    // Rows as they would be stored with each request (normalised half a year earlier, JSON round trip).
    const rows = open.map((o) =>
      OpenRequestRowSchema.parse(JSON.parse(JSON.stringify(normaliseOpenRequest(o, '2025-01-01')))),
    );
    const index = buildOpenRequestIndex(rows, '2025-01-01');
    let total = 0;
    for (const c of cc.compiled.slice(0, 300)) {
      const { requestIds } = rematchProduct(c.product, index, AS_OF);
      const expected = open
        .filter(({ firm, request }) => {
          if (c.product.status !== 'active') return false;
          const facts = buildFacts(firm, request, AS_OF);
          return c.specs.every((s) => specHolds(s, facts));
        })
        .map((o) => o.id);
      expect(requestIds).toEqual(expected);
      total += requestIds.length;
    }
    expect(total).toBeGreaterThan(100);
  });
});
