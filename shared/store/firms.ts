import { ConflictError, NotFoundError } from '#domain/errors.ts';
import { type Certification, type Firm, FirmSchema } from '#domain/firm.ts';
import { type Specialist, SpecialistRecordSchema } from '#domain/specialist.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Db, Item } from './db.ts';
import { keys } from './keys.ts';
import { outboxPut } from './outbox.ts';
import { type UserRecord, userExists, userItem } from './users.ts';

const parseFirm = (item: Item): Firm => FirmSchema.parse(item.data);

export const firmNotFound = (uscc: string) =>
  new NotFoundError(`未找到企业 ${uscc}`, `firm ${uscc} not found`);

/** Firms (企业) keyed by their unified social credit code. */
export class FirmRepository {
  constructor(private readonly db: Db) {}

  /** Registers a firm with its FirmRegistered event; a second firm with the same uscc is a conflict. */
  /** With `account`, the firm's first user is created in the same transaction (e-mail unique too). */
  async create(firm: Firm, event: EventOf<'FirmRegistered'>, account?: UserRecord): Promise<void> {
    await this.db.transact(
      [
        this.db.put(
          {
            ...keys.firm(firm.uscc),
            ...keys.firmByRegion(firm.regionCode, firm.uscc),
            entity: 'Firm',
            data: firm,
            updatedAt: event.occurredAt,
          },
          'attribute_not_exists(PK)',
        ),
        outboxPut(this.db, event),
        ...(account ? [this.db.put(userItem(account), 'attribute_not_exists(PK)')] : []),
      ],
      // Items: 0 firm, 1 event, 2 account. A concurrent twin (-1) is a firm conflict too.
      (failed) =>
        failed === 2 && account
          ? userExists(account.email)
          : new ConflictError(
              `统一社会信用代码 ${firm.uscc} 已注册`,
              `a firm with uscc ${firm.uscc} is already registered`,
            ),
    );
  }

  /** Seeding: create or overwrite a firm without an event (demo data, list imports in tests). */
  async upsert(firm: Firm, at: string): Promise<void> {
    await this.db.putItem({
      ...keys.firm(firm.uscc),
      ...keys.firmByRegion(firm.regionCode, firm.uscc),
      entity: 'Firm',
      data: firm,
      updatedAt: at,
    });
  }

  async get(uscc: string): Promise<Firm | undefined> {
    const item = await this.db.get(keys.firm(uscc));
    return item && parseFirm(item);
  }

  async require(uscc: string): Promise<Firm> {
    const firm = await this.get(uscc);
    if (!firm) throw firmNotFound(uscc);
    return firm;
  }

  /** Replaces the firm's certificates (the list is small and replaced as a whole), with its event. */
  async replaceCertifications(
    uscc: string,
    certifications: Certification[],
    event: EventOf<'FirmCertificationsUpdated'>,
  ): Promise<void> {
    await this.db.transact(
      [
        {
          Update: {
            TableName: this.db.tableName,
            Key: keys.firm(uscc),
            UpdateExpression: 'SET #data.#certs = :certs, updatedAt = :at',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#data': 'data', '#certs': 'certifications' },
            ExpressionAttributeValues: { ':certs': certifications, ':at': event.occurredAt },
          },
        },
        outboxPut(this.db, event),
      ],
      () => firmNotFound(uscc),
    );
  }

  /** Assigns (or replaces) the firm's service specialist, with its event; the firm must exist. */
  async assignSpecialist(
    uscc: string,
    specialist: Specialist,
    event: EventOf<'SpecialistAssigned'>,
  ): Promise<void> {
    await this.db.transact(
      [
        {
          ConditionCheck: {
            TableName: this.db.tableName,
            Key: keys.firm(uscc),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        this.db.put(specialistItem(uscc, specialist)),
        outboxPut(this.db, event),
      ],
      () => firmNotFound(uscc),
    );
  }

  async specialist(uscc: string): Promise<Specialist | undefined> {
    const item = await this.db.get(keys.firmSpecialist(uscc));
    return item && SpecialistRecordSchema.parse(item.data);
  }

  /** Firms of a region (prefix of the GB/T 2260 code), a page at a time. */
  async listByRegion(regionPrefix: string, limit: number, cursor?: string) {
    const page = await this.db.query({ index: 'GSI1', pk: 'FIRMS', skPrefix: regionPrefix, limit, cursor });
    return { items: page.items.map(parseFirm), cursor: page.cursor };
  }
}

/** The firm's specialist row (an operator's assignment, or an escalation's default one). */
export function specialistItem(uscc: string, specialist: Specialist): Item {
  return { ...keys.firmSpecialist(uscc), entity: 'FirmSpecialist', data: specialist };
}
