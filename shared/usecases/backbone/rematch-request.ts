import type { Firm } from '#domain/firm.ts';
import type { LostProduct } from '#domain/lost-product.ts';
import { type CompiledCatalog, type MatchResult, matchFunding } from '#domain/matching/index.ts';
import type { RequestRecord } from '#domain/request.ts';
import type { IsoDate } from '#domain/text.ts';

/**
 * Re-matches one open request on today's catalog (pure): the new result, what it gained,
 * and the products it lost against the stored one — flagged only for institutions the
 * request was not sent to yet (a lead already sent keeps its own course).
 */
export function rematchRequest(
  input: {
    firm: Firm;
    record: RequestRecord;
    before: MatchResult | undefined;
    lostBefore: LostProduct[];
    catalog: CompiledCatalog;
    asOf: IsoDate;
  },
  cause: LostProduct['cause'],
): { after: MatchResult; gained: MatchResult['matches']; lost: LostProduct[]; lostProducts: LostProduct[] } {
  const after = matchFunding({
    firm: input.firm,
    request: input.record.request,
    asOf: input.asOf,
    catalog: input.catalog,
  });
  const before = new Map((input.before?.matches ?? []).map((m) => [m.productId, m]));
  const now = new Set(after.matches.map((m) => m.productId));
  const gained = after.matches.filter((m) => !before.has(m.productId));
  const lost: LostProduct[] = [...before.values()]
    .filter((m) => !now.has(m.productId) && !input.record.sentTo.includes(m.institutionId))
    .map((m) => ({ productId: m.productId, name: m.name, since: input.asOf, cause }));
  const still = input.lostBefore.filter(
    (l) => !now.has(l.productId) && !lost.some((x) => x.productId === l.productId),
  );
  return { after, gained, lost, lostProducts: [...still, ...lost] };
}
