import { describe, expect, it } from 'vitest';
import { CertifiedListMetaSchema, validateListRows } from '#domain/certified-list.ts';
import { KNOWN_CITIES, regionCodeProblem, regionScopeProblems } from '#domain/regions.ts';
import { buildUscc } from '#domain/uscc.ts';
import { loadCatalog } from '#shared/catalog/index.ts';

describe('the region table (GB/T 2260 provinces and cities)', () => {
  it('knows the seed cities and refuses a city its province does not have', () => {
    for (const city of ['3502', '3301', '3304', '4407', '5001', '5002', '1101'])
      expect(KNOWN_CITIES.has(city)).toBe(true);
    expect(regionCodeProblem('350203')).toBeUndefined();
    expect(regionCodeProblem('35')).toBeUndefined();
    expect(regionCodeProblem('3599')?.en).toBe('region code 3599: city 3599 is not in the region table');
    expect(regionCodeProblem('359903')?.zh).toContain('地市代码3599不在区划表中');
    expect(regionCodeProblem('99')?.en).toContain('not a known province');
    // A province registering a firm itself (350000) is a valid USCC division, never a product's scope.
    expect(regionCodeProblem('350000', { allowProvinceLevel: true })).toBeUndefined();
    expect(regionCodeProblem('3500')?.en).toContain('names no city');
  });

  it('keeps the codes USCCs issued since 2015 still carry (莱芜 3712)', () => {
    expect(regionCodeProblem('371202')).toBeUndefined();
  });

  it('every region the catalog serves is in the table', () => {
    const { products } = loadCatalog();
    for (const p of products)
      for (const code of p.regionScope) expect(regionCodeProblem(code), `${p.id} ${code}`).toBeUndefined();
  });
});

describe('an unknown city is refused where it arrives', () => {
  const meta = CertifiedListMetaSchema.parse({
    authority: '福建省工业和信息化厅',
    authorityRegion: '35',
    tier: 'srdi_sme',
    level: 'provincial',
    batch: '2024年第一批',
    listedOn: '2024-06-01',
  });

  it('a list row whose USCC names a city the province does not have is a flagged row, nothing kept', () => {
    const good = buildUscc('91', '350203', 'MA00000A');
    const noCity = buildUscc('91', '359903', 'MA00000B');
    const provinceLevel = buildUscc('91', '350000', 'MA00000C');
    const { entries, problems } = validateListRows(
      meta,
      [
        { line: 2, uscc: good, name: '厦门甲有限公司' },
        { line: 3, uscc: noCity, name: '无此地市公司' },
        { line: 4, uscc: provinceLevel, name: '福建省级登记公司' },
      ],
      new Map(),
    );
    expect(problems.map((p) => [p.line, p.field, p.code])).toEqual([[3, 'uscc', 'unknown_region']]);
    expect(problems[0]!.en).toContain('city 3599 is not in the region table');
    expect(entries.map((e) => e.uscc)).toEqual([good, provinceLevel]);
  });

  it("a list's authority area must be a known province or city", () => {
    const r = CertifiedListMetaSchema.safeParse({ ...meta, authorityRegion: '3599' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('3599');
  });

  it("a product's region scope must name known cities", () => {
    expect(regionScopeProblems(['3502', '3599', '35'])).toEqual([
      expect.objectContaining({
        path: 'regionScope.1',
        en: 'region code 3599: city 3599 is not in the region table',
      }),
    ]);
  });
});
