import { parse } from 'csv-parse/sync';
import type { ListRow, RowProblem } from '#domain/certified-list.ts';

/**
 * Reads a certified-list file an operator uploads: CSV (UTF-8, with or without BOM, or
 * GBK — what Excel in Chinese saves by default) or XLSX (first worksheet). The header row
 * names the columns; extra columns (序号, 备注…) are ignored.
 */
export const USCC_HEADERS = ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc'];
export const NAME_HEADERS = ['企业名称', '单位名称', '名称', 'name'];

export interface ParsedListFile {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'gbk' | 'xlsx';
  rows: ListRow[];
  problems: RowProblem[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** UTF-8 when the bytes are valid UTF-8 (BOM dropped), else GBK; undefined when neither decodes cleanly. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } | undefined {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gbk', { fatal: true }).decode(body), encoding: 'gbk' };
    } catch {
      return undefined;
    }
  }
}

function headerIndex(header: readonly string[], names: readonly string[]): number {
  const clean = header.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  return clean.findIndex((h) => names.includes(h));
}

function rowsFromTable(table: readonly (readonly string[])[], problems: RowProblem[]): ListRow[] {
  const header = table[0] ?? [];
  const u = headerIndex(header, USCC_HEADERS);
  const n = headerIndex(header, NAME_HEADERS);
  if (u < 0 || n < 0) {
    problems.push({
      line: 1,
      field: 'header',
      code: 'header',
      zh: `表头须包含「统一社会信用代码」和「企业名称」两列，实际为：${header.join('、') || '（空）'}`,
      en: `the header must have a USCC column (统一社会信用代码) and a name column (企业名称); found: ${header.join(', ') || '(empty)'}`,
    });
    return [];
  }
  const rows: ListRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push({ line: i + 1, uscc: cells[u] ?? '', name: cells[n] ?? '' });
  }
  return rows;
}

export async function parseListFile(bytes: Uint8Array): Promise<ParsedListFile> {
  const problems: RowProblem[] = [];
  if (isZip(bytes)) {
    // Loaded only for XLSX files: the spreadsheet reader is large, and cold starts should not pay for it.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      problems.push({
        line: 0,
        field: 'file',
        code: 'encoding',
        zh: '无法读取该 XLSX 文件',
        en: 'the XLSX file cannot be read',
      });
      return { format: 'xlsx', encoding: 'xlsx', rows: [], problems };
    }
    const sheet = workbook.worksheets[0];
    const table: string[][] = [];
    sheet?.eachRow({ includeEmpty: true }, (row, number) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cell.text ?? '';
      });
      table[number - 1] = Array.from(cells, (c) => c ?? '');
    });
    return {
      format: 'xlsx',
      encoding: 'xlsx',
      rows: rowsFromTable(
        Array.from(table, (r) => r ?? []),
        problems,
      ),
      problems,
    };
  }
  const decoded = decodeText(bytes);
  if (!decoded) {
    problems.push({
      line: 0,
      field: 'file',
      code: 'encoding',
      zh: '文件编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX',
      en: 'unrecognised encoding: save the list as CSV in UTF-8 or GBK, or as XLSX',
    });
    return { format: 'csv', encoding: 'utf-8', rows: [], problems };
  }
  let table: string[][];
  try {
    table = parse(decoded.text, { relax_column_count: true, skip_empty_lines: true, bom: true, trim: true });
  } catch (error) {
    problems.push({
      line: 0,
      field: 'file',
      code: 'encoding',
      zh: `CSV 格式有误：${(error as Error).message}`,
      en: `malformed CSV: ${(error as Error).message}`,
    });
    return { format: 'csv', encoding: decoded.encoding, rows: [], problems };
  }
  return { format: 'csv', encoding: decoded.encoding, rows: rowsFromTable(table, problems), problems };
}
