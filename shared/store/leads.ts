import { ConflictError, NotFoundError } from '#domain/errors.ts';
import type { LeadStatus } from '#domain/lead.ts';
import {
  type AuditEntry,
  AuditEntrySchema,
  type LeadRecord,
  LeadRecordSchema,
  leadIdOf,
  type RequestRecord,
} from '#domain/request.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Db, Item, Page, TransactItem } from './db.ts';
import { keys, SK_PREFIX } from './keys.ts';
import { outboxPut } from './outbox.ts';

/**
 * One change of one lead, as the use case decided it: the lead before (its version is the
 * write's condition) and after, its audit row and its LeadStatusChanged event.
 */
export interface LeadChange {
  before: LeadRecord;
  after: LeadRecord;
  audit: AuditEntry;
  event: EventOf<'LeadStatusChanged'>;
}

const parseLead = (item: Item) => LeadRecordSchema.parse(item.data);

export const leadNotFound = (id: string) => new NotFoundError(`未找到线索 ${id}`, `lead ${id} not found`);

export function leadItem(lead: LeadRecord): Item {
  return {
    ...keys.lead(lead.id),
    ...keys.leadByInstitution(lead.institutionId, lead.createdAt, lead.id),
    ...keys.leadByRegion(lead.profile.regionCode, lead.createdAt, lead.id),
    entity: 'Lead',
    status: lead.status,
    version: lead.version,
    regionCode: lead.profile.regionCode,
    data: lead,
  };
}

export function auditItem(entry: AuditEntry): Item {
  return { ...keys.leadAudit(entry.leadId, entry.at, entry.seq), entity: 'LeadAudit', data: entry };
}

export class LeadRepository {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<LeadRecord | undefined> {
    const item = await this.db.get(keys.lead(id));
    return item && parseLead(item);
  }

  /** An institution's leads, newest first, optionally of one status. */
  async listByInstitution(
    institutionId: string,
    options: { status?: LeadStatus; limit: number; cursor?: string },
  ): Promise<Page<LeadRecord>> {
    const page = await this.db.query({
      index: 'GSI1',
      pk: keys.leadByInstitution(institutionId, '', '').GSI1PK,
      limit: options.limit,
      cursor: options.cursor,
      newestFirst: true,
      filter: options.status
        ? {
            FilterExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': options.status },
          }
        : undefined,
    });
    return { items: page.items.map(parseLead), cursor: page.cursor };
  }

  /**
   * A request's leads, read by key: their ids follow from the request's `sentTo` (which a
   * send grows in the same transaction that writes the leads), and the reads are strongly
   * consistent, so a lead written a moment ago is never missed (an index could lag).
   */
  async ofRequest(request: Pick<RequestRecord, 'id' | 'sentTo'>): Promise<LeadRecord[]> {
    const items = await this.db.getMany(request.sentTo.map((i) => keys.lead(leadIdOf(request.id, i))));
    return items.map(parseLead);
  }

  /** Leads of an operator's region (province partition filtered to the operator's prefix). */
  async listByRegion(
    regionPrefix: string,
    options: { status?: LeadStatus; limit: number; cursor?: string },
  ): Promise<Page<LeadRecord>> {
    const values: Record<string, unknown> = { ':prefix': regionPrefix };
    let filter = 'begins_with(regionCode, :prefix)';
    if (options.status) {
      filter += ' AND #status = :status';
      values[':status'] = options.status;
    }
    const page = await this.db.query({
      index: 'GSI3',
      pk: keys.leadByRegion(regionPrefix, '', '').GSI3PK,
      limit: options.limit,
      cursor: options.cursor,
      newestFirst: true,
      filter: {
        FilterExpression: filter,
        ExpressionAttributeValues: values,
        ...(options.status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      },
    });
    return { items: page.items.map(parseLead), cursor: page.cursor };
  }

  /**
   * Writes one lead change: the lead changes only if it is still at the version (and status)
   * the decision was made on, and its audit row and event go with it in one transaction.
   * Of two officers acting at once, exactly one passes the condition; the other gets a
   * ConflictError (409).
   */
  async transition(change: LeadChange): Promise<void> {
    await this.db.transact(leadChangeItems(this.db, change), () => leadChanged(change.before.id));
  }

  /** The audit trail of a lead, oldest first. */
  async audit(leadId: string): Promise<AuditEntry[]> {
    const items = await this.db.queryAll({ pk: keys.lead(leadId).PK, skPrefix: SK_PREFIX.leadAudit });
    return items.map((i) => AuditEntrySchema.parse(i.data));
  }
}

/** The rows of one lead change, for its own transaction or a larger one (a withdrawal). */
export function leadChangeItems(db: Db, { before, after, audit, event }: LeadChange): TransactItem[] {
  return [
    db.put(
      leadItem(after),
      'version = :v AND #status = :from',
      { ':v': before.version, ':from': before.status },
      { '#status': 'status' },
    ),
    db.put(auditItem(audit), 'attribute_not_exists(PK)'),
    outboxPut(db, event),
  ];
}

export const leadChanged = (id: string) =>
  new ConflictError(
    '线索已被他人更新，请刷新后重试',
    `lead ${id} was changed by someone else at the same time; reload and retry`,
  );
