import { describe, expect, it } from 'vitest';
import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { compileCatalog, matchFunding, validateCatalog } from '#domain/matching/index.ts';
import { CATALOG_DATA } from '#shared/catalog/index.ts';
import { SYNTHETIC_INSTITUTIONS, syntheticProducts, syntheticRequests } from '../../../bench/synthetic.ts';
import { AS_OF } from './helpers.ts';

/**
 * A match reuses its catalog's scratch (the selection's arrays, the context's arrays): each
 * answer must depend on its own request only, never on the request matched before it. The
 * same requests, matched in two different orders on two compilations of one catalog, must
 * give the same answers.
 */
describe('matches on one compiled catalog', () => {
  it('leave nothing behind for the next: the same answers in any order', () => {
    const data = validateCatalog({
      institutions: SYNTHETIC_INSTITUTIONS,
      products: syntheticProducts(1500, 9, 0.3),
      benefits: [],
      pricing: CATALOG_DATA.pricing,
    });
    const [forward, backward] = [compileCatalog(data), compileCatalog(data)];
    const pairs = syntheticRequests(160, 21).map(({ firm, request }) => ({
      firm: FirmSchema.parse(firm),
      request: FundingRequestSchema.parse(request),
    }));
    const answer = (catalog: typeof forward, k: number) =>
      JSON.stringify(matchFunding({ ...pairs[k]!, asOf: AS_OF, catalog }));
    const inOrder = pairs.map((_, k) => answer(forward, k));
    // Backwards, and every other one twice in a row.
    const industries = new Set(pairs.map((p) => p.firm.industryCode));
    expect(industries.size).toBeGreaterThan(5);
    for (let k = pairs.length - 1; k >= 0; k--) {
      expect(answer(backward, k), `request ${k}`).toBe(inOrder[k]);
      if (k % 2 === 0) expect(answer(backward, k), `request ${k} again`).toBe(inOrder[k]);
    }
  });
});
