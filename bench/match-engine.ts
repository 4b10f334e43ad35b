/**
 * Loads the matcher of a source tree (this one, or a copy of another commit made with
 * `git archive <commit> shared bench package.json tsconfig.json | tar -x -C <dir>` and a
 * node_modules link), so two versions can be compared in one process.
 */
import { resolve } from 'node:path';

type Matching = typeof import('../shared/domain/matching/index.ts');
type Compile = typeof import('../shared/domain/matching/compile.ts');
type Firms = typeof import('../shared/domain/firm.ts');
type Requests = typeof import('../shared/domain/funding-request.ts');
type Pricing = typeof import('../shared/catalog/pricing.ts');
type Seed = typeof import('../shared/catalog/index.ts');
type Synthetic = typeof import('./synthetic.ts');

export interface Engine {
  matching: Matching;
  compile: Compile;
  firms: Firms;
  requests: Requests;
  pricing: Pricing;
  seed: Seed;
  synthetic: Synthetic;
}

export async function loadEngine(root = resolve(import.meta.dirname, '..')): Promise<Engine> {
  const at = (path: string) => import(resolve(root, path));
  return {
    matching: (await at('shared/domain/matching/index.ts')) as Matching,
    compile: (await at('shared/domain/matching/compile.ts')) as Compile,
    firms: (await at('shared/domain/firm.ts')) as Firms,
    requests: (await at('shared/domain/funding-request.ts')) as Requests,
    pricing: (await at('shared/catalog/pricing.ts')) as Pricing,
    seed: (await at('shared/catalog/index.ts')) as Seed,
    synthetic: (await at('bench/synthetic.ts')) as Synthetic,
  };
}

/** A synthetic catalog of n products (share of them nationwide), validated by that engine. */
export function syntheticCatalog(e: Engine, n: number, share: number) {
  return e.matching.validateCatalog({
    institutions: e.synthetic.SYNTHETIC_INSTITUTIONS,
    products: e.synthetic.syntheticProducts(n, 7, share),
    benefits: [],
    pricing: e.pricing.PRICING,
  });
}

/** Parsed synthetic firm/request pairs. */
export function syntheticPairs(e: Engine, n: number, seed: number) {
  return e.synthetic.syntheticRequests(n, seed).map(({ firm, request }) => ({
    firm: e.firms.FirmSchema.parse(firm),
    request: e.requests.FundingRequestSchema.parse(request),
  }));
}
