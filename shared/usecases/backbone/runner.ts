import type { DomainEvent } from '#events/catalog.ts';
import type { BackboneDeps, Consumer } from './context.ts';

export type Outcome = 'done' | 'duplicate';

/**
 * Runs one consumer on one event, idempotently.
 * 1. a processed marker for (consumer, event id) means it was handled: nothing to do
 * 2. the consumer decides its effects (reads, and at most an outside call such as a webhook POST)
 * 3. effects + marker in one transaction; a marker written meanwhile by a twin delivery cancels it.
 * A throw leaves no marker, so the event is delivered again (and dead-lettered after the last try).
 */
export async function runConsumer(
  consumer: Consumer,
  event: DomainEvent,
  deps: BackboneDeps,
): Promise<Outcome> {
  const { ledger } = deps.store.backbone;
  if (await ledger.isProcessed(consumer.name, event.id)) return 'duplicate';
  const effects = await consumer.handle(event, deps);
  const committed = await ledger.commit(consumer.name, event, deps.now().toISOString(), effects);
  return committed ? 'done' : 'duplicate';
}
