import { describe, expect, it } from 'vitest';
import { respondBy } from '#domain/deadlines.ts';
import { UnprocessableError } from '#domain/errors.ts';
import {
  decideTransition,
  LEAD_STATUSES,
  type LeadAction,
  type LeadStatus,
  TERMINAL_STATUSES,
} from '#domain/lead.ts';

const actions: Record<LeadAction['action'], LeadAction> = {
  view: { action: 'view' },
  accept: { action: 'accept' },
  request_info: { action: 'request_info', question: '请提供近两年审计报告' },
  respond: { action: 'respond', answer: '已上传审计报告' },
  approve: { action: 'approve', amountYuan: 20_000_000, annualRateBp: 310, termMonths: 12 },
  decline: { action: 'decline', reasonCode: 'collateral_insufficient', text: '抵押物不足' },
  disburse: { action: 'disburse', amountYuan: 20_000_000, disbursedOn: '2026-12-01' },
  withdraw: { action: 'withdraw' },
};

/** The intended machine, written out in full: [from, action, actor] → to. */
const ALLOWED: [LeadStatus, LeadAction['action'], 'officer' | 'firm', LeadStatus][] = [
  ['new', 'view', 'officer', 'viewed'],
  ['new', 'accept', 'officer', 'accepted'],
  ['viewed', 'accept', 'officer', 'accepted'],
  ['accepted', 'request_info', 'officer', 'info_requested'],
  ['firm_responded', 'request_info', 'officer', 'info_requested'],
  ['info_requested', 'respond', 'firm', 'firm_responded'],
  ['accepted', 'approve', 'officer', 'approved'],
  ['firm_responded', 'approve', 'officer', 'approved'],
  ['approved', 'disburse', 'officer', 'disbursed'],
  ...(['new', 'viewed', 'accepted', 'info_requested', 'firm_responded'] as const).map(
    (s) => [s, 'decline', 'officer', 'declined'] as [LeadStatus, 'decline', 'officer', LeadStatus],
  ),
  ...(['new', 'viewed', 'accepted', 'info_requested', 'firm_responded', 'approved'] as const).map(
    (s) => [s, 'withdraw', 'firm', 'withdrawn'] as [LeadStatus, 'withdraw', 'firm', LeadStatus],
  ),
];

describe('lead state machine', () => {
  it.each(ALLOWED)('%s --%s (%s)--> %s', (from, action, actor, to) => {
    const current = { status: from, approval: { amountYuan: 20_000_000 } };
    expect(decideTransition(current, actions[action], actor).to).toBe(to);
  });

  it('refuses every other (state, action, actor) combination with a bilingual 422', () => {
    let refused = 0;
    for (const status of LEAD_STATUSES) {
      for (const action of Object.values(actions)) {
        for (const actor of ['officer', 'firm'] as const) {
          if (ALLOWED.some(([f, a, who]) => f === status && a === action.action && who === actor)) continue;
          const attempt = () =>
            decideTransition({ status, approval: { amountYuan: 20_000_000 } }, action, actor);
          expect(attempt).toThrow(UnprocessableError);
          refused++;
        }
      }
    }
    expect(refused).toBe(LEAD_STATUSES.length * 8 * 2 - ALLOWED.length);
  });

  it('has no way out of a terminal state', () => {
    for (const status of TERMINAL_STATUSES) {
      expect(ALLOWED.filter(([from]) => from === status)).toEqual([]);
    }
  });

  it('records what approval, decline and disbursement carry', () => {
    expect(decideTransition({ status: 'accepted' }, actions.approve, 'officer').outcome.approval).toEqual({
      amountYuan: 20_000_000,
      annualRateBp: 310,
      termMonths: 12,
    });
    expect(decideTransition({ status: 'viewed' }, actions.decline, 'officer').outcome.decline).toEqual({
      reasonCode: 'collateral_insufficient',
      text: '抵押物不足',
    });
  });

  it('refuses to disburse more than was approved', () => {
    const attempt = () =>
      decideTransition(
        { status: 'approved', approval: { amountYuan: 10_000_000 } },
        { action: 'disburse', amountYuan: 10_000_001, disbursedOn: '2026-12-01' },
        'officer',
      );
    expect(attempt).toThrow(/may not exceed the approved CNY 10000000/);
  });

  it('tells the firm why a step is not allowed, in Chinese first', () => {
    try {
      decideTransition({ status: 'declined' }, actions.accept, 'officer');
      expect.unreachable();
    } catch (error) {
      expect((error as UnprocessableError).zh).toContain('已拒绝');
    }
  });
});

describe('response deadline', () => {
  it('counts two business days by default, skipping the weekend (holidays: test/domain/calendar.test.ts)', () => {
    expect(respondBy('2026-11-20')).toBe('2026-11-24'); // Fri → Tue
    expect(respondBy('2026-11-23', 3)).toBe('2026-11-26'); // Mon + 3 → Thu
  });
});
