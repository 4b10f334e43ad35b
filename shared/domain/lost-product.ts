import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { BilingualTextSchema, IsoDateSchema } from './text.ts';

/**
 * A product a request matched when it was stored and no longer does (a certificate expired,
 * a product changed): flagged on the request so the firm does not send to it, until it is re-matched.
 */
export const LostProductSchema = lazySchema(() =>
  z.object({
    productId: z.string(),
    name: BilingualTextSchema,
    since: IsoDateSchema,
    /** What changed (e.g. which certificate expired). */
    cause: BilingualTextSchema,
  }),
);
export type LostProduct = z.infer<typeof LostProductSchema>;
