import { certificateTimers } from '#usecases/backbone/consumers/certificate-timers.ts';
import { consumerFunction } from '../consumer-function.ts';

/** The certificate-timers consumer's function: its bundle carries this consumer alone. */
export const handler = consumerFunction({ 'certificate-timers': certificateTimers });
