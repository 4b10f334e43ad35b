import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '#store/bootstrap.ts';
import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { createStore, type Store } from '#store/index.ts';

/**
 * A fresh table on the run's DynamoDB Local. Tests isolate by table name, so files run
 * in parallel without seeing each other's rows.
 */
export async function createTestStore(): Promise<{ store: Store; tableName: string; drop(): Promise<void> }> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `test-${randomUUID().slice(0, 8)}`;
  const raw = createDynamoClient({ endpoint });
  await ensureTable(raw, tableName);
  const doc = createDocumentClient(raw);
  return {
    store: createStore(doc, tableName),
    tableName,
    async drop() {
      await raw.send(new DeleteTableCommand({ TableName: tableName }));
      raw.destroy();
    },
  };
}
