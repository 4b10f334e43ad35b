import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { CertifiedListMetaSchema, MAX_LIST_FILE_BYTES } from '#domain/certified-list.ts';
import { ValidationError } from '#domain/errors.ts';
import { CertificateStateSchema, CertificationSchema } from '#domain/firm.ts';
import { requireRole } from '#domain/principal.ts';
import { CertifiedListRecordSchema } from '#store/certified-lists.ts';
import {
  importCertifiedList,
  listCertifiedLists,
  readCertifiedList,
  readFirmCertificates,
} from '#usecases/certified-lists.ts';
import { access, apiRouter, json } from '../openapi.ts';

export { MAX_LIST_FILE_BYTES };

const FirmRefSchema = z.object({ uscc: z.string(), name: z.string() });

const ImportReportSchema = z.object({
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
});

const ListViewSchema = CertifiedListRecordSchema.extend({
  progress: z.object({ total: z.number().int(), written: z.number().int() }).optional(),
});

const StatedCertificationSchema = z.array(
  z.intersection(CertificationSchema, z.object({ state: CertificateStateSchema })),
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

export const listCertifiedListsRoute = createRoute({
  method: 'get',
  path: '/api/certified-lists',
  operationId: 'listCertifiedLists',
  tags: ['certified lists'],
  summary: '本辖区的认定名单 / Certified lists of the operator’s region, with import progress',
  ...access(['operator']),
  responses: { 200: json(z.object({ items: z.array(ListViewSchema) }), 'lists') },
});

export const readCertifiedListRoute = createRoute({
  method: 'get',
  path: '/api/certified-lists/{id}',
  operationId: 'readCertifiedList',
  tags: ['certified lists'],
  summary: '一份认定名单及导入进度 / One list and its import progress (poll while importing)',
  ...access(['operator']),
  request: { params: z.object({ id: z.string().max(60).describe('list id') }) },
  responses: { 200: json(ListViewSchema, 'the list') },
});

export const readFirmCertificatesRoute = createRoute({
  method: 'get',
  path: '/api/firms/{uscc}/certificates',
  operationId: 'readFirmCertificates',
  tags: ['firms'],
  summary:
    '企业认定证书及核验状态 / The firm’s certificates with their state (verified, self_declared, contradicted, revoked)',
  ...access('signed_in'),
  request: {
    params: z.object({ uscc: z.string().max(40).describe('统一社会信用代码 / unified social credit code') }),
  },
  responses: { 200: json(z.object({ items: StatedCertificationSchema }), 'certificates') },
});

function view(list: z.infer<typeof CertifiedListRecordSchema>) {
  const { importing, ...rest } = list;
  return importing ? { ...rest, progress: { total: importing.total, written: importing.written } } : rest;
}

const tooLarge = () =>
  new ValidationError(
    [{ path: 'file', zh: '文件超过12MB', en: 'the file is larger than 12 MB' }],
    '文件过大',
    'file too large',
  );

export function certifiedListRoutes() {
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

  app.openapi(listCertifiedListsRoute, async (c) =>
    c.json({ items: (await listCertifiedLists(c.get('deps'), c.get('principal'))).map(view) }, 200),
  );

  app.openapi(readCertifiedListRoute, async (c) =>
    c.json(view(await readCertifiedList(c.get('deps'), c.get('principal'), c.req.valid('param').id)), 200),
  );

  app.openapi(readFirmCertificatesRoute, async (c) =>
    c.json(
      { items: await readFirmCertificates(c.get('deps'), c.get('principal'), c.req.valid('param').uscc) },
      200,
    ),
  );

  return app;
}
