import { describe, expect, it } from 'vitest';
import {
  allowedEquityActions,
  decideEquityTransition,
  EQUITY_LEAD_STATUSES,
  EQUITY_TERMINAL_STATUSES,
  type EquityLeadAction,
  EquityLeadActionSchema,
  type EquityLeadStatus,
  postMoneyStakeBp,
} from '#domain/equity/lead.ts';
import { UnprocessableError } from '#domain/errors.ts';

const actions: Record<EquityLeadAction['action'], EquityLeadAction> = {
  start_due_diligence: { action: 'start_due_diligence' },
  sign_term_sheet: {
    action: 'sign_term_sheet',
    amountYuan: 30_000_000,
    preMoneyValuationYuan: 270_000_000,
    signedOn: '2027-01-10',
  },
  close_investment: { action: 'close_investment', amountYuan: 30_000_000, closedOn: '2027-03-01' },
  pass: { action: 'pass', reasons: ['valuation'], passedOn: '2027-01-05' },
  withdraw: { action: 'withdraw' },
};

/** The intended machine, in full: [from, action, actor] → to. */
const ALLOWED: [EquityLeadStatus, EquityLeadAction['action'], 'fund' | 'firm', EquityLeadStatus][] = [
  ['contacted', 'start_due_diligence', 'fund', 'due_diligence'],
  ['due_diligence', 'sign_term_sheet', 'fund', 'term_sheet'],
  ['term_sheet', 'close_investment', 'fund', 'invested'],
  ['contacted', 'pass', 'fund', 'passed'],
  ['due_diligence', 'pass', 'fund', 'passed'],
  ['term_sheet', 'pass', 'fund', 'passed'],
  ['contacted', 'withdraw', 'firm', 'withdrawn'],
  ['due_diligence', 'withdraw', 'firm', 'withdrawn'],
  ['term_sheet', 'withdraw', 'firm', 'withdrawn'],
];

describe('equity lead state machine', () => {
  const termSheet = {
    amountYuan: 30_000_000,
    preMoneyValuationYuan: 270_000_000,
    stakeBp: 1000,
    signedOn: '2027-01-10',
  };

  it('allows exactly the intended transitions', () => {
    for (const status of EQUITY_LEAD_STATUSES)
      for (const action of Object.values(actions))
        for (const actor of ['fund', 'firm'] as const) {
          const expected = ALLOWED.find(([f, a, by]) => f === status && a === action.action && by === actor);
          const decide = () => decideEquityTransition({ status, termSheet }, action, actor);
          if (expected) expect(decide().to).toBe(expected[3]);
          else expect(decide).toThrow(UnprocessableError);
        }
  });

  it('offers nothing from the end states', () => {
    for (const s of EQUITY_TERMINAL_STATUSES) {
      expect(allowedEquityActions(s, 'fund')).toEqual([]);
      expect(allowedEquityActions(s, 'firm')).toEqual([]);
    }
    expect(allowedEquityActions('due_diligence', 'fund')).toEqual(['sign_term_sheet', 'pass']);
  });

  it('derives the stake from the valuation, with no annual rate anywhere', () => {
    const d = decideEquityTransition({ status: 'due_diligence' }, actions.sign_term_sheet, 'fund');
    expect(d.outcome.termSheet).toEqual({ ...termSheet });
    expect(JSON.stringify(d)).not.toMatch(/rate/i);
    expect(postMoneyStakeBp(1, 2)).toBe(3333);
  });

  it('closes for no more than the term sheet, not before it was signed', () => {
    const over = { action: 'close_investment', amountYuan: 30_000_001, closedOn: '2027-03-01' } as const;
    expect(() => decideEquityTransition({ status: 'term_sheet', termSheet }, over, 'fund')).toThrow(/exceed/);
    const early = { action: 'close_investment', amountYuan: 20_000_000, closedOn: '2027-01-01' } as const;
    expect(() => decideEquityTransition({ status: 'term_sheet', termSheet }, early, 'fund')).toThrow(
      /before/,
    );
    const part = { action: 'close_investment', amountYuan: 20_000_000, closedOn: '2027-02-01' } as const;
    expect(
      decideEquityTransition({ status: 'term_sheet', termSheet }, part, 'fund').outcome.investment,
    ).toEqual({
      amountYuan: 20_000_000,
      stakeBp: 689,
      closedOn: '2027-02-01',
    });
  });

  it.each([
    [{ action: 'pass', reasons: [], passedOn: '2027-01-01' }, 'reasons'],
    [{ action: 'pass', reasons: ['collateral_insufficient'], passedOn: '2027-01-01' }, 'reasons.0'],
    [{ action: 'pass', reasons: ['other'], passedOn: '2027-01-01' }, 'note'],
    [{ ...actions.sign_term_sheet, expiresOn: '2027-01-01' }, 'expiresOn'],
    [{ ...actions.sign_term_sheet, amountYuan: 0 }, 'amountYuan'],
    [{ action: 'approve', amountYuan: 1, annualRateBp: 300, termMonths: 12 }, 'action'],
  ])('refuses %j', (input, path) => {
    const r = EquityLeadActionSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
