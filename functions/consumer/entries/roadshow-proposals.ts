import { roadshowProposals } from '#usecases/backbone/consumers/roadshows.ts';
import { consumerFunction } from '../consumer-function.ts';

/** The roadshow-proposals consumer's function: its bundle carries this consumer alone. */
export const handler = consumerFunction({ 'roadshow-proposals': roadshowProposals });
