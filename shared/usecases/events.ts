import { EVENTS, type EventDetail, type EventOf, type EventType } from '#events/catalog.ts';

/** The clock and id source a use case is given; never read from globals. */
export interface Clock {
  now: () => Date;
  newId: () => string;
}

/** A new event of the catalog: its detail is typed by `type`; the outbox validates it when written. */
export function newEvent<T extends EventType>(
  clock: Clock,
  type: T,
  subject: string,
  detail: EventDetail<T>,
  actor?: string,
): EventOf<T> {
  return {
    id: clock.newId(),
    type,
    version: EVENTS[type].version,
    occurredAt: clock.now().toISOString(),
    subject,
    ...(actor ? { actor } : {}),
    detail,
  } as EventOf<T>;
}
