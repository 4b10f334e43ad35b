import type { EventEnvelope } from '#events/envelope.ts';
import type { TransactItem } from '#store/db.ts';
import { type Inbox, type Notification, notificationId } from '#store/notifications.ts';
import type { BackboneDeps } from './context.ts';

type Text = { zh: string; en: string };

/** The Put of one notification caused by `event` (same id on redelivery: written once). */
export function notify(
  deps: BackboneDeps,
  event: EventEnvelope,
  inbox: Inbox,
  message: { kind: string; title: Text; body: Text; link?: string },
): TransactItem {
  const n: Notification = {
    id: notificationId(event.occurredAt, event.id, message.kind),
    inbox,
    at: event.occurredAt,
    eventId: event.id,
    ...message,
  };
  return deps.store.backbone.notifications.put(n);
}
