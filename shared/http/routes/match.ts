import { createRoute } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { shanghaiDate } from '#domain/dates.ts';
import {
  type Catalog,
  type CompiledCatalog,
  MatchInputSchema,
  MatchResultSchema,
  matchFunding,
} from '#domain/matching/index.ts';
import type { AppDeps } from '../context.ts';
import { jsonAnswer } from '../guards.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';

/** Where the route gets its catalog: the seed catalog by default, or the store's active catalog. */
export type CatalogSource = (deps: AppDeps) => Catalog | CompiledCatalog | Promise<Catalog | CompiledCatalog>;

export const matchRoute = createRoute({
  method: 'post',
  path: '/api/match',
  operationId: 'matchWhatIf',
  tags: ['matching'],
  summary: '融资匹配试算（不保存） / What-if match (nothing stored)',
  ...access('public'),
  request: { body: jsonBody(MatchInputSchema) },
  responses: { 200: json(MatchResultSchema, 'matches, near misses, packages, benefits') },
});

/**
 * POST /api/match — a what-if: the firm and request come in the body, the answer is the
 * ranked matches, near misses with what would unlock them, packages and benefits.
 * Nothing is stored. `asOf` defaults to today's Asia/Shanghai date from the injected clock.
 */
export function matchRoutes(catalogSource: CatalogSource) {
  const app = apiRouter();

  app.openapi(matchRoute, async (c) => {
    const input = c.req.valid('json');
    const deps = c.get('deps');
    const catalog = await catalogSource(deps);
    const asOf = input.asOf ?? shanghaiDate(deps.now());
    const answer = matchFunding({ firm: input.firm, request: input.request, asOf, catalog });
    // Serialised once, with the security headers as a plain object (no Headers object per request).
    return jsonAnswer(JSON.stringify(answer), 200) as unknown as TypedResponse<typeof answer, 200, 'json'>;
  });

  return app;
}
