import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  DynamoDBDocumentClient,
  QueryCommandInput,
  TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type DomainError, ValidationError } from '#domain/errors.ts';
import { documents, dynamodb } from './sdk.ts';
import type { IndexName } from './table.ts';

export type Key = { PK: string; SK: string };
export type Item = Record<string, unknown> & Key;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A page of results with an opaque cursor for the next one. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** Paging cursors are signed with a per-table random key kept in the table itself. */
const CURSOR_KEY = { PK: 'CONFIG#CURSOR_KEY', SK: 'CONFIG' } as const;

export const invalidCursor = () =>
  new ValidationError(
    [
      {
        path: 'cursor',
        zh: '分页游标无效或已被篡改',
        en: 'the paging cursor is invalid or was tampered with',
      },
    ],
    '分页游标无效',
    'invalid paging cursor',
  );

/** The cursor of a query is bound to that query (index and partition): it never resumes another one. */
function cursorScope(params: { index?: string; pk: string; skPrefix?: string }): string {
  return `${params.index ?? 'table'}\u0000${params.pk}\u0000${params.skPrefix ?? ''}`;
}

function mac(key: Buffer, scope: string, payload: string): string {
  return createHmac('sha256', key).update(scope).update('\u0000').update(payload).digest('base64url');
}

/** Signs LastEvaluatedKey: "<base64url JSON>.<HMAC>". */
function encodeCursor(
  key: Buffer,
  scope: string,
  last: Record<string, unknown> | undefined,
): string | undefined {
  if (!last) return undefined;
  const payload = Buffer.from(JSON.stringify(last)).toString('base64url');
  return `${payload}.${mac(key, scope, payload)}`;
}

/** The ExclusiveStartKey of a cursor this table signed for this query, or a 400. */
function decodeCursor(
  key: Buffer,
  scope: string,
  cursor: string | undefined,
): Record<string, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined || cursor.length > 2000) throw invalidCursor();
  const expected = Buffer.from(mac(key, scope, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidCursor();
  const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidCursor();
  const entries = Object.entries(parsed);
  if (!entries.length || entries.some(([, v]) => typeof v !== 'string')) throw invalidCursor();
  return parsed as Record<string, string>;
}

/**
 * The table handle the repositories share: one document client, one table name, and
 * the few operations they need, with DynamoDB's failure modes turned into domain errors.
 */
export class Db {
  private cursorKey?: Promise<Buffer>;

  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** The table's cursor-signing key: made once (first writer wins), then read and kept in memory. */
  private signingKey(): Promise<Buffer> {
    this.cursorKey ??= (async () => {
      const stored = await this.get(CURSOR_KEY);
      if (typeof stored?.key === 'string') return Buffer.from(stored.key, 'base64url');
      try {
        await this.doc.send(
          new documents.PutCommand({
            TableName: this.tableName,
            Item: { ...CURSOR_KEY, entity: 'Config', key: randomBytes(32).toString('base64url') },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
      } catch (error) {
        if (!(error instanceof dynamodb.ConditionalCheckFailedException)) throw error;
      }
      const key = (await this.get(CURSOR_KEY))?.key;
      if (typeof key !== 'string') throw new Error('cursor key missing');
      return Buffer.from(key, 'base64url');
    })().catch((error: unknown) => {
      this.cursorKey = undefined;
      throw error;
    });
    return this.cursorKey;
  }

  async get(key: Key, consistent = true): Promise<Item | undefined> {
    const out = await this.doc.send(
      new documents.GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent }),
    );
    return out.Item as Item | undefined;
  }

  /**
   * Items by key, strongly consistent (reads after writes see the writes), in the order of
   * `keys`; missing ones are left out. At most 100 keys (one BatchGetItem).
   */
  async getMany(keys: Key[]): Promise<Item[]> {
    if (keys.length === 0) return [];
    if (keys.length > 100) throw new Error('getMany takes at most 100 keys');
    const found = new Map<string, Item>();
    let pending: Key[] = keys;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(20 * 2 ** attempt, 500)));
      const out = await this.doc.send(
        new documents.BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      for (const item of (out.Responses?.[this.tableName] ?? []) as Item[])
        found.set(`${item.PK}\u0000${item.SK}`, item);
      pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Key[];
      if (attempt > 8 && pending.length) throw new Error('getMany: keys left unprocessed');
    }
    return keys.flatMap((k) => found.get(`${k.PK}\u0000${k.SK}`) ?? []);
  }

  /** Queries a partition (of the table or an index), optionally by sort-key prefix, one page at a time. */
  async query(params: {
    index?: IndexName;
    pk: string;
    skPrefix?: string;
    /** Sort keys up to and including this one (e.g. timers due by now). */
    skAtMost?: string;
    /** Strongly consistent (the table only; an index never is): sees every write acknowledged before it. */
    consistent?: boolean;
    limit?: number;
    cursor?: string;
    newestFirst?: boolean;
    filter?: Pick<
      QueryCommandInput,
      'FilterExpression' | 'ExpressionAttributeValues' | 'ExpressionAttributeNames'
    >;
  }): Promise<Page<Item>> {
    const pkName = params.index ? `${params.index}PK` : 'PK';
    const skName = params.index ? `${params.index}SK` : 'SK';
    const names: Record<string, string> = { '#pk': pkName, ...params.filter?.ExpressionAttributeNames };
    const values: Record<string, unknown> = { ':pk': params.pk, ...params.filter?.ExpressionAttributeValues };
    let condition = '#pk = :pk';
    if (params.skPrefix) {
      names['#sk'] = skName;
      values[':sk'] = params.skPrefix;
      condition += ' AND begins_with(#sk, :sk)';
    } else if (params.skAtMost) {
      names['#sk'] = skName;
      values[':sk'] = params.skAtMost;
      condition += ' AND #sk <= :sk';
    }
    const key = await this.signingKey();
    const scope = cursorScope(params);
    const out = await this.doc.send(
      new documents.QueryCommand({
        TableName: this.tableName,
        IndexName: params.index,
        KeyConditionExpression: condition,
        FilterExpression: params.filter?.FilterExpression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        Limit: params.limit,
        ExclusiveStartKey: decodeCursor(key, scope, params.cursor),
        ScanIndexForward: !params.newestFirst,
        ...(params.consistent && !params.index ? { ConsistentRead: true } : {}),
      }),
    );
    return { items: (out.Items ?? []) as Item[], cursor: encodeCursor(key, scope, out.LastEvaluatedKey) };
  }

  /** Every item of a partition, following pages (for small partitions: a catalog, an audit trail). */
  async queryAll(params: Omit<Parameters<Db['query']>[0], 'cursor' | 'limit'>): Promise<Item[]> {
    const all: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.query({ ...params, cursor });
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return all;
  }

  /**
   * Writes all items or none. A failed condition becomes the caller's domain error, built from the
   * index of the item that failed, so callers can say which invariant was broken.
   */
  async transact(items: TransactItem[], conflict: (failedIndex: number) => DomainError): Promise<void> {
    try {
      await this.doc.send(new documents.TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof dynamodb.TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
        if (failed >= 0) throw conflict(failed);
        // Another transaction touched the same items at the same moment: that is a lost race too.
        if (reasons.some((r) => r.Code === 'TransactionConflict')) throw conflict(-1);
      }
      throw error;
    }
  }

  /**
   * Writes all items or none, and says which conditions failed instead of throwing
   * (codes per item, e.g. 'ConditionalCheckFailed' or 'None'): for writers to whom a failed
   * condition is an answer (an event already handled, a timer another sweep claimed).
   */
  async transactOrCancelled(
    items: TransactItem[],
  ): Promise<{ written: true } | { written: false; codes: string[] }> {
    try {
      await this.doc.send(new documents.TransactWriteCommand({ TransactItems: items }));
      return { written: true };
    } catch (error) {
      if (!(error instanceof dynamodb.TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      if (!codes.includes('ConditionalCheckFailed')) throw error;
      return { written: false, codes };
    }
  }

  /** A conditional update; false when its condition fails. */
  async updateIf(
    key: Key,
    update: {
      set: string;
      condition: string;
      values?: Record<string, unknown>;
      names?: Record<string, string>;
    },
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new documents.UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: update.set,
          ConditionExpression: update.condition,
          ExpressionAttributeValues: update.values,
          ExpressionAttributeNames: update.names,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof dynamodb.ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** How many items a partition (of the table or an index) holds, counted page by page. */
  async count(params: { index?: IndexName; pk: string }): Promise<number> {
    let total = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new documents.QueryCommand({
          TableName: this.tableName,
          IndexName: params.index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': params.index ? `${params.index}PK` : 'PK' },
          ExpressionAttributeValues: { ':pk': params.pk },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      total += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return total;
  }

  /** A single unconditional put (seeding, caches). */
  async putItem(item: Item): Promise<void> {
    await this.doc.send(new documents.PutCommand({ TableName: this.tableName, Item: item }));
  }

  /** A conditional Put for a transaction; `values`/`names` feed the condition. */
  put(
    item: Item,
    condition?: string,
    values?: Record<string, unknown>,
    names?: Record<string, string>,
  ): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: item,
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
        ExpressionAttributeNames: names,
      },
    };
  }
}
