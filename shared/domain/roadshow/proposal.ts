import type { PoolEntry } from '../equity/batch.ts';

/**
 * When the platform proposes a roadshow to the operator: the city's consenting equity requests
 * of one industry chain (GB/T 4754 division, e.g. C39) fill a session — twelve pitch slots —
 * and again at every further twelve. Proposed when a consent makes the count cross a multiple.
 */
export const PROPOSAL_SESSION_SLOTS = 12;

export interface RoadshowProposal {
  /** City (4-digit GB/T 2260 prefix) of the pool. */
  regionPrefix: string;
  /** The chain: the GB/T 4754 division the firms share. */
  chain: string;
  requestIds: string[];
}

export function chainOf(industryCode: string): string {
  return industryCode.slice(0, 3);
}

/** The proposal a new pool entry triggers, if any, given the pool before it. */
export function roadshowProposal(
  poolBefore: readonly Pick<PoolEntry, 'requestId' | 'regionCode' | 'profile'>[],
  added: Pick<PoolEntry, 'requestId' | 'regionCode' | 'profile'>,
  slots = PROPOSAL_SESSION_SLOTS,
): RoadshowProposal | null {
  const regionPrefix = added.regionCode.slice(0, 4);
  const chain = chainOf(added.profile.industryCode);
  const same = poolBefore.filter(
    (p) =>
      p.requestId !== added.requestId &&
      p.regionCode.startsWith(regionPrefix) &&
      chainOf(p.profile.industryCode) === chain,
  );
  const count = same.length + 1;
  if (count % slots !== 0) return null;
  return { regionPrefix, chain, requestIds: [...same.map((p) => p.requestId), added.requestId].sort() };
}
