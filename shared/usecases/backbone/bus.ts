import type { DomainEvent } from '#events/catalog.ts';
import { type Decoded, decodeEvent } from '#events/decode.ts';
import { type ConsumerName, consumersOf } from '#events/routing.ts';
import type { BackboneDeps, Consumer } from './context.ts';
import { type Outcome, runConsumer } from './runner.ts';

/** Where malformed events are dead-lettered: before any consumer sees them. */
export const RELAY_DEAD_LETTERS = 'relay';

export interface BusOptions {
  /** Tries per (consumer, event) before the event goes to the consumer's dead letters. */
  attempts?: number;
  /** Delay before the 2nd try; doubled each try. */
  backoffMs?: number;
  /** Called after each consumer finishes an event (latency measurements, tests). */
  onHandled?: (info: { consumer: ConsumerName; eventId: string; outcome: Outcome | 'dead-letter' }) => void;
}

/**
 * The in-process bus of local mode: the relay hands it each decoded outbox record, and it
 * calls every consumer the routing table names for the event's type, side by side — the very consumer
 * functions the AWS queues invoke. Each gets a few tries; one that still fails sends the
 * event to its dead letters (with the reason) and the bus moves on: nothing blocks, nothing is lost.
 */
export class LocalBus {
  private readonly consumers: Map<ConsumerName, Consumer>;

  constructor(
    consumers: readonly Consumer[],
    private readonly deps: BackboneDeps,
    private readonly options: BusOptions = {},
  ) {
    this.consumers = new Map(consumers.map((c) => [c.name, c]));
  }

  async publish(decoded: Decoded): Promise<void> {
    if (decoded.kind === 'not-an-event') return;
    const { ledger } = this.deps.store.backbone;
    if (decoded.kind === 'malformed') {
      this.deps.logger.warn('malformed event dead-lettered', {
        eventId: decoded.eventId,
        reason: decoded.reason,
      });
      await ledger.deadLetter({
        consumer: RELAY_DEAD_LETTERS,
        eventId: decoded.eventId,
        reason: decoded.reason,
        attempts: 0,
        at: this.deps.now().toISOString(),
        event: decoded.raw,
      });
      return;
    }
    const { event } = decoded;
    // Each consumer has its own queue in AWS: here too they take the event side by side.
    const consumers = consumersOf(event.type).map((name) => {
      const consumer = this.consumers.get(name);
      if (!consumer) throw new Error(`no consumer registered for route ${name}`);
      return consumer;
    });
    await Promise.all(consumers.map((consumer) => this.deliver(consumer, event)));
  }

  private async deliver(consumer: Consumer, event: DomainEvent) {
    const attempts = this.options.attempts ?? 3;
    let delay = this.options.backoffMs ?? 100;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const outcome = await runConsumer(consumer, event, this.deps);
        this.options.onHandled?.({ consumer: consumer.name, eventId: event.id, outcome });
        return;
      } catch (error) {
        lastError = error;
        this.deps.logger.warn('consumer failed', {
          consumer: consumer.name,
          eventId: event.id,
          attempt,
          error,
        });
        if (attempt < attempts) {
          await new Promise((r) => setTimeout(r, delay));
          delay *= 2;
        }
      }
    }
    await this.deps.store.backbone.ledger.deadLetter({
      consumer: consumer.name,
      eventId: event.id,
      reason: lastError instanceof Error ? lastError.message : String(lastError),
      attempts,
      at: this.deps.now().toISOString(),
      event,
    });
    this.options.onHandled?.({ consumer: consumer.name, eventId: event.id, outcome: 'dead-letter' });
  }

  /** Runs a consumer's dead letters again (after a fix); those that now pass are cleared. */
  async redrive(name: ConsumerName): Promise<{ redriven: number; failed: number }> {
    const consumer = this.consumers.get(name);
    if (!consumer) throw new Error(`no consumer ${name}`);
    const { ledger } = this.deps.store.backbone;
    let redriven = 0;
    let failed = 0;
    for (const letter of await ledger.deadLetters(name)) {
      const decoded = decodeEvent(letter.event);
      if (decoded.kind !== 'event') {
        failed++;
        continue;
      }
      try {
        await runConsumer(consumer, decoded.event, this.deps);
        await ledger.markRedriven(name, letter.eventId, this.deps.now().toISOString());
        redriven++;
      } catch {
        failed++;
      }
    }
    return { redriven, failed };
  }
}
