import { type DomainEvent, parseEvent } from '#events/catalog.ts';
import type { Db, TransactItem } from './db.ts';
import { keys } from './keys.ts';

/** Outbox rows only need to outlive the stream (24 h); keep a week for inspection. */
const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;

/**
 * The Put that records an event inside the same transaction as the change it describes.
 * The event is validated against its type's schema first: a malformed event fails the
 * change instead of reaching consumers.
 */
export function outboxPut(db: Db, input: DomainEvent): TransactItem {
  const event = parseEvent(input);
  return db.put(
    {
      ...keys.event(event.id),
      entity: 'Event',
      eventType: event.type,
      event,
      expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + OUTBOX_RETENTION_SECONDS,
    },
    'attribute_not_exists(PK)',
  );
}
