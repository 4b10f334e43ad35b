/**
 * Two versions of the matcher side by side in one process (see match-engine.ts), each of
 * 400 rotating requests run on both in turn (which goes first alternates), per round:
 *   npx tsx bench/match-paired.ts <rootA> <rootB> [nationwide share, default 1] [rounds, default 5]
 * prints each round's p50/p99 per version and the median of the per-request ratios A/B
 * (above 1: B is faster). On a shared machine the ratios are what to read.
 */
import { loadEngine, syntheticCatalog, syntheticPairs } from './match-engine.ts';

const [rootA, rootB] = [process.argv[2], process.argv[3]];
if (!rootA || !rootB) throw new Error('usage: match-paired.ts <rootA> <rootB> [share] [rounds]');
const share = Number(process.argv[4] ?? '1');
const rounds = Number(process.argv[5] ?? '5');

async function runner(root: string) {
  const e = await loadEngine(root);
  const cc = e.compile.compileCatalog(syntheticCatalog(e, 50_000, share));
  const probes = syntheticPairs(e, 300, 11)
    .filter((p) => p.request.kind !== 'equity')
    .slice(0, 200);
  return (k: number) => {
    const p = probes[k % probes.length]!;
    e.matching.matchFunding({ firm: p.firm, request: p.request, asOf: '2025-06-30', catalog: cc });
  };
}

const A = await runner(rootA);
const B = await runner(rootB);
for (let k = 0; k < 400; k++) {
  A(k);
  B(k);
}
const at = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
for (let r = 0; r < rounds; r++) {
  const ta: number[] = [];
  const tb: number[] = [];
  const ratio: number[] = [];
  for (let k = 0; k < 400; k++) {
    const [first, second] = (k & 1) === 0 ? [A, B] : [B, A];
    let t = performance.now();
    first(k);
    const d1 = performance.now() - t;
    t = performance.now();
    second(k);
    const d2 = performance.now() - t;
    const [a, b] = (k & 1) === 0 ? [d1, d2] : [d2, d1];
    ta.push(a);
    tb.push(b);
    ratio.push(a / b);
  }
  process.stdout.write(
    `round ${r}: A p50 ${at(ta, 0.5).toFixed(3)} ms p99 ${at(ta, 0.99).toFixed(2)} | B p50 ${at(tb, 0.5).toFixed(3)} ms p99 ${at(tb, 0.99).toFixed(2)} | A/B ${at(ratio, 0.5).toFixed(3)}\n`,
  );
}
