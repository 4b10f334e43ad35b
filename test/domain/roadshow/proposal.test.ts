import { describe, expect, it } from 'vitest';
import type { PoolEntry } from '#domain/equity/batch.ts';
import { PROPOSAL_SESSION_SLOTS, roadshowProposal } from '#domain/roadshow/proposal.ts';

const entry = (n: number, industryCode = 'C3981', regionCode = '350203') =>
  ({ requestId: `r${String(n).padStart(2, '0')}`, regionCode, profile: { industryCode } }) as Pick<
    PoolEntry,
    'requestId' | 'regionCode' | 'profile'
  >;

describe('roadshow proposals', () => {
  it('propose a roadshow when a chain’s consenting requests in a city fill a session, and again at the next', () => {
    const pool = Array.from({ length: PROPOSAL_SESSION_SLOTS - 1 }, (_, n) => entry(n));
    const noise = [entry(90, 'I6513'), entry(91, 'C3981', '500112'), entry(92, 'C3981', '350103')];
    expect(roadshowProposal([...pool, ...noise].slice(1), entry(0))).toBeNull();
    const proposal = roadshowProposal([...pool, ...noise], entry(11));
    expect(proposal).toEqual({
      regionPrefix: '3502',
      chain: 'C39',
      requestIds: pool
        .map((p) => p.requestId)
        .concat('r11')
        .sort(),
    });
    const full = Array.from({ length: 2 * PROPOSAL_SESSION_SLOTS - 1 }, (_, n) => entry(n));
    expect(roadshowProposal(full, entry(40))?.requestIds).toHaveLength(2 * PROPOSAL_SESSION_SLOTS);
    expect(roadshowProposal(full.slice(0, 13), entry(40))).toBeNull();
  });
});
