import type { LostProduct } from '#domain/lost-product.ts';
import type { MatchResult } from '#domain/matching/index.ts';
import type { SlotRecord } from '#domain/roadshow/roadshow.ts';
import type { Specialist } from '#domain/specialist.ts';
import type { DomainEvent } from '#events/catalog.ts';
import type { Db, TransactItem } from './db.ts';
import { type Escalation, escalationItem } from './escalations.ts';
import { specialistItem } from './firms.ts';
import { keys } from './keys.ts';
import { type Notification, notificationItem } from './notifications.ts';
import { type OpenRequestEntry, openRequestItem } from './open-requests.ts';
import { outboxPut } from './outbox.ts';
import { matchesItem } from './requests.ts';
import { placedItem, slotItem } from './roadshows.ts';
import { type Timer, timerItem } from './timers.ts';
import { deliveryItem, type WebhookDelivery } from './webhooks.ts';

/**
 * What a consumer or a firing timer changes, as data: the use case decides the effects,
 * the store writes them — all in one transaction with the processed marker (or the
 * timer's completion). Each kind is one row and its condition.
 */
export type Effect =
  /** Schedules a timer; `once`: unless one with this id exists. */
  | { kind: 'timer'; timer: Timer; once?: boolean }
  /** A notification (never overwrites one with the same id: redeliveries write it once). */
  | { kind: 'notification'; notification: Notification }
  /** An escalation row (one per lead and level). */
  | { kind: 'escalation'; escalation: Escalation }
  /** An event into the outbox (validated against the catalog). */
  | { kind: 'event'; event: DomainEvent }
  /** The firm's service specialist. */
  | { kind: 'specialist'; uscc: string; specialist: Specialist }
  /** A webhook delivery's state after an attempt. */
  | { kind: 'delivery'; delivery: WebhookDelivery }
  /** A request's matches replaced after a re-match, with the products it lost. */
  | { kind: 'matches'; requestId: string; matches: MatchResult; lostProducts?: LostProduct[] }
  /** An open request's re-matching row, added or removed. */
  | { kind: 'open-request'; entry: OpenRequestEntry }
  | { kind: 'open-request-closed'; requestId: string; at: string }
  /** Only if the lead is still at this version (nothing written). */
  | { kind: 'lead-unchanged'; leadId: string; version: number }
  /** A roadshow slot given up and refilled: the slot on its version, the next firm's "placed" mark. */
  | { kind: 'slot-refill'; before: SlotRecord; after: SlotRecord; at: string };

/** The rows of one effect (most are one row; a refill is the slot and the next firm's mark). */
export function effectItems(db: Db, effect: Effect): TransactItem[] {
  if (effect.kind === 'slot-refill') {
    const { before, after, at } = effect;
    return [
      db.put(slotItem(after), 'version = :v', { ':v': before.version }),
      ...(after.requestId
        ? [db.put(placedItem(after.roadshowId, after.requestId, at), 'attribute_not_exists(PK)')]
        : []),
    ];
  }
  return [effectItem(db, effect)];
}

export function effectItem(db: Db, effect: Effect): TransactItem {
  switch (effect.kind) {
    case 'slot-refill':
      throw new Error('a slot refill is two rows: use effectItems');
    case 'timer':
      return db.put(timerItem(effect.timer), effect.once ? 'attribute_not_exists(PK)' : undefined);
    case 'notification':
      return db.put(notificationItem(effect.notification), 'attribute_not_exists(PK)');
    case 'escalation':
      return db.put(escalationItem(effect.escalation), 'attribute_not_exists(PK)');
    case 'event':
      return outboxPut(db, effect.event);
    case 'specialist':
      return db.put(specialistItem(effect.uscc, effect.specialist));
    case 'delivery':
      return db.put(deliveryItem(effect.delivery));
    case 'matches':
      return db.put(matchesItem(effect.requestId, effect.matches, effect.lostProducts));
    case 'open-request':
      return db.put(openRequestItem(effect.entry));
    case 'open-request-closed':
      // Off the province index (no longer re-matched); the row itself expires.
      return {
        Update: {
          TableName: db.tableName,
          Key: keys.openRequest(effect.requestId),
          UpdateExpression: 'SET expiresAt = :ttl REMOVE GSI1PK, GSI1SK',
          ExpressionAttributeValues: { ':ttl': Math.floor(Date.parse(effect.at) / 1000) + 7 * 24 * 3600 },
        },
      };
    case 'lead-unchanged':
      return {
        ConditionCheck: {
          TableName: db.tableName,
          Key: keys.lead(effect.leadId),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': effect.version },
        },
      };
  }
}
