import { roadshowRefill } from '#usecases/backbone/consumers/roadshows.ts';
import { consumerFunction } from '../consumer-function.ts';

/** The roadshow-refill consumer's function: its bundle carries this consumer alone. */
export const handler = consumerFunction({ 'roadshow-refill': roadshowRefill });
