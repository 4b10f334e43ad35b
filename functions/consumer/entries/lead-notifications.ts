import { leadNotifications } from '#usecases/backbone/consumers/lead-notifications.ts';
import { consumerFunction } from '../consumer-function.ts';

/** The lead-notifications consumer's function: its bundle carries this consumer alone. */
export const handler = consumerFunction({ 'lead-notifications': leadNotifications });
