import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#store/keys.ts';
import { LocalBus, RELAY_DEAD_LETTERS } from '#usecases/backbone/bus.ts';
import type { Consumer } from '#usecases/backbone/context.ts';
import { CONSUMERS } from '#usecases/backbone/index.ts';
import { type BackboneWorld, createBackboneWorld } from '../support/backbone.ts';

let w: BackboneWorld;
beforeAll(async () => {
  w = await createBackboneWorld();
});
afterAll(() => w.close());

describe('outbox → stream → relay → bus → consumers (local)', () => {
  it('hands each committed event to its consumers: the institution is told, the deadline timer is set', async () => {
    // Prepare
    const { lead } = await w.newLead();
    // Act
    const handled = await w.drain();
    // Assess
    expect(handled).toBeGreaterThanOrEqual(3); // RequestSubmitted, RequestSent, LeadStatusChanged
    const inbox = await w.store.backbone.notifications.list([`institution:${lead.institutionId}`], 10);
    expect(
      inbox.filter((n) => n.kind === 'lead-new' && n.link?.includes(encodeURIComponent(lead.id))),
    ).toHaveLength(1);
    const timer = await w.store.backbone.timers.get(`lead-deadline:${lead.id}:1`);
    expect(timer).toMatchObject({ kind: 'lead-deadline', dueAt: '2026-11-25T16:00:00.000Z' }); // Mon → Wed, end of day
    expect(await w.store.backbone.ledger.isProcessed('lead-notifications', inbox[0]!.eventId)).toBe(true);
  });

  it('resumes from its checkpoint after a restart, and a replay changes nothing', async () => {
    const { lead } = await w.newLead();
    await w.drain();
    // A new relay (a restarted process) has nothing new to hand over.
    expect(await w.drain(w.newRelay())).toBe(0);
    // A relay that lost its checkpoint replays everything: the markers make it a no-op.
    const [checkpoint] = await w.store.backbone.ledger.checkpoints();
    await w.raw.delete(keys.relayCheckpoint(checkpoint!.shardId));
    const outcomes: string[] = [];
    const watching = new LocalBus(Object.values(CONSUMERS), w.deps, {
      onHandled: (i) => outcomes.push(i.outcome),
    });
    expect(await w.drain(w.newRelay(watching))).toBeGreaterThan(0);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['duplicate']));
    const inbox = await w.store.backbone.notifications.list([`institution:${lead.institutionId}`], 50);
    expect(
      inbox.filter((n) => n.kind === 'lead-new' && n.link?.includes(encodeURIComponent(lead.id))),
    ).toHaveLength(1);
  });

  it('dead-letters a malformed event with its reason and goes on with the events after it', async () => {
    // Prepare: a row that claims to be an event but breaks the catalog, then a good event.
    await w.raw.put({
      ...keys.event('broken-1'),
      entity: 'Event',
      eventType: 'Nonsense',
      event: { id: 'broken-1', type: 'Nonsense', occurredAt: 'yesterday', subject: 'x', detail: {} },
    });
    await w.raw.put({
      ...keys.event('broken-2'),
      entity: 'Event',
      eventType: 'DeadlineMissed',
      event: {
        id: 'broken-2',
        type: 'DeadlineMissed',
        version: 1,
        occurredAt: 'yesterday',
        subject: 'x',
        detail: {},
      },
    });
    const { lead } = await w.newLead();
    // Act
    await w.drain();
    // Assess
    const letters = await w.store.backbone.ledger.deadLetters(RELAY_DEAD_LETTERS);
    const broken = letters.find((l) => l.eventId === 'broken-1');
    expect(broken?.reason).toMatch(/^type: /);
    const truncated = letters.find((l) => l.eventId === 'broken-2');
    expect(truncated?.reason).toMatch(/occurredAt/);
    expect(truncated?.reason).toMatch(/detail/);
    const timer = await w.store.backbone.timers.get(`lead-deadline:${lead.id}:1`);
    expect(timer).toBeDefined();
  });

  it('a consumer that throws never loses the event: it is retried, then dead-lettered and redriven', async () => {
    let failing = true;
    const calls: string[] = [];
    const flaky: Consumer = {
      name: 'lead-notifications',
      async handle(event, deps) {
        calls.push(event.id);
        if (failing) throw new Error('inbox unavailable');
        return CONSUMERS['lead-notifications'].handle(event, deps);
      },
    };
    const consumers = Object.values(CONSUMERS).map((c) => (c.name === flaky.name ? flaky : c));
    const bus = new LocalBus(consumers, w.deps, { attempts: 2, backoffMs: 1 });
    const relay = w.newRelay(bus);
    await w.drain(relay); // catch up with the earlier tests' events first
    failing = true;
    calls.length = 0;
    const { lead } = await w.newLead();
    const second = await w.newLead();
    await w.drain(relay);
    // Both leads' events were tried twice each, and none blocked the other.
    const letters = await w.store.backbone.ledger.deadLetters('lead-notifications');
    const mine = letters.filter((l) =>
      [lead.id, second.lead.id].includes((l.event as { subject: string }).subject),
    );
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ reason: 'inbox unavailable', attempts: 2 });
    expect(await w.store.backbone.timers.get(`lead-deadline:${second.lead.id}:1`)).toBeDefined();
    // Fixed: the dead letters are redriven and cleared.
    failing = false;
    const { redriven } = await bus.redrive('lead-notifications');
    expect(redriven).toBeGreaterThanOrEqual(2);
    const inbox = await w.store.backbone.notifications.list([`institution:${lead.institutionId}`], 100);
    expect(
      inbox.filter((n) => n.kind === 'lead-new' && n.link?.includes(encodeURIComponent(lead.id))),
    ).toHaveLength(1);
    expect(await w.store.backbone.ledger.deadLetters('lead-notifications')).toHaveLength(0);
  });
});
