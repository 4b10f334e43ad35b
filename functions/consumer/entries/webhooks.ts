import { webhooks } from '#usecases/backbone/consumers/webhooks.ts';
import { consumerFunction } from '../consumer-function.ts';

/** The webhooks consumer's function: its bundle carries this consumer alone. */
export const handler = consumerFunction({ webhooks });
