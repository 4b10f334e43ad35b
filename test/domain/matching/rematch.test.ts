import { describe, expect, it } from 'vitest';
import {
  buildOpenRequestIndex,
  normaliseOpenRequest,
  OpenRequestRowSchema,
  rematchProduct,
} from '#domain/matching/index.ts';
import { type ProductInput, ProductSchema } from '#domain/product.ts';
import { ask, firmIn, littleGiant, srdi } from './helpers.ts';

/** A newly published Xiamen SRDI loan, CNY 20M cap, 3 years. */
const published: ProductInput = {
  id: 'xiamen-new-srdi-loan',
  kind: 'bank_loan',
  institutionId: 'xiamen-demo-bank',
  name: { zh: '新发布专精特新贷（示例）', en: 'Newly published SRDI loan (demo)' },
  amount: { maxYuan: 20_000_000 },
  term: { maxMonths: 36 },
  pricing: { type: 'lpr_spread', spreadBp: 40 },
  regionScope: ['3502'],
  eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
  demo: true,
  source: { city: 'xiamen', seedFile: '000_49b5be6c3e6efe59.txt' },
};

describe('re-matching open requests when a product is published', () => {
  const open = [
    {
      id: 'fits',
      firm: firmIn('xiamen', { certifications: [srdi()] }),
      request: ask({ amountYuan: 5_000_000, purpose: 'rnd', termMonths: 12 }),
    },
    {
      id: 'too-big',
      firm: firmIn('xiamen', { certifications: [srdi()] }),
      request: ask({ amountYuan: 50_000_000, purpose: 'rnd', termMonths: 12 }),
    },
    {
      id: 'chongqing',
      firm: firmIn('chongqing', { certifications: [littleGiant()] }),
      request: ask({ amountYuan: 5_000_000, purpose: 'rnd', termMonths: 12 }),
    },
    // Certified 2022-04-01: valid until 2025-04-01.
    {
      id: 'lapses',
      firm: firmIn('xiamen', { certifications: [srdi('municipal', '2022-04-01')] }),
      request: ask({ amountYuan: 5_000_000, purpose: 'rnd', termMonths: 12 }),
    },
    // Certified 2025-05-01: not yet valid in January.
    {
      id: 'certified-later',
      firm: firmIn('xiamen', { certifications: [srdi('municipal', '2025-05-01')] }),
      request: ask({ amountYuan: 5_000_000, purpose: 'rnd', termMonths: 12 }),
    },
    {
      id: 'equity',
      firm: firmIn('xiamen', { certifications: [srdi()] }),
      request: ask({ amountYuan: 5_000_000, purpose: 'rnd', termMonths: 12, kind: 'equity' }),
    },
  ];

  it('finds the open requests the new product matches, refreshing certificates by date', () => {
    // Prepare: rows normalised when the requests were stored (January), kept as JSON.
    const rows = open.map((o) =>
      OpenRequestRowSchema.parse(JSON.parse(JSON.stringify(normaliseOpenRequest(o, '2025-01-10')))),
    );
    const index = buildOpenRequestIndex(rows, '2025-01-10');
    const product = ProductSchema.parse(published);
    // Act + Assess: in January, the lapsing certificate still counts and the later one does not yet.
    expect(rematchProduct(product, index, '2025-01-10').requestIds).toEqual(['fits', 'lapses']);
    // In June the first has lapsed and the second is valid.
    const june = rematchProduct(product, index, '2025-06-30');
    expect(june.requestIds).toEqual(['fits', 'certified-later']);
    expect(june.evaluated).toBe(5); // the Chongqing request is never looked at
  });

  it('marks when a stored row must be refreshed', () => {
    const row = normaliseOpenRequest(open[3]!, '2025-01-10');
    expect(row.stableUntil).toBe('2025-03-15'); // founding anniversary comes before the expiry
    expect(row.certBits).not.toBe(0);
    expect(normaliseOpenRequest(open[3]!, '2025-04-01').certBits).toBe(0);
  });

  it('ignores a suspended product', () => {
    const index = buildOpenRequestIndex(open, '2025-06-30');
    const suspended = ProductSchema.parse({ ...published, status: 'suspended' });
    expect(rematchProduct(suspended, index, '2025-06-30').requestIds).toEqual([]);
  });
});
