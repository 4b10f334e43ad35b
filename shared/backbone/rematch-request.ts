import type { Firm } from '#domain/firm.ts';
import { type CompiledCatalog, type MatchResult, matchFunding } from '#domain/matching/index.ts';
import type { RequestRecord } from '#domain/request.ts';
import type { IsoDate } from '#domain/text.ts';

/** A product the request matched before and no longer does: shown on the request until it is sent elsewhere. */
export interface LostProduct {
  productId: string;
  name: { zh: string; en: string };
  since: IsoDate;
  /** Why: the event that caused the re-match (e.g. a certificate expired). */
  cause: { zh: string; en: string };
}

/** Stored matches carry the products lost since submission, so leads are not sent on stale fits. */
export type StoredMatches = MatchResult & { lostProducts?: LostProduct[] };

/**
 * Re-matches one open request on today's catalog (pure): the new result, what it gained and
 * what it lost against the stored one. Institutions the request was already sent to keep
 * their leads; a lost product only matters for the ones not yet sent.
 */
export function rematchRequest(
  input: {
    firm: Firm;
    record: RequestRecord;
    before: StoredMatches | undefined;
    catalog: CompiledCatalog;
    asOf: IsoDate;
  },
  cause: LostProduct['cause'],
): { after: StoredMatches; gained: MatchResult['matches']; lost: LostProduct[] } {
  const result = matchFunding({
    firm: input.firm,
    request: input.record.request,
    asOf: input.asOf,
    catalog: input.catalog,
  });
  const before = new Map((input.before?.matches ?? []).map((m) => [m.productId, m]));
  const now = new Set(result.matches.map((m) => m.productId));
  const gained = result.matches.filter((m) => !before.has(m.productId));
  const lost: LostProduct[] = [...before.values()]
    .filter((m) => !now.has(m.productId) && !input.record.sentTo.includes(m.institutionId))
    .map((m) => ({ productId: m.productId, name: m.name, since: input.asOf, cause }));
  const earlierLost = (input.before?.lostProducts ?? []).filter((l) => !now.has(l.productId));
  const lostProducts = [
    ...earlierLost,
    ...lost.filter((l) => !earlierLost.some((e) => e.productId === l.productId)),
  ];
  return { after: { ...result, ...(lostProducts.length ? { lostProducts } : {}) }, gained, lost };
}
