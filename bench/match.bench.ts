/**
 * npm run bench — the matcher against json-rules-engine and @gorules/zen-engine, same
 * rules, same data, same run. Names of the figures in the last line: docs/matching.md.
 *
 *   1 request × 1k / 10k / 50k products: full answer (top-20 matches and near misses
 *   explained, unlock groups, packages, benefits), p50/p99 over rotating requests;
 *   1 newly published product × 100k open requests (re-match), p50/p99 over new products.
 */
import { cpus } from 'node:os';
import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { type CompiledCatalog, compileCatalog, compileProduct } from '#domain/matching/compile.ts';
import { buildFacts } from '#domain/matching/facts.ts';
import {
  buildOpenRequestIndex,
  type CatalogChange,
  matchFunding,
  normaliseOpenRequest,
  publishToCatalog,
  rematchProduct,
  validateCatalog,
} from '#domain/matching/index.ts';
import { buildContext, scan } from '#domain/matching/scan.ts';
import { select } from '#domain/matching/select.ts';
import { PRICING } from '#shared/catalog/pricing.ts';
import {
  baselineFacts,
  jreCatalog,
  jreEngine,
  jreMatchIds,
  zenCatalog,
  zenContext,
  zenDecision,
  zenMatchIds,
} from './baselines.ts';
import { SYNTHETIC_INSTITUTIONS, syntheticProducts, syntheticRequests } from './synthetic.ts';

const AS_OF = '2025-06-30';
const SIZES = [1_000, 10_000, 50_000] as const;
const OPEN_REQUESTS = 100_000;
const TARGETS = {
  match_50k_p50_ms_max: 3,
  ratio_jre_50k_min: 500,
  rematch_100k_p50_ms_max: 50,
  match_50k_nationwide_p50_ms_max: 2,
  publish_50k_p50_ms_max: 50,
};
/** Round-1 figures (quiet machine) the new paths are compared with. */
const ROUND1 = { match_50k_nationwide_p50_ms: 12.05, compile_50k_ms: 1295 };

const now = () => performance.now();
function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
const round = (x: number) => Math.round(x * 1000) / 1000;
/**
 * A full collection just before a timed section (run.ts starts the benches with
 * --expose-gc), so the garbage an earlier section left is not collected while this one
 * is timed. What the timed code allocates itself is still collected while it is timed.
 */
const collect = () => (globalThis as { gc?: () => void }).gc?.();
function log(line: string) {
  process.stderr.write(`${line}\n`);
}

function catalogOf(n: number, nationwideShare = 0.04) {
  const started = now();
  const catalog = validateCatalog({
    institutions: SYNTHETIC_INSTITUTIONS,
    products: syntheticProducts(n, 7, nationwideShare),
    benefits: [],
    pricing: PRICING,
  });
  const validated = now();
  const cc = compileCatalog(catalog);
  return { cc, validateMs: validated - started, compileMs: now() - validated };
}

const parsePairs = (n: number) =>
  syntheticRequests(n, 11).map(({ firm, request }, k) => ({
    id: `req-${k}`,
    firm: FirmSchema.parse(firm),
    request: FundingRequestSchema.parse(request),
  }));
/** 200 different debt requests, rotated so no single request's shape dominates the figures. */
const probes = parsePairs(300)
  .filter((p) => p.request.kind !== 'equity')
  .slice(0, 200);

function timeMatch(cc: CompiledCatalog, iterations: number) {
  for (let k = 0; k < 300; k++) {
    const p = probes[k % probes.length]!;
    matchFunding({ firm: p.firm, request: p.request, asOf: AS_OF, catalog: cc });
  }
  collect();
  const samples: number[] = [];
  let matched = 0;
  let near = 0;
  for (let k = 0; k < iterations; k++) {
    const p = probes[k % probes.length]!;
    const t = now();
    const r = matchFunding({ firm: p.firm, request: p.request, asOf: AS_OF, catalog: cc });
    samples.push(now() - t);
    matched += r.counts.matched;
    near += r.counts.nearMisses;
  }
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    meanMatched: matched / iterations,
    meanNear: near / iterations,
  };
}

function timeScan(cc: CompiledCatalog, iterations: number, path: typeof scan = select) {
  const ctxs = probes.map((p) => buildContext(cc, buildFacts(p.firm, p.request, AS_OF)));
  collect();
  const samples: number[] = [];
  for (let k = 0; k < iterations + 100; k++) {
    const t = now();
    path(cc, ctxs[k % ctxs.length]!);
    if (k >= 100) samples.push(now() - t);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function timeAsync(samplesWanted: number, run: (k: number) => Promise<unknown>) {
  await run(0); // warm-up
  const samples: number[] = [];
  for (let k = 0; k < samplesWanted; k++) {
    const t = now();
    await run(k + 1);
    samples.push(now() - t);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

function sameSet(a: string[], b: string[]) {
  return a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');
}

type Out = Record<string, unknown>;

/** One catalog size with the baselines beside it; false when an engine disagrees. */
async function regionalCase(n: number, out: Out): Promise<boolean> {
  let agree = true;
  const { cc, validateMs, compileMs } = catalogOf(n);
  const key = `${n / 1000}k`;
  const ours = timeMatch(cc, n >= 50_000 ? 2000 : 3000);
  const scanOnly = timeScan(cc, 2000);
  const linearOnly = timeScan(cc, 2000, scan);
  const jreSamples = n >= 50_000 ? 3 : n >= 10_000 ? 5 : 20;
  const zenSamples = n >= 50_000 ? 5 : n >= 10_000 ? 10 : 30;
  const engine = jreCatalog(cc);
  const { decision, engine: zen } = zenCatalog(cc);
  const ctxs = probes.map((p) => buildContext(cc, buildFacts(p.firm, p.request, AS_OF)));
  const facts = ctxs.map((c) => baselineFacts(c));
  const zenCtxs = facts.map(zenContext);
  const jre = await timeAsync(jreSamples, (k) => engine.run(facts[k % facts.length]!));
  const zenT = await timeAsync(zenSamples, (k) => decision.evaluate(zenCtxs[k % zenCtxs.length]!));

  // Same rules, same answers: every engine finds the same matching products.
  for (let k = 0; k < (n >= 50_000 ? 2 : 4); k++) {
    const { matchCount } = scan(cc, ctxs[k]!);
    const mine = Array.from(cc.scratch.matches.slice(0, matchCount), (i) => cc.compiled[i]!.product.id);
    const j = await jreMatchIds(engine, facts[k]!);
    const z = await zenMatchIds(decision, zenCtxs[k]!);
    if (!sameSet(mine, j) || !sameSet(mine, z)) {
      agree = false;
      log(`DISAGREE at ${key} request ${k}: ours ${mine.length}, jre ${j.length}, zen ${z.length}`);
    }
  }
  zen.dispose();

  Object.assign(out, {
    [`compile_${key}_ms`]: round(compileMs),
    [`validate_${key}_ms`]: round(validateMs),
    [`match_${key}_p50_ms`]: round(ours.p50),
    [`match_${key}_p99_ms`]: round(ours.p99),
    [`scan_${key}_p50_ms`]: round(scanOnly.p50),
    [`linear_scan_${key}_p50_ms`]: round(linearOnly.p50),
    [`jre_${key}_p50_ms`]: round(jre.p50),
    [`zen_${key}_p50_ms`]: round(zenT.p50),
    [`ratio_jre_${key}`]: Math.round(jre.p50 / ours.p50),
    [`ratio_zen_${key}`]: Math.round(zenT.p50 / ours.p50),
    [`matched_${key}_mean`]: round(ours.meanMatched),
    [`near_misses_${key}_mean`]: round(ours.meanNear),
  });
  log(
    `1 × ${String(n).padStart(6)}: match p50 ${ours.p50.toFixed(3)} ms p99 ${ours.p99.toFixed(3)} ms | selection p50 ${scanOnly.p50.toFixed(3)} ms (linear scan ${linearOnly.p50.toFixed(3)} ms) | ` +
      `json-rules-engine p50 ${jre.p50.toFixed(1)} ms (×${Math.round(jre.p50 / ours.p50)}) | zen p50 ${zenT.p50.toFixed(2)} ms (×${Math.round(zenT.p50 / ours.p50)}) | ` +
      `compile ${compileMs.toFixed(0)} ms | matched ${ours.meanMatched.toFixed(0)}, near ${ours.meanNear.toFixed(0)}`,
  );
  return agree;
}

// Worst case for the region index: every product nationwide, so all 50k are evaluated.
function nationwideCase(out: Out): void {
  const { cc } = catalogOf(50_000, 1);
  const t = timeMatch(cc, 400);
  out.match_50k_nationwide_p50_ms = round(t.p50);
  out.match_50k_nationwide_p99_ms = round(t.p99);
  out.ratio_nationwide_round1 = round(ROUND1.match_50k_nationwide_p50_ms / t.p50);
  out.matched_50k_nationwide_mean = round(t.meanMatched);
  out.near_misses_50k_nationwide_mean = round(t.meanNear);
  log(
    `1 ×  50000 (all nationwide, bitmap selection): match p50 ${t.p50.toFixed(3)} ms p99 ${t.p99.toFixed(3)} ms ` +
      `(×${(out.ratio_nationwide_round1 as number).toFixed(1)} vs round 1's ${ROUND1.match_50k_nationwide_p50_ms} ms) | matched ${t.meanMatched.toFixed(0)}, near ${t.meanNear.toFixed(0)}`,
  );
}

// Publishing one product into a compiled 50k catalog (add, change, retire), and a match right after.
function publishCase(out: Out): void {
  const extra = 60;
  const catalog = validateCatalog({
    institutions: SYNTHETIC_INSTITUTIONS,
    products: syntheticProducts(50_000 + extra, 7),
    benefits: [],
    pricing: PRICING,
  });
  let cc = compileCatalog({ ...catalog, products: catalog.products.slice(0, 50_000) });
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const wall: number[] = [];
  const cpu: number[] = [];
  const timed = (change: CatalogChange) => {
    const t = now();
    const c = cpuMs();
    cc = publishToCatalog(cc, change);
    cpu.push(cpuMs() - c);
    wall.push(now() - t);
  };
  let seen = true;
  collect();
  for (const p of catalog.products.slice(50_000)) {
    timed({ put: [p] });
    // A match right after sees it (classified by the selection of the new version).
    const i = cc.indexById.get(p.id)!;
    const probe =
      probes.find((q) => q.firm.regionCode.startsWith(cc.compiled[i]!.region[0] ?? '')) ?? probes[0]!;
    const ctx = buildContext(cc, buildFacts(probe.firm, probe.request, AS_OF));
    const r = select(cc, ctx);
    const inScope =
      Array.from(cc.scratch.matches.slice(0, r.matchCount)).includes(i) ||
      Array.from(cc.scratch.near.slice(0, r.nearCount)).includes(i);
    const cold = scan(cc, ctx);
    const coldHas =
      Array.from(cc.scratch.matches.slice(0, cold.matchCount)).includes(i) ||
      Array.from(cc.scratch.near.slice(0, cold.nearCount)).includes(i);
    if (inScope !== coldHas) seen = false;
  }
  for (const p of catalog.products.slice(100, 130))
    timed({ put: [{ ...p, amount: { ...p.amount, maxYuan: 77_000_000 } }] });
  for (const p of catalog.products.slice(200, 230)) timed({ retire: [p.id] });
  Object.assign(out, {
    publish_50k_p50_ms: round(percentile(wall, 50)),
    publish_50k_p99_ms: round(percentile(wall, 99)),
    publish_50k_cpu_p50_ms: round(percentile(cpu, 50)),
    ratio_compile_publish_50k: Math.round((out.compile_50k_ms as number) / percentile(wall, 50)),
    publish_then_match_agrees: seen,
  });
  log(
    `publish 1 product into 50000 (add/change/retire, copy-on-write): p50 ${percentile(wall, 50).toFixed(1)} ms ` +
      `(cpu ${percentile(cpu, 50).toFixed(1)} ms) p99 ${percentile(wall, 99).toFixed(1)} ms | full compile ${(out.compile_50k_ms as number).toFixed(0)} ms ` +
      `(×${out.ratio_compile_publish_50k}) | match right after agrees: ${seen}`,
  );
}

// Re-match: a newly published product against 100k open requests.
async function rematchCase(out: Out): Promise<boolean> {
  let agree = true;
  const pairs = parsePairs(OPEN_REQUESTS);
  // Store time: each request normalised once into a row kept beside it.
  let t0 = now();
  const rows = pairs.map((p) => normaliseOpenRequest(p, AS_OF));
  out.normalise_100k_ms = round(now() - t0);
  // Re-match time: the rows packed into columns.
  t0 = now();
  const index = buildOpenRequestIndex(rows, AS_OF);
  out.index_100k_ms = round(now() - t0);
  const fresh = validateCatalog({
    institutions: SYNTHETIC_INSTITUTIONS,
    products: syntheticProducts(80, 99),
    benefits: [],
    pricing: PRICING,
  }).products;
  for (const p of fresh.slice(0, 10)) rematchProduct(p, index, AS_OF);
  const samples: number[] = [];
  let found = 0;
  for (const p of fresh.slice(10)) {
    const t = now();
    const { rows } = rematchProduct(p, index, AS_OF);
    samples.push(now() - t);
    found += rows.length;
  }
  const p50 = percentile(samples, 50);
  // Baselines: the same product as one rule (jre) / a one-row table (zen), run per open request.
  const product = fresh.find((p) => p.status === 'active' && p.regionScope.length === 0) ?? fresh[10]!;
  const cp = compileProduct(product, index.interner);
  const rowFacts = (k: number) => {
    const row = pairs[k]!;
    const f: Record<string, unknown> = {};
    ['amount', 'term', 'day', 'one', 'm0', 'm1', 'm2', 'm3', 'm4', 'm5'].forEach((n, j) => {
      f[n] = n === 'day' ? index.asOfDay : n === 'one' ? 1 : index.num[j]![k];
    });
    ['cert', 'collateral', 'purpose', 'kind', 'listing', 'flags'].forEach((n, j) => {
      f[n] = index.words[j]![k];
    });
    f.industry = Array.from(index.industry.slice(k * 5, k * 5 + 5)).filter((id) => id >= 0);
    const rc = row.firm.regionCode;
    f.region = ['', rc.slice(0, 2), rc.slice(0, 4), rc];
    return f;
  };
  const allFacts = pairs.map((_, k) => rowFacts(k));
  const ours = rematchProduct(cp, index, AS_OF);
  const engine = jreEngine([cp]);
  let t = now();
  const jreIds: string[] = [];
  for (let k = 0; k < allFacts.length; k++)
    if ((await engine.run(allFacts[k]!)).events.length) jreIds.push(pairs[k]!.id);
  const jreMs = now() - t;
  const { decision, engine: zen } = zenDecision([cp]);
  const zenCtx = allFacts.map(zenContext);
  t = now();
  const zenIds: string[] = [];
  for (let k = 0; k < zenCtx.length; k++)
    if (((await decision.evaluate(zenCtx[k]!)).result as unknown[]).length) zenIds.push(pairs[k]!.id);
  const zenMs = now() - t;
  zen.dispose();
  if (!sameSet(ours.requestIds, jreIds) || !sameSet(ours.requestIds, zenIds)) {
    agree = false;
    log(`DISAGREE on re-match: ours ${ours.requestIds.length}, jre ${jreIds.length}, zen ${zenIds.length}`);
  }
  const oursOne = [];
  for (let k = 0; k < 20; k++) {
    const s = now();
    rematchProduct(cp, index, AS_OF);
    oursOne.push(now() - s);
  }
  const oursOneP50 = percentile(oursOne, 50);
  Object.assign(out, {
    rematch_100k_p50_ms: round(p50),
    rematch_100k_p99_ms: round(percentile(samples, 99)),
    rematch_matched_mean: round(found / samples.length),
    jre_rematch_100k_ms: round(jreMs),
    zen_rematch_100k_ms: round(zenMs),
    ratio_jre_rematch: Math.round(jreMs / oursOneP50),
    ratio_zen_rematch: Math.round(zenMs / oursOneP50),
  });
  log(
    `re-match 1 × 100000: p50 ${p50.toFixed(3)} ms p99 ${percentile(samples, 99).toFixed(3)} ms (mean ${(found / samples.length).toFixed(0)} requests matched) | ` +
      `nationwide product: ours ${oursOneP50.toFixed(2)} ms, json-rules-engine ${jreMs.toFixed(0)} ms (×${Math.round(jreMs / oursOneP50)}), zen ${zenMs.toFixed(0)} ms (×${Math.round(zenMs / oursOneP50)}) | normalise ${(out.normalise_100k_ms as number).toFixed(0)} ms, index ${(out.index_100k_ms as number).toFixed(0)} ms`,
  );
  return agree;
}

async function main() {
  const started = now();
  const out: Record<string, unknown> = {
    bench: 'match',
    node: process.version,
    cpus: cpus().length,
    as_of: AS_OF,
  };
  let agree = true;

  // Each case runs in its own function, so nothing it built (catalogs, baseline engines)
  // is still reachable, or collected, while a later case is timed.
  for (const n of SIZES) if (!(await regionalCase(n, out))) agree = false;
  nationwideCase(out);
  publishCase(out);
  if (!(await rematchCase(out))) agree = false;

  out.engines_agree = agree;
  out.targets = TARGETS;
  out.targets_met =
    agree &&
    (out.match_50k_p50_ms as number) <= TARGETS.match_50k_p50_ms_max &&
    (out.ratio_jre_50k as number) >= TARGETS.ratio_jre_50k_min &&
    (out.rematch_100k_p50_ms as number) <= TARGETS.rematch_100k_p50_ms_max &&
    (out.match_50k_nationwide_p50_ms as number) <= TARGETS.match_50k_nationwide_p50_ms_max &&
    (out.publish_50k_p50_ms as number) <= TARGETS.publish_50k_p50_ms_max &&
    out.publish_then_match_agrees === true;
  out.bench_seconds = round((now() - started) / 1000);
  log(`targets met: ${out.targets_met} (bench took ${(out.bench_seconds as number).toFixed(0)} s)`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
