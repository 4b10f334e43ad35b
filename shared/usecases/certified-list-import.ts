import { createHash } from 'node:crypto';
import {
  type CertifiedListMeta,
  listDesignation,
  type RowProblem,
  validateListRows,
} from '#domain/certified-list.ts';
import { ForbiddenError, ValidationError } from '#domain/errors.ts';
import type { PrincipalOf } from '#domain/principal.ts';
import type { CertifiedListRecord } from '#store/certified-lists.ts';
import type { Store } from '#store/index.ts';
import { type Clock, newEvent } from './events.ts';
import { parseListFile } from './list-file.ts';

export interface ImportReport {
  listId: string;
  version: string;
  rows: number;
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'gbk' | 'xlsx';
  /** True when this exact list was already imported: nothing was written. */
  unchanged: boolean;
}

/** A stable id per (authority, tier/label, level, batch, kind): re-imports of a batch replace it. */
export function certifiedListId(meta: CertifiedListMeta): string {
  const key = JSON.stringify([
    meta.authorityRegion,
    meta.authority,
    listDesignation(meta),
    meta.level,
    meta.batch,
    meta.kind,
  ]);
  return `L${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

function contentVersion(meta: CertifiedListMeta, entries: readonly { uscc: string; name: string }[]): string {
  const hash = createHash('sha256').update(meta.listedOn);
  for (const e of [...entries].sort((a, b) => (a.uscc < b.uscc ? -1 : 1)))
    hash.update(`\n${e.uscc}\t${e.name}`);
  return hash.digest('hex').slice(0, 24);
}

function rejected(problems: RowProblem[]): ValidationError {
  return new ValidationError(
    problems.slice(0, 200).map((p) => ({
      path: p.line > 0 ? `line ${p.line}: ${p.field}` : p.field,
      zh: p.zh,
      en: p.en,
    })),
    `名单有${problems.length}处问题，未导入任何数据`,
    `the list has ${problems.length} problem(s); nothing was imported`,
  );
}

/**
 * An operator imports a certified (or revocation) list.
 * 1. the authority's area must be inside the operator's region
 * 2. read the file (CSV in UTF-8 or GBK, or XLSX) and check every row: any problem
 *    rejects the whole list with a report naming row and field, and nothing is stored
 * 3. the same list content again is answered as unchanged (idempotent)
 * 4. write the entries under a new version with progress, then switch the version on
 *    with CertifiedListImported in one transaction.
 */
export async function importCertifiedList(
  deps: { store: Store } & Clock,
  principal: PrincipalOf<'operator'>,
  meta: CertifiedListMeta,
  bytes: Uint8Array,
): Promise<ImportReport> {
  if (!meta.authorityRegion.startsWith(principal.regionPrefix))
    throw new ForbiddenError(
      `只能导入本辖区（${principal.regionPrefix}）发布的名单`,
      `operators import lists of their own region (${principal.regionPrefix}) only`,
    );
  const file = await parseListFile(bytes);
  if (file.problems.length > 0) throw rejected(file.problems);
  const known = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await deps.store.firms.listByRegion(meta.authorityRegion, 1000, cursor);
    for (const f of page.items) known.set(f.uscc, f.name);
    cursor = page.cursor;
  } while (cursor);
  const { entries, problems } = validateListRows(meta, file.rows, known);
  if (problems.length > 0) throw rejected(problems);

  const listId = certifiedListId(meta);
  const version = contentVersion(meta, entries);
  const base = { listId, version, rows: entries.length, format: file.format, encoding: file.encoding };
  const existing = await deps.store.certifiedLists.get(listId);
  if (existing?.activeVersion === version) return { ...base, unchanged: true };

  const startedAt = deps.now().toISOString();
  const record: CertifiedListRecord = {
    ...(existing ?? {}),
    listId,
    authority: meta.authority,
    authorityRegion: meta.authorityRegion,
    designation: listDesignation(meta),
    level: meta.level,
    batch: meta.batch,
    listedOn: meta.listedOn,
    kind: meta.kind,
    rows: existing?.rows ?? 0,
  };
  const { importing: _stale, ...clean } = record;
  await deps.store.certifiedLists.startImport(clean, version, entries.length, startedAt);
  await deps.store.certifiedLists.writeEntries(clean, version, entries, (written) =>
    deps.store.certifiedLists.progress(clean, version, entries.length, written, startedAt),
  );
  const event = newEvent(
    deps,
    'CertifiedListImported',
    listId,
    {
      listId,
      version,
      authorityRegion: meta.authorityRegion,
      designation: listDesignation(meta),
      level: meta.level,
      kind: meta.kind,
      rows: entries.length,
    },
    principal.userId,
  );
  await deps.store.certifiedLists.activate(
    {
      ...clean,
      activeVersion: version,
      rows: entries.length,
      importedAt: deps.now().toISOString(),
      importedBy: principal.userId,
    },
    event,
  );
  return { ...base, unchanged: false };
}
