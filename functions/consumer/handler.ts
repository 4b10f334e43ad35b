import { CONSUMERS } from '#usecases/backbone/index.ts';
import { consumerFunction } from './consumer-function.ts';

/** Any consumer, picked by CONSUMER (the deployed functions use entries/<consumer>.ts, one each). */
export const handler = consumerFunction(CONSUMERS);
