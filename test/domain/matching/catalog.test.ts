import { describe, expect, it } from 'vitest';
import { CatalogEntryError, validateCatalog } from '#domain/matching/index.ts';
import { pricingRole } from '#domain/product.ts';
import { CATALOG_DATA, loadCatalog, OMISSIONS } from '#shared/catalog/index.ts';

describe('seed catalog', () => {
  const catalog = loadCatalog();

  it('validates and cites a seed for every product and benefit', () => {
    expect(catalog.products.length).toBeGreaterThanOrEqual(30);
    for (const p of [...catalog.products, ...catalog.benefits]) {
      expect(p.source.seedFile).toMatch(/^00[0-4]_[0-9a-f]{16}\.txt$/);
      expect(p.source.quote?.length ?? 0).toBeGreaterThan(10);
    }
  });

  it("carries the seeds' figures", () => {
    const byId = new Map(catalog.products.map((p) => [p.id, p]));
    expect(byId.get('xiamen-tech-innovation-fund')).toMatchObject({
      pricing: { type: 'fixed_rate', annualRateBp: 200 },
      amount: { maxYuan: 500_000_000 },
      regionScope: ['3502'],
    });
    expect(byId.get('xiamen-credit-enhancement-fund')?.amount.maxYuan).toBe(30_000_000);
    expect(byId.get('xiamen-loan-interest-subsidy')?.pricing).toEqual({
      type: 'interest_subsidy',
      shareBp: 4000,
      capYuanPerYear: 500_000,
    });
    expect(byId.get('jiangmen-lpr-cap')).toMatchObject({
      pricing: { type: 'rate_cap', capSpreadBp: 0 },
      validFrom: '2022-08-05',
      validTo: '2025-08-04',
    });
    const benefits = new Map(catalog.benefits.map((b) => [b.id, b]));
    expect(benefits.get('xiamen-tech-upgrade-subsidy')).toMatchObject({
      shareBp: 1000,
      maxYuan: 20_000_000,
      capOverrides: [{ tier: 'key_little_giant', maxYuan: 50_000_000 }],
    });
    expect(benefits.get('jiaxing-little-giant-award')?.maxYuan).toBe(1_500_000);
  });

  it('covers every product family in the domain table', () => {
    const kinds = new Set(catalog.products.map((p) => p.kind));
    for (const kind of [
      'policy_credit_fund',
      'guarantee',
      'bridge_loan',
      'export_credit_insurance',
      'interest_subsidy',
      'equity_fund',
      'bank_loan',
      'credit_insurance',
      'supply_chain_finance',
      'risk_compensation',
      'rate_cap',
      'relending',
      'bond',
      'listing_support',
    ] as const)
      expect(kinds, kind).toContain(kind);
    const cities = new Set(catalog.products.map((p) => p.source.city));
    expect([...cities].sort()).toEqual(['chongqing', 'hangzhou', 'jiangmen', 'jiaxing', 'xiamen']);
  });

  it('marks generically named bank products and their institutions as demo, and says so', () => {
    const institutions = new Map(catalog.institutions.map((i) => [i.id, i]));
    for (const p of catalog.products.filter((x) => institutions.get(x.institutionId)?.type === 'bank')) {
      expect(p.demo, p.id).toBe(true);
      expect(institutions.get(p.institutionId)!.demo).toBe(true);
      expect(p.name.zh).toContain('示例');
      expect(p.name.en).toContain('demo');
    }
    // Illustrative figures are listed wherever the seed gives none (a demo fund has no figures).
    for (const p of catalog.products.filter((x) => x.demo && x.pricing.type !== 'none'))
      expect(p.illustrativeFigures.length, p.id).toBeGreaterThan(0);
  });

  it("records why each named measure it does not carry is left out, with the seed's words", () => {
    expect(OMISSIONS.map((o) => o.id)).toEqual([
      'jiaxing-loan-interest-subsidy',
      'jiaxing-headquarters-relocation-award',
    ]);
    for (const o of OMISSIONS) {
      expect(o.source.quote.length).toBeGreaterThan(10);
      expect(o.reason.zh.length).toBeGreaterThan(10);
      expect(o.reason.en.length).toBeGreaterThan(10);
    }
  });

  it('carries the measures the seeds name with their figures (issue 10)', () => {
    const ids = new Set([...catalog.products.map((p) => p.id), ...catalog.benefits.map((b) => b.id)]);
    for (const id of [
      'jiangmen-guidance-fund',
      'jiangmen-talent-island-funds',
      'chongqing-srdi-bond-financing',
      'hangzhou-future-factory-chain-master-factory',
      'hangzhou-future-factory-smart-factory',
      'hangzhou-future-factory-digital-workshop',
      'jiaxing-first-set-award-national',
      'jiaxing-first-set-award-provincial',
      'jiaxing-first-set-award-municipal',
      'jiaxing-single-champion-product-award',
    ])
      expect(ids.has(id), id).toBe(true);
    const maxOf = (id: string) => catalog.benefits.find((b) => b.id === id)?.maxYuan;
    expect(maxOf('hangzhou-future-factory-chain-master-factory')).toBe(5_000_000);
    expect(maxOf('hangzhou-future-factory-digital-workshop')).toBe(800_000);
    expect(maxOf('jiaxing-first-set-award-provincial')).toBe(500_000);
  });

  it('keeps conditions the seeds do not state out, or marks them illustrative', () => {
    const rules = (id: string) => catalog.products.find((p) => p.id === id)!.eligibility;
    // IP pledges say "专利、商标等": no invention patent is required.
    for (const id of ['chongqing-ip-pledge-loan', 'hangzhou-ip-pledge-loan'])
      expect(rules(id).some((r) => r.rule === 'metric')).toBe(false);
    // Collective notes: no provincial level; relending and supply-chain finance: no purpose.
    expect(rules('jiaxing-collective-notes')).toEqual([{ rule: 'tier_at_least', tier: 'srdi_sme' }]);
    for (const id of ['jiangmen-relending-loan', 'jiaxing-receivables-finance'])
      expect(
        rules(id).some((r) => r.rule === 'purpose'),
        id,
      ).toBe(false);
    // Scope as written: 中小微企业, SRDI and others, a preference not a gate.
    for (const id of [
      'xiamen-credit-enhancement-fund',
      'national-sme-fund-xiamen-subfund',
      'chongqing-srdi-development-fund',
      'xiamen-listing-support',
    ])
      expect(
        rules(id).some((r) => r.rule === 'tier_at_least' || r.rule === 'tier_or_label'),
        id,
      ).toBe(false);
    // Every remaining guess is flagged.
    expect(rules('xiamen-credit-enhancement-fund')).toEqual([
      { rule: 'metric', metric: 'employees', max: 999, illustrative: true },
    ]);
  });

  it('gives every add-on something to stack on', () => {
    for (const p of catalog.products) {
      const role = pricingRole(p.pricing);
      if (role === 'entitlement' || role === 'enhancer')
        expect(p.stacksOnKinds.length, p.id).toBeGreaterThan(0);
    }
  });
});

describe('catalog validation', () => {
  const data = () =>
    structuredClone(CATALOG_DATA) as unknown as {
      institutions: Record<string, unknown>[];
      products: Record<string, unknown>[];
      benefits: Record<string, unknown>[];
      pricing: Record<string, unknown>;
    };

  function issuesOf(input: ReturnType<typeof data>) {
    try {
      validateCatalog(input);
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogEntryError);
      return (error as CatalogEntryError).issues;
    }
    throw new Error('expected the catalog to be rejected');
  }

  it('rejects a bad entry with its id and the failing field', () => {
    const input = data();
    const fund = input.products.find((p) => p.id === 'xiamen-tech-innovation-fund')!;
    fund.pricing = { type: 'fixed_rate', annualRateBp: -200 };
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      collection: 'products',
      entryId: 'xiamen-tech-innovation-fund',
      path: 'pricing.annualRateBp',
    });
    expect(() => validateCatalog(input)).toThrow(
      /invalid catalog entry products xiamen-tech-innovation-fund: pricing\.annualRateBp/,
    );
  });

  it('names a bad rule inside eligibility by its index', () => {
    const input = data();
    const loan = input.products.find((p) => p.id === 'chongqing-srdi-loan')!;
    loan.eligibility = [{ rule: 'tier_at_least', tier: 'giant' }];
    expect(issuesOf(input)[0]).toMatchObject({ entryId: 'chongqing-srdi-loan', path: 'eligibility.0.tier' });
  });

  it('checks references and duplicates across entries', () => {
    const input = data();
    input.products.find((p) => p.id === 'hangzhou-srdi-loan')!.institutionId = 'no-such-bank';
    input.products.push({ ...input.products[0]! });
    input.benefits[0]!.maxYuan = 1.5;
    const issues = issuesOf(input);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entryId: 'hangzhou-srdi-loan', path: 'institutionId' }),
        expect.objectContaining({ entryId: 'xiamen-tech-innovation-fund', path: 'id' }),
        expect.objectContaining({
          collection: 'benefits',
          entryId: 'xiamen-little-giant-award',
          path: 'maxYuan',
        }),
      ]),
    );
  });

  it('rejects an LPR table out of date order', () => {
    const input = data();
    (input.pricing.lpr as unknown[]).reverse();
    expect(issuesOf(input)[0]).toMatchObject({ collection: 'pricing', path: 'lpr.1.effectiveFrom' });
  });

  it('rejects an equity product with an interest price, and an add-on that stacks on nothing', () => {
    const input = data();
    input.products.find((p) => p.id === 'xiamen-guidance-subfunds')!.pricing = {
      type: 'fixed_rate',
      annualRateBp: 100,
    };
    input.products.find((p) => p.id === 'hangzhou-srdi-guarantee')!.stacksOnKinds = [];
    const issues = issuesOf(input);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entryId: 'xiamen-guidance-subfunds', path: 'pricing.type' }),
        expect.objectContaining({ entryId: 'hangzhou-srdi-guarantee', path: 'stacksOnKinds' }),
      ]),
    );
  });
});
