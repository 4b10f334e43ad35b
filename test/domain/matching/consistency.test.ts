import { describe, expect, it } from 'vitest';
import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import {
  type CompiledCatalog,
  compileCatalog,
  ROLE_ENHANCER,
  ROLE_ENTITLEMENT,
  ROLE_LOAN,
  stacksOn,
} from '#domain/matching/compile.ts';
import { buildFacts } from '#domain/matching/facts.ts';
import {
  buildOpenRequestIndex,
  matchFunding,
  normaliseOpenRequest,
  OpenRequestRowSchema,
  rematchProduct,
  validateCatalog,
} from '#domain/matching/index.ts';
import { failedRules } from '#domain/matching/near-miss.ts';
import { rankOrder } from '#domain/matching/order.ts';
import {
  collectEntitlements,
  type Entitlements,
  NO_ENTITLEMENTS,
  newPriced,
  newScoreParts,
  price,
  ScoreBounds,
  score,
} from '#domain/matching/price.ts';
import { publishToCatalog } from '#domain/matching/publish.ts';
import { buildContext, type MatchContext, type ScanResult, scan } from '#domain/matching/scan.ts';
import { select } from '#domain/matching/select.ts';
import { isHard, specHolds } from '#domain/matching/specs.ts';
import { PRODUCT_KINDS, pricingRole } from '#domain/product.ts';
import { CATALOG_DATA } from '#shared/catalog/index.ts';
import { SYNTHETIC_INSTITUTIONS, syntheticProducts, syntheticRequests } from '../../../bench/synthetic.ts';

/**
 * The hot paths — the linear scan (typed-array ops, region lists, early exit) and the
 * bitmap selection (slot bitmaps, bit-sliced failure counters) — must classify every
 * product exactly as the cold evaluator (one spec at a time, straight from the rules)
 * does: match, near miss with the same failed rules, or neither; and the two hot paths
 * must list them in the same order. Checked on the seed catalog and on synthetic catalogs
 * with every rule kind — regional, nationwide, mixed, and one changed by publishing — for
 * many firms and requests.
 */
const AS_OF = '2025-06-30';

function syntheticCatalog(n: number, seed: number, nationwideShare: number) {
  return validateCatalog({
    institutions: SYNTHETIC_INSTITUTIONS,
    products: syntheticProducts(n, seed, nationwideShare),
    benefits: [],
    pricing: CATALOG_DATA.pricing,
  });
}

function catalogs() {
  const seed = validateCatalog(CATALOG_DATA);
  const synthetic = syntheticCatalog(3000, 3, 0.3);
  const nationwide = syntheticCatalog(1500, 4, 1);
  const regional = syntheticCatalog(3000, 6, 0.04);
  // Mixed, then changed by publishing: 60 added, every 30th changed, every 40th retired.
  const mixed = syntheticCatalog(1500, 8, 0.5);
  let published = compileCatalog({ ...mixed, products: mixed.products.slice(0, -60) });
  for (const p of mixed.products.slice(-60)) published = publishToCatalog(published, { put: [p] });
  mixed.products.forEach((p, k) => {
    if (k % 30 === 0)
      published = publishToCatalog(published, { put: [{ ...mixed.products[(k + 11) % 1500]!, id: p.id }] });
    else if (k % 40 === 7) published = publishToCatalog(published, { retire: [p.id] });
  });
  return { seed, synthetic, nationwide, regional, published };
}

/**
 * The classification a hot path left in the scratch buffers: product → match / near miss
 * with its failed specs (the linear scan records the failed ops, the selection their
 * unlock keys; failedRules finds the ops when they are not recorded).
 */
function hotClasses(cc: CompiledCatalog, ctx: MatchContext, result: ScanResult): [number, string][] {
  const out: [number, string][] = [];
  for (let k = 0; k < result.matchCount; k++) out.push([cc.scratch.matches[k]!, 'match']);
  for (let k = 0; k < result.nearCount; k++) {
    const failed = failedRules(cc, ctx, k).map((r) => cc.ruleSpec[r]!);
    out.push([cc.scratch.near[k]!, `near:${failed.join(',')}`]);
  }
  return out;
}

/** The linear scan's classes with its near misses reordered: one failed rule first, then two (stable). */
function singlesFirst(classes: [number, string][]): [number, string][] {
  const failures = (c: string) => (c === 'match' ? 0 : c.split(',').length);
  return [
    ...classes.filter(([, c]) => failures(c) === 0),
    ...classes.filter(([, c]) => failures(c) === 1),
    ...classes.filter(([, c]) => failures(c) === 2),
  ];
}

function hotPath(cc: CompiledCatalog, ctx: MatchContext, path: typeof scan) {
  const result = path(cc, ctx);
  return { result, classes: hotClasses(cc, ctx, result) };
}

/** What a selection leaves in the scratch, as plain arrays. */
function selectionLists(cc: CompiledCatalog, r: ReturnType<typeof select>) {
  const s = cc.scratch;
  const list = (a: Int32Array | Float64Array, n: number) => Array.from(a.subarray(0, n));
  return {
    r,
    matches: list(s.matches, r.matchCount),
    enhancers: list(s.matchEnhancers, r.enhancerCount),
    entitlements: list(s.matchEntitlements, r.entitlementCount),
    near: list(s.near, r.nearCount),
    key1: list(s.nearKey1, r.nearCount),
    key2: list(s.nearKey2, r.nearCount),
    fail1: list(s.nearFail1, r.nearCount),
    mortgage: list(s.mortgageSingles, r.mortgageCount),
    groups: [
      list(s.groupCount, r.keyGroups),
      list(s.groupUpTo, r.keyGroups),
      list(s.groupFirst, r.keyGroups),
    ],
    keyPairs: list(s.keyPairs, cc.unlockKeys.length),
  };
}

const pairs = syntheticRequests(400, 5).map(({ firm, request }) => ({
  firm: FirmSchema.parse(firm),
  request: FundingRequestSchema.parse(request),
}));

describe('hot paths agree with the cold evaluator', () => {
  const all = catalogs();
  for (const [name, catalog] of Object.entries(all)) {
    it(`classifies every product the same way, on both hot paths (${name} catalog)`, () => {
      const cc = 'ruleStart' in catalog ? catalog : compileCatalog(catalog);
      let matched = 0;
      let near = 0;
      for (const { firm, request } of pairs) {
        // Seed catalog: move the synthetic firms into the seed cities so rules get exercised.
        const f =
          name === 'seed'
            ? { ...firm, regionCode: ['350203', '500112', '330106', '330402', '440703'][firm.employees % 5]! }
            : firm;
        const facts = buildFacts(f, request, AS_OF);
        const ctx = buildContext(cc, facts);
        const linear = hotPath(cc, ctx, scan);
        // Without slot keys (more than 31 soft slots, or 32,768 keys or more) each near
        // miss's ops are walked: the same lists as with them.
        const walked = selectionLists(cc, select(cc, ctx, true));
        const selected = select(cc, ctx);
        expect(selectionLists(cc, selected)).toEqual(walked);
        // The selection's unlock keys are those of the failed ops, smaller first.
        const keys = Array.from(cc.scratch.nearKey1.subarray(0, selected.nearCount), (k1, k) => [
          k1,
          cc.scratch.nearKey2[k]!,
        ]);
        const bitmap = { result: selected, classes: hotClasses(cc, ctx, selected) };
        expect(keys).toEqual(
          Array.from({ length: selected.nearCount }, (_, k) => {
            const ops = failedRules(cc, ctx, k).map((r) => cc.ruleKey[r]!);
            return ops.length === 1 ? [ops[0], -1] : [Math.min(ops[0]!, ops[1]!), Math.max(ops[0]!, ops[1]!)];
          }),
        );
        // Same classes, same counts; the same order but for the near misses, which the
        // selection lists those with one failed rule first, then those with two, each part
        // in scan order.
        expect(bitmap.classes).toEqual(singlesFirst(linear.classes));
        const {
          singleCount,
          mortgageCount,
          keyGroups,
          doubleCount,
          enhancerCount,
          entitlementCount,
          ...counts
        } = selected;
        expect(counts).toEqual(linear.result);
        // The matches that are enhancers and entitlements, listed as they are selected.
        const selectedMatches = Array.from(cc.scratch.matches.subarray(0, selected.matchCount));
        expect(Array.from(cc.scratch.matchEnhancers.subarray(0, enhancerCount))).toEqual(
          selectedMatches.filter((i) => cc.role[i] === ROLE_ENHANCER),
        );
        expect(Array.from(cc.scratch.matchEntitlements.subarray(0, entitlementCount))).toEqual(
          selectedMatches.filter((i) => cc.role[i] === ROLE_ENTITLEMENT),
        );
        // The near misses with one failed rule are the first singleCount; the selection
        // also lists the loans among them failing only on mortgage-type collateral.
        const { nearFail1, nearFail2, near: nearList } = cc.scratch;
        const singles: number[] = [];
        const mortgage: number[] = [];
        for (let k = 0; k < selected.nearCount; k++) {
          if (nearFail2[k]! >= 0) continue;
          singles.push(k);
          if (cc.ruleMortgage[nearFail1[k]!] === 1 && cc.role[nearList[k]!] === ROLE_LOAN) mortgage.push(k);
        }
        expect(singles).toEqual(Array.from({ length: singleCount }, (_, k) => k));
        expect(Array.from(cc.scratch.mortgageSingles.subarray(0, mortgageCount))).toEqual(mortgage);
        // For the unlock groups: the single-failure near misses grouped by key (size, largest
        // cap, first in scan order), and the two-failure ones listed with each key's share.
        const byKey = new Map<number, [number, number, number]>();
        const keyPairs = new Map<number, number>();
        const doubles: number[] = [];
        for (let k = 0; k < selected.nearCount; k++) {
          const [k1, k2] = keys[k]!;
          if (k2! >= 0) {
            doubles.push(k);
            for (const key of new Set([k1!, k2!])) keyPairs.set(key, (keyPairs.get(key) ?? 0) + 1);
            continue;
          }
          const g = byKey.get(k1!) ?? [0, 0, k];
          byKey.set(k1!, [g[0] + 1, Math.max(g[1], cc.fundsMax[nearList[k]!]!), g[2]]);
        }
        const { groupCount, groupUpTo, groupFirst } = cc.scratch;
        expect(
          Array.from({ length: keyGroups }, (_, g) => [groupCount[g], groupUpTo[g], groupFirst[g]]),
        ).toEqual([...byKey.values()]);
        expect(doubles).toEqual(Array.from({ length: doubleCount }, (_, j) => singleCount + j));
        expect(
          Array.from(cc.scratch.keyPairs.subarray(0, cc.unlockKeys.length)).flatMap((n, key) =>
            n > 0 ? [[key, n]] : [],
          ),
        ).toEqual([...keyPairs].sort((a, b) => a[0] - b[0]));
        expect(cc.scratch.keyGroup.every((g) => g === -1)).toBe(true);
        const cold = new Map<number, string>();
        cc.compiled.forEach((c, i) => {
          if (!cc.live[i] || c.product.status !== 'active') return;
          if (!c.specs.filter(isHard).every((s) => specHolds(s, facts))) return;
          const failed = c.specs.flatMap((s, k) => (!isHard(s) && !specHolds(s, facts) ? [k] : []));
          if (failed.length === 0) cold.set(i, 'match');
          else if (failed.length <= 2) cold.set(i, `near:${failed.join(',')}`);
        });
        expect(new Map(bitmap.classes)).toEqual(cold);
        matched += bitmap.result.matchCount;
        near += bitmap.result.nearCount;
      }
      // The comparison is only meaningful if both outcomes actually occur.
      expect(matched).toBeGreaterThan(50);
      expect(near).toBeGreaterThan(50);
    });
  }

  it('ranks matches and near misses exactly as pricing all of them and sorting would', () => {
    // Nationwide and mixed catalogs put many products in play (the ranking walks static
    // orderings and stops early), the regional one few (every product is offered).
    for (const catalog of [all.nationwide, all.regional, all.published, all.synthetic]) {
      const cc = 'ruleStart' in catalog ? catalog : compileCatalog(catalog);
      let shown = 0;
      for (const { firm, request } of pairs.slice(0, 120)) {
        const answer = matchFunding({ firm, request, asOf: AS_OF, catalog: cc });
        const ctx = buildContext(cc, buildFacts(firm, request, AS_OF));
        const r = select(cc, ctx);
        const { matches, near, nearKey2 } = cc.scratch;
        const ranked = (items: { i: number; rank: number }[], ents: Entitlements) =>
          items
            .map(({ i, rank }) => {
              const p = price(cc, i, ctx, ents, newPriced());
              return { i, rank, s: score(cc, i, ctx, p, newScoreParts()), eff: p.effectiveAnnualRateBp };
            })
            .sort(
              (a, b) => a.rank - b.rank || b.s - a.s || a.eff - b.eff || cc.idRank[a.i]! - cc.idRank[b.i]!,
            )
            .slice(0, 20)
            .map((x) => cc.compiled[x.i]!.product.id);
        const ents = collectEntitlements(cc, matches, r.matchCount);
        const all = Array.from(matches.subarray(0, r.matchCount), (i) => ({ i, rank: 0 }));
        const nearAll = Array.from(near.subarray(0, r.nearCount), (i, k) => ({
          i,
          rank: nearKey2[k]! >= 0 ? 1 : 0,
        }));
        expect(answer.matches.map((m) => m.productId)).toEqual(ranked(all, ents));
        expect(answer.nearMisses.map((m) => m.productId)).toEqual(ranked(nearAll, NO_ENTITLEMENTS));
        shown += answer.matches.length + answer.nearMisses.length;
      }
      expect(shown).toBeGreaterThan(1000);
    }
  });

  it('bounds every static ordering by at least the score of each product from that place on', () => {
    // The ranking walks these lists and stops one as soon as its bound is below the last
    // kept result: a bound under a product's score would drop it. Every list kind is held
    // (loans, guarantees, caps, subsidy classes, equity), with and without entitlements.
    const cc = compileCatalog(all.nationwide);
    const { lists, listed, unlisted } = rankOrder(cc);
    const kinds = new Set(lists.map((l) => l.type));
    expect(kinds.size).toBeGreaterThanOrEqual(5);
    expect(Array.from(unlisted).every((i) => listed[i] === 0 && cc.live[i])).toBe(true);
    let held = 0;
    for (const { firm, request } of pairs.slice(0, 40)) {
      const ctx = buildContext(cc, buildFacts(firm, request, AS_OF));
      const r = select(cc, ctx);
      for (const ents of [collectEntitlements(cc, cc.scratch.matches, r.matchCount), NO_ENTITLEMENTS]) {
        const bounds = new ScoreBounds(cc, ctx, ents);
        for (const list of lists)
          for (let j = 0; j < list.items.length; j += 3) {
            const i = list.items[j]!;
            const exact = score(cc, i, ctx, price(cc, i, ctx, ents, newPriced()), newScoreParts());
            expect(bounds.listBound(list, list.keys[j]!)).toBeGreaterThanOrEqual(exact);
            held++;
          }
      }
    }
    expect(held).toBeGreaterThan(10_000);
  });

  it('groups near misses into unlock hints exactly as counting every group would', () => {
    // The matcher groups only the pairs that can still be shown; the reference counts every
    // group by the failed rules' keys, sorts (size, largest cap, first seen) and keeps the
    // first members in scan order. Several limits, so the size to beat varies (60: fewer
    // single groups than that, so the pairs of every key count and are hashed).
    let compared = 0;
    for (const catalog of [all.nationwide, all.regional, all.published, all.synthetic]) {
      const cc = 'ruleStart' in catalog ? catalog : compileCatalog(catalog);
      for (const [n, { firm, request }] of pairs.slice(0, 100).entries()) {
        const unlocks = [5, 1, 2, 12, 60][n % 5]!;
        const answer = matchFunding({ firm, request, asOf: AS_OF, catalog: cc, limits: { unlocks } });
        const ctx = buildContext(cc, buildFacts(firm, request, AS_OF));
        // In the linear scan's order: first seen and members in scan order.
        const r = scan(cc, ctx);
        const groups = new Map<string, { count: number; upTo: number; first: number; ids: string[] }>();
        for (let k = 0; k < r.nearCount; k++) {
          const ops = failedRules(cc, ctx, k);
          const keys = ops.map((op) => cc.ruleKey[op]!).sort((a, b) => a - b);
          const key = keys.join(':');
          const i = cc.scratch.near[k]!;
          const g = groups.get(key) ?? { count: 0, upTo: 0, first: k, ids: [] };
          g.count++;
          g.upTo = Math.max(g.upTo, cc.fundsMax[i]!);
          if (g.ids.length < 10) g.ids.push(cc.compiled[i]!.product.id);
          groups.set(key, g);
        }
        const expected = [...groups.values()]
          .sort((a, b) => b.count - a.count || b.upTo - a.upTo || a.first - b.first)
          .slice(0, unlocks)
          .map((g) => ({
            productCount: g.count,
            upToYuan: g.upTo > 0 ? g.upTo : undefined,
            productIds: g.ids,
          }));
        expect(
          answer.unlocks.map((u) => ({
            productCount: u.productCount,
            upToYuan: u.upToYuan,
            productIds: u.productIds,
          })),
        ).toEqual(expected);
        compared += answer.unlocks.length;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('puts in each package the cheapest matched guarantee or export cover that stacks on its loan', () => {
    // On a nationwide catalog packages read the cheapest matched enhancer of each stacking
    // signature from static lists; the reference walks every matched enhancer.
    const exportCover = PRODUCT_KINDS.indexOf('export_credit_insurance');
    const compared = { guarantee: 0, export_insurance: 0 };
    // Also one whose guarantees and insurers partly stack by id (stacksWith) with some loans.
    const loans = all.nationwide.products.filter((p) => pricingRole(p.pricing) === 'loan').map((p) => p.id);
    const byId = {
      ...all.nationwide,
      products: all.nationwide.products.map((p, k) =>
        p.pricing.type === 'guarantee_fee' && k % 3 === 0
          ? { ...p, stacksWith: [1, 7, 13, 29].map((m) => loans[(k * m) % loans.length]!) }
          : p,
      ),
    };
    for (const catalog of [all.nationwide, byId, all.regional, all.published, all.synthetic]) {
      const cc = 'ruleStart' in catalog ? catalog : compileCatalog(catalog);
      for (const { firm, request } of pairs.slice(0, 200)) {
        const answer = matchFunding({ firm, request, asOf: AS_OF, catalog: cc });
        const r = select(cc, buildContext(cc, buildFacts(firm, request, AS_OF)));
        const matched = Array.from(cc.scratch.matchEnhancers.subarray(0, r.enhancerCount));
        const cheapest = (loan: number, accepts: (e: number) => boolean) => {
          let best = -1;
          for (const e of matched)
            if (accepts(e) && stacksOn(cc, e, loan))
              if (best < 0 || cc.p2[e]! < cc.p2[best]! || (cc.p2[e] === cc.p2[best] && e < best)) best = e;
          return best < 0 ? undefined : cc.compiled[best]!.product.id;
        };
        for (const pkg of answer.packages) {
          const loan = cc.indexById.get(pkg.loanProductId)!;
          for (const c of pkg.components) {
            if (c.effect !== 'guarantee' && c.effect !== 'export_insurance') continue;
            const accepts =
              c.effect === 'guarantee'
                ? (e: number) => cc.replacesCollateral[e] === 1
                : (e: number) => cc.kindCode[e] === exportCover;
            expect(c.productId).toBe(cheapest(loan, accepts));
            compared[c.effect]++;
          }
        }
      }
    }
    expect(compared.guarantee).toBeGreaterThan(100);
    expect(compared.export_insurance).toBeGreaterThan(20);
  });

  it('re-matching agrees with the bitmap selection on a nationwide catalog', () => {
    const cc = compileCatalog(all.nationwide);
    const open = pairs.map((p, k) => ({ id: `req-${k}`, ...p }));
    const index = buildOpenRequestIndex(
      open.map((o) => normaliseOpenRequest(o, AS_OF)),
      AS_OF,
    );
    const selected = open.map(({ firm, request }) => {
      const r = select(cc, buildContext(cc, buildFacts(firm, request, AS_OF)));
      return new Set(cc.scratch.matches.slice(0, r.matchCount));
    });
    let total = 0;
    for (let i = 0; i < 200; i++) {
      const { requestIds } = rematchProduct(cc.compiled[i]!.product, index, AS_OF);
      expect(requestIds).toEqual(open.filter((_, k) => selected[k]!.has(i)).map((o) => o.id));
      total += requestIds.length;
    }
    expect(total).toBeGreaterThan(100);
  });

  it('re-matching a product finds exactly the open requests the matcher would match it to', () => {
    const cc = compileCatalog(all.synthetic);
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
