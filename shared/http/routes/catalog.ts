import { Hono } from 'hono';
import * as z from 'zod';
import { InstitutionSchema } from '#domain/institution.ts';
import { requireRole } from '#domain/principal.ts';
import { ProductKindSchema, ProductSchema } from '#domain/product.ts';
import { listInstitutions, listProducts, publishProduct, readProduct } from '#usecases/catalog.ts';
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
    return c.json({ items: await listProducts(c.get('deps'), query) });
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
    return c.json(await readProduct(c.get('deps'), c.req.param('id')));
  });

  document({
    method: 'post',
    path: '/api/products',
    tag: 'catalog',
    auth: 'operator',
    summary: '发布产品（运营方） / Publish a product (operator)',
    body: ProductSchema,
    responses: { 201: { description: 'published', schema: ProductSchema }, 409: { description: 'id taken' } },
  });
  app.post('/api/products', async (c) => {
    requireRole(c.get('principal'), 'operator');
    const product = await jsonBody(c, ProductSchema);
    await publishProduct(c.get('deps'), c.get('principal'), product);
    return c.json(product, 201);
  });

  return app;
}
