import * as z from 'zod';
import { addMonths } from './dates.ts';
import { lazySchema } from './lazy-schema.ts';
import { regionCodeProblem } from './regions.ts';
import { IsoDateSchema } from './text.ts';
import {
  DESIGNATIONS,
  type Designation,
  effectiveLevel,
  LabelSchema,
  LEVEL_NAMES,
  type Level,
  LevelSchema,
  levelAllowed,
  TierSchema,
} from './tiers.ts';
import { usccProblem } from './uscc.ts';

/**
 * Certified lists (认定名单): what an authority publishes — its name and region, the tier or
 * label, the level, the batch, the date — and rows of USCC + firm name. Operators import
 * them; a firm's certificate is then verified, self-declared, contradicted or revoked
 * against them (certificate-state.ts). Pure: parsing the file is the use case's job.
 */

/** GB/T 2260 province-level codes of the mainland (the first two digits of a division code). */
export const MAINLAND_PROVINCE_CODES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
] as const;

/** Every province-level code a USCC may carry: the mainland, Taiwan (71), Hong Kong (81), Macao (82). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([...MAINLAND_PROVINCE_CODES, '71', '81', '82']);

/** A list either certifies the firms on it, or revokes their certificates (撤销/取消 lists). */
export const LIST_KINDS = ['certified', 'revoked'] as const;

export const CertifiedListMetaSchema = lazySchema(() =>
  z
    .object({
      authority: z.string().trim().min(2).max(100),
      /** GB/T 2260 prefix of the authority's area (2 = province, 4 = city): rows outside it are refused. */
      authorityRegion: z
        .string()
        .regex(/^\d{2}(\d{2})?$/, '发布机关区划应为2或4位 / authorityRegion: 2 or 4 digits')
        .superRefine((code, ctx) => {
          const problem = /^\d{2}(\d{2})?$/.test(code) ? regionCodeProblem(code) : undefined;
          if (problem) ctx.addIssue({ code: 'custom', message: `${problem.zh} / ${problem.en}` });
        }),
      tier: TierSchema.optional(),
      label: LabelSchema.optional(),
      level: LevelSchema,
      /** The authority's batch name, e.g. "2024年第一批". */
      batch: z.string().trim().min(1).max(60),
      /** The certification (or revocation) date printed on the list. */
      listedOn: IsoDateSchema,
      kind: z.enum(LIST_KINDS).default('certified'),
    })
    .strict()
    .superRefine((m, ctx) => {
      if ((m.tier === undefined) === (m.label === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['tier'],
          message: '须给出 tier 或 label 之一 / give exactly one of tier, label',
        });
      const d = m.tier ?? m.label;
      if (d !== undefined && !levelAllowed(d, m.level))
        ctx.addIssue({
          code: 'custom',
          path: ['level'],
          message: `${DESIGNATIONS[d].name.zh}无${LEVEL_NAMES[m.level].zh}认定 / ${DESIGNATIONS[d].name.en} is not issued at ${LEVEL_NAMES[m.level].en} level`,
        });
    }),
);
export type CertifiedListMetaInput = z.input<typeof CertifiedListMetaSchema>;
export type CertifiedListMeta = z.output<typeof CertifiedListMetaSchema>;

export function listDesignation(meta: CertifiedListMeta): Designation {
  return (meta.tier ?? meta.label)!;
}

/** One parsed row of the file: its line number (1 = header) and the two cells. */
export interface ListRow {
  line: number;
  uscc: string;
  name: string;
}

export const ROW_PROBLEMS = [
  'header',
  'encoding',
  'empty',
  'uscc_check_digit',
  'uscc_format',
  'unknown_region',
  'outside_authority_region',
  'duplicate',
  'name_mismatch',
  'name_missing',
  'too_many_rows',
] as const;
export type RowProblemCode = (typeof ROW_PROBLEMS)[number];

export interface RowProblem {
  /** File line (1 = the header row); 0 for the file as a whole. */
  line: number;
  field: 'file' | 'header' | 'uscc' | 'name';
  code: RowProblemCode;
  zh: string;
  en: string;
}

export const MAX_LIST_ROWS = 200_000;

/** 100k rows of "USCC,name" are about 5 MB; the file body is capped well above that. */
export const MAX_LIST_FILE_BYTES = 12 * 1024 * 1024;

/** Names compared the way lists print them: full-width brackets and spaces folded, case ignored. */
export function normaliseFirmName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

export interface ListEntry {
  uscc: string;
  name: string;
}

/**
 * Validates every row; the import is all-or-nothing, so any problem means nothing is stored.
 * Checks per row: the USCC's check digits (GB 32100 / GB 11714), its division code (a known
 * province, inside the authority's area), duplicates within the file, a name that differs
 * from the one the platform already holds for that USCC.
 */
export function validateListRows(
  meta: CertifiedListMeta,
  rows: readonly ListRow[],
  knownNames: ReadonlyMap<string, string>,
): { entries: ListEntry[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const entries: ListEntry[] = [];
  if (rows.length === 0)
    problems.push({
      line: 0,
      field: 'file',
      code: 'empty',
      zh: '名单没有数据行',
      en: 'the list has no rows',
    });
  if (rows.length > MAX_LIST_ROWS)
    problems.push({
      line: 0,
      field: 'file',
      code: 'too_many_rows',
      zh: `名单超过${MAX_LIST_ROWS}行`,
      en: `the list has more than ${MAX_LIST_ROWS} rows`,
    });
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const uscc = row.uscc.trim().toUpperCase();
    const name = row.name.trim();
    const problem = usccProblem(uscc);
    if (problem) {
      problems.push({
        line: row.line,
        field: 'uscc',
        code:
          problem.code === 'check_digit' || problem.code === 'org_check_digit'
            ? 'uscc_check_digit'
            : 'uscc_format',
        zh: `统一社会信用代码「${uscc}」：${problem.zh}`,
        en: `USCC '${uscc}': ${problem.en}`,
      });
      continue;
    }
    const division = uscc.slice(2, 8);
    const regionProblem = regionCodeProblem(division, { allowProvinceLevel: true });
    if (regionProblem) {
      problems.push({
        line: row.line,
        field: 'uscc',
        code: 'unknown_region',
        zh: `统一社会信用代码「${uscc}」：${regionProblem.zh}`,
        en: `USCC '${uscc}': ${regionProblem.en}`,
      });
      continue;
    }
    if (!division.startsWith(meta.authorityRegion)) {
      problems.push({
        line: row.line,
        field: 'uscc',
        code: 'outside_authority_region',
        zh: `统一社会信用代码「${uscc}」的登记区划${division}不在发布机关辖区${meta.authorityRegion}内`,
        en: `USCC '${uscc}': registered in ${division}, outside the authority's area ${meta.authorityRegion}`,
      });
      continue;
    }
    const seen = firstLine.get(uscc);
    if (seen !== undefined) {
      problems.push({
        line: row.line,
        field: 'uscc',
        code: 'duplicate',
        zh: `统一社会信用代码「${uscc}」与第${seen}行重复`,
        en: `USCC '${uscc}' repeats line ${seen}`,
      });
      continue;
    }
    firstLine.set(uscc, row.line);
    if (name.length < 2) {
      problems.push({
        line: row.line,
        field: 'name',
        code: 'name_missing',
        zh: '缺少企业名称',
        en: 'the firm name is missing',
      });
      continue;
    }
    const known = knownNames.get(uscc);
    if (known !== undefined && normaliseFirmName(known) !== normaliseFirmName(name)) {
      problems.push({
        line: row.line,
        field: 'name',
        code: 'name_mismatch',
        zh: `企业名称「${name}」与平台登记的「${known}」不一致`,
        en: `name '${name}' differs from '${known}' registered for ${uscc}`,
      });
      continue;
    }
    entries.push({ uscc, name });
  }
  return { entries, problems };
}

/** The default expiry of a certificate from a list: listedOn + the designation's validity. */
export function listExpiry(meta: CertifiedListMeta): string {
  return addMonths(meta.listedOn, DESIGNATIONS[listDesignation(meta)].validityMonths);
}

/**
 * USCC positions 3–8 are the registration authority's division code (GB 32100). A firm
 * claiming another region is flagged for the operator (firms move; the code does not).
 */
export function regionConsistency(
  uscc: string,
  regionCode: string,
): { consistent: true } | { consistent: false; divisionCode: string; zh: string; en: string } {
  const division = uscc.slice(2, 8);
  // Same city is consistent: a district move within the city keeps the city's code prefix.
  if (division.slice(0, 4) === regionCode.slice(0, 4)) return { consistent: true };
  return {
    consistent: false,
    divisionCode: division,
    zh: `统一社会信用代码登记区划${division}与申报注册地${regionCode}不一致，待运营人员核实`,
    en: `the USCC was issued in ${division} but the firm claims ${regionCode}: flagged for the operator`,
  };
}

/** Effective level of a list for a firm (a 直辖市's 市级 list is provincial-level). */
export function listLevelFor(meta: CertifiedListMeta, regionCode: string): Level {
  return effectiveLevel(meta.level, regionCode);
}
