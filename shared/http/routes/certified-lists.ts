import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { CertificateStateSchema, CertificationSchema } from '#domain/firm.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { CertifiedListRecordSchema } from '#store/certified-lists.ts';
import { listCertifiedLists, readCertifiedList, readFirmCertificates } from '#usecases/certified-lists.ts';
import { access, apiRouter, json } from '../openapi.ts';

const ListViewSchema = lazySchema(() =>
  CertifiedListRecordSchema.extend({
    progress: z.object({ total: z.number().int(), written: z.number().int() }).optional(),
  }),
);

const StatedCertificationSchema = lazySchema(() =>
  z.array(z.intersection(CertificationSchema, z.object({ state: CertificateStateSchema }))),
);

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

export function certifiedListRoutes() {
  const app = apiRouter();

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
