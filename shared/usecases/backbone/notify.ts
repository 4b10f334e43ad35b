import type { DomainEvent } from '#events/catalog.ts';
import type { Effect } from '#store/effects.ts';
import { type Inbox, notificationId } from '#store/notifications.ts';

type Text = { zh: string; en: string };

/** One notification caused by `event` (the same id on redelivery: written once). */
export function notify(
  event: DomainEvent,
  inbox: Inbox,
  message: { kind: string; title: Text; body: Text; link?: string },
): Effect {
  return {
    kind: 'notification',
    notification: {
      id: notificationId(event.occurredAt, event.id, message.kind),
      inbox,
      at: event.occurredAt,
      eventId: event.id,
      ...message,
    },
  };
}
