import { type DomainEvent, eventSchemaFor } from './catalog.ts';

/** An outbox row as it comes off the stream: an event of the catalog, or something that is not. */
export type Decoded =
  | { kind: 'not-an-event' }
  | { kind: 'event'; event: DomainEvent }
  | { kind: 'malformed'; eventId: string; reason: string; raw: unknown };

/**
 * Validates an envelope against the catalog (the writer validated it too; a row written
 * around the outbox, or by an older producer, is caught here). A malformed one comes back
 * with the reason, for the dead letters.
 */
export function decodeEvent(raw: unknown, fallbackId = 'unknown'): Decoded {
  const parsed = eventSchemaFor(raw).safeParse(raw);
  if (parsed.success) return { kind: 'event', event: parsed.data as DomainEvent };
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  const eventId = typeof id === 'string' && id ? id : fallbackId;
  const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return { kind: 'malformed', eventId, reason, raw };
}
