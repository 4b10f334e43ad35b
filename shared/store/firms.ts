import * as z from 'zod';
import { ConflictError, NotFoundError } from '#domain/errors.ts';
import { type Certification, type Firm, type FirmFigures, FirmSchema } from '#domain/firm.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { type Specialist, SpecialistRecordSchema } from '#domain/specialist.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Db, Item, TransactItem } from './db.ts';
import { type Effect, effectItems } from './effects.ts';
import { keys } from './keys.ts';
import { outboxPut } from './outbox.ts';
import { type UserRecord, userExists, userItem } from './users.ts';

const parseFirm = (item: Item): Firm => FirmSchema.parse(item.data);

export const RegionFlagSchema = lazySchema(() =>
  z.object({
    uscc: z.string(),
    regionCode: z.string(),
    divisionCode: z.string(),
    raisedAt: z.string(),
    zh: z.string(),
    en: z.string(),
  }),
);
export type RegionFlag = z.infer<typeof RegionFlagSchema>;

export const FirmClaimSchema = lazySchema(() =>
  z.object({ email: z.string(), userId: z.string(), claimedAt: z.string() }),
);
export type FirmClaim = z.infer<typeof FirmClaimSchema>;

/** The account without its firm binding (a firm-role account that lost a disputed claim). */
function unbound(user: UserRecord): UserRecord {
  const { uscc: _lost, ...rest } = user;
  return rest;
}

export const firmNotFound = (uscc: string) =>
  new NotFoundError(`未找到企业 ${uscc}`, `firm ${uscc} not found`);

/** Firms (企业) keyed by their unified social credit code. */
export class FirmRepository {
  constructor(private readonly db: Db) {}

  /** Registers a firm with its FirmRegistered event; a second firm with the same uscc is a conflict. */
  /** With `account`, the firm's first user is created in the same transaction (e-mail unique too). */
  async create(
    firm: Firm,
    event: EventOf<'FirmRegistered'>,
    account?: UserRecord,
    checks: { regionFlag?: RegionFlag } = {},
  ): Promise<void> {
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
        // The first user of a USCC claims it (operators reassign disputed claims).
        ...(account
          ? [
              this.db.put({
                ...keys.firmClaim(firm.uscc),
                entity: 'FirmClaim',
                data: { email: account.email, userId: account.userId, claimedAt: event.occurredAt },
              }),
            ]
          : []),
        ...(checks.regionFlag
          ? [
              this.db.put({
                ...keys.firmRegionFlag(firm.uscc),
                ...keys.firmFlagByRegion(firm.regionCode, firm.uscc),
                entity: 'FirmRegionFlag',
                data: checks.regionFlag,
              }),
            ]
          : []),
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

  /**
   * Writes a firm's figures with FirmFiguresUpdated and what they change elsewhere (its open
   * requests' new matches and re-matching rows), all in one transaction; the firm must exist.
   */
  async updateFigures(
    uscc: string,
    figures: FirmFigures,
    event: EventOf<'FirmFiguresUpdated'>,
    effects: Effect[],
  ): Promise<void> {
    const names = Object.keys(figures) as (keyof FirmFigures)[];
    await this.db.transact(
      [
        {
          Update: {
            TableName: this.db.tableName,
            Key: keys.firm(uscc),
            UpdateExpression: `SET ${names.map((_, i) => `#data.#f${i} = :f${i}`).join(', ')}, updatedAt = :at`,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: {
              '#data': 'data',
              ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
            },
            ExpressionAttributeValues: {
              ':at': event.occurredAt,
              ...Object.fromEntries(names.map((n, i) => [`:f${i}`, figures[n]])),
            },
          },
        },
        outboxPut(this.db, event),
        ...effects.flatMap((e) => effectItems(this.db, e)),
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
      [this.firmExists(uscc), this.db.put(specialistItem(uscc, specialist)), outboxPut(this.db, event)],
      () => firmNotFound(uscc),
    );
  }

  async specialist(uscc: string): Promise<Specialist | undefined> {
    const item = await this.db.get(keys.firmSpecialist(uscc));
    return item && SpecialistRecordSchema.parse(item.data);
  }

  /** A transaction item that holds only while the firm exists. */
  private firmExists(uscc: string): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.db.tableName,
        Key: keys.firm(uscc),
        ConditionExpression: 'attribute_exists(PK)',
      },
    };
  }

  /** Firms whose USCC division code disagrees with the claimed region, in the operator's province. */
  async regionFlags(regionPrefix: string): Promise<RegionFlag[]> {
    const items = await this.db.queryAll({
      index: 'GSI2',
      pk: keys.firmFlagByRegion(regionPrefix, '').GSI2PK,
      skPrefix: regionPrefix.length > 2 ? regionPrefix : undefined,
    });
    return items.map((i) => RegionFlagSchema.parse(i.data));
  }

  async claim(uscc: string): Promise<FirmClaim | undefined> {
    const item = await this.db.get(keys.firmClaim(uscc));
    return item && FirmClaimSchema.parse(item.data);
  }

  /**
   * Rebinds the firm to another firm-role account: the new account gets the USCC, the
   * previous claimant (when known) loses it, the claim and its event change together.
   */
  async reassignClaim(
    uscc: string,
    to: UserRecord,
    previous: UserRecord | undefined,
    event: EventOf<'FirmClaimReassigned'>,
  ): Promise<void> {
    await this.db.transact(
      [
        this.firmExists(uscc),
        this.db.put(userItem({ ...to, uscc })),
        ...(previous && previous.email !== to.email ? [this.db.put(userItem(unbound(previous)))] : []),
        this.db.put({
          ...keys.firmClaim(uscc),
          entity: 'FirmClaim',
          data: { email: to.email, userId: to.userId, claimedAt: event.occurredAt },
        }),
        outboxPut(this.db, event),
      ],
      () => new NotFoundError(`未找到企业 ${uscc}`, `firm ${uscc} not found`),
    );
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
