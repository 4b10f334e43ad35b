import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { CertifiedListMetaSchema, MAX_LIST_FILE_BYTES } from '#domain/certified-list.ts';
import { ValidationError } from '#domain/errors.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { requireRole } from '#domain/principal.ts';
import { importCertifiedList } from '#usecases/certified-list-import.ts';
import { access, apiRouter, json } from '../openapi.ts';

/**
 * Importing a certified list: the one operation whose body is a file (CSV or XLSX). Apart
 * from the other certified-list routes because its readers are large; in AWS it is served
 * by a function of its own, so the JSON API's bundle carries no file parser.
 */

export { MAX_LIST_FILE_BYTES };

const FirmRefSchema = lazySchema(() => z.object({ uscc: z.string(), name: z.string() }));

const ImportReportSchema = lazySchema(() =>
  z.object({
    listId: z.string(),
    version: z.string(),
    rows: z.number().int(),
    format: z.enum(['csv', 'xlsx']),
    encoding: z.enum(['utf-8', 'gbk', 'xlsx']),
    unchanged: z.boolean(),
    matched: z.number().int().describe('rows naming firms registered on the platform'),
    unmatched: z.number().int().describe('rows naming firms not on the platform (yet)'),
    matchedFirms: z.array(FirmRefSchema).describe('the matched firms (first 200)'),
    unmatchedRows: z.array(FirmRefSchema).describe('the unmatched rows (first 200)'),
    contradictedFirms: z
      .array(FirmRefSchema)
      .describe('firms of the area declaring this certificate for the year but not on the list (first 200)'),
  }),
);

export const importCertifiedListRoute = createRoute({
  method: 'post',
  path: '/api/certified-lists',
  operationId: 'importCertifiedList',
  tags: ['certified lists'],
  summary:
    '导入认定名单：文件（UTF-8 或 GBK 编码的 CSV，或 XLSX）为请求体，名单信息在查询参数中；全部成功或全部不导入，重复导入同一文件不写入 / Import a certified list: the file (CSV in UTF-8 or GBK, or XLSX) is the body, the list facts are query parameters; all or nothing; the same file again writes nothing',
  ...access(['operator']),
  request: { query: CertifiedListMetaSchema },
  responses: {
    201: json(ImportReportSchema, 'imported'),
    200: json(ImportReportSchema, 'the same list was already imported (nothing written)'),
    400: { description: 'row-level report (line and field of each problem); nothing stored' },
  },
});

const tooLarge = () =>
  new ValidationError(
    [{ path: 'file', zh: '文件超过12MB', en: 'the file is larger than 12 MB' }],
    '文件过大',
    'file too large',
  );

/** POST /api/certified-lists: the import itself. */
export function certifiedListImportRoutes() {
  const app = apiRouter();

  app.openapi(importCertifiedListRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'operator');
    if (Number(c.req.header('content-length') ?? '0') > MAX_LIST_FILE_BYTES) throw tooLarge();
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0)
      throw new ValidationError([
        { path: 'file', zh: '请求体应为名单文件', en: 'the body must be the list file' },
      ]);
    if (bytes.length > MAX_LIST_FILE_BYTES) throw tooLarge();
    const report = await importCertifiedList(c.get('deps'), principal, c.req.valid('query'), bytes);
    return report.unchanged ? c.json(report, 200) : c.json(report, 201);
  });

  return app;
}
