import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { Decoded } from '#events/decode.ts';
import type { Logger } from '#shared/logger.ts';
import type { ConsumerLedger, RelayCheckpoint } from './consumers.ts';
import { decodeStreamRecord, type StreamRecordLike } from './stream-records.ts';

interface ShardState {
  shardId: string;
  /** Read only once its parent is closed and read to its end (a shard's records follow its parent's). */
  parentId?: string;
  iterator?: string;
  /** Last record handled (in memory); persisted as the checkpoint after a batch with events. */
  lastDone?: string;
}

export interface RelayOptions {
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  ledger: ConsumerLedger;
  /** Hands a decoded outbox record to the bus; resolves when every consumer is done with it. */
  onEvent: (decoded: Decoded) => Promise<void>;
  logger: Logger;
  /** Pause between polls of an idle stream. @default 25 ms */
  idleMs?: number;
  /**
   * Events of different aggregates handed to the bus at once (events of one aggregate — one
   * `subject` — always one after another, in stream order). 1 = strictly serial. @default 16
   */
  concurrency?: number;
  now?: () => Date;
}

/**
 * The local relay: reads the table's stream (DynamoDB Local implements Streams), keeps
 * outbox inserts only, hands them to the bus — the events of one aggregate (one `subject`) in
 * stream order, those of different aggregates concurrently, as the AWS queues would — and,
 * after every batch that carried events, stores its position in the table, so a restart
 * resumes where it stopped. Shards are read concurrently, a child only after its parent.
 * A crash between handling and checkpointing replays a few events: the consumers'
 * processed markers make that harmless (at-least-once delivery, exactly-once effects).
 */
export class StreamRelay {
  private streamArn?: string;
  private readonly shards = new Map<string, ShardState>();
  private closed = new Set<string>();
  private running = false;
  private loop?: Promise<void>;

  constructor(private readonly options: RelayOptions) {}

  private now() {
    return (this.options.now ?? (() => new Date()))().toISOString();
  }

  private async init() {
    if (this.streamArn) return;
    const table = await this.options.dynamo.send(
      new DescribeTableCommand({ TableName: this.options.tableName }),
    );
    const arn = table.Table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${this.options.tableName} has no stream`);
    this.streamArn = arn;
    for (const cp of await this.options.ledger.checkpoints()) {
      if (cp.closed) this.closed.add(cp.shardId);
      else this.shards.set(cp.shardId, { shardId: cp.shardId, lastDone: cp.sequenceNumber });
    }
    await this.refreshShards();
  }

  /** Adds shards not yet known (a closed shard's children appear here), parents first. */
  private async refreshShards() {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await this.options.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: start }),
      );
      all.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    for (const shard of all) {
      const id = shard.ShardId!;
      if (!this.closed.has(id) && !this.shards.has(id))
        this.shards.set(id, {
          shardId: id,
          ...(shard.ParentShardId ? { parentId: shard.ParentShardId } : {}),
        });
    }
  }

  private async iterator(state: ShardState): Promise<string | undefined> {
    const base = { StreamArn: this.streamArn, ShardId: state.shardId };
    if (state.lastDone) {
      try {
        const out = await this.options.streams.send(
          new GetShardIteratorCommand({
            ...base,
            ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
            SequenceNumber: state.lastDone,
          }),
        );
        return out.ShardIterator;
      } catch (error) {
        if (!(error instanceof TrimmedDataAccessException)) throw error;
        this.options.logger.warn('relay checkpoint trimmed from the stream; reading from the oldest record', {
          shardId: state.shardId,
        });
      }
    }
    const out = await this.options.streams.send(
      new GetShardIteratorCommand({ ...base, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    return out.ShardIterator;
  }

  /** Reads every shard once (those whose parent is done, concurrently); returns the outbox events handed to the bus. */
  async pollOnce(): Promise<number> {
    await this.init();
    const ready = [...this.shards.values()].filter((s) => !s.parentId || !this.shards.has(s.parentId));
    const counts = await Promise.all(ready.map((state) => this.pollShard(state)));
    return counts.reduce((a, b) => a + b, 0);
  }

  private async pollShard(state: ShardState): Promise<number> {
    state.iterator ??= await this.iterator(state);
    let out: { Records?: StreamRecordLike[]; NextShardIterator?: string };
    try {
      out = await this.options.streams.send(
        new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }),
      );
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        state.iterator = undefined;
        return 0;
      }
      throw error;
    }
    const records = out.Records ?? [];
    const events = records.map(decodeStreamRecord).filter((d) => d.kind !== 'not-an-event');
    try {
      await this.dispatch(events);
    } catch (error) {
      // Resume after the last batch handled: this one comes again on the next poll (the
      // consumers' markers make the events already handled a no-op).
      state.iterator = undefined;
      throw error;
    }
    const last = records.at(-1)?.dynamodb?.SequenceNumber;
    if (last) state.lastDone = last;
    if (out.NextShardIterator) {
      state.iterator = out.NextShardIterator;
      await this.save(state, false, events.length);
    } else {
      // The shard is closed and read to its end: its children take over.
      await this.save(state, true, 1);
      this.shards.delete(state.shardId);
      this.closed.add(state.shardId);
      await this.refreshShards();
    }
    return events.length;
  }

  /**
   * Hands a batch to the bus: one lane per aggregate (the event's subject), each lane in
   * stream order, up to `concurrency` lanes at once. Every lane runs to its end even when
   * another fails; then the first failure is thrown.
   */
  private async dispatch(events: Decoded[]): Promise<void> {
    const lanes = new Map<string, Decoded[]>();
    for (const d of events) {
      const key =
        d.kind === 'event' ? `${d.event.subject}` : `malformed:${d.kind === 'malformed' ? d.eventId : ''}`;
      const lane = lanes.get(key);
      if (lane) lane.push(d);
      else lanes.set(key, [d]);
    }
    const queue = [...lanes.values()];
    let failure: { error: unknown } | undefined;
    const worker = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        try {
          for (const d of lane) await this.options.onEvent(d);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    const width = Math.max(1, Math.min(this.options.concurrency ?? 16, queue.length));
    await Promise.all(Array.from({ length: width }, worker));
    if (failure) throw failure.error;
  }

  /** Checkpoints only after batches with events, so the checkpoint's own stream record ends the cycle. */
  private async save(state: ShardState, closed: boolean, batchEvents: number) {
    if (batchEvents === 0 || !state.lastDone) return;
    const checkpoint: RelayCheckpoint = {
      shardId: state.shardId,
      sequenceNumber: state.lastDone,
      closed,
      at: this.now(),
    };
    await this.options.ledger.saveCheckpoint(checkpoint);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const idle = this.options.idleMs ?? 25;
    this.loop = (async () => {
      while (this.running) {
        try {
          const n = await this.pollOnce();
          if (n === 0) await new Promise((r) => setTimeout(r, idle));
        } catch (error) {
          this.options.logger.error('relay poll failed; retrying', { error });
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

/**
 * The relay of local mode, over DynamoDB Local at `endpoint` (its own clients; `stop()`
 * ends the loop, then `close()` releases them).
 */
export function createLocalStreamRelay(
  options: Omit<RelayOptions, 'dynamo' | 'streams'> & { endpoint: string },
) {
  const connection = {
    endpoint: options.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const dynamo = new DynamoDBClient(connection);
  const streams = new DynamoDBStreamsClient(connection);
  const relay = new StreamRelay({ ...options, dynamo, streams });
  return Object.assign(relay, {
    close() {
      dynamo.destroy();
      streams.destroy();
    },
  });
}
