import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type BackboneStore, createBackboneStore } from './backbone.ts';
import { CatalogRepository } from './catalog.ts';
import { CertifiedListRepository } from './certified-lists.ts';
import { Db } from './db.ts';
import { DisputeRepository } from './disputes.ts';

export type { Page } from './db.ts';

import { EquityRepository } from './equity.ts';
import { FirmRepository } from './firms.ts';
import { IdempotencyRepository } from './idempotency.ts';
import { LeadRepository } from './leads.ts';
import { LprRepository } from './lpr.ts';
import { RequestRepository } from './requests.ts';
import { RoadshowRepository } from './roadshows.ts';
import { SessionRepository } from './sessions.ts';
import { UserRepository } from './users.ts';

/**
 * Every repository over one table: the ports the use cases receive. Each write is one
 * method named for what it does (`leads.transition`, `requests.send`, …) and builds its
 * own transaction; the DynamoDB client never leaves shared/store.
 */
export interface Store {
  /** The table's name: a key for per-table caches. */
  readonly tableName: string;
  /** One cheap read, to tell the database answers (health checks). */
  ping(): Promise<void>;
  firms: FirmRepository;
  catalog: CatalogRepository;
  users: UserRepository;
  requests: RequestRepository;
  leads: LeadRepository;
  idempotency: IdempotencyRepository;
  /** The event backbone's rows: consumer ledger, timers, notifications, escalations, webhooks, re-match rows. */
  backbone: BackboneStore;
  certifiedLists: CertifiedListRepository;
  /** Firms' disputes of certificate outcomes and the operators' rulings. */
  disputes: DisputeRepository;
  /** LPR fixings operators record (besides those the catalog ships with). */
  lpr: LprRepository;
  equity: EquityRepository;
  roadshows: RoadshowRepository;
  sessions: SessionRepository;
}

export function createStore(doc: DynamoDBDocumentClient, tableName: string): Store {
  const db = new Db(doc, tableName);
  return {
    tableName,
    ping: async () => {
      await db.get({ PK: 'HEALTH', SK: 'HEALTH' }, false);
    },
    firms: new FirmRepository(db),
    catalog: new CatalogRepository(db),
    users: new UserRepository(db),
    requests: new RequestRepository(db),
    leads: new LeadRepository(db),
    idempotency: new IdempotencyRepository(db),
    backbone: createBackboneStore(db),
    certifiedLists: new CertifiedListRepository(db),
    disputes: new DisputeRepository(db),
    lpr: new LprRepository(db),
    equity: new EquityRepository(db),
    roadshows: new RoadshowRepository(db),
    sessions: new SessionRepository(db),
  };
}
