import { openRequests } from '#usecases/backbone/consumers/open-requests.ts';
import { consumerFunction } from '../consumer-function.ts';

/** The open-requests consumer's function: its bundle carries this consumer alone. */
export const handler = consumerFunction({ 'open-requests': openRequests });
