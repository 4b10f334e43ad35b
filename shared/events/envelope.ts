import * as z from 'zod';

/** Every domain event the platform emits. Consumers route on `type`. */
export const EVENT_TYPES = [
  'FirmRegistered',
  'FirmCertificationsUpdated',
  'ProductPublished',
  'RequestSubmitted',
  'RequestSent',
  'RequestWithdrawn',
  'LeadStatusChanged',
  'SpecialistAssigned',
  'DeadlineMissed',
  'CertificateExpired',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

/**
 * The envelope written to the outbox row and carried unchanged to the bus. `id` makes
 * consumers idempotent; `subject` is the id of the object the event is about.
 */
export const EventEnvelopeSchema = z.object({
  id: z.string().min(1),
  type: EventTypeSchema,
  occurredAt: z.iso.datetime(),
  subject: z.string().min(1),
  actor: z.string().optional(),
  detail: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;
