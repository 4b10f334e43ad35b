import { escalations } from '#usecases/backbone/consumers/escalations.ts';
import { consumerFunction } from '../consumer-function.ts';

/** The escalations consumer's function: its bundle carries this consumer alone. */
export const handler = consumerFunction({ escalations });
