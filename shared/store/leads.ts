import { ConflictError, NotFoundError } from '#domain/errors.ts';
import type { LeadStatus } from '#domain/lead.ts';
import {
  type AuditEntry,
  AuditEntrySchema,
  type LeadMessage,
  LeadMessageSchema,
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
 * write's condition) and after, its audit row, its LeadStatusChanged event, and the message
 * it adds to the lead's thread (a question, an answer, a note), if any.
 */
export interface LeadChange {
  before: LeadRecord;
  after: LeadRecord;
  audit: AuditEntry;
  event: EventOf<'LeadStatusChanged'>;
  message?: LeadMessage;
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

/** A message of a lead's thread, its own item (sequenced by the lead version that added it). */
export function messageItem(leadId: string, seq: number, message: LeadMessage): Item {
  return { ...keys.leadMessage(leadId, message.at, seq), entity: 'LeadMessage', data: message };
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

  /**
   * A lead's question/answer thread, oldest first: one strongly consistent Query of the lead's
   * partition (so a message just written is there), after any messages kept on the lead item
   * itself by leads written before messages were items of their own.
   */
  async thread(lead: LeadRecord): Promise<LeadMessage[]> {
    const items = await this.db.queryAll({
      pk: keys.lead(lead.id).PK,
      skPrefix: SK_PREFIX.leadMessage,
      consistent: true,
    });
    return [...lead.messages, ...items.map((i) => LeadMessageSchema.parse(i.data))];
  }

  /** The lead with its whole thread in `messages`. */
  async withThread(lead: LeadRecord): Promise<LeadRecord> {
    return { ...lead, messages: await this.thread(lead) };
  }

  /** The audit trail of a lead, oldest first. */
  async audit(leadId: string): Promise<AuditEntry[]> {
    const items = await this.db.queryAll({ pk: keys.lead(leadId).PK, skPrefix: SK_PREFIX.leadAudit });
    return items.map((i) => AuditEntrySchema.parse(i.data));
  }
}

/** The rows of one lead change, for its own transaction or a larger one (a withdrawal). */
export function leadChangeItems(
  db: Db,
  { before, after, audit, event, message }: LeadChange,
): TransactItem[] {
  return [
    ...(message ? [db.put(messageItem(after.id, after.version, message), 'attribute_not_exists(PK)')] : []),
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
