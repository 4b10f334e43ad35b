import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConflictError, NotFoundError } from '#domain/errors.ts';
import { FirmSchema } from '#domain/firm.ts';
import { buildUscc } from '#domain/uscc.ts';
import type { EventDetail, EventType } from '#events/catalog.ts';
import { ensureTable } from '#store/bootstrap.ts';
import { createDynamoClient } from '#store/client.ts';
import { TABLE } from '#store/table.ts';
import { newEvent } from '#usecases/events.ts';
import { chongqingSrdi, xiamenLittleGiant } from '../support/fixtures.ts';
import { createTestStore, type TestStore } from '../support/store.ts';

let store: TestStore;
let tableName: string;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ store, tableName, drop } = await createTestStore());
});
afterAll(() => drop());

let n = 0;
const clock = { now: () => new Date('2026-11-23T02:00:00.000Z'), newId: () => `evt-${++n}` };
const event = <T extends EventType>(type: T, subject: string, detail: EventDetail<T>) =>
  newEvent(clock, type, subject, detail);

async function scanAll() {
  return (await store.db.doc.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
}

describe('the table, created from the shared definition', () => {
  it('has the keys, GSIs, stream and TTL the CDK stack declares, and ensureTable is idempotent', async () => {
    const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
    expect(await ensureTable(client, tableName)).toBe('existed');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual([TABLE.partitionKey, TABLE.sortKey]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['GSI1', 'GSI2', 'GSI3']);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiresAt');
    client.destroy();
  });
});

describe('firms repository', () => {
  it('writes the firm and its event atomically; a duplicate leaves no second event', async () => {
    const firm = FirmSchema.parse(xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8TXT01') }));
    await store.firms.create(
      firm,
      event('FirmRegistered', firm.uscc, { uscc: firm.uscc, regionCode: firm.regionCode }),
    );
    await expect(
      store.firms.create(
        firm,
        event('FirmRegistered', firm.uscc, { uscc: firm.uscc, regionCode: firm.regionCode }),
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    const rows = (await scanAll()).filter((i) => i.entity === 'Event' && i.event.subject === firm.uscc);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.expiresAt).toBeGreaterThan(Date.parse('2026-11-23') / 1000);
  });

  it('refuses certificates for a firm that does not exist, writing no event', async () => {
    const ghost = buildUscc('91', '350203', 'MA8TXT02');
    await expect(
      store.firms.replaceCertifications(
        ghost,
        [],
        event('FirmCertificationsUpdated', ghost, { uscc: ghost, count: 0 }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await scanAll()).some((i) => i.entity === 'Event' && i.event.subject === ghost)).toBe(false);
  });

  it('lists firms by region prefix, a page at a time', async () => {
    for (let i = 0; i < 5; i++) {
      const firm = FirmSchema.parse(chongqingSrdi({ uscc: buildUscc('91', '500112', `MA5PG0${i}0`) }));
      await store.firms.upsert(firm, '2026-11-23T00:00:00Z');
    }
    const first = await store.firms.listByRegion('50', 2);
    expect(first.items).toHaveLength(2);
    expect(first.cursor).toBeDefined();
    const all = [...first.items];
    let cursor = first.cursor;
    while (cursor) {
      const page = await store.firms.listByRegion('50', 2, cursor);
      all.push(...page.items);
      cursor = page.cursor;
    }
    expect(all).toHaveLength(5);
    expect(all.every((f) => f.regionCode.startsWith('50'))).toBe(true);
    expect(
      (await store.firms.listByRegion('3502', 10)).items.every((f) => f.regionCode.startsWith('3502')),
    ).toBe(true);
  });
});

describe('catalog repository', () => {
  it('refuses a product whose institution does not exist, and a second product with the same id', async () => {
    const product = {
      id: 'store-test-loan',
      kind: 'bank_loan' as const,
      institutionId: 'store-test-bank',
      name: { zh: '测试贷', en: 'Test loan' },
      amount: { minYuan: 0, maxYuan: 10_000_000 },
      term: {},
      pricing: { type: 'lpr_spread' as const, spreadBp: 50 },
      regionScope: ['3502'],
      eligibility: [],
      stacksWith: [],
      demo: true,
      source: { city: 'xiamen' as const, seedFile: '000_49b5be6c3e6efe59.txt' },
      status: 'active' as const,
    };
    const publish = () =>
      store.catalog.publishProduct(
        product as never,
        event('ProductPublished', product.id, {
          productId: product.id,
          institutionId: product.institutionId,
          kind: product.kind,
        }),
        { ifNew: true },
      );
    await expect(publish()).rejects.toBeInstanceOf(NotFoundError);
    await store.catalog.putInstitution(
      {
        id: 'store-test-bank',
        type: 'bank',
        name: { zh: '测试银行', en: 'Test Bank' },
        regionCodes: [],
        demo: true,
      },
      '2026-11-23T00:00:00Z',
    );
    await publish();
    await expect(publish()).rejects.toBeInstanceOf(ConflictError);
    expect((await store.catalog.listProductsOfInstitution('store-test-bank')).map((p) => p.id)).toEqual([
      'store-test-loan',
    ]);
    expect((await store.catalog.getProduct('store-test-loan'))?.name.zh).toBe('测试贷');
  });
});
