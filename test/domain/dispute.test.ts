import { describe, expect, it } from 'vitest';
import type { StatedCertification } from '#domain/certificate-state.ts';
import { applyRulings, type Dispute, disputeProblem } from '#domain/dispute.ts';

const cert = (state: StatedCertification['state'], expiresOn = '2029-05-20'): StatedCertification => ({
  tier: 'srdi_sme',
  level: 'municipal',
  issuedOn: '2026-05-20',
  expiresOn,
  authority: '厦门市工信局',
  state,
  ...(state === 'self_declared' ? {} : { listId: 'L1' }),
});
const ref = { designation: 'srdi_sme', level: 'municipal', issuedOn: '2026-05-20' } as const;
const dispute = (status: Dispute['status'], expiresOn?: string): Dispute => ({
  id: 'd-1',
  uscc: 'X',
  regionCode: '350203',
  certificate: ref,
  outcome: 'revoked',
  reason: 'r',
  status,
  raisedBy: 'f',
  raisedAt: '2026-11-01T00:00:00Z',
  ...(status === 'open'
    ? {}
    : {
        ruling: {
          decision: status,
          note: 'n',
          by: 'op',
          at: '2026-11-02T00:00:00Z',
          ...(expiresOn ? { expiresOn } : {}),
        },
      }),
});

describe('disputes of certificate outcomes', () => {
  it('only a held certificate with a list outcome and no open dispute may be disputed', () => {
    expect('certificate' in disputeProblem([cert('contradicted')], ref, [])).toBe(true);
    expect(disputeProblem([], ref, [])).toMatchObject({ problem: { code: 'no_such_certificate' } });
    expect(disputeProblem([cert('self_declared')], ref, [])).toMatchObject({
      problem: { code: 'not_disputable' },
    });
    expect(disputeProblem([cert('revoked')], ref, [dispute('open')])).toMatchObject({
      problem: { code: 'already_open' },
    });
    // A dispute already ruled on does not block a new one.
    expect('certificate' in disputeProblem([cert('revoked')], ref, [dispute('rejected')])).toBe(true);
  });

  it('an upheld ruling makes the certificate verified until its (corrected) expiry; others change nothing', () => {
    const asOf = '2026-11-23';
    expect(applyRulings([cert('contradicted')], [dispute('rejected')], asOf)[0]!.state).toBe('contradicted');
    expect(applyRulings([cert('contradicted')], [dispute('open')], asOf)[0]!.state).toBe('contradicted');
    const upheld = applyRulings([cert('contradicted')], [dispute('upheld')], asOf)[0]!;
    expect(upheld).toMatchObject({ state: 'verified', expiresOn: '2029-05-20' });
    expect(upheld.listId).toBeUndefined();
    // Expired too early by the list: the ruling's expiry stands; past it, revoked again.
    const expired = cert('revoked', '2026-06-01');
    expect(applyRulings([expired], [dispute('upheld', '2027-06-01')], asOf)[0]).toMatchObject({
      state: 'verified',
      expiresOn: '2027-06-01',
    });
    expect(applyRulings([expired], [dispute('upheld', '2027-06-01')], '2027-06-01')[0]!.state).toBe(
      'revoked',
    );
  });
});
