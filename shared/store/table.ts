/**
 * The one table. This module is the single definition read by both the CDK stack
 * (infra/) and the local bootstrap (local/), so the two can never drift.
 * Keys are generic (PK/SK, GSIn PK/SK); what they hold per entity lives in keys.ts.
 */
export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB deletes items after this (idempotency records, old outbox rows). */
  ttlAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  ],
  /** Streams carry new images to the event relay (transactional outbox). */
  streamViewType: 'NEW_IMAGE',
} as const;

export type IndexName = (typeof TABLE.globalSecondaryIndexes)[number]['indexName'];
export const DEFAULT_TABLE_NAME = 'jingrong';
