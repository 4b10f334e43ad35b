import { ConsumerLedger } from './consumers.ts';
import type { Db } from './db.ts';
import { EscalationRepository } from './escalations.ts';
import { NotificationRepository } from './notifications.ts';
import { OpenRequestRepository } from './open-requests.ts';
import { TimerRepository } from './timers.ts';
import { WebhookRepository } from './webhooks.ts';

/** The event backbone's rows: consumer ledger, timers, notifications, escalations, webhooks, re-match rows. */
export interface BackboneStore {
  ledger: ConsumerLedger;
  timers: TimerRepository;
  notifications: NotificationRepository;
  escalations: EscalationRepository;
  webhooks: WebhookRepository;
  openRequests: OpenRequestRepository;
}

export function createBackboneStore(db: Db): BackboneStore {
  return {
    ledger: new ConsumerLedger(db),
    timers: new TimerRepository(db),
    notifications: new NotificationRepository(db),
    escalations: new EscalationRepository(db),
    webhooks: new WebhookRepository(db),
    openRequests: new OpenRequestRepository(db),
  };
}
