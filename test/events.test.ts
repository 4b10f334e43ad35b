import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { domainEventSchema, EVENT_TYPES, EVENTS, eventSchemaFor, parseEvent } from '#events/catalog.ts';
import { decodeEvent } from '#events/decode.ts';
import { newEvent } from '#usecases/events.ts';
import { EVENTS_DOC, renderEventCatalog, withRenderedCatalog } from '../scripts/events-doc.ts';

const clock = { now: () => new Date('2026-11-23T02:00:00.000Z'), newId: () => 'evt-1' };

const leadChanged = () =>
  newEvent(
    clock,
    'LeadStatusChanged',
    'r1.bank',
    {
      leadId: 'r1.bank',
      requestId: 'r1',
      institutionId: 'bank',
      uscc: '91350203MA8TAUX1XX',
      regionCode: '350203',
      from: 'new',
      to: 'viewed',
      version: 2,
      action: 'view',
      actorRole: 'officer',
      respondBy: '2026-11-26',
    },
    'o-1',
  );

describe('the event catalog', () => {
  it('docs/events.md shows exactly the catalog (run `npm run docs:events` after changing an event)', () => {
    const doc = readFileSync(EVENTS_DOC, 'utf8');
    expect(withRenderedCatalog(doc)).toBe(doc);
    for (const type of EVENT_TYPES) expect(doc).toContain(`### ${type} v${EVENTS[type].version}`);
    expect(renderEventCatalog()).toContain('| `from` |');
  });

  it('is one discriminated union: each type has its own detail, checked field by field', () => {
    const event = leadChanged();
    expect(parseEvent(event)).toEqual(event);
    expect(event.version).toBe(1);
    expect(
      domainEventSchema().safeParse({ ...event, detail: { ...event.detail, to: 'nowhere' } }).success,
    ).toBe(false);
    expect(domainEventSchema().safeParse({ ...event, detail: { ...event.detail, extra: 1 } }).success).toBe(
      false,
    );
    const { respondBy: _missing, ...withoutRespondBy } = event.detail;
    expect(domainEventSchema().safeParse({ ...event, detail: withoutRespondBy }).success).toBe(false);
    // The detail of one type is not accepted under another.
    expect(domainEventSchema().safeParse({ ...event, type: 'RequestSent' }).success).toBe(false);
    expect(domainEventSchema().safeParse({ ...event, type: 'Unknown' }).success).toBe(false);
    expect(domainEventSchema().safeParse({ ...event, version: 2 }).success).toBe(false);
  });

  it('checks an event against its own type’s schema, with the union’s verdict and issues', () => {
    const event = leadChanged();
    const cases: unknown[] = [
      event,
      { ...event, detail: { ...event.detail, to: 'nowhere' } },
      { ...event, detail: { ...event.detail, extra: 1 } },
      { ...event, type: 'RequestSent' },
      { ...event, type: 'Unknown' },
      { ...event, type: 'toString' },
      { ...event, version: 2 },
      { ...event, type: undefined },
      'not an object',
      null,
    ];
    for (const input of cases) {
      const own = eventSchemaFor(input).safeParse(input);
      const union = domainEventSchema().safeParse(input);
      expect(own.success).toBe(union.success);
      expect(own.error?.issues).toEqual(union.error?.issues);
    }
    expect(decodeEvent({ ...event, type: 'toString' }).kind).toBe('malformed');
  });
});
