import type { BatchRecord, PoolEntry } from '#domain/equity/batch.ts';
import { BatchRecordSchema, PoolEntrySchema } from '#domain/equity/batch.ts';
import { type EquityLeadRecord, EquityLeadRecordSchema } from '#domain/equity/lead.ts';
import { type Fund, FundSchema } from '#domain/equity/preferences.ts';
import { ConflictError, NotFoundError } from '#domain/errors.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Db, Item, Page, TransactItem } from './db.ts';
import { keys, SK_PREFIX } from './keys.ts';
import { outboxPut } from './outbox.ts';

/**
 * Funds and their preferences, the equity pool (consented equity requests), batches pushed to
 * funds, and equity leads. docs/data-model.md lists the access patterns.
 */
export const fundNotFound = (id: string) => new NotFoundError(`未找到基金 ${id}`, `fund ${id} not found`);
export const batchNotFound = (id: string) =>
  new NotFoundError(`未找到推送批次 ${id}`, `batch ${id} not found`);
export const equityLeadNotFound = (id: string) =>
  new NotFoundError(`未找到股权线索 ${id}`, `equity lead ${id} not found`);
export const equityLeadChanged = (id: string) =>
  new ConflictError(
    '线索已被他人更新，请刷新后重试',
    `equity lead ${id} was changed at the same time; reload and retry`,
  );

const parseFund = (item: Item) => FundSchema.parse(item.data);
const parseBatch = (item: Item) => BatchRecordSchema.parse(item.data);
const parseLead = (item: Item) => EquityLeadRecordSchema.parse(item.data);

export function equityLeadItem(lead: EquityLeadRecord): Item {
  return {
    ...keys.equityLead(lead.id),
    ...keys.equityLeadByInstitution(lead.institutionId, lead.createdAt, lead.id),
    ...keys.equityLeadByFirm(lead.uscc, lead.createdAt, lead.id),
    ...keys.equityLeadByRegion(lead.profile.regionCode, lead.createdAt, lead.id),
    entity: 'EquityLead',
    status: lead.status,
    version: lead.version,
    regionCode: lead.profile.regionCode,
    data: lead,
  };
}

/** The Put that opens an equity lead (never over an existing one). */
export function newEquityLeadPut(db: Db, lead: EquityLeadRecord): TransactItem {
  return db.put(equityLeadItem(lead), 'attribute_not_exists(PK)');
}

/** Rows of a province partition within an operator's own region prefix. */
export function withinRegion(regionPrefix: string) {
  return {
    FilterExpression: 'begins_with(regionCode, :prefix)',
    ExpressionAttributeValues: { ':prefix': regionPrefix },
  };
}

/** Batch ids read as `<fundId>.<number>`. */
export function batchId(fundId: string, number: number): string {
  return `${fundId}.${number}`;
}
function parseBatchId(id: string): { fundId: string; number: number } | undefined {
  const m = /^(.+)\.(\d{1,4})$/.exec(id);
  return m ? { fundId: m[1]!, number: Number(m[2]) } : undefined;
}

function batchItem(batch: BatchRecord): Item {
  return {
    ...keys.batch(batch.fundId, batch.number),
    ...keys.batchByInstitution(batch.institutionId, batch.createdAt, batch.id),
    ...keys.batchByRegion(batch.regionPrefix, batch.createdAt, batch.id),
    entity: 'Batch',
    version: batch.version,
    regionCode: batch.regionPrefix,
    data: batch,
  };
}

export class EquityRepository {
  constructor(private readonly db: Db) {}

  // ── funds ──
  async getFund(id: string): Promise<Fund | undefined> {
    const item = await this.db.get(keys.fund(id));
    return item && parseFund(item);
  }

  /** Creates or replaces a fund; a fund never changes manager. */
  async putFund(fund: Fund, updatedAt: string): Promise<void> {
    await this.db.transact(
      [
        this.db.put(
          {
            ...keys.fund(fund.id),
            ...keys.fundByInstitution(fund.institutionId, fund.id),
            ...keys.fundListing(fund.id),
            entity: 'Fund',
            institutionId: fund.institutionId,
            updatedAt,
            data: fund,
          },
          'attribute_not_exists(PK) OR institutionId = :inst',
          { ':inst': fund.institutionId },
        ),
      ],
      () => new ConflictError('该基金属于其他管理机构', `fund ${fund.id} belongs to another manager`),
    );
  }

  async listFunds(): Promise<Fund[]> {
    return (await this.db.queryAll({ index: 'GSI2', pk: keys.fundListing('').GSI2PK })).map(parseFund);
  }

  async listFundsByInstitution(institutionId: string): Promise<Fund[]> {
    const items = await this.db.queryAll({
      index: 'GSI1',
      pk: keys.fundByInstitution(institutionId, '').GSI1PK,
    });
    return items.map(parseFund);
  }

  // ── the equity pool ──
  async getPoolEntry(requestId: string): Promise<PoolEntry | undefined> {
    const item = await this.db.get(keys.poolEntry(requestId));
    return item && PoolEntrySchema.parse(item.data);
  }

  /** Joins the pool once, with its EquityRequestPooled event (and a RoadshowProposed one when it fills a session). */
  async pool(entry: PoolEntry, events: EventOf<'EquityRequestPooled' | 'RoadshowProposed'>[]): Promise<void> {
    await this.db.transact(
      [
        this.db.put(
          {
            ...keys.poolEntry(entry.requestId),
            ...keys.poolByRegion(entry.regionCode, entry.postedOn, entry.requestId),
            entity: 'PoolEntry',
            regionCode: entry.regionCode,
            data: entry,
          },
          'attribute_not_exists(PK)',
        ),
        ...events.map((e) => outboxPut(this.db, e)),
      ],
      () => new ConflictError('已同意推送', `request ${entry.requestId} is already in the equity pool`),
    );
  }

  /** The pool of an operator's region (province partition filtered to the prefix), oldest first. */
  async listPool(regionPrefix: string): Promise<PoolEntry[]> {
    const items = await this.db.queryAll({
      index: 'GSI1',
      pk: keys.poolByRegion(regionPrefix, '', '').GSI1PK,
      filter: withinRegion(regionPrefix),
    });
    return items.map((i) => PoolEntrySchema.parse(i.data));
  }

  // ── batches ──
  /** Requests already pushed to a fund. */
  async pushedTo(fundId: string): Promise<Set<string>> {
    const items = await this.db.queryAll({ pk: keys.fund(fundId).PK, skPrefix: SK_PREFIX.pushed });
    return new Set(items.map((i) => String(i.SK).slice(SK_PREFIX.pushed.length)));
  }

  async lastBatchNumber(fundId: string): Promise<number> {
    const page = await this.db.query({
      pk: keys.fund(fundId).PK,
      skPrefix: SK_PREFIX.batch,
      newestFirst: true,
      limit: 1,
    });
    return page.items[0] ? parseBatch(page.items[0]).number : 0;
  }

  /**
   * Pushes a batch: the batch under its number, one "pushed" mark per request and the event, in
   * one transaction. A concurrent batch for the same fund loses the number or a mark: 409.
   */
  async pushBatch(batch: BatchRecord, event: EventOf<'BatchPushed'>): Promise<void> {
    await this.db.transact(
      [
        this.db.put(batchItem(batch), 'attribute_not_exists(PK)'),
        ...batch.entries.map((e) =>
          this.db.put(
            { ...keys.pushed(batch.fundId, e.requestId), entity: 'Pushed', at: batch.createdAt },
            'attribute_not_exists(PK)',
          ),
        ),
        outboxPut(this.db, event),
      ],
      () =>
        new ConflictError(
          '同一基金的另一批次正在推送，请刷新后重试',
          `another batch for fund ${batch.fundId} was pushed at the same time`,
        ),
    );
  }

  async getBatch(id: string): Promise<BatchRecord | undefined> {
    const ref = parseBatchId(id);
    if (!ref) return undefined;
    const item = await this.db.get(keys.batch(ref.fundId, ref.number));
    return item && parseBatch(item);
  }

  async listBatchesByInstitution(institutionId: string): Promise<BatchRecord[]> {
    const items = await this.db.queryAll({
      index: 'GSI1',
      pk: keys.batchByInstitution(institutionId, '', '').GSI1PK,
      newestFirst: true,
    });
    return items.map(parseBatch);
  }

  async listBatchesByRegion(regionPrefix: string): Promise<BatchRecord[]> {
    const items = await this.db.queryAll({
      index: 'GSI2',
      pk: keys.batchByRegion(regionPrefix, '', '').GSI2PK,
      newestFirst: true,
      filter: withinRegion(regionPrefix),
    });
    return items.map(parseBatch);
  }

  /**
   * Records a fund's answer on one entry: the batch on the version it was read at, the lead an
   * "interested" opens (never over an existing one) and the events, in one transaction.
   */
  async answer(
    before: BatchRecord,
    after: BatchRecord,
    lead: EquityLeadRecord | undefined,
    events: EventOf<'BatchEntryAnswered' | 'EquityLeadStatusChanged'>[],
  ): Promise<void> {
    await this.db.transact(
      [
        this.db.put(batchItem(after), 'version = :v', { ':v': before.version }),
        ...(lead ? [newEquityLeadPut(this.db, lead)] : []),
        ...events.map((e) => outboxPut(this.db, e)),
      ],
      () =>
        new ConflictError(
          '批次已被他人更新，请刷新后重试',
          `batch ${before.id} was answered at the same time; reload and retry`,
        ),
    );
  }

  // ── equity leads ──
  async getLead(id: string): Promise<EquityLeadRecord | undefined> {
    const item = await this.db.get(keys.equityLead(id));
    return item && parseLead(item);
  }

  async listLeadsByInstitution(
    institutionId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<EquityLeadRecord>> {
    const page = await this.db.query({
      index: 'GSI1',
      pk: keys.equityLeadByInstitution(institutionId, '', '').GSI1PK,
      limit,
      cursor,
      newestFirst: true,
    });
    return { items: page.items.map(parseLead), cursor: page.cursor };
  }

  async listLeadsByFirm(uscc: string): Promise<EquityLeadRecord[]> {
    const items = await this.db.queryAll({
      index: 'GSI2',
      pk: keys.equityLeadByFirm(uscc, '', '').GSI2PK,
      newestFirst: true,
    });
    return items.map(parseLead);
  }

  async listLeadsByRegion(
    regionPrefix: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<EquityLeadRecord>> {
    const page = await this.db.query({
      index: 'GSI3',
      pk: keys.equityLeadByRegion(regionPrefix, '', '').GSI3PK,
      limit,
      cursor,
      newestFirst: true,
      filter: withinRegion(regionPrefix),
    });
    return { items: page.items.map(parseLead), cursor: page.cursor };
  }

  /** One change of an equity lead, on the version it was decided on, with its event. */
  async transitionLead(
    before: EquityLeadRecord,
    after: EquityLeadRecord,
    event: EventOf<'EquityLeadStatusChanged'>,
  ): Promise<void> {
    await this.db.transact(
      [
        this.db.put(
          equityLeadItem(after),
          'version = :v AND #status = :from',
          { ':v': before.version, ':from': before.status },
          { '#status': 'status' },
        ),
        outboxPut(this.db, event),
      ],
      () => equityLeadChanged(before.id),
    );
  }
}
