import type { TimerHandler } from './sweep.ts';
import { CERTIFICATE_EXPIRY, fireCertificateExpiry } from './timers/certificate-expiry.ts';
import { fireLeadDeadline, LEAD_DEADLINE } from './timers/lead-deadline.ts';
import { fireRoadshowReminder, ROADSHOW_REMINDER } from './timers/roadshow-reminder.ts';
import { fireWebhookRetry } from './timers/webhook-retry.ts';
import { WEBHOOK_RETRY } from './webhook-delivery.ts';

/**
 * What the sweep does when a timer of each kind comes due. Apart from the consumers
 * (./index.ts), so the sweep function's bundle carries none of them.
 */
export const TIMER_HANDLERS: Readonly<Record<string, TimerHandler>> = {
  [LEAD_DEADLINE]: fireLeadDeadline,
  [CERTIFICATE_EXPIRY]: fireCertificateExpiry,
  [WEBHOOK_RETRY]: fireWebhookRetry,
  [ROADSHOW_REMINDER]: fireRoadshowReminder,
};
