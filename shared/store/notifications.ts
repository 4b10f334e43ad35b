import type { Db, Item } from './db.ts';
import { keys, SK_PREFIX } from './keys.ts';

/** Notifications are kept for half a year. */
const NOTIFICATION_TTL_SECONDS = 183 * 24 * 3600;

/**
 * Who reads an inbox: a firm's users (`firm:<uscc>`), an institution's officers
 * (`institution:<id>`), one person (`user:<userId>`, e.g. a service specialist) or the
 * operators of a region (`region:<prefix>`).
 */
export type Inbox = `firm:${string}` | `institution:${string}` | `user:${string}` | `region:${string}`;

export interface Notification {
  /** Deterministic per (event, kind): a redelivered event writes the same notification once. */
  id: string;
  inbox: Inbox;
  at: string;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  /** Where it points in the app (a lead, a request, a product). */
  link?: string;
  eventId: string;
  readAt?: string;
}

/** A notification's id: its time (so its row can be found again) and what caused it. */
export function notificationId(at: string, eventId: string, kind: string): string {
  return `${at}|${eventId}|${kind}`;
}

export function notificationItem(n: Notification): Item {
  return {
    ...keys.notification(n.inbox, n.at, n.id),
    ...(n.readAt ? {} : keys.notificationUnread(n.inbox, n.at, n.id)),
    entity: 'Notification',
    data: n,
    expiresAt: Math.floor(Date.parse(n.at) / 1000) + NOTIFICATION_TTL_SECONDS,
  };
}

/** In-app notifications, one partition per inbox; unread ones also on a sparse GSI2 partition. */
export class NotificationRepository {
  constructor(private readonly db: Db) {}

  /** Newest first, across the caller's inboxes (each queried, merged by time). */
  async list(inboxes: Inbox[], limit: number): Promise<Notification[]> {
    const pages = await Promise.all(
      inboxes.map((inbox) =>
        this.db.query({
          pk: keys.notification(inbox, '', '').PK,
          skPrefix: SK_PREFIX.notification,
          newestFirst: true,
          limit,
        }),
      ),
    );
    return pages
      .flatMap((p) => p.items.map((i) => i.data as Notification))
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
      .slice(0, limit);
  }

  /** Unread count across inboxes (reads only the unread index entries). */
  async unreadCount(inboxes: Inbox[]): Promise<number> {
    const counts = await Promise.all(
      inboxes.map((inbox) =>
        this.db.count({ index: 'GSI2', pk: keys.notificationUnread(inbox, '', '').GSI2PK }),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Marks one notification read; false when it is not in these inboxes (or already read). */
  async markRead(inboxes: Inbox[], id: string, at: string): Promise<boolean> {
    const [notifiedAt = ''] = id.split('|');
    for (const inbox of inboxes) {
      const done = await this.db.updateIf(keys.notification(inbox, notifiedAt, id), {
        set: 'SET #data.readAt = :at REMOVE GSI2PK, GSI2SK',
        condition: 'attribute_exists(PK) AND attribute_not_exists(#data.readAt)',
        names: { '#data': 'data' },
        values: { ':at': at },
      });
      if (done) return true;
    }
    return false;
  }
}
