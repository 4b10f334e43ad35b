import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Decoded } from '#events/decode.ts';
import { silentLogger } from '#shared/logger.ts';
import { keys } from '#store/keys.ts';
import { createLocalStreamRelay } from '#store/stream-relay.ts';
import { newEvent } from '#usecases/events.ts';
import { type BackboneWorld, createBackboneWorld } from '../support/backbone.ts';

/**
 * The relay hands events of different aggregates to the bus at once, and the events of one
 * aggregate (one subject) one after another in stream order.
 */
let w: BackboneWorld;
beforeAll(async () => {
  w = await createBackboneWorld();
});
afterAll(() => w.close());

describe('relay concurrency', () => {
  it('keeps each subject’s order while different subjects run side by side', async () => {
    // Prepare: 5 subjects × 6 events each, committed interleaved.
    const subjects = ['req-a', 'req-b', 'req-c', 'req-d', 'req-e'];
    const written: string[] = [];
    for (let k = 0; k < 6; k++)
      for (const subject of subjects) {
        const event = newEvent(w.deps, 'RequestWithdrawn', subject, {
          requestId: subject,
          uscc: '91350203MA8TXM01XX',
          closedLeads: [`${subject}-${k}`],
        });
        await w.raw.put({ ...keys.event(event.id), entity: 'Event', eventType: event.type, event });
        written.push(event.id);
      }
    // Act: a relay whose bus takes a while per event and records what it sees.
    const seen = new Map<string, string[]>();
    let inFlight = 0;
    let widest = 0;
    const onEvent = async (d: Decoded) => {
      if (d.kind !== 'event' || d.event.type !== 'RequestWithdrawn') return;
      inFlight++;
      widest = Math.max(widest, inFlight);
      await new Promise((r) => setTimeout(r, 15));
      const list = seen.get(d.event.subject) ?? [];
      list.push(d.event.detail.closedLeads[0]!);
      seen.set(d.event.subject, list);
      inFlight--;
    };
    const relay = createLocalStreamRelay({
      endpoint: inject('dynamoEndpoint'),
      tableName: w.store.tableName,
      ledger: w.store.backbone.ledger,
      onEvent,
      logger: silentLogger,
    });
    try {
      for (let idle = 0; idle < 2; ) idle = (await relay.pollOnce()) === 0 ? idle + 1 : 0;
    } finally {
      relay.close();
    }
    // Assess: every event once, in order per subject; several subjects at once.
    for (const subject of subjects)
      expect(seen.get(subject)).toEqual([0, 1, 2, 3, 4, 5].map((k) => `${subject}-${k}`));
    expect(widest).toBeGreaterThan(1);
    expect([...seen.values()].flat()).toHaveLength(written.length);
  });
});
