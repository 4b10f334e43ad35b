import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import * as z from 'zod';
import { InstitutionSchema } from '#domain/institution.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { requireRole } from '#domain/principal.ts';
import { ProductKindSchema, ProductSchema } from '#domain/product.ts';
import { listInstitutions, listProducts, readProduct } from '#usecases/catalog.ts';
import { changeProductStatus, createProduct, editProduct } from '#usecases/product-workflow.ts';
import type { AppEnv } from '../context.ts';
import { type Access, access, apiRouter, json, jsonBody } from '../openapi.ts';

/** The signed-in principal (the route's access gate already refused everyone else). */
const requirePrincipal = (c: Context<AppEnv>) => requireRole(c.get('principal'));

const ProductQuerySchema = lazySchema(() =>
  z.object({
    kind: ProductKindSchema.optional(),
    institutionId: z.string().optional(),
    /** GB/T 2260 code of the firm's region: only products serving it. */
    region: z
      .string()
      .regex(/^\d{2,6}$/)
      .optional(),
  }),
);

export const listInstitutionsRoute = createRoute({
  method: 'get',
  path: '/api/institutions',
  operationId: 'listInstitutions',
  tags: ['catalog'],
  summary: '金融机构列表 / Institutions',
  ...access('public'),
  responses: { 200: json(z.object({ items: z.array(InstitutionSchema) }), 'institutions') },
});

export const listProductsRoute = createRoute({
  method: 'get',
  path: '/api/products',
  operationId: 'listProducts',
  tags: ['catalog'],
  summary: '金融产品与政策 / Products and policies',
  ...access('public'),
  request: { query: ProductQuerySchema },
  responses: { 200: json(z.object({ items: z.array(ProductSchema) }), 'products') },
});

export const readProductRoute = createRoute({
  method: 'get',
  path: '/api/products/{id}',
  operationId: 'readProduct',
  tags: ['catalog'],
  summary: '产品详情 / One product',
  ...access('public'),
  request: { params: z.object({ id: z.string().describe('product id') }) },
  responses: { 200: json(ProductSchema, 'the product') },
});

export const createProductRoute = createRoute({
  method: 'post',
  path: '/api/products',
  operationId: 'createProduct',
  tags: ['catalog'],
  summary:
    '新建产品：机构人员为本机构起草（draft）；运营方为本辖区机构发布仅服务本辖区的政策产品（直接生效） / Create a product: an officer drafts one for its own institution; an operator publishes a policy product of an institution of its region serving only its region',
  ...access(['officer', 'operator']),
  request: { body: jsonBody(ProductSchema) },
  responses: {
    201: json(ProductSchema, 'drafted or published'),
    403: { description: 'another institution or region' },
    409: { description: 'id taken' },
  },
});

const ProductParams = lazySchema(() => z.object({ id: z.string().describe('product id') }));

export const editProductRoute = createRoute({
  method: 'put',
  path: '/api/products/{id}',
  operationId: 'editProduct',
  tags: ['catalog'],
  summary:
    '修改本机构的草稿或待审产品 / Edit a draft (or one awaiting approval) of the officer’s institution',
  ...access(['officer']),
  request: { params: ProductParams, body: jsonBody(ProductSchema) },
  responses: { 200: json(ProductSchema, 'saved') },
});

function statusRoute(action: 'submit' | 'approve' | 'suspend' | 'retire', summary: string, who: Access) {
  return createRoute({
    method: 'post',
    path: `/api/products/{id}/${action}`,
    operationId: `${action}Product`,
    tags: ['catalog'],
    summary,
    ...access(who),
    request: { params: ProductParams },
    responses: { 200: json(ProductSchema, 'the product in its new status') },
  });
}

export const submitProductRoute = statusRoute(
  'submit',
  '提交审核（本机构人员） / Submit for approval (the institution’s officer)',
  ['officer'],
);
export const approveProductRoute = statusRoute(
  'approve',
  '审核通过并上线（产品服务区域的运营方） / Approve: the product goes live (an operator of a region it serves)',
  ['operator'],
);
export const suspendProductRoute = statusRoute(
  'suspend',
  '暂停（产品服务区域的运营方） / Suspend (an operator of a region it serves)',
  ['operator'],
);
export const retireProductRoute = statusRoute(
  'retire',
  '下架（本机构人员或服务区域的运营方；不删除） / Retire (its officers or a serving operator; nothing is deleted)',
  ['officer', 'operator'],
);

export function catalogRoutes() {
  const app = apiRouter();

  app.openapi(listInstitutionsRoute, async (c) =>
    c.json({ items: await listInstitutions(c.get('deps')) }, 200),
  );

  app.openapi(listProductsRoute, async (c) =>
    c.json({ items: await listProducts(c.get('deps'), c.req.valid('query'), c.get('principal')) }, 200),
  );

  app.openapi(readProductRoute, async (c) =>
    c.json(await readProduct(c.get('deps'), c.req.valid('param').id, c.get('principal')), 200),
  );

  app.openapi(createProductRoute, async (c) =>
    c.json(await createProduct(c.get('deps'), requirePrincipal(c), c.req.valid('json')), 201),
  );

  app.openapi(editProductRoute, async (c) =>
    c.json(
      await editProduct(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  );

  for (const [route, action] of [
    [submitProductRoute, 'submit'],
    [approveProductRoute, 'approve'],
    [suspendProductRoute, 'suspend'],
    [retireProductRoute, 'retire'],
  ] as const)
    app.openapi(route, async (c) =>
      c.json(
        await changeProductStatus(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, action),
        200,
      ),
    );

  return app;
}
