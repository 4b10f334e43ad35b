import { ConflictError, NotFoundError } from '#domain/errors.ts';
import type { LeadRecord, RequestRecord } from '#domain/request.ts';
import type { EventEnvelope } from '#events/envelope.ts';
import type { Db, Item, Page, TransactItem } from './db.ts';
import { keys, SK_PREFIX } from './keys.ts';
import { leadItem } from './leads.ts';
import { outboxPut } from './outbox.ts';

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

  /** Request + its matches + RequestSubmitted (+ the idempotency claim) in one transaction. */
  async submit(
    record: RequestRecord,
    matches: unknown,
    event: EventEnvelope,
    claim: TransactItem,
  ): Promise<void> {
    await this.db.transact(
      [
        claim,
        this.db.put(requestItem(record), 'attribute_not_exists(PK)'),
        this.matchesPut(record.id, matches),
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
    return (await this.db.get(keys.request(id)))?.data as RequestRecord | undefined;
  }

  async require(id: string): Promise<RequestRecord> {
    const record = await this.get(id);
    if (!record) throw requestNotFound(id);
    return record;
  }

  /** The request's stored matches (written at submission, replaced when a re-match finds changes). */
  matchesPut(requestId: string, matches: unknown): TransactItem {
    return this.db.put({ ...keys.requestMatches(requestId), entity: 'RequestMatches', data: matches });
  }

  async getMatches<T>(id: string): Promise<T | undefined> {
    return (await this.db.get(keys.requestMatches(id)))?.data as T | undefined;
  }

  async listByFirm(uscc: string, limit: number, cursor?: string): Promise<Page<RequestRecord>> {
    const pk = keys.requestByFirm(uscc, '', '').GSI1PK;
    const page = await this.db.query({ index: 'GSI1', pk, limit, cursor, newestFirst: true });
    return { items: page.items.map((i) => i.data as RequestRecord), cursor: page.cursor };
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
    return { items: page.items.map((i) => i.data as RequestRecord), cursor: page.cursor };
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
    consents: { institutionId: string; productIds: string[]; at: string; userId: string }[],
    events: EventEnvelope[],
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
  async consents(
    requestId: string,
  ): Promise<{ institutionId: string; productIds: string[]; at: string; userId: string }[]> {
    const items = await this.db.queryAll({ pk: keys.request(requestId).PK, skPrefix: SK_PREFIX.consent });
    return items.map(
      (i) => i.data as { institutionId: string; productIds: string[]; at: string; userId: string },
    );
  }

  /** Marks the request withdrawn; the caller adds the lead transitions to the same transaction. */
  withdrawUpdate(record: RequestRecord): TransactItem {
    return {
      Update: {
        TableName: this.db.tableName,
        Key: keys.request(record.id),
        UpdateExpression: 'SET #status = :withdrawn, #data.#status = :withdrawn',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#data': 'data', '#status': 'status' },
        ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':open': 'open' },
      },
    };
  }
}
