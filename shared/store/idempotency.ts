import type { Db, TransactItem } from './db.ts';
import { keys } from './keys.ts';

/** Idempotency records outlive any sane client retry window. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export interface IdempotencyRecord {
  scope: string;
  key: string;
  /** SHA-256 of the canonical request body: same key + different body is refused. */
  bodyHash: string;
  /** Id of what the first call created; replays answer from it. */
  resultId: string;
  createdAt: string;
}

/** Idempotency-Key bookkeeping, written in the same transaction as the thing it protects. */
export class IdempotencyRepository {
  constructor(private readonly db: Db) {}

  async get(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return (await this.db.get(keys.idempotency(scope, key)))?.data as IdempotencyRecord | undefined;
  }

  /** The Put that claims the key; fails its condition when another call already did. */
  claimPut(record: IdempotencyRecord): TransactItem {
    return this.db.put(
      {
        ...keys.idempotency(record.scope, record.key),
        entity: 'Idempotency',
        data: record,
        expiresAt: Math.floor(Date.parse(record.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
      },
      'attribute_not_exists(PK)',
    );
  }
}
