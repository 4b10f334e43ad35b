import { ConflictError } from '#domain/errors.ts';
import { type RecordedLprFixing, RecordedLprFixingSchema } from '#domain/lpr-fixings.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Db } from './db.ts';
import { keys, SK_PREFIX } from './keys.ts';
import { outboxPut } from './outbox.ts';

/**
 * LPR fixings operators record: one row per effective date in one small partition (twelve a
 * year), so "all fixings" is one query and a date is recorded once (a condition on the key).
 */
export class LprRepository {
  constructor(private readonly db: Db) {}

  /** Every recorded fixing, oldest first. */
  async list(): Promise<RecordedLprFixing[]> {
    const items = await this.db.queryAll({ pk: keys.lprFixing('').PK, skPrefix: SK_PREFIX.lprFixing });
    return items.map((i) => RecordedLprFixingSchema.parse(i.data));
  }

  /** A new fixing with its LprFixingRecorded event; a date already recorded is a 409, nothing written. */
  async record(fixing: RecordedLprFixing, event: EventOf<'LprFixingRecorded'>): Promise<void> {
    await this.db.transact(
      [
        this.db.put(
          { ...keys.lprFixing(fixing.effectiveFrom), entity: 'LprFixing', data: fixing },
          'attribute_not_exists(PK)',
        ),
        outboxPut(this.db, event),
      ],
      () =>
        new ConflictError(
          `${fixing.effectiveFrom} 已有LPR报价`,
          `an LPR fixing for ${fixing.effectiveFrom} is already recorded`,
        ),
    );
  }
}
