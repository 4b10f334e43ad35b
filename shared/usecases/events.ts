import type { EventEnvelope, EventType } from '#events/envelope.ts';

/** The clock and id source a use case is given; never read from globals. */
export interface Clock {
  now: () => Date;
  newId: () => string;
}

export function newEvent(
  clock: Clock,
  type: EventType,
  subject: string,
  detail: Record<string, unknown>,
  actor?: string,
): EventEnvelope {
  return { id: clock.newId(), type, occurredAt: clock.now().toISOString(), subject, actor, detail };
}
