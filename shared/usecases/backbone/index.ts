import type { ConsumerName } from '#events/routing.ts';
import { certificateExpiry } from './consumers/certificate-expiry.ts';
import { certificateTimers } from './consumers/certificate-timers.ts';
import { escalations } from './consumers/escalations.ts';
import { leadDeadlines } from './consumers/lead-deadlines.ts';
import { leadNotifications } from './consumers/lead-notifications.ts';
import { openRequests } from './consumers/open-requests.ts';
import { productRematch } from './consumers/product-rematch.ts';
import { roadshowInvitations, roadshowProposals, roadshowRefill } from './consumers/roadshows.ts';
import { webhooks } from './consumers/webhooks.ts';
import type { Consumer } from './context.ts';

export { TIMER_HANDLERS } from './timer-handlers.ts';

/**
 * Every consumer, by the name the routing table (shared/events/routing.ts) gives it. The
 * local bus and the AWS consumer function (functions/consumer, one per queue) both take
 * them from here.
 */
export const CONSUMERS: Readonly<Record<ConsumerName, Consumer>> = {
  'lead-deadlines': leadDeadlines,
  escalations,
  'lead-notifications': leadNotifications,
  webhooks,
  'certificate-timers': certificateTimers,
  'certificate-expiry': certificateExpiry,
  'open-requests': openRequests,
  'product-rematch': productRematch,
  'roadshow-invitations': roadshowInvitations,
  'roadshow-proposals': roadshowProposals,
  'roadshow-refill': roadshowRefill,
};
