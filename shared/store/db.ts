import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DomainError } from '#domain/errors.ts';
import type { IndexName } from './table.ts';

export type Key = { PK: string; SK: string };
export type Item = Record<string, unknown> & Key;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A page of results with an opaque cursor for the next one. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The table handle the repositories share: one document client, one table name, and
 * the few operations they need, with DynamoDB's failure modes turned into domain errors.
 */
export class Db {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(key: Key, consistent = true): Promise<Item | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent }),
    );
    return out.Item as Item | undefined;
  }

  /** Queries a partition (of the table or an index), optionally by sort-key prefix, one page at a time. */
  async query(params: {
    index?: IndexName;
    pk: string;
    skPrefix?: string;
    /** Sort keys up to and including this one (e.g. timers due by now). */
    skAtMost?: string;
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
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: params.index,
        KeyConditionExpression: condition,
        FilterExpression: params.filter?.FilterExpression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        Limit: params.limit,
        ExclusiveStartKey: decodeCursor(params.cursor),
        ScanIndexForward: !params.newestFirst,
      }),
    );
    return { items: (out.Items ?? []) as Item[], cursor: encodeCursor(out.LastEvaluatedKey) };
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
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
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
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { written: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
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
        new UpdateCommand({
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
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** How many items a partition (of the table or an index) holds, counted page by page. */
  async count(params: { index?: IndexName; pk: string }): Promise<number> {
    let total = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
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
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item }));
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
