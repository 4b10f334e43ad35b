import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LocalBus } from '#shared/backbone/bus.ts';
import type { BackboneDeps } from '#shared/backbone/context.ts';
import { CONSUMERS, TIMER_HANDLERS } from '#shared/backbone/index.ts';
import { StreamRelay } from '#shared/backbone/relay.ts';
import { sweepTimers } from '#shared/backbone/sweep.ts';

export interface LocalBackbone {
  relay: StreamRelay;
  bus: LocalBus;
  /** One sweep now (the interval runs them every `sweepEveryMs`). */
  sweep(): ReturnType<typeof sweepTimers>;
  stop(): Promise<void>;
}

/**
 * The event backbone of local mode, in the `npm start` process: the stream relay feeding
 * the in-process bus (same routing table and consumers as AWS), and the timer sweep on an
 * interval (every minute, like the EventBridge schedule in AWS).
 */
export function startLocalBackbone(options: {
  dynamo: DynamoDBClient;
  endpoint: string;
  tableName: string;
  deps: BackboneDeps;
  sweepEveryMs?: number;
}): LocalBackbone {
  const { deps } = options;
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const bus = new LocalBus(Object.values(CONSUMERS), deps);
  const relay = new StreamRelay({
    dynamo: options.dynamo,
    streams,
    tableName: options.tableName,
    ledger: deps.store.backbone.ledger,
    onEvent: (decoded) => bus.publish(decoded),
    logger: deps.logger,
  });
  relay.start();

  let sweeping: Promise<unknown> | undefined;
  const sweep = () => sweepTimers(deps, TIMER_HANDLERS);
  const tick = () => {
    sweeping ??= sweep()
      .catch((error: unknown) => deps.logger.error('sweep failed', { error }))
      .finally(() => {
        sweeping = undefined;
      });
  };
  tick();
  const interval = setInterval(tick, options.sweepEveryMs ?? 60_000);

  return {
    relay,
    bus,
    sweep,
    async stop() {
      clearInterval(interval);
      await relay.stop();
      await sweeping;
      streams.destroy();
    },
  };
}
