import type { EventType } from './catalog.ts';

/**
 * The routing table: which consumer hears which event types. The local in-process bus
 * and the AWS stack (one EventBridge rule and one SQS queue per consumer) are both built
 * from this one table, so the two modes can never route differently.
 * Consumer names are short kebab-case: they name queues, alarms and processed markers.
 */
export const ROUTES = {
  /** A new lead gets its first-answer deadline timer. */
  'lead-deadlines': ['LeadStatusChanged'],
  /** A missed deadline escalates: specialist (level 1), then the region's operators (level 2). */
  escalations: ['DeadlineMissed'],
  /** In-app notifications of lead changes: the institution of a new lead, the firm of an answer. */
  'lead-notifications': ['LeadStatusChanged'],
  /** Signed POSTs of lead events to the institution's webhook. */
  webhooks: ['LeadStatusChanged'],
  /** Certificates get an expiry timer when a firm registers or updates them. */
  'certificate-timers': ['FirmRegistered', 'FirmCertificationsUpdated'],
  /** An expired certificate: the firm is told, its open requests re-matched, lost products flagged. */
  'certificate-expiry': ['CertificateExpired'],
  /** Open requests normalised for re-matching (added on submit, removed on withdrawal). */
  'open-requests': ['RequestSubmitted', 'RequestWithdrawn'],
  /**
   * A product published, amended or retired re-matches open requests in batches: firms with a
   * new fit are told, a lost fit is flagged (and its firm told).
   */
  'product-rematch': ['ProductPublished', 'ProductChanged', 'ProductRetired'],
  /**
   * Roadshow invitations: in-app to the firms and funds, the signed event with its .ics to the
   * funds' webhooks, each session's 24 h reminder timer; a cancellation told the same way, a
   * refilled slot's new firm invited.
   */
  'roadshow-invitations': ['RoadshowScheduled', 'RoadshowCancelled', 'RoadshowSlotRefilled'],
  /** A proposed roadshow is put before the city's operators. */
  'roadshow-proposals': ['RoadshowProposed'],
  /** A firm that withdraws its request gives up its roadshow slots, each refilled from the waitlist. */
  'roadshow-refill': ['RequestWithdrawn'],
} as const satisfies Record<string, readonly EventType[]>;

export type ConsumerName = keyof typeof ROUTES;
export const CONSUMER_NAMES = Object.keys(ROUTES) as ConsumerName[];

/** The consumers an event of this type goes to, in table order. */
export function consumersOf(type: string): ConsumerName[] {
  return CONSUMER_NAMES.filter((name) => (ROUTES[name] as readonly string[]).includes(type));
}

/** The EventBridge `source` of events relayed from the outbox. */
export const OUTBOX_EVENT_SOURCE = 'jingrong.outbox';
