import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '#store/bootstrap.ts';
import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { createStore, type Store } from '#store/index.ts';

/** The store, plus the raw client so tests can look at the rows themselves. */
export type TestStore = Store & { db: { doc: DynamoDBDocumentClient; tableName: string } };

/**
 * A fresh table on the run's DynamoDB Local. Tests isolate by table name, so files run
 * in parallel without seeing each other's rows.
 */
export async function createTestStore(): Promise<{
  store: TestStore;
  tableName: string;
  drop(): Promise<void>;
}> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `test-${randomUUID().slice(0, 8)}`;
  const raw = createDynamoClient({ endpoint });
  await ensureTable(raw, tableName);
  const doc = createDocumentClient(raw);
  return {
    store: Object.assign(createStore(doc, tableName), { db: { doc, tableName } }),
    tableName,
    async drop() {
      await raw.send(new DeleteTableCommand({ TableName: tableName }));
      raw.destroy();
    },
  };
}
