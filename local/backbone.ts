import type { Decoded } from '#events/decode.ts';
import { createLocalStreamRelay } from '#store/stream-relay.ts';
import { LocalBus } from '#usecases/backbone/bus.ts';
import type { BackboneDeps } from '#usecases/backbone/context.ts';
import { CONSUMERS, TIMER_HANDLERS } from '#usecases/backbone/index.ts';
import { sweepTimers } from '#usecases/backbone/sweep.ts';

export interface LocalBackbone {
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
  endpoint: string;
  tableName: string;
  deps: BackboneDeps;
  sweepEveryMs?: number;
}): LocalBackbone {
  const { deps } = options;
  const bus = new LocalBus(Object.values(CONSUMERS), deps);
  const relay = createLocalStreamRelay({
    endpoint: options.endpoint,
    tableName: options.tableName,
    ledger: deps.store.backbone.ledger,
    onEvent: (decoded: Decoded) => bus.publish(decoded),
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
    bus,
    sweep,
    async stop() {
      clearInterval(interval);
      await relay.stop();
      await sweeping;
      relay.close();
    },
  };
}
