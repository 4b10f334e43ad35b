import { productRematch } from '#usecases/backbone/consumers/product-rematch.ts';
import { consumerFunction } from '../consumer-function.ts';

/** The product-rematch consumer's function: its bundle carries this consumer alone. */
export const handler = consumerFunction({ 'product-rematch': productRematch });
