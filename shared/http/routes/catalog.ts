import { Hono } from 'hono';
import * as z from 'zod';
import { InstitutionSchema } from '#domain/institution.ts';
import { requireRole } from '#domain/principal.ts';
import { ProductKindSchema, ProductSchema } from '#domain/product.ts';
import { listInstitutions, listProducts, readProduct } from '#usecases/catalog.ts';
import { changeProductStatus, createProduct, editProduct } from '#usecases/product-workflow.ts';
import { jsonBody } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { document } from '../openapi.ts';
import { parseOrThrow } from '../validation.ts';

const ProductQuerySchema = z.object({
  kind: ProductKindSchema.optional(),
  institutionId: z.string().optional(),
  /** GB/T 2260 code of the firm's region: only products serving it. */
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
});

export function catalogRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'get',
    path: '/api/institutions',
    tag: 'catalog',
    auth: 'public',
    summary: '金融机构列表 / Institutions',
    responses: {
      200: { description: 'institutions', schema: z.object({ items: z.array(InstitutionSchema) }) },
    },
  });
  app.get('/api/institutions', async (c) => {
    return c.json({ items: await listInstitutions(c.get('deps')) });
  });

  document({
    method: 'get',
    path: '/api/products',
    tag: 'catalog',
    auth: 'public',
    summary: '金融产品与政策 / Products and policies',
    query: ProductQuerySchema,
    responses: { 200: { description: 'products', schema: z.object({ items: z.array(ProductSchema) }) } },
  });
  app.get('/api/products', async (c) => {
    const query = parseOrThrow(ProductQuerySchema, c.req.query(), ['query']);
    return c.json({ items: await listProducts(c.get('deps'), query, c.get('principal')) });
  });

  document({
    method: 'get',
    path: '/api/products/{id}',
    tag: 'catalog',
    auth: 'public',
    summary: '产品详情 / One product',
    params: { id: 'product id' },
    responses: { 200: { description: 'the product', schema: ProductSchema } },
  });
  app.get('/api/products/:id', async (c) => {
    return c.json(await readProduct(c.get('deps'), c.req.param('id'), c.get('principal')));
  });

  document({
    method: 'post',
    path: '/api/products',
    tag: 'catalog',
    auth: 'signed_in',
    summary:
      '新建产品：机构人员为本机构起草（draft）；运营方为本辖区机构发布仅服务本辖区的政策产品（直接生效） / Create a product: an officer drafts one for its own institution; an operator publishes a policy product of an institution of its region serving only its region',
    body: ProductSchema,
    responses: {
      201: { description: 'drafted or published', schema: ProductSchema },
      403: { description: 'another institution or region' },
      409: { description: 'id taken' },
    },
  });
  app.post('/api/products', async (c) => {
    const principal = requireRole(c.get('principal'), 'officer', 'operator');
    const product = await jsonBody(c, ProductSchema);
    return c.json(await createProduct(c.get('deps'), principal, product), 201);
  });

  document({
    method: 'put',
    path: '/api/products/{id}',
    tag: 'catalog',
    auth: 'officer',
    summary:
      '修改本机构的草稿或待审产品 / Edit a draft (or one awaiting approval) of the officer’s institution',
    params: { id: 'product id' },
    body: ProductSchema,
    responses: { 200: { description: 'saved', schema: ProductSchema } },
  });
  app.put('/api/products/:id', async (c) => {
    const principal = requireRole(c.get('principal'), 'officer');
    const product = await jsonBody(c, ProductSchema);
    return c.json(await editProduct(c.get('deps'), principal, c.req.param('id'), product));
  });

  for (const action of ['submit', 'approve', 'suspend', 'retire'] as const) {
    document({
      method: 'post',
      path: `/api/products/{id}/${action}`,
      tag: 'catalog',
      auth: action === 'submit' ? 'officer' : action === 'retire' ? 'signed_in' : 'operator',
      summary: {
        submit: '提交审核（本机构人员） / Submit for approval (the institution’s officer)',
        approve:
          '审核通过并上线（产品服务区域的运营方） / Approve: the product goes live (an operator of a region it serves)',
        suspend: '暂停（产品服务区域的运营方） / Suspend (an operator of a region it serves)',
        retire:
          '下架（本机构人员或服务区域的运营方；不删除） / Retire (its officers or a serving operator; nothing is deleted)',
      }[action],
      params: { id: 'product id' },
      responses: { 200: { description: 'the product in its new status', schema: ProductSchema } },
    });
    app.post(`/api/products/:id/${action}`, async (c) => {
      const principal = requireRole(c.get('principal'), 'officer', 'operator');
      return c.json(await changeProductStatus(c.get('deps'), principal, c.req.param('id'), action));
    });
  }

  return app;
}
