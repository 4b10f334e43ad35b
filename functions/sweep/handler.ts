import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { parseEnvWith } from '#shared/config.ts';
import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { createStore } from '#store/index.ts';
import { type SweepResult, sweepTimers } from '#usecases/backbone/sweep.ts';
import { TIMER_HANDLERS } from '#usecases/backbone/timer-handlers.ts';
import { lambdaObservability } from '../shared/observability.ts';

/** The timer sweep, every minute on an EventBridge schedule: the same sweep as local mode's interval. */
const env = parseEnvWith(z.object({ AWS_REGION: z.string().min(1), TABLE_NAME: z.string().min(3) }));
const observability = lambdaObservability('jingrong-sweep');
const store = createStore(
  createDocumentClient(createDynamoClient({ region: env.AWS_REGION })),
  env.TABLE_NAME,
);

export async function handler(): Promise<SweepResult> {
  try {
    const result = await sweepTimers(
      {
        store,
        logger: observability.appLogger,
        metrics: observability.metricsPort,
        now: () => new Date(),
        newId: randomUUID,
        mode: 'aws',
      },
      TIMER_HANDLERS,
    );
    observability.appLogger.info('sweep', { ...result });
    return result;
  } catch (error) {
    // Logged here, with its stack in source terms, before the runtime reports the failure.
    observability.appLogger.error('sweep failed; the next minute retries', { error });
    throw error;
  } finally {
    if (observability.metrics.hasStoredMetrics()) observability.metrics.publishStoredMetrics();
  }
}
