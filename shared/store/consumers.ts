import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '#events/envelope.ts';
import type { Db, Item, TransactItem } from './db.ts';
import { keys } from './keys.ts';

/** Processed markers outlive any redelivery: the stream keeps records 24 h, SQS retries for hours. */
const PROCESSED_TTL_SECONDS = 14 * 24 * 3600;

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
   * Commits the consumer's effect together with its processed marker. Returns false (and
   * writes nothing) when the marker already exists: the event was handled before.
   * Any other failed condition in the effect is thrown, so the event is retried.
   */
  async commit(consumer: string, event: EventEnvelope, at: string, effect: TransactItem[]): Promise<boolean> {
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
    try {
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: [marker, ...effect] }));
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        return false;
      }
      throw error;
    }
  }

  async deadLetter(letter: DeadLetter): Promise<void> {
    await this.db.putItem({
      ...keys.deadLetter(letter.consumer, letter.eventId),
      entity: 'DeadLetter',
      // As JSON: a raw stream record carries Dates and binary the item format does not take as is.
      data: { ...letter, event: JSON.parse(JSON.stringify(letter.event ?? null)) },
    });
  }

  async deadLetters(consumer: string): Promise<DeadLetter[]> {
    const items = await this.db.queryAll({ pk: keys.deadLetter(consumer, '').PK });
    return items.map((i) => i.data as DeadLetter);
  }

  /** Removes a dead letter once it was redriven successfully. */
  async clearDeadLetter(consumer: string, eventId: string): Promise<void> {
    await this.db.doc.send(
      new DeleteCommand({ TableName: this.db.tableName, Key: keys.deadLetter(consumer, eventId) }),
    );
  }

  async checkpoints(): Promise<RelayCheckpoint[]> {
    const items = await this.db.queryAll({ pk: keys.relayCheckpoint('').PK });
    return items.map((i: Item) => i.data as RelayCheckpoint);
  }

  async saveCheckpoint(checkpoint: RelayCheckpoint): Promise<void> {
    await this.db.putItem({
      ...keys.relayCheckpoint(checkpoint.shardId),
      entity: 'RelayCheckpoint',
      data: checkpoint,
    });
  }
}
