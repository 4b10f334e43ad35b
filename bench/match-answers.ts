/**
 * Hashes of every answer, to hold a change to "the same answer, byte for byte":
 *   npx tsx bench/match-answers.ts [root] [catalog-name-prefix]
 * run on the old and the new tree (see match-engine.ts) and compare the lines. 400 requests
 * × 4 limit settings on small, regional, mixed and nationwide synthetic catalogs, each also
 * after 30 publishes (10 added, 10 changed, 10 retired), and the seed catalog with the
 * firms moved to each seed city.
 */
import { createHash } from 'node:crypto';
import { loadEngine, syntheticCatalog, syntheticPairs } from './match-engine.ts';

const AS_OF = '2025-06-30';
const e = await loadEngine(process.argv[2]);
const only = process.argv[3];
const pairs = syntheticPairs(e, 420, 13).slice(0, 400);
const LIMITS = [
  undefined,
  { matches: 5, nearMisses: 3, unlocks: 2, packages: 3 },
  { matches: 40, nearMisses: 40, unlocks: 12, packages: 10 },
  { unlocks: 1 },
];
type Catalog = Parameters<typeof e.matching.matchFunding>[0]['catalog'];

function hashAll(name: string, catalog: Catalog) {
  const h = createHash('sha256');
  for (const limits of LIMITS)
    for (const p of pairs)
      h.update(JSON.stringify(e.matching.matchFunding({ ...p, asOf: AS_OF, catalog, limits })));
  process.stdout.write(`${name.padEnd(24)} ${h.digest('hex').slice(0, 20)}\n`);
}

const CATALOGS = [
  ['small', 0.3, 800],
  ['regional', 0.04, 50_000],
  ['mixed', 0.5, 20_000],
  ['nationwide', 1, 50_000],
  ['nation-small', 1, 3_000],
] as const;
for (const [name, share, n] of CATALOGS) {
  if (only && !name.startsWith(only)) continue;
  const all = syntheticCatalog(e, n, share);
  let cc = e.compile.compileCatalog({ ...all, products: all.products.slice(0, -10) });
  hashAll(name, cc);
  for (const p of all.products.slice(-10)) cc = e.matching.publishToCatalog(cc, { put: [p] });
  for (let k = 0; k < 10; k++) {
    const from = all.products[(k * 977 + 5) % n]!;
    const to = all.products[(k * 1931 + 11) % n]!;
    cc = e.matching.publishToCatalog(cc, { put: [{ ...from, id: to.id }] });
  }
  for (let k = 0; k < 10; k++)
    cc = e.matching.publishToCatalog(cc, { retire: [all.products[(k * 4099 + 3) % n]!.id] });
  hashAll(`${name}+30pub`, cc);
}
if (!only || only === 'seed') {
  const catalog = e.seed.loadCatalog();
  const h = createHash('sha256');
  for (const p of pairs)
    for (const regionCode of ['350203', '500112', '330106', '330402', '440703'])
      h.update(
        JSON.stringify(
          e.matching.matchFunding({
            firm: { ...p.firm, regionCode },
            request: p.request,
            asOf: AS_OF,
            catalog,
          }),
        ),
      );
  process.stdout.write(`${'seed'.padEnd(24)} ${h.digest('hex').slice(0, 20)}\n`);
}
