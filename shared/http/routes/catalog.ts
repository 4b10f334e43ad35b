import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { InstitutionSchema } from '#domain/institution.ts';
import { ProductKindSchema, ProductSchema } from '#domain/product.ts';
import { listInstitutions, listProducts, publishProduct, readProduct } from '#usecases/catalog.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';

const ProductQuerySchema = z.object({
  kind: ProductKindSchema.optional(),
  institutionId: z.string().optional(),
  /** GB/T 2260 code of the firm's region: only products serving it. */
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
});

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

export const publishProductRoute = createRoute({
  method: 'post',
  path: '/api/products',
  operationId: 'publishProduct',
  tags: ['catalog'],
  summary: '发布产品（运营方） / Publish a product (operator)',
  ...access(['operator']),
  request: { body: jsonBody(ProductSchema) },
  responses: { 201: json(ProductSchema, 'published'), 409: { description: 'id taken' } },
});

export function catalogRoutes() {
  const app = apiRouter();

  app.openapi(listInstitutionsRoute, async (c) =>
    c.json({ items: await listInstitutions(c.get('deps')) }, 200),
  );

  app.openapi(listProductsRoute, async (c) =>
    c.json({ items: await listProducts(c.get('deps'), c.req.valid('query')) }, 200),
  );

  app.openapi(readProductRoute, async (c) =>
    c.json(await readProduct(c.get('deps'), c.req.valid('param').id), 200),
  );

  app.openapi(publishProductRoute, async (c) => {
    const product = c.req.valid('json');
    await publishProduct(c.get('deps'), c.get('principal'), product);
    return c.json(product, 201);
  });

  return app;
}
