import { type Dispute, DisputeSchema } from '#domain/dispute.ts';
import { ConflictError } from '#domain/errors.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Db, Item } from './db.ts';
import { keys, SK_PREFIX } from './keys.ts';
import { outboxPut } from './outbox.ts';

/**
 * Disputes of certificate outcomes: one row per dispute in the firm's partition (a firm's
 * disputes are one query, read with its certificates), indexed by province for operators.
 * The row is its own audit record: who raised it when and why, who ruled when and how.
 */
const parse = (item: Item): Dispute => DisputeSchema.parse(item.data);

function row(d: Dispute): Item {
  return {
    ...keys.certificateDispute(d.uscc, d.id),
    ...keys.certificateDisputeByRegion(d.regionCode, d.raisedAt, d.id),
    entity: 'CertificateDispute',
    status: d.status,
    data: d,
  };
}

export class DisputeRepository {
  constructor(private readonly db: Db) {}

  /** A firm's disputes, oldest first. */
  async ofFirm(uscc: string): Promise<Dispute[]> {
    const items = await this.db.queryAll({ pk: keys.firm(uscc).PK, skPrefix: SK_PREFIX.certificateDispute });
    return items.map(parse).sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : 1));
  }

  async get(uscc: string, id: string): Promise<Dispute | undefined> {
    const item = await this.db.get(keys.certificateDispute(uscc, id));
    return item && parse(item);
  }

  /** Disputes of firms whose region starts with `regionPrefix`, newest first. */
  async ofRegion(regionPrefix: string): Promise<Dispute[]> {
    const items = await this.db.queryAll({
      index: 'GSI2',
      pk: keys.certificateDisputeByRegion(regionPrefix, '', '').GSI2PK,
      skPrefix: regionPrefix,
      newestFirst: true,
    });
    return items.map(parse);
  }

  /** A new dispute with its CertificateDisputed event. */
  async raise(dispute: Dispute, event: EventOf<'CertificateDisputed'>): Promise<void> {
    await this.db.transact(
      [this.db.put(row(dispute), 'attribute_not_exists(PK)'), outboxPut(this.db, event)],
      () => new ConflictError('异议已存在', 'the dispute already exists'),
    );
  }

  /** The ruling, written only while the dispute is still open (two operators cannot both rule). */
  async rule(dispute: Dispute, event: EventOf<'CertificateDisputeRuled'>): Promise<void> {
    await this.db.transact(
      [
        this.db.put(row(dispute), '#status = :open', { ':open': 'open' }, { '#status': 'status' }),
        outboxPut(this.db, event),
      ],
      () => new ConflictError('该异议已处理', 'the dispute was already ruled on'),
    );
  }
}
