/**
 * The matching engine: compile a catalog once, then match (firm, request, date) against it,
 * re-match open requests when a product is published, and cost the options.
 * See docs/matching.md for the design and the benchmark.
 */

export { matchResultJson } from './answer-json.ts';
export { CatalogEntryError, type CatalogInput, validateCatalog } from './catalog.ts';
export { type Catalog, type CompiledCatalog, compileCatalog, compileProduct } from './compile.ts';
export {
  annualFeeYuan,
  bridgeDays,
  bridgeFeeYuan,
  effectiveAnnualRateBp,
  interestByCalendarYear,
  interestSubsidyYuan,
  interestYuan,
  projectedSubsidyYuan,
} from './cost.ts';
export { buildFacts, certificateValidOn } from './facts.ts';
export {
  type LprFixing,
  LprFixingSchema,
  lprForTermBp,
  lprOn,
  type PricingConfig,
  PricingConfigSchema,
} from './lpr.ts';
export { compiled, DEFAULT_LIMITS, type MatchFundingInput, type MatchLimits, matchFunding } from './match.ts';
export { mulDivRound, roundDiv, yuanEn, yuanZh } from './money.ts';
export { type CatalogChange, publishToCatalog } from './publish.ts';
export {
  buildOpenRequestIndex,
  normaliseOpenRequest,
  type OpenRequest,
  type OpenRequestIndex,
  type OpenRequestRow,
  OpenRequestRowSchema,
  type RematchResult,
  refreshOpenRequests,
  rematchProduct,
} from './rematch.ts';
export * from './schema.ts';
