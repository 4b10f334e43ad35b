import { createHash } from 'node:crypto';
import {
  type CertifiedListMeta,
  listDesignation,
  listLevelFor,
  type RowProblem,
  validateListRows,
} from '#domain/certified-list.ts';
import { ForbiddenError, ValidationError } from '#domain/errors.ts';
import type { Firm } from '#domain/firm.ts';
import type { PrincipalOf } from '#domain/principal.ts';
import { effectiveLevel } from '#domain/tiers.ts';
import type { CertifiedListRecord } from '#store/certified-lists.ts';
import type { Store } from '#store/index.ts';
import { certifiedListId } from './certified-lists.ts';
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
  /** Rows whose USCC is a firm registered on the platform (verified, or revoked by a revocation list). */
  matched: number;
  /** Rows naming firms not (yet) on the platform: kept, they verify the firm when it registers. */
  unmatched: number;
  /** The matched firms (at most REPORT_NAMES). */
  matchedFirms: { uscc: string; name: string }[];
  /** The first unmatched rows (at most REPORT_NAMES). */
  unmatchedRows: { uscc: string; name: string }[];
  /**
   * Firms of the list's area that declare this certificate for the list's year but are not on
   * it (a certified list only): their declarations now read "contradicted" (at most REPORT_NAMES).
   */
  contradictedFirms: { uscc: string; name: string }[];
}

/** How many names a report lists per group; the counts are complete. */
export const REPORT_NAMES = 200;

/** Who the list speaks to among the platform's firms: matched, unmatched, contradicted. */
function importOutcome(
  meta: CertifiedListMeta,
  entries: readonly { uscc: string; name: string }[],
  known: ReadonlyMap<string, string>,
  firms: readonly Firm[],
) {
  const matchedFirms: { uscc: string; name: string }[] = [];
  const unmatchedRows: { uscc: string; name: string }[] = [];
  let matched = 0;
  const onList = new Set<string>();
  for (const e of entries) {
    onList.add(e.uscc);
    const name = known.get(e.uscc);
    if (name === undefined) {
      if (unmatchedRows.length < REPORT_NAMES) unmatchedRows.push(e);
      continue;
    }
    matched++;
    if (matchedFirms.length < REPORT_NAMES) matchedFirms.push({ uscc: e.uscc, name });
  }
  const designation = listDesignation(meta);
  const contradictedFirms =
    meta.kind === 'certified'
      ? firms
          .filter(
            (f) =>
              !onList.has(f.uscc) &&
              f.certifications.some(
                (c) =>
                  ('tier' in c ? c.tier : c.label) === designation &&
                  listLevelFor(meta, f.regionCode) === effectiveLevel(c.level, f.regionCode) &&
                  c.issuedOn.slice(0, 4) === meta.listedOn.slice(0, 4),
              ),
          )
          .slice(0, REPORT_NAMES)
          .map((f) => ({ uscc: f.uscc, name: f.name }))
      : [];
  return { matched, unmatched: entries.length - matched, matchedFirms, unmatchedRows, contradictedFirms };
}

export { certifiedListId };

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
  const firms: Firm[] = [];
  do {
    const page = await deps.store.firms.listByRegion(meta.authorityRegion, 1000, cursor);
    for (const f of page.items) {
      known.set(f.uscc, f.name);
      firms.push(f);
    }
    cursor = page.cursor;
  } while (cursor);
  const { entries, problems } = validateListRows(meta, file.rows, known);
  if (problems.length > 0) throw rejected(problems);

  const listId = certifiedListId(meta);
  const version = contentVersion(meta, entries);
  const outcome = importOutcome(meta, entries, known, firms);
  const base = {
    listId,
    version,
    rows: entries.length,
    format: file.format,
    encoding: file.encoding,
    ...outcome,
  };
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
    matched: outcome.matched,
    unmatched: outcome.unmatched,
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
