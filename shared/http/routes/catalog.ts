import { Hono } from 'hono';
import * as z from 'zod';
import { NotFoundError } from '#domain/errors.ts';
import { InstitutionSchema } from '#domain/institution.ts';
import { requireRole } from '#domain/principal.ts';
import { ProductKindSchema, ProductSchema } from '#domain/product.ts';
import { publishProduct } from '#usecases/catalog.ts';
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
    return c.json({ items: await c.get('deps').store.catalog.listInstitutions() });
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
    const catalog = c.get('deps').store.catalog;
    const products = query.institutionId
      ? await catalog.listProductsOfInstitution(query.institutionId)
      : await catalog.listProducts();
    const items = products.filter(
      (p) =>
        (!query.kind || p.kind === query.kind) &&
        (!query.region ||
          p.regionScope.length === 0 ||
          p.regionScope.some((prefix) => query.region!.startsWith(prefix))),
    );
    return c.json({ items });
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
    const id = c.req.param('id');
    const product = await c.get('deps').store.catalog.getProduct(id);
    if (!product) throw new NotFoundError(`未找到产品 ${id}`, `product ${id} not found`);
    return c.json(product);
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
    const principal = requireRole(c.get('principal'), 'operator');
    const product = await jsonBody(c, ProductSchema);
    await publishProduct(c.get('deps'), product, principal.userId);
    return c.json(product, 201);
  });

  return app;
}
