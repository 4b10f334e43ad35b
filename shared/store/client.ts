import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documents, dynamodb } from './sdk.ts';

export interface StoreConnection {
  /** Where the table lives: undefined = AWS (region from the environment), else e.g. http://127.0.0.1:8000. */
  endpoint?: string;
  region?: string;
}

/**
 * Clients are built once per process (module scope in Lambda, once in local mode) and
 * handed to the repositories. DynamoDB Local accepts any static credentials.
 */
export function createDynamoClient({ endpoint, region }: StoreConnection = {}): DynamoDBClient {
  return new dynamodb.DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: region ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 3,
        }
      : { region, maxAttempts: 3 },
  );
}

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return documents.DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
