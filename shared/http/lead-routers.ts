import type { ApiRouter } from './openapi.ts';
import {
  leadAuditRoute,
  leadRoutes,
  listLeadsRoute,
  readLeadRoute,
  revealRoute,
  transitionLeadRoute,
} from './routes/leads.ts';
import {
  leadEscalationsRoute,
  listEscalationsRoute,
  listNotificationsRoute,
  markNotificationReadRoute,
  notificationRoutes,
  setRegionSpecialistRoute,
} from './routes/notifications.ts';
import { registerWebhookRoute, webhookLogRoute, webhookRoutes } from './routes/webhooks.ts';

/**
 * The leads' part of the JSON API: the institutions' officers working their leads (list, read,
 * move, reveal, audit), the notifications and escalations about them, and an institution's
 * webhook. Served by a function of its own in AWS (functions/leads), so it carries neither the
 * matching engine nor the firms' and catalog's routes, and the API function none of this. See
 * api-routers.ts for the parts.
 */
export function leadApiRouters(): ApiRouter[] {
  return [leadRoutes(), notificationRoutes(), webhookRoutes()];
}

/** The operations leadApiRouters() serves: the gateway sends each of them to the leads function. */
export const LEAD_OPERATIONS = [
  listLeadsRoute,
  readLeadRoute,
  transitionLeadRoute,
  revealRoute,
  leadAuditRoute,
  leadEscalationsRoute,
  listNotificationsRoute,
  markNotificationReadRoute,
  listEscalationsRoute,
  setRegionSpecialistRoute,
  registerWebhookRoute,
  webhookLogRoute,
] as const;
