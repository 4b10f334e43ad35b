import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noMetrics } from '#shared/metrics.ts';
import { keys } from '#store/keys.ts';
import { TIMER_HANDLERS } from '#usecases/backbone/index.ts';
import { sweepTimers } from '#usecases/backbone/sweep.ts';
import { transitionLead } from '#usecases/leads.ts';
import { type BackboneWorld, createBackboneWorld } from '../support/backbone.ts';

let w: BackboneWorld;
beforeAll(async () => {
  w = await createBackboneWorld();
  await w.store.backbone.escalations.setRegionSpecialist({
    regionPrefix: '3502',
    userId: 'specialist-xm',
    name: '厦门服务专员',
  });
});
afterAll(() => w.close());

const sweep = () => sweepTimers(w.deps, TIMER_HANDLERS);

describe('lead deadlines on the timer sweep (injected clock)', () => {
  it('a missed first answer escalates exactly once, even when the sweep runs twice and two sweeps race', async () => {
    // Prepare: a lead sent Monday 2026-11-23 (10:00 Shanghai) is due Wednesday 11-25.
    w.clock.now = new Date('2026-11-23T02:00:00Z');
    const { lead, firm } = await w.newLead();
    await w.drain();
    expect(lead.respondBy).toBe('2026-11-25');
    // Not due yet on Wednesday afternoon.
    w.clock.now = new Date('2026-11-25T08:00:00Z');
    expect((await sweep()).fired).toBe(0);

    // Act: Thursday morning, two sweeps at once, then a third.
    w.clock.now = new Date('2026-11-26T01:00:00Z');
    const [a, b] = await Promise.all([sweep(), sweep()]);
    const c = await sweep();
    await w.drain();

    // Assess: one firing between them, one event, one escalation.
    expect(a.fired + b.fired + c.fired).toBe(1);
    const eventId = `lead-deadline:${lead.id}:1@2026-11-25T16:00:00.000Z`;
    expect(await w.raw.get(keys.event(eventId))).toBeDefined();
    const escalations = await w.store.backbone.escalations.ofLead(lead.id);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({
      level: 1,
      deadline: '2026-11-25',
      to: { kind: 'specialist', userId: 'specialist-xm', assigned: true },
    });
    // The firm had no specialist: the region's default is assigned, and the firm is told.
    expect(await w.store.firms.specialist(firm.uscc)).toMatchObject({ userId: 'specialist-xm' });
    const specialistInbox = await w.store.backbone.notifications.list(['user:specialist-xm'], 10);
    expect(specialistInbox.filter((n) => n.kind === 'escalation-1')).toHaveLength(1);
    const firmInbox = await w.store.backbone.notifications.list([`firm:${firm.uscc}`], 10);
    expect(firmInbox.filter((n) => n.kind === 'escalation-1-firm')).toHaveLength(1);
    // The operators' overdue list shows it.
    const overdue = await w.store.backbone.escalations.ofRegion('3502', 10);
    expect(overdue.map((e) => e.leadId)).toContain(lead.id);

    // Level 2: still unanswered two business days later (Fri 11-27) → the region's operators.
    w.clock.now = new Date('2026-11-27T09:00:00Z');
    expect((await sweep()).fired).toBe(0);
    w.clock.now = new Date('2026-11-28T01:00:00Z');
    await Promise.all([sweep(), sweep()]);
    await w.drain();
    const both = await w.store.backbone.escalations.ofLead(lead.id);
    expect(both.map((e) => e.level)).toEqual([1, 2]);
    expect(both[1]).toMatchObject({
      deadline: '2026-11-27',
      to: { kind: 'operators', regionPrefix: '3502' },
    });
    const operators = await w.store.backbone.notifications.list(['region:3502'], 10);
    expect(operators.filter((n) => n.kind === 'escalation-2-operators')).toHaveLength(1);
    expect(await w.store.backbone.notifications.unreadCount(['region:3502'])).toBe(1);
  });

  it('a lead answered in time retires its timer without escalating', async () => {
    w.clock.now = new Date('2026-11-23T02:00:00Z');
    const { lead } = await w.newLead();
    await w.drain();
    const officer = { role: 'officer' as const, userId: 'officer-1', institutionId: lead.institutionId };
    await transitionLead(
      { store: w.store, metrics: noMetrics, now: w.deps.now, newId: w.deps.newId },
      officer,
      lead.id,
      {
        action: 'accept',
      },
    );
    w.clock.now = new Date('2026-11-26T01:00:00Z');
    await sweep();
    await w.drain();
    expect(await w.store.backbone.escalations.ofLead(lead.id)).toHaveLength(0);
    expect(await w.store.backbone.timers.get(`lead-deadline:${lead.id}:1`)).toMatchObject({
      firedAt: expect.any(String),
    });
  });

  it('a Friday lead before the Spring Festival is due after the holiday, counting the make-up Saturday', async () => {
    // Friday 2026-02-13 10:00 Shanghai: Saturday 14 is worked, 15–23 closed, due Tuesday 24.
    w.clock.now = new Date('2026-02-13T02:00:00Z');
    const { lead } = await w.newLead();
    await w.drain();
    expect(lead.respondBy).toBe('2026-02-24');
    expect(await w.store.backbone.timers.get(`lead-deadline:${lead.id}:1`)).toMatchObject({
      dueAt: '2026-02-24T16:00:00.000Z',
    });
  });
});
