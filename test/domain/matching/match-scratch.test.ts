import { describe, expect, it } from 'vitest';
import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema, FundingRequestSchema as Requests } from '#domain/funding-request.ts';
import { sharedTextJson, unlockSummary } from '#domain/matching/explain.ts';
import { compileCatalog, matchFunding, validateCatalog } from '#domain/matching/index.ts';
import { CATALOG_DATA } from '#shared/catalog/index.ts';
import { SYNTHETIC_INSTITUTIONS, syntheticProducts, syntheticRequests } from '../../../bench/synthetic.ts';
import { AS_OF, firmIn } from './helpers.ts';

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

  it('share unlock summaries per hint, count and cap, reading as when made afresh (and past the bound)', () => {
    const catalog = compileCatalog(validateCatalog(CATALOG_DATA));
    const result = matchFunding({
      firm: firmIn('xiamen'),
      request: Requests.parse({ amountYuan: 200_000_000, purpose: 'rnd', termMonths: 12 }),
      asOf: AS_OF,
      catalog,
    });
    const hint = result.unlocks[0]!.hint;
    expect(sharedTextJson(hint)).toBeDefined();
    const fresh = { zh: hint.zh, en: hint.en };
    const caps = [undefined, 1, 7, 8, 30_000_000, 500_000_000, 123_456, 10 ** 12];
    for (let c = 9; c < 22; c++) caps.push(c);
    // Every count and cap twice, the second time in the other order (from what was kept).
    for (const order of [caps, [...caps].reverse()])
      for (let count = 0; count < 90; count++)
        for (const cap of order) {
          const shared = unlockSummary([hint], count, cap);
          expect(shared, `${count} ${cap}`).toEqual(unlockSummary([fresh], count, cap));
          expect(sharedTextJson(shared) ?? JSON.stringify(shared)).toBe(JSON.stringify(shared));
        }
    // Within the bound the same object is handed out again.
    expect(unlockSummary([hint], 3, 30_000_000)).toBe(unlockSummary([hint], 3, 30_000_000));
  });
});
