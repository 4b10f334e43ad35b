import { certificateExpiry } from '#usecases/backbone/consumers/certificate-expiry.ts';
import { consumerFunction } from '../consumer-function.ts';

/** The certificate-expiry consumer's function: its bundle carries this consumer alone. */
export const handler = consumerFunction({ 'certificate-expiry': certificateExpiry });
