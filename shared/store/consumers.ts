import type { DomainEvent } from '#events/catalog.ts';
import type { Db } from './db.ts';
import { type Effect, effectItems } from './effects.ts';
import { keys } from './keys.ts';

/** Processed markers outlive any redelivery: the stream keeps records 24 h, SQS retries for hours. */
const PROCESSED_TTL_SECONDS = 14 * 24 * 3600;
/** DynamoDB's limit per transaction, less the marker. */
export const MAX_EFFECTS = 99;

export interface DeadLetter {
  consumer: string;
  eventId: string;
  /** Why it could not be handled: a validation message or the last error. */
  reason: string;
  attempts: number;
  at: string;
  /** The event as received (the raw record when it was malformed), so it can be redriven. */
  event: unknown;
}

export interface RelayCheckpoint {
  shardId: string;
  /** Sequence number of the last record handled; reading resumes after it. */
  sequenceNumber: string;
  /** The shard was read to its end (closed shards are never read again). */
  closed: boolean;
  at: string;
}

/**
 * What the consumers and the relay remember: which (consumer, event) pairs are done, the
 * events that could not be handled, and where the local relay stands in the stream.
 */
export class ConsumerLedger {
  constructor(private readonly db: Db) {}

  async isProcessed(consumer: string, eventId: string): Promise<boolean> {
    return (await this.db.get(keys.processed(consumer, eventId))) !== undefined;
  }

  /**
   * Commits the consumer's effects together with its processed marker. False (and nothing
   * written) when the marker exists already: the event was handled before. Any other
   * failed condition is thrown, so the event is retried.
   */
  async commit(
    consumer: string,
    event: DomainEvent,
    at: string,
    effects: readonly Effect[],
  ): Promise<boolean> {
    if (effects.length > MAX_EFFECTS)
      throw new Error(`${consumer}: ${effects.length} effects exceed one transaction`);
    const marker = this.db.put(
      {
        ...keys.processed(consumer, event.id),
        entity: 'Processed',
        consumer,
        eventId: event.id,
        eventType: event.type,
        at,
        expiresAt: Math.floor(Date.parse(at) / 1000) + PROCESSED_TTL_SECONDS,
      },
      'attribute_not_exists(PK)',
    );
    const result = await this.db.transactOrCancelled([
      marker,
      ...effects.flatMap((e) => effectItems(this.db, e)),
    ]);
    if (result.written) return true;
    if (result.codes[0] === 'ConditionalCheckFailed') return false;
    throw new Error(`${consumer}: a condition of its effects failed (${result.codes.join(', ')})`);
  }

  /**
   * Writes groups of effects for a consumer whose effect is too large for one transaction
   * (a re-match telling thousands of firms): a chunk of groups at a time; a chunk that hits
   * a group written before (a redelivery) is retried group by group, skipping those.
   */
  async applyGroups(groups: readonly (readonly Effect[])[], chunk = 25, concurrency = 4): Promise<number> {
    const parts: (readonly (readonly Effect[])[])[] = [];
    for (let i = 0; i < groups.length; i += chunk) parts.push(groups.slice(i, i + chunk));
    let written = 0;
    const applyPart = async (part: readonly (readonly Effect[])[]) => {
      const all = part.flatMap((g) => g.flatMap((e) => effectItems(this.db, e)));
      if (all.length && (await this.db.transactOrCancelled(all)).written) {
        written += part.length;
        return;
      }
      for (const group of part) {
        if ((await this.db.transactOrCancelled(group.flatMap((e) => effectItems(this.db, e)))).written)
          written++;
      }
    };
    // Chunks touch different requests: several transactions in flight at once.
    await Promise.all(
      Array.from({ length: Math.min(concurrency, parts.length) }, async () => {
        for (let part = parts.shift(); part; part = parts.shift()) await applyPart(part);
      }),
    );
    return written;
  }

  async deadLetter(letter: DeadLetter): Promise<void> {
    await this.db.putItem({
      ...keys.deadLetter(letter.consumer, letter.eventId),
      entity: 'DeadLetter',
      // As JSON: a raw stream record carries Dates and binary the item format does not take as is.
      data: { ...letter, event: JSON.parse(JSON.stringify(letter.event ?? null)) },
    });
  }

  /** A consumer's dead letters not redriven yet. */
  async deadLetters(consumer: string): Promise<DeadLetter[]> {
    const items = await this.db.queryAll({ pk: keys.deadLetter(consumer, '').PK });
    return items.filter((i) => !i.redrivenAt).map((i) => i.data as DeadLetter);
  }

  /** Marks a dead letter redriven (kept a month, for the record). */
  async markRedriven(consumer: string, eventId: string, at: string): Promise<void> {
    await this.db.updateIf(keys.deadLetter(consumer, eventId), {
      set: 'SET redrivenAt = :at, expiresAt = :ttl',
      condition: 'attribute_exists(PK)',
      values: { ':at': at, ':ttl': Math.floor(Date.parse(at) / 1000) + 30 * 24 * 3600 },
    });
  }

  async checkpoints(): Promise<RelayCheckpoint[]> {
    const items = await this.db.queryAll({ pk: keys.relayCheckpoint('').PK });
    return items.map((i) => i.data as RelayCheckpoint);
  }

  async saveCheckpoint(checkpoint: RelayCheckpoint): Promise<void> {
    await this.db.putItem({
      ...keys.relayCheckpoint(checkpoint.shardId),
      entity: 'RelayCheckpoint',
      data: checkpoint,
    });
  }
}
