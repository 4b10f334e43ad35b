import type { Db, Item } from './db.ts';
import { keys, SK_PREFIX } from './keys.ts';

/** An institution's webhook: where lead events are POSTed and the secret they are signed with. */
export interface WebhookRegistration {
  institutionId: string;
  url: string;
  /** HMAC-SHA256 key, shown to the institution once when registered. */
  secret: string;
  createdAt: string;
  createdBy: string;
}

export interface DeliveryAttempt {
  at: string;
  /** HTTP status, or 0 when no answer came (refused, timed out). */
  status: number;
  error?: string;
  ms: number;
}

/** One event's delivery to one institution: its attempts, oldest first (the institution's log). */
export interface WebhookDelivery {
  institutionId: string;
  eventId: string;
  eventType: string;
  /** The event's time (the delivery's key). */
  at: string;
  url: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  /** The exact body POSTed, so retries send the same bytes. */
  body: string;
  nextAttemptAt?: string;
}

/** A delivery's row in the institution's partition (replaced after each attempt). */
export function deliveryItem(d: WebhookDelivery): Item {
  return { ...keys.webhookDelivery(d.institutionId, d.at, d.eventId), entity: 'WebhookDelivery', data: d };
}

export class WebhookRepository {
  constructor(private readonly db: Db) {}

  async register(reg: WebhookRegistration): Promise<void> {
    await this.db.putItem({ ...keys.webhook(reg.institutionId), entity: 'Webhook', data: reg });
  }

  async get(institutionId: string): Promise<WebhookRegistration | undefined> {
    return (await this.db.get(keys.webhook(institutionId)))?.data as WebhookRegistration | undefined;
  }

  async delivery(institutionId: string, at: string, eventId: string): Promise<WebhookDelivery | undefined> {
    return (await this.db.get(keys.webhookDelivery(institutionId, at, eventId)))?.data as
      | WebhookDelivery
      | undefined;
  }

  /** The institution's delivery log, newest first. */
  async deliveries(institutionId: string, limit: number): Promise<WebhookDelivery[]> {
    const page = await this.db.query({
      pk: keys.webhook(institutionId).PK,
      skPrefix: SK_PREFIX.webhookDelivery,
      newestFirst: true,
      limit,
    });
    return page.items.map((i) => i.data as WebhookDelivery);
  }
}
