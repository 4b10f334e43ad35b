import { describe, expect, it } from 'vitest';
import { type ListFacts, reconcileCertificates } from '#domain/certificate-state.ts';
import {
  CertifiedListMetaSchema,
  normaliseFirmName,
  regionConsistency,
  validateListRows,
} from '#domain/certified-list.ts';
import { CertificationSchema, FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { matchFunding } from '#domain/matching/index.ts';
import { ProductSchema } from '#domain/product.ts';
import { buildUscc } from '#domain/uscc.ts';
import { loadCatalog } from '#shared/catalog/index.ts';

const xm = (n: number) => buildUscc('91', '350203', `MA${String(n).padStart(6, '0')}`);
const meta = CertifiedListMetaSchema.parse({
  authority: '福建省工业和信息化厅',
  authorityRegion: '35',
  tier: 'srdi_sme',
  level: 'provincial',
  batch: '2024年第一批',
  listedOn: '2024-06-01',
});

describe('certified list rows', () => {
  it('names the row and field of every problem: check digit, region, duplicates, names', () => {
    const bad = `${xm(1).slice(0, 17)}${xm(1)[17] === '0' ? '1' : '0'}`;
    const beijing = buildUscc('91', '110105', 'MA000009');
    const unknown = buildUscc('91', '990105', 'MA000010');
    const { entries, problems } = validateListRows(
      meta,
      [
        { line: 2, uscc: xm(1), name: '厦门甲科技有限公司' },
        { line: 3, uscc: bad, name: '坏码公司' },
        { line: 4, uscc: beijing, name: '北京乙公司' },
        { line: 5, uscc: unknown, name: '未知区划公司' },
        { line: 6, uscc: xm(1), name: '厦门甲科技有限公司' },
        { line: 7, uscc: xm(2), name: '厦门丙（集团）有限公司' },
        { line: 8, uscc: xm(3), name: '' },
      ],
      new Map([
        [xm(2), '厦门丙(集团)有限公司'],
        [xm(1), '厦门甲有限公司'],
      ]),
    );
    expect(problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [2, 'name', 'name_mismatch'],
      [3, 'uscc', 'uscc_check_digit'],
      [4, 'uscc', 'outside_authority_region'],
      [5, 'uscc', 'unknown_region'],
      [6, 'uscc', 'duplicate'],
      [8, 'name', 'name_missing'],
    ]);
    expect(problems[4]!.zh).toContain('与第2行重复');
    // Full-width brackets fold: 厦门丙（集团） is the registered 厦门丙(集团).
    expect(entries).toEqual([{ uscc: xm(2), name: '厦门丙（集团）有限公司' }]);
    expect(normaliseFirmName('厦门丙（集团） 有限公司')).toBe(normaliseFirmName('厦门丙(集团)有限公司'));
  });

  it('refuses a list meta with a level its tier is never issued at, or without a tier', () => {
    expect(CertifiedListMetaSchema.safeParse({ ...meta, level: 'national' }).success).toBe(false);
    const { tier: _t, ...noTier } = meta;
    expect(CertifiedListMetaSchema.safeParse(noTier).success).toBe(false);
  });

  it('flags a USCC issued in another city than the region the firm claims', () => {
    expect(regionConsistency(xm(1), '350206')).toEqual({ consistent: true });
    const other = regionConsistency(xm(1), '500112');
    expect(other.consistent).toBe(false);
    if (!other.consistent) expect(other.divisionCode).toBe('350203');
  });
});

describe('certificate states', () => {
  const list = (over: Partial<ListFacts>): ListFacts => ({
    listId: 'fj-srdi-2024-1',
    authority: '福建省工业和信息化厅',
    authorityRegion: '35',
    designation: 'srdi_sme',
    level: 'provincial',
    batch: '2024年第一批',
    listedOn: '2024-06-01',
    kind: 'certified',
    ...over,
  });
  const declared = CertificationSchema.parse({
    tier: 'srdi_sme',
    level: 'provincial',
    issuedOn: '2024-05-20',
    authority: '福建省工信厅',
  });

  it("verifies a declaration on a list (the list's dates stand), keeps unlisted ones self-declared", () => {
    const states = reconcileCertificates({
      regionCode: '350203',
      declared: [
        declared,
        CertificationSchema.parse({
          label: 'high_tech',
          level: 'national',
          issuedOn: '2024-01-01',
          authority: '科技部',
        }),
      ],
      naming: [list({})],
      covering: [list({})],
      asOf: '2025-06-30',
    });
    expect(states.map((c) => ['tier' in c ? c.tier : c.label, c.state, c.issuedOn])).toEqual([
      ['srdi_sme', 'verified', '2024-06-01'],
      ['high_tech', 'self_declared', '2024-01-01'],
    ]);
  });

  it("contradicts a declaration when that year's list for the area was imported without the firm", () => {
    const [c] = reconcileCertificates({
      regionCode: '350203',
      declared: [declared],
      naming: [],
      covering: [list({})],
      asOf: '2025-06-30',
    });
    expect(c).toMatchObject({ state: 'contradicted', listId: 'fj-srdi-2024-1' });
  });

  it('revokes on a later revocation list, and on expiry', () => {
    const [revoked] = reconcileCertificates({
      regionCode: '350203',
      declared: [],
      naming: [list({}), list({ listId: 'fj-srdi-revoked-2025', kind: 'revoked', listedOn: '2025-03-01' })],
      covering: [],
      asOf: '2025-06-30',
    });
    expect(revoked).toMatchObject({ state: 'revoked', expiresOn: '2025-03-01' });
    const [expired] = reconcileCertificates({
      regionCode: '350203',
      declared: [],
      naming: [list({ listedOn: '2021-06-01' })],
      covering: [],
      asOf: '2025-06-30',
    });
    expect(expired!.state).toBe('revoked');
  });

  it('lets products require verified certificates: a self-declared one is a near miss that says so', () => {
    const catalog = loadCatalog();
    const strict = ProductSchema.parse({
      ...catalog.products.find((p) => p.id === 'xiamen-credit-enhancement-fund'),
      id: 'xiamen-verified-only-loan',
      eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
      requiresVerifiedCertificates: true,
    });
    const run = (state: 'verified' | 'self_declared' | 'contradicted') =>
      matchFunding({
        firm: FirmSchema.parse({
          uscc: xm(7),
          name: '厦门核验测试有限公司',
          regionCode: '350203',
          industryCode: 'C3981',
          foundedOn: '2015-01-01',
          employees: 80,
          revenueYuan: 50_000_000,
          rndExpenseYuan: 3_000_000,
          inventionPatents: 2,
          certifications: [
            {
              tier: 'little_giant',
              level: 'national',
              issuedOn: '2024-07-01',
              authority: '工业和信息化部',
              state,
            },
          ],
        }),
        request: FundingRequestSchema.parse({
          amountYuan: 5_000_000,
          purpose: 'working_capital',
          termMonths: 12,
        }),
        asOf: '2025-06-30',
        catalog: { ...catalog, products: [...catalog.products, strict] },
      });
    expect(run('verified').matches.map((m) => m.productId)).toContain('xiamen-verified-only-loan');
    const miss = run('self_declared').nearMisses.find((m) => m.productId === 'xiamen-verified-only-loan');
    expect(miss?.failed[0]?.reason.zh).toContain('尚未核验');
    // A contradicted certificate counts for nothing, not even for products that take self-declared ones.
    expect(run('contradicted').matches.map((m) => m.productId)).not.toContain('xiamen-demo-srdi-credit-loan');
    expect(run('self_declared').matches.map((m) => m.productId)).toContain('xiamen-demo-srdi-credit-loan');
  });
});
