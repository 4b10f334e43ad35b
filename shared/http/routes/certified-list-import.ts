import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { CertifiedListMetaSchema } from '#domain/certified-list.ts';
import { ValidationError } from '#domain/errors.ts';
import { requireRole } from '#domain/principal.ts';
import { importCertifiedList } from '#usecases/certified-list-import.ts';
import { access, apiRouter, json } from '../openapi.ts';

/**
 * Importing a certified list: the one operation whose body is a file (CSV or XLSX). Apart
 * from the other certified-list routes because its readers are large; in AWS it is served
 * by a function of its own, so the JSON API's bundle carries no file parser.
 */

/** 100k rows of "USCC,name" are about 5 MB; the file body is capped well above that. */
export const MAX_LIST_FILE_BYTES = 12 * 1024 * 1024;

const ImportReportSchema = z.object({
  listId: z.string(),
  version: z.string(),
  rows: z.number().int(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'gbk', 'xlsx']),
  unchanged: z.boolean(),
});

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
