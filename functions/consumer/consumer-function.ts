import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import type { ConsumerName } from '#events/routing.ts';
import { parseEnvWith } from '#shared/config.ts';
import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { createStore } from '#store/index.ts';
import { decodeStreamRecord, type StreamRecordLike } from '#store/stream-records.ts';
import type { BackboneDeps, Consumer } from '#usecases/backbone/context.ts';
import { runConsumer } from '#usecases/backbone/runner.ts';
import { lambdaObservability } from '../shared/observability.ts';

/**
 * One consumer behind its own SQS queue (EventBridge rule → queue → this function). The
 * message is the EventBridge event the Pipe put on the bus; its detail is the table's stream
 * record, decoded by the same code as the local relay. Each record is run through the same
 * idempotent runner as locally; a failure is reported for that record alone (partial batch
 * response), so SQS retries it and, after maxReceiveCount, moves it to the consumer's DLQ.
 *
 * Called at cold start with the consumers the function's bundle carries: the deployed
 * functions each carry their own alone (functions/consumer/entries/), so a bundle holds only
 * the code its consumer runs; CONSUMER must name one of them.
 */
export function consumerFunction(consumers: Readonly<Partial<Record<ConsumerName, Consumer>>>) {
  const names = Object.keys(consumers) as ConsumerName[];
  const env = parseEnvWith(
    z.object({
      AWS_REGION: z.string().min(1),
      TABLE_NAME: z.string().min(3),
      CONSUMER: z.enum(names as [ConsumerName, ...ConsumerName[]]),
    }),
  );
  const observability = lambdaObservability(`jingrong-${env.CONSUMER}`);
  const consumer = consumers[env.CONSUMER] as Consumer;
  const deps: BackboneDeps = {
    store: createStore(createDocumentClient(createDynamoClient({ region: env.AWS_REGION })), env.TABLE_NAME),
    logger: observability.appLogger,
    metrics: observability.metricsPort,
    now: () => new Date(),
    newId: randomUUID,
    mode: 'aws',
  };

  return async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        const message = JSON.parse(record.body) as { detail?: StreamRecordLike };
        const decoded = decodeStreamRecord(message.detail ?? {});
        if (decoded.kind === 'event') {
          await runConsumer(consumer, decoded.event, deps);
        } else if (decoded.kind === 'malformed') {
          // Retrying cannot fix it: straight to the dead letters, with the reason, and acknowledged.
          await deps.store.backbone.ledger.deadLetter({
            consumer: consumer.name,
            eventId: decoded.eventId,
            reason: decoded.reason,
            attempts: 0,
            at: deps.now().toISOString(),
            event: decoded.raw,
          });
        }
      } catch (error) {
        observability.appLogger.error('consumer failed; SQS will redeliver', {
          messageId: record.messageId,
          error,
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    if (observability.metrics.hasStoredMetrics()) observability.metrics.publishStoredMetrics();
    return { batchItemFailures };
  };
}
