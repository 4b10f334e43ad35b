import * as z from 'zod';
import { lazySchema } from '#domain/lazy-schema.ts';
import type { Db, TransactItem } from './db.ts';
import { keys } from './keys.ts';

/** Idempotency records outlive any sane client retry window. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export const IdempotencyRecordSchema = lazySchema(() =>
  z.object({
    scope: z.string(),
    key: z.string(),
    /** SHA-256 of the canonical request body: same key + different body is refused. */
    bodyHash: z.string(),
    /** Id of what the first call created; replays answer from it. */
    resultId: z.string(),
    createdAt: z.iso.datetime(),
  }),
);
export type IdempotencyRecord = z.infer<typeof IdempotencyRecordSchema>;

/** Idempotency-Key bookkeeping, written in the same transaction as the thing it protects. */
export class IdempotencyRepository {
  constructor(private readonly db: Db) {}

  async get(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const item = await this.db.get(keys.idempotency(scope, key));
    return item && IdempotencyRecordSchema.parse(item.data);
  }
}

/** The Put that claims a key, inside the transaction of what it protects; fails when another call already did. */
export function claimPut(db: Db, record: IdempotencyRecord): TransactItem {
  return db.put(
    {
      ...keys.idempotency(record.scope, record.key),
      entity: 'Idempotency',
      data: record,
      expiresAt: Math.floor(Date.parse(record.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
    },
    'attribute_not_exists(PK)',
  );
}
