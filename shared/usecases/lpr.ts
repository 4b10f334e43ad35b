import { shanghaiDate } from '#domain/dates.ts';
import {
  type LprFixingInput,
  lprFixingProblems,
  lprStaleness,
  mergeFixings,
  type RecordedLprFixing,
} from '#domain/lpr-fixings.ts';
import type { LprFixing, PricingConfig } from '#domain/matching/lpr.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import { loadReferencePricing } from '#shared/catalog/reference-pricing.ts';
import type { Store } from '#store/index.ts';
import { invalidateCatalogCache } from './catalog-cache.ts';
import { type Clock, newEvent } from './events.ts';
import { rejectProblems } from './validation.ts';

/** The pricing the matcher and the lead pages cost loans on: the catalog's, with the recorded LPR fixings. */
export async function activePricing(store: Store): Promise<PricingConfig> {
  const pricing = loadReferencePricing();
  const recorded = await store.lpr.list();
  return recorded.length ? { ...pricing, lpr: mergeFixings(pricing.lpr, recorded) } : pricing;
}

export interface LprOverview {
  /** Every fixing in use, newest first; `recorded` tells the operators' from the catalog's. */
  fixings: (LprFixing & { recorded?: Pick<RecordedLprFixing, 'recordedAt' | 'recordedBy'> })[];
  latest: LprFixing;
  stale: boolean;
  ageDays: number;
}

/** The fixings in use and whether the latest is out of date today (Asia/Shanghai). */
export async function lprOverview(deps: { store: Store; now: () => Date }): Promise<LprOverview> {
  const pricing = loadReferencePricing();
  const recorded = await deps.store.lpr.list();
  const byDate = new Map(recorded.map((r) => [r.effectiveFrom, r]));
  const merged = mergeFixings(pricing.lpr, recorded);
  const latest = merged.at(-1)!;
  const fixings = merged
    .map((f) => {
      const r = byDate.get(f.effectiveFrom);
      return r ? { ...f, recorded: { recordedAt: r.recordedAt, recordedBy: r.recordedBy } } : f;
    })
    .reverse();
  return { fixings, latest, ...lprStaleness(latest, shanghaiDate(deps.now())) };
}

/**
 * An operator records a monthly LPR fixing.
 * 1. operators only (403)
 * 2. not after today (Asia/Shanghai), not before the LPR reform, 1-year ≤ over-5-year,
 *    one per date (400 naming the field; nothing stored)
 * 3. the fixing and LprFixingRecorded in one transaction (a race on the date is a 409)
 * 4. the compiled catalog is dropped, so the next match costs on the new fixing.
 */
export async function recordLprFixing(
  deps: { store: Store } & Clock,
  principal: Principal | undefined,
  input: LprFixingInput,
): Promise<RecordedLprFixing> {
  const operator = requireRole(principal, 'operator');
  const known = (await activePricing(deps.store)).lpr;
  rejectProblems(lprFixingProblems(input, known, shanghaiDate(deps.now())));
  const fixing: RecordedLprFixing = {
    ...input,
    recordedAt: deps.now().toISOString(),
    recordedBy: operator.userId,
  };
  const event = newEvent(deps, 'LprFixingRecorded', input.effectiveFrom, { ...input }, operator.userId);
  await deps.store.lpr.record(fixing, event);
  invalidateCatalogCache(deps.store);
  return fixing;
}
