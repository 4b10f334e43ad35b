import type { DomainEvent } from '#events/catalog.ts';
import type { ConsumerName } from '#events/routing.ts';
import type { Logger } from '#shared/logger.ts';
import type { MetricsPort } from '#shared/metrics.ts';
import type { Effect } from '#store/effects.ts';
import type { Store } from '#store/index.ts';

/** What consumers and timer handlers are given; the same in AWS (a Lambda) and locally (the bus). */
export interface BackboneDeps {
  /** The repositories, the event backbone's among them (`store.backbone`). */
  store: Store;
  now: () => Date;
  newId: () => string;
  logger: Logger;
  /** Business counts (DeadlineMisses, WebhookFailures). @default none */
  metrics?: MetricsPort;
  /** local: webhooks may be http on loopback; aws: https only, never to a private address. */
  mode: 'local' | 'aws';
  /** Injected for tests (a receiver that fails); defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Injected for tests (jitter); defaults to Math.random. */
  random?: () => number;
}

/**
 * A consumer: a function of one event that returns its effects as data. The runner commits
 * them together with the (consumer, event id) processed marker, so a redelivered event
 * changes nothing. At most 99 effects (one DynamoDB transaction holds 100 rows).
 */
export interface Consumer {
  name: ConsumerName;
  handle(event: DomainEvent, deps: BackboneDeps): Promise<Effect[]>;
}
