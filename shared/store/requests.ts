import * as z from 'zod';
import { ConflictError, NotFoundError } from '#domain/errors.ts';
import { type LostProduct, LostProductSchema } from '#domain/lost-product.ts';
import { type MatchResult, MatchResultSchema } from '#domain/matching/index.ts';
import {
  type Consent,
  ConsentSchema,
  type LeadRecord,
  type RequestRecord,
  RequestRecordSchema,
} from '#domain/request.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Db, Item, Page } from './db.ts';
import { claimPut, type IdempotencyRecord } from './idempotency.ts';
import { keys, SK_PREFIX } from './keys.ts';
import { type LeadChange, leadChanged, leadChangeItems, leadItem } from './leads.ts';
import { outboxPut } from './outbox.ts';

const parseRequest = (item: Item) => RequestRecordSchema.parse(item.data);

export const requestNotFound = (id: string) =>
  new NotFoundError(`未找到融资需求 ${id}`, `request ${id} not found`);

function requestItem(record: RequestRecord): Item {
  return {
    ...keys.request(record.id),
    ...keys.requestByFirm(record.uscc, record.createdAt, record.id),
    ...keys.requestByRegion(record.regionCode, record.createdAt, record.id),
    entity: 'Request',
    status: record.status,
    regionCode: record.regionCode,
    data: record,
  };
}

/** Funding requests (融资需求), their stored matches, consents, and the leads sent from them. */
export class RequestRepository {
  constructor(private readonly db: Db) {}

  /**
   * Request + its matches + RequestSubmitted + the Idempotency-Key's claim in one
   * transaction: a concurrent call with the same key loses the claim and nothing of it is stored.
   */
  async submit(
    record: RequestRecord,
    matches: MatchResult,
    event: EventOf<'RequestSubmitted'>,
    claim: IdempotencyRecord,
  ): Promise<void> {
    await this.db.transact(
      [
        claimPut(this.db, claim),
        this.db.put(requestItem(record), 'attribute_not_exists(PK)'),
        this.db.put(matchesItem(record.id, matches)),
        outboxPut(this.db, event),
      ],
      () =>
        new ConflictError(
          '该请求正在处理或已提交',
          'this request was already submitted with the same Idempotency-Key',
        ),
    );
  }

  async get(id: string): Promise<RequestRecord | undefined> {
    const item = await this.db.get(keys.request(id));
    return item && parseRequest(item);
  }

  async require(id: string): Promise<RequestRecord> {
    const record = await this.get(id);
    if (!record) throw requestNotFound(id);
    return record;
  }

  async getMatches(id: string): Promise<MatchResult | undefined> {
    const item = await this.db.get(keys.requestMatches(id));
    return item && MatchResultSchema.parse(item.data);
  }

  /** Products the request matched before and lost since (set by re-matching), with why. */
  async lostProducts(id: string): Promise<LostProduct[]> {
    const item = await this.db.get(keys.requestMatches(id));
    return z.array(LostProductSchema).parse(item?.lostProducts ?? []);
  }

  async listByFirm(uscc: string, limit: number, cursor?: string): Promise<Page<RequestRecord>> {
    const pk = keys.requestByFirm(uscc, '', '').GSI1PK;
    const page = await this.db.query({ index: 'GSI1', pk, limit, cursor, newestFirst: true });
    return { items: page.items.map(parseRequest), cursor: page.cursor };
  }

  /** Requests of an operator's region (province partition, filtered to the operator's prefix). */
  async listByRegion(regionPrefix: string, limit: number, cursor?: string): Promise<Page<RequestRecord>> {
    const pk = keys.requestByRegion(regionPrefix, '', '').GSI2PK;
    const page = await this.db.query({
      index: 'GSI2',
      pk,
      limit,
      cursor,
      newestFirst: true,
      filter: {
        FilterExpression: 'begins_with(regionCode, :prefix)',
        ExpressionAttributeValues: { ':prefix': regionPrefix },
      },
    });
    return { items: page.items.map(parseRequest), cursor: page.cursor };
  }

  /**
   * Sends the request to new institutions: the request's `sentTo` grows only if nobody
   * else changed it meanwhile (so two concurrent sends can't exceed the cap), and each
   * lead, consent row and event is written in the same transaction.
   */
  async send(
    before: RequestRecord,
    after: RequestRecord,
    leads: LeadRecord[],
    consents: Consent[],
    events: EventOf<'RequestSent' | 'LeadStatusChanged'>[],
  ): Promise<void> {
    await this.db.transact(
      [
        {
          Update: {
            TableName: this.db.tableName,
            Key: keys.request(before.id),
            UpdateExpression: 'SET #data.sentTo = :after',
            ConditionExpression: '#status = :open AND size(#data.sentTo) = :n',
            ExpressionAttributeNames: { '#data': 'data', '#status': 'status' },
            ExpressionAttributeValues: {
              ':after': after.sentTo,
              ':open': 'open',
              ':n': before.sentTo.length,
            },
          },
        },
        ...leads.map((lead) => this.db.put(leadItem(lead), 'attribute_not_exists(PK)')),
        ...consents.map((c) =>
          this.db.put(
            { ...keys.consent(before.id, c.institutionId), entity: 'Consent', data: c },
            'attribute_not_exists(PK)',
          ),
        ),
        ...events.map((e) => outboxPut(this.db, e)),
      ],
      () =>
        new ConflictError(
          '该需求已被修改（可能已发送或撤回），请刷新后重试',
          'the request changed meanwhile (sent or withdrawn); reload and retry',
        ),
    );
  }

  /** Consent rows of a request: which institutions the firm allowed to see it. */
  async consents(requestId: string): Promise<Consent[]> {
    const items = await this.db.queryAll({ pk: keys.request(requestId).PK, skPrefix: SK_PREFIX.consent });
    return items.map((i) => ConsentSchema.parse(i.data));
  }

  /**
   * Withdraws an open request in one transaction: the request (only while still open and
   * sent to exactly the institutions the caller read), each of its open leads' changes (each
   * conditional on its version) and RequestWithdrawn. Send and withdraw both condition on the
   * request item, so they exclude each other: a send that lands first makes this fail (the
   * caller re-reads the new leads and tries again), a send that comes after finds the request
   * withdrawn. No lead can be created that a withdrawal misses.
   */
  async withdraw(
    record: RequestRecord,
    leadChanges: LeadChange[],
    event: EventOf<'RequestWithdrawn'>,
  ): Promise<void> {
    await this.db.transact(
      [
        {
          Update: {
            TableName: this.db.tableName,
            Key: keys.request(record.id),
            UpdateExpression: 'SET #status = :withdrawn, #data.#status = :withdrawn',
            ConditionExpression: '#status = :open AND size(#data.sentTo) = :n',
            ExpressionAttributeNames: { '#data': 'data', '#status': 'status' },
            ExpressionAttributeValues: {
              ':withdrawn': 'withdrawn',
              ':open': 'open',
              ':n': record.sentTo.length,
            },
          },
        },
        ...leadChanges.flatMap((change) => leadChangeItems(this.db, change)),
        outboxPut(this.db, event),
      ],
      () => leadChanged(record.id),
    );
  }
}

/** The request's stored matches; a re-match replaces them and records the products lost. */
export function matchesItem(requestId: string, matches: MatchResult, lostProducts: LostProduct[] = []): Item {
  return {
    ...keys.requestMatches(requestId),
    entity: 'RequestMatches',
    data: matches,
    ...(lostProducts.length ? { lostProducts } : {}),
  };
}
