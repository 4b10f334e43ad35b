import * as z from 'zod';
import type { ListFacts } from '#domain/certificate-state.ts';
import { NotFoundError } from '#domain/errors.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Db, Item } from './db.ts';
import { keys, SK_PREFIX } from './keys.ts';
import { outboxPut } from './outbox.ts';
import { documents } from './sdk.ts';

/**
 * Certified lists: one META row per list (its facts, the active version, import progress)
 * and one entry row per (firm, list) in the firm's partition, tagged with the version that
 * wrote it. Only entries of a list's active version count, so an import is all-or-nothing:
 * entries are written first, the version is switched on last (with its event), and a
 * crash half-way leaves nothing visible. Re-importing the same file is the same version.
 */
export const CertifiedListRecordSchema = lazySchema(() =>
  z.object({
    listId: z.string(),
    authority: z.string(),
    authorityRegion: z.string(),
    designation: z.string(),
    level: z.enum(['municipal', 'provincial', 'national']),
    batch: z.string(),
    listedOn: z.string(),
    kind: z.enum(['certified', 'revoked']),
    /** The version whose entries count (undefined until the first import completes). */
    activeVersion: z.string().optional(),
    /** The version being written, with progress. */
    importing: z
      .object({
        version: z.string(),
        total: z.number().int(),
        written: z.number().int(),
        startedAt: z.string(),
      })
      .optional(),
    rows: z.number().int().default(0),
    /** Rows naming firms registered on the platform when it was imported, and the others. */
    matched: z.number().int().optional(),
    unmatched: z.number().int().optional(),
    importedAt: z.string().optional(),
    importedBy: z.string().optional(),
  }),
);
export type CertifiedListRecord = z.infer<typeof CertifiedListRecordSchema>;

const FirmRef = lazySchema(() => z.object({ uscc: z.string(), name: z.string() }));

/** The outcome of one import from the operator's page: the report, or the problems and what was typed. */
export const ImportOutcomeSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    userId: z.string(),
    form: z.record(z.string(), z.string()),
    report: z
      .object({
        listId: z.string(),
        version: z.string(),
        rows: z.number().int(),
        format: z.enum(['csv', 'xlsx']),
        encoding: z.enum(['utf-8', 'gbk', 'xlsx']),
        unchanged: z.boolean(),
        matched: z.number().int(),
        unmatched: z.number().int(),
        matchedFirms: z.array(FirmRef),
        unmatchedRows: z.array(FirmRef),
        contradictedFirms: z.array(FirmRef),
      })
      .optional(),
    error: z
      .object({
        status: z.number().int(),
        zh: z.string(),
        en: z.string(),
        fields: z.array(z.object({ path: z.string(), zh: z.string(), en: z.string() })).optional(),
      })
      .optional(),
  }),
);
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

const parseList = (item: Item): CertifiedListRecord => CertifiedListRecordSchema.parse(item.data);

export function listFactsOf(r: CertifiedListRecord): ListFacts {
  return {
    listId: r.listId,
    authority: r.authority,
    authorityRegion: r.authorityRegion,
    designation: r.designation as ListFacts['designation'],
    level: r.level,
    batch: r.batch,
    listedOn: r.listedOn,
    kind: r.kind,
  };
}

const BATCH = 25;
const CONCURRENCY = 4;

export class CertifiedListRepository {
  constructor(private readonly db: Db) {}

  async get(listId: string): Promise<CertifiedListRecord | undefined> {
    const item = await this.db.get(keys.certifiedList(listId));
    return item && parseList(item);
  }

  async require(listId: string): Promise<CertifiedListRecord> {
    const list = await this.get(listId);
    if (!list) throw new NotFoundError(`未找到认定名单 ${listId}`, `certified list ${listId} not found`);
    return list;
  }

  /** Lists issued by authorities whose area starts with `prefix` (operators' view). */
  async listByRegion(prefix: string): Promise<CertifiedListRecord[]> {
    const items = await this.db.queryAll({ index: 'GSI1', pk: 'CERTLISTS', skPrefix: prefix });
    return items.map(parseList);
  }

  /** Active lists of exactly this authority area (a firm's province or city), for contradictions. */
  async activeOfArea(authorityRegion: string): Promise<CertifiedListRecord[]> {
    const items = await this.db.queryAll({ index: 'GSI1', pk: 'CERTLISTS', skPrefix: `${authorityRegion}#` });
    return items.map(parseList).filter((l) => l.activeVersion !== undefined);
  }

  /** Marks a version as being imported (creates the list on its first import). */
  async startImport(list: CertifiedListRecord, version: string, total: number, at: string): Promise<void> {
    await this.db.putItem({
      ...keys.certifiedList(list.listId),
      ...keys.certifiedListByRegion(list.authorityRegion, list.listedOn, list.listId),
      entity: 'CertifiedList',
      data: { ...list, importing: { version, total, written: 0, startedAt: at } },
    });
  }

  /** Writes entry rows of a version, reporting progress every few thousand rows. */
  async writeEntries(
    list: CertifiedListRecord,
    version: string,
    entries: readonly { uscc: string; name: string }[],
    onProgress: (written: number) => Promise<void>,
  ): Promise<void> {
    const chunks: { uscc: string; name: string }[][] = [];
    for (let i = 0; i < entries.length; i += BATCH) chunks.push(entries.slice(i, i + BATCH));
    let next = 0;
    let written = 0;
    let reported = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        let pending = chunk.map((e) => ({
          PutRequest: {
            Item: {
              ...keys.certifiedListEntry(e.uscc, list.listId),
              entity: 'CertifiedListEntry',
              listId: list.listId,
              version,
              name: e.name,
            },
          },
        }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          const out = await this.db.doc.send(
            new documents.BatchWriteCommand({ RequestItems: { [this.db.tableName]: pending } }),
          );
          pending = (out.UnprocessedItems?.[this.db.tableName] ?? []) as typeof pending;
          if (pending.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
        }
        written += chunk.length;
        if (written - reported >= 2_000) {
          reported = written;
          await onProgress(written);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  /** Progress of an import in flight (shown as a progress bar). */
  async progress(
    list: CertifiedListRecord,
    version: string,
    total: number,
    written: number,
    startedAt: string,
  ) {
    await this.db.putItem({
      ...keys.certifiedList(list.listId),
      ...keys.certifiedListByRegion(list.authorityRegion, list.listedOn, list.listId),
      entity: 'CertifiedList',
      data: { ...list, importing: { version, total, written, startedAt } },
    });
  }

  /** Switches the list to `version` with its event, in one transaction: from now on its entries count. */
  async activate(list: CertifiedListRecord, event: EventOf<'CertifiedListImported'>): Promise<void> {
    const { importing: _done, ...rest } = list;
    await this.db.transact(
      [
        this.db.put({
          ...keys.certifiedList(list.listId),
          ...keys.certifiedListByRegion(list.authorityRegion, list.listedOn, list.listId),
          entity: 'CertifiedList',
          data: rest,
        }),
        outboxPut(this.db, event),
      ],
      () =>
        new NotFoundError(
          `认定名单 ${list.listId} 导入冲突`,
          `certified list ${list.listId}: concurrent import`,
        ),
    );
  }

  /** What a page import came to, for the page the operator is sent back to (kept a day). */
  async saveImportOutcome(outcome: ImportOutcome, at: string): Promise<void> {
    await this.db.putItem({
      ...keys.importOutcome(outcome.id),
      entity: 'ImportOutcome',
      data: outcome,
      expiresAt: Math.floor(Date.parse(at) / 1000) + 24 * 3600,
    });
  }

  async importOutcome(id: string): Promise<ImportOutcome | undefined> {
    const item = await this.db.get(keys.importOutcome(id));
    const parsed = item && ImportOutcomeSchema.safeParse(item.data);
    return parsed?.success ? parsed.data : undefined;
  }

  /** Lists that name this firm, active versions only. */
  async naming(uscc: string): Promise<CertifiedListRecord[]> {
    const entries = await this.db.queryAll({
      pk: keys.firm(uscc).PK,
      skPrefix: SK_PREFIX.certifiedListEntry,
    });
    if (entries.length === 0) return [];
    const lists = await this.getMany(entries.map((e) => String(e.listId)));
    return entries
      .map((e) => {
        const l = lists.get(String(e.listId));
        return l && l.activeVersion === e.version ? l : undefined;
      })
      .filter((l): l is CertifiedListRecord => l !== undefined);
  }

  private async getMany(ids: string[]): Promise<Map<string, CertifiedListRecord>> {
    const out = new Map<string, CertifiedListRecord>();
    for (let i = 0; i < ids.length; i += 100) {
      const res = await this.db.doc.send(
        new documents.BatchGetCommand({
          RequestItems: {
            [this.db.tableName]: {
              Keys: ids.slice(i, i + 100).map((id) => keys.certifiedList(id)),
              ConsistentRead: true,
            },
          },
        }),
      );
      for (const item of (res.Responses?.[this.db.tableName] ?? []) as Item[]) {
        const l = parseList(item);
        out.set(l.listId, l);
      }
    }
    return out;
  }
}
