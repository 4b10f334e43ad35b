import { leadDeadlines } from '#usecases/backbone/consumers/lead-deadlines.ts';
import { consumerFunction } from '../consumer-function.ts';

/** The lead-deadlines consumer's function: its bundle carries this consumer alone. */
export const handler = consumerFunction({ 'lead-deadlines': leadDeadlines });
