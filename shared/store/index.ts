import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type BackboneStore, createBackboneStore } from './backbone.ts';
import { CatalogRepository } from './catalog.ts';
import { Db } from './db.ts';
import { FirmRepository } from './firms.ts';
import { IdempotencyRepository } from './idempotency.ts';
import { LeadRepository } from './leads.ts';
import { RequestRepository } from './requests.ts';
import { UserRepository } from './users.ts';

/** Every repository over one table: the port the use cases receive. */
export interface Store {
  db: Db;
  firms: FirmRepository;
  catalog: CatalogRepository;
  users: UserRepository;
  requests: RequestRepository;
  leads: LeadRepository;
  idempotency: IdempotencyRepository;
  /** The event backbone's rows (consumer ledger, timers, notifications, escalations, webhooks). */
  backbone: BackboneStore;
}

export function createStore(doc: DynamoDBDocumentClient, tableName: string): Store {
  const db = new Db(doc, tableName);
  return {
    db,
    firms: new FirmRepository(db),
    catalog: new CatalogRepository(db),
    users: new UserRepository(db),
    requests: new RequestRepository(db),
    leads: new LeadRepository(db),
    idempotency: new IdempotencyRepository(db),
    backbone: createBackboneStore(db),
  };
}
