import { describe, expect, it } from 'vitest';
import type { Firm } from '#domain/firm.ts';
import { FirmSchema } from '#domain/firm.ts';
import { type FundingRequest, FundingRequestSchema, PURPOSES } from '#domain/funding-request.ts';
import {
  type CatalogInput,
  type CompiledCatalog,
  compileCatalog,
  type MatchLimits,
  type MatchResult,
  matchFunding,
  matchResultBytes,
  publishToCatalog,
  validateCatalog,
} from '#domain/matching/index.ts';
import { LABELS, LEVELS, TIERS } from '#domain/tiers.ts';
import { DEMO_FIRMS } from '#local/demo-data.ts';
import { CATALOG_DATA } from '#shared/catalog/index.ts';
import { SYNTHETIC_INSTITUTIONS, syntheticProducts, syntheticRequests } from '../../../bench/synthetic.ts';
import { AS_OF, type City, firmIn } from './helpers.ts';

/**
 * The answer's JSON (answer-json.ts: parts written once per catalog, texts shared by rules)
 * must be JSON.stringify's, byte for byte, for every answer: the seed catalog with firms in
 * every city, every certificate state, tier and label, every purpose and many amounts and
 * terms, with and without near misses, packages, unlocks and benefits, under several limits;
 * synthetic catalogs (regional, nationwide, changed by publishing); texts that need escaping;
 * and answers whose objects are not the catalog's own (copies), which take the general path.
 */

const LIMITS: (Partial<MatchLimits> | undefined)[] = [
  undefined,
  { matches: 0, nearMisses: 0, packages: 0, unlocks: 0 },
  { matches: 1, nearMisses: 1, packages: 1, unlocks: 1 },
  { matches: 50, nearMisses: 50, packages: 20, unlocks: 20 },
];

/** The writer's bytes, checked against JSON.stringify's text in UTF-8 (a mismatch shows where they part). */
function agree(cc: CompiledCatalog, result: MatchResult) {
  const bytes = matchResultBytes(cc, result);
  const expected = JSON.stringify(result);
  if (!Buffer.from(expected, 'utf8').equals(bytes)) {
    const json = Buffer.from(bytes).toString('utf8');
    let at = 0;
    while (at < json.length && json[at] === expected[at]) at++;
    expect(json.slice(Math.max(0, at - 120), at + 80), 'same text, other bytes').toBe(
      expected.slice(Math.max(0, at - 120), at + 80) + (json === expected ? ' (other bytes)' : ''),
    );
  }
  return { bytes, expected };
}

const CITIES: City[] = ['xiamen', 'chongqing', 'hangzhou', 'jiaxing', 'jiangmen'];

/** Firms with no, one or several certificates of every tier and label, level and state, some lapsed or not yet valid. */
function seedFirms(): Firm[] {
  const firms: Firm[] = DEMO_FIRMS.map((f) => FirmSchema.parse(f));
  const states = ['verified', 'self_declared', 'contradicted', 'revoked'] as const;
  let n = 0;
  // Not every title is issued at every level: those combinations are left out.
  const push = (make: () => Firm) => {
    try {
      firms.push(make());
    } catch {}
  };
  for (const city of CITIES) {
    firms.push(firmIn(city));
    for (const tier of TIERS)
      for (const level of LEVELS) {
        const state = states[n++ % states.length]!;
        const issuedOn = ['2024-07-01', '2021-01-10', '2025-06-01', '2025-09-01'][n % 4]!;
        push(() =>
          firmIn(city, {
            priorYearInterestPaidYuan: n % 3 === 0 ? 1_200_000 : 0,
            listing: n % 11 === 0 ? 'star' : 'none',
            industryCode: ['C3981', 'I6513', 'M7320', 'C2710'][n % 4]!,
            certifications: [{ tier, level, issuedOn, authority: '工业和信息化部', state }],
          }),
        );
      }
    for (const label of LABELS)
      push(() =>
        firmIn(city, {
          certifications: [
            {
              label,
              level: LEVELS[n++ % 3]!,
              issuedOn: '2024-03-01',
              authority: '省经济和信息化厅',
              state: 'verified',
            },
            {
              tier: 'little_giant',
              level: 'national',
              issuedOn: '2020-07-01',
              authority: '工业和信息化部',
              state: 'verified',
            },
          ],
        }),
      );
  }
  return firms;
}

function seedRequests(): FundingRequest[] {
  const out: FundingRequest[] = [];
  const amounts = [500_000, 3_000_000, 30_000_000, 200_000_000, 600_000_000];
  let n = 0;
  for (const purpose of PURPOSES)
    for (const amountYuan of amounts) {
      n++;
      out.push(
        FundingRequestSchema.parse({
          amountYuan,
          purpose,
          termMonths: [6, 12, 36, 60][n % 4],
          collateral: [['none'], ['ip'], ['real_estate', 'receivables'], ['equipment']][n % 4],
          kind: ['debt', 'debt', 'any', 'equity'][n % 4],
          ...(purpose === 'bridge' ? { maturingLoanYuan: amountYuan, maturesOn: '2025-07-15' } : {}),
        }),
      );
    }
  return out;
}

describe('the answer as JSON', () => {
  const seed = compileCatalog(validateCatalog(CATALOG_DATA));
  const firms = seedFirms();
  const requests = seedRequests();

  it('is JSON.stringify byte for byte on the seed catalog: every city, certificate and request, several dates and limits', () => {
    const seen = { matches: 0, nearMisses: 0, unlocks: 0, packages: 0, benefits: 0, answers: 0 };
    // Some answers kept to the end: later answers never write over bytes already handed out.
    const kept: { bytes: Uint8Array; expected: string }[] = [];
    let k = 0;
    for (const firm of firms)
      for (const request of requests) {
        k++;
        // Every pair on the default date and limits; a spread of them on other dates and limits.
        const runs: [string, Partial<MatchLimits> | undefined][] = [[AS_OF, undefined]];
        if (k % 7 === 0) runs.push(['2026-03-01', LIMITS[(k / 7) % LIMITS.length]]);
        if (k % 11 === 0) runs.push(['2023-12-31', LIMITS[3]]);
        for (const [asOf, limits] of runs) {
          const result = matchFunding({ firm, request, asOf, catalog: seed, limits });
          const answer = agree(seed, result);
          if (k % 20 === 0) kept.push(answer);
          seen.answers++;
          seen.matches += result.matches.length;
          seen.nearMisses += result.nearMisses.length;
          seen.unlocks += result.unlocks.length;
          seen.packages += result.packages.length;
          seen.benefits += result.benefits.length;
        }
      }
    expect(kept.length).toBeGreaterThan(100);
    for (const { bytes, expected } of kept) expect(Buffer.from(bytes).toString('utf8')).toBe(expected);
    // Every part of the answer was exercised (the seed catalog makes few packages; the
    // synthetic catalogs below make many).
    for (const [part, count] of Object.entries(seen))
      expect(count, part).toBeGreaterThan(part === 'packages' ? 5 : 100);
  });

  it('is JSON.stringify byte for byte on synthetic catalogs: regional, nationwide, and changed by publishing', () => {
    const synthetic = (n: number, seedNo: number, nationwide: number) =>
      validateCatalog({
        institutions: SYNTHETIC_INSTITUTIONS,
        products: syntheticProducts(n, seedNo, nationwide),
        benefits: [],
        pricing: CATALOG_DATA.pricing,
      });
    const mixed = synthetic(1200, 8, 0.5);
    let published = compileCatalog({ ...mixed, products: mixed.products.slice(0, -40) });
    for (const p of mixed.products.slice(-40)) published = publishToCatalog(published, { put: [p] });
    mixed.products.forEach((p, k) => {
      if (k % 30 === 0)
        published = publishToCatalog(published, { put: [{ ...mixed.products[(k + 11) % 1200]!, id: p.id }] });
      else if (k % 40 === 7) published = publishToCatalog(published, { retire: [p.id] });
    });
    const catalogs = [
      compileCatalog(synthetic(2000, 6, 0.04)),
      compileCatalog(synthetic(1000, 4, 1)),
      published,
    ];
    const pairs = syntheticRequests(150, 5).map(({ firm, request }) => ({
      firm: FirmSchema.parse(firm),
      request: FundingRequestSchema.parse(request),
    }));
    let matches = 0;
    let packages = 0;
    for (const cc of catalogs)
      pairs.forEach(({ firm, request }, k) => {
        const result = matchFunding({
          firm,
          request,
          asOf: AS_OF,
          catalog: cc,
          limits: LIMITS[k % LIMITS.length],
        });
        agree(cc, result);
        matches += result.matches.length;
        packages += result.packages.length;
      });
    expect(matches).toBeGreaterThan(500);
    expect(packages).toBeGreaterThan(100);
  });

  it('escapes what JSON escapes in names, institutions, descriptions and sources', () => {
    const odd = 'Say "hi" \\ back 😀 end';
    type Text = { zh: string; en: string };
    type Entry = { name: Text; description?: Text };
    const data = structuredClone(CATALOG_DATA) as unknown as Record<
      'products' | 'institutions' | 'benefits',
      Entry[]
    >;
    const odder = (t: Text, sep: string) => ({ zh: `${t.zh}${sep}“${odd}”`, en: `${t.en}${sep}${odd}` });
    for (const x of [...data.products, ...data.institutions, ...data.benefits]) {
      x.name = odder(x.name, ' ');
      if (x.description) x.description = odder(x.description, '');
    }
    const cc = compileCatalog(validateCatalog(data as unknown as CatalogInput));
    let checked = 0;
    for (const firm of firms.slice(0, 40))
      for (const request of requests.slice(0, 12)) {
        const { expected } = agree(cc, matchFunding({ firm, request, asOf: AS_OF, catalog: cc }));
        if (expected.includes('\\"hi\\"')) checked++;
      }
    expect(checked).toBeGreaterThan(100);
  });

  it('writes any string and number as JSON.stringify does: escapes, surrogates, every UTF-8 length', () => {
    // Texts made per request are written character by character: every escape JSON has,
    // lone and paired surrogates, one- to four-byte characters; numbers digit by digit.
    const base = matchFunding({ firm: firms[0]!, request: requests[3]!, asOf: AS_OF, catalog: seed });
    expect(base.unlocks.length).toBeGreaterThan(0);
    const units = [
      0x00, 0x01, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1f, 0x20, 0x22, 0x2f, 0x5c, 0x7e, 0x7f, 0x80, 0xe9,
      0x7ff, 0x800, 0x4e2d, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfeff, 0xfffd, 0xffff,
    ];
    let seedNo = 12345;
    const next = () => {
      seedNo = (seedNo * 1103515245 + 12345) % 2147483648;
      return seedNo;
    };
    const randomText = () => {
      let out = '';
      const n = next() % 40;
      for (let k = 0; k < n; k++)
        out += next() % 5 === 0 ? '😀' : String.fromCharCode(units[next() % units.length]!);
      return out;
    };
    const numbers = [
      0,
      -0,
      7,
      -7,
      -1,
      10,
      99,
      100,
      // Either side of the 31-bit fast path, and every digit count on it.
      999_999_999,
      1_000_000_000,
      2_147_483_647,
      2_147_483_648,
      -2_147_483_647,
      -2_147_483_648,
      -2_147_483_649,
      4_294_967_296,
      1.5,
      -0.25,
      1e21,
      123456789012,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      2 ** 53,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ];
    let strings = 0;
    for (let round = 0; round < 400; round++) {
      const copy = structuredClone(base);
      for (const u of copy.unlocks) {
        u.hint = { zh: randomText(), en: randomText() };
        u.summary = { zh: `${randomText()}"${randomText()}`, en: `\\${randomText()}\ud83d` };
        u.rules = [randomText(), randomText()];
        u.productCount = numbers[next() % numbers.length]!;
        // Set only where the answer has it (a key added later would come last).
        if (u.upToYuan !== undefined) u.upToYuan = numbers[next() % numbers.length]!;
        strings += 6;
      }
      const counts = copy.counts;
      counts.products = numbers[next() % numbers.length]!;
      counts.nearMisses = numbers[next() % numbers.length]!;
      copy.lpr.oneYearBp = numbers[next() % numbers.length]!;
      copy.lpr.effectiveFrom = randomText();
      agree(seed, copy);
    }
    expect(strings).toBeGreaterThan(1000);
  });

  it('serialises copies of the catalog objects (not its own) the usual way', () => {
    let checked = 0;
    for (const firm of firms.slice(0, 60))
      for (const request of requests.slice(0, 10)) {
        const result = matchFunding({ firm, request, asOf: AS_OF, catalog: seed });
        const copy = structuredClone(result);
        // A copy whose fields no longer are the catalog's: changed names, roles, flags.
        for (const m of copy.nearMisses) m.name = { zh: `${m.name.zh}*`, en: m.name.en };
        for (const m of copy.matches) m.demo = !m.demo;
        for (const b of copy.benefits) b.relevant = !b.relevant;
        for (const u of copy.unlocks) u.hint = { zh: u.hint.zh, en: `${u.hint.en}!` };
        agree(seed, copy);
        agree(seed, structuredClone(result));
        checked++;
      }
    expect(checked).toBe(600);
  });

  it('writes the rate and the counts as they are when their keys are not the usual ones', () => {
    const base = matchFunding({ firm: firms[0]!, request: requests[3]!, asOf: AS_OF, catalog: seed });
    const { effectiveFrom, oneYearBp, overFiveYearBp } = base.lpr;
    const { products, candidates, matched, nearMisses } = base.counts;
    const variants: [MatchResult['lpr'], MatchResult['counts']][] = [
      [
        { oneYearBp, effectiveFrom, overFiveYearBp },
        { candidates, products, matched, nearMisses },
      ],
      [
        { effectiveFrom, oneYearBp, overFiveYearBp, extra: 1 } as MatchResult['lpr'],
        { products, candidates, matched, nearMisses, extra: 'x' } as MatchResult['counts'],
      ],
      [
        { effectiveFrom, oneYearBp } as MatchResult['lpr'],
        { products, candidates, matched } as MatchResult['counts'],
      ],
      [
        { effectiveFrom, oneYearBp: 1.5, overFiveYearBp: undefined } as unknown as MatchResult['lpr'],
        { products, candidates: undefined, matched: 0.5, nearMisses } as unknown as MatchResult['counts'],
      ],
      [
        Object.assign(Object.create({ inherited: 1 }), base.lpr),
        Object.assign(Object.create({ inherited: 2 }), base.counts),
      ],
    ];
    for (const [lpr, counts] of variants) agree(seed, { ...base, lpr, counts });
    expect(variants).toHaveLength(5);
  });
});
