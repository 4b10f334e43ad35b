import * as z from 'zod';

/**
 * The envelope every event is written in (outbox row → stream → bus), the same for all
 * types; only `detail` differs, and `shared/events/catalog.ts` gives each type its own.
 * `id` makes consumers idempotent; `subject` is the id of the object the event is about;
 * `version` is the version of the event's schema (a breaking change to `detail` is a new
 * version, never an edit of the old one).
 */
export function eventSchema<T extends string, V extends number, D extends z.ZodRawShape>(
  type: T,
  version: V,
  detail: D,
) {
  return z.object({
    id: z.string().min(1),
    type: z.literal(type),
    version: z.literal(version),
    occurredAt: z.iso.datetime(),
    subject: z.string().min(1),
    /** userId of who caused it, when a person did. */
    actor: z.string().optional(),
    detail: z.strictObject(detail),
  });
}
