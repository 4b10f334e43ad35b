import { describe, expect, it } from 'vitest';
import { allowedActions, isResponseOverdue } from '#domain/lead.ts';

describe('what a screen offers on a lead', () => {
  it('lists the actions the state machine allows the actor from the status', () => {
    expect(allowedActions('new', 'officer')).toEqual(['view', 'accept', 'decline']);
    expect(allowedActions('accepted', 'officer')).toEqual(['request_info', 'approve', 'decline']);
    expect(allowedActions('approved', 'officer')).toEqual(['disburse']);
    expect(allowedActions('info_requested', 'firm')).toEqual(['respond', 'withdraw']);
    expect(allowedActions('disbursed', 'officer')).toEqual([]);
    expect(allowedActions('declined', 'firm')).toEqual([]);
  });

  it('calls a lead overdue only while its first answer is pending past respondBy', () => {
    const lead = { respondBy: '2026-11-25' };
    expect(isResponseOverdue({ ...lead, status: 'new' }, '2026-11-26')).toBe(true);
    expect(isResponseOverdue({ ...lead, status: 'viewed' }, '2026-11-26')).toBe(true);
    expect(isResponseOverdue({ ...lead, status: 'new' }, '2026-11-25')).toBe(false);
    expect(isResponseOverdue({ ...lead, status: 'accepted' }, '2026-12-31')).toBe(false);
  });
});
