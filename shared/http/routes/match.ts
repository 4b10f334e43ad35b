import { Hono } from 'hono';
import { shanghaiDate } from '#domain/dates.ts';
import {
  type Catalog,
  type CompiledCatalog,
  MatchInputSchema,
  MatchResultSchema,
  matchFunding,
} from '#domain/matching/index.ts';
import { jsonBody } from '../body.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { document } from '../openapi.ts';

/** Where the route gets its catalog: the seed catalog by default, or the store's active catalog. */
export type CatalogSource = (deps: AppDeps) => Catalog | CompiledCatalog | Promise<Catalog | CompiledCatalog>;

/**
 * POST /api/match — a what-if: the firm and request come in the body, the answer is the
 * ranked matches, near misses with what would unlock them, packages and benefits.
 * Nothing is stored. `asOf` defaults to today's Asia/Shanghai date from the injected clock.
 */
export function matchRoutes(catalogSource: CatalogSource) {
  const app = new Hono<AppEnv>();

  document({
    method: 'post',
    path: '/api/match',
    tag: 'matching',
    auth: 'public',
    summary: '融资匹配试算（不保存） / What-if match (nothing stored)',
    body: MatchInputSchema,
    responses: {
      200: { description: 'matches, near misses, packages, benefits', schema: MatchResultSchema },
    },
  });
  app.post('/api/match', async (c) => {
    const input = await jsonBody(c, MatchInputSchema);
    const deps = c.get('deps');
    const catalog = await catalogSource(deps);
    const asOf = input.asOf ?? shanghaiDate(deps.now());
    return c.json(matchFunding({ firm: input.firm, request: input.request, asOf, catalog }));
  });

  return app;
}
