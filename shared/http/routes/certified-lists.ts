import { Hono } from 'hono';
import * as z from 'zod';
import { CertifiedListMetaSchema } from '#domain/certified-list.ts';
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
import type { AppEnv } from '../context.ts';
import { document } from '../openapi.ts';
import { parseOrThrow } from '../validation.ts';

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

const ListViewSchema = CertifiedListRecordSchema.extend({
  progress: z.object({ total: z.number().int(), written: z.number().int() }).optional(),
});

const StatedCertificationSchema = z.array(
  z.intersection(CertificationSchema, z.object({ state: CertificateStateSchema })),
);

export function certifiedListRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'post',
    path: '/api/certified-lists',
    tag: 'certified lists',
    auth: 'operator',
    summary:
      '导入认定名单（CSV 或 XLSX 文件作为请求体；名单信息在查询参数中） / Import a certified list: the file (CSV in UTF-8 or GBK, or XLSX) is the body, the list facts are query parameters; all or nothing, re-import of the same file is a no-op',
    query: CertifiedListMetaSchema,
    responses: {
      201: { description: 'imported', schema: ImportReportSchema },
      200: {
        description: 'the same list was already imported (nothing written)',
        schema: ImportReportSchema,
      },
      400: { description: 'row-level report (line and field of each problem); nothing stored' },
    },
  });
  app.post('/api/certified-lists', async (c) => {
    const principal = requireRole(c.get('principal'), 'operator');
    const meta = parseOrThrow(CertifiedListMetaSchema, c.req.query(), ['query']);
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > MAX_LIST_FILE_BYTES)
      throw new ValidationError(
        [{ path: 'file', zh: '文件超过12MB', en: 'the file is larger than 12 MB' }],
        '文件过大',
        'file too large',
      );
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0)
      throw new ValidationError([
        { path: 'file', zh: '请求体应为名单文件', en: 'the body must be the list file' },
      ]);
    if (bytes.length > MAX_LIST_FILE_BYTES)
      throw new ValidationError([{ path: 'file', zh: '文件超过12MB', en: 'the file is larger than 12 MB' }]);
    const report = await importCertifiedList(c.get('deps'), principal, meta, bytes);
    return c.json(report, report.unchanged ? 200 : 201);
  });

  document({
    method: 'get',
    path: '/api/certified-lists',
    tag: 'certified lists',
    auth: 'operator',
    summary: '本辖区的认定名单 / Certified lists of the operator’s region, with import progress',
    responses: { 200: { description: 'lists', schema: z.object({ items: z.array(ListViewSchema) }) } },
  });
  app.get('/api/certified-lists', async (c) => {
    const lists = await listCertifiedLists(c.get('deps'), c.get('principal'));
    return c.json({ items: lists.map(view) });
  });

  document({
    method: 'get',
    path: '/api/certified-lists/{id}',
    tag: 'certified lists',
    auth: 'operator',
    summary: '一份认定名单及导入进度 / One list and its import progress (poll while importing)',
    params: { id: 'list id' },
    responses: { 200: { description: 'the list', schema: ListViewSchema } },
  });
  app.get('/api/certified-lists/:id', async (c) => {
    return c.json(view(await readCertifiedList(c.get('deps'), c.get('principal'), c.req.param('id'))));
  });

  document({
    method: 'get',
    path: '/api/firms/{uscc}/certificates',
    tag: 'firms',
    auth: 'signed_in',
    summary:
      '企业认定证书及核验状态 / The firm’s certificates with their state (verified, self_declared, contradicted, revoked)',
    params: { uscc: '统一社会信用代码 / unified social credit code' },
    responses: {
      200: { description: 'certificates', schema: z.object({ items: StatedCertificationSchema }) },
    },
  });
  app.get('/api/firms/:uscc/certificates', async (c) => {
    return c.json({
      items: await readFirmCertificates(c.get('deps'), c.get('principal'), c.req.param('uscc')),
    });
  });

  return app;
}

function view(list: z.infer<typeof CertifiedListRecordSchema>) {
  const { importing, ...rest } = list;
  return importing ? { ...rest, progress: { total: importing.total, written: importing.written } } : rest;
}
