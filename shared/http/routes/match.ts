import { createRoute } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import { shanghaiDate } from '#domain/dates.ts';
import {
  type Catalog,
  type CompiledCatalog,
  compiled,
  MatchInputSchema,
  type MatchResult,
  MatchResultSchema,
  matchFunding,
  matchResultJson,
} from '#domain/matching/index.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { jsonAnswer, utf8 } from '../guards.ts';
import { type MatchInputValue, parseMatchInput } from '../match-input.ts';
import { access, apiRouter, fastJsonBody, json, jsonBody } from '../openapi.ts';

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

  const answer = async (c: Context<AppEnv>, input: MatchInputValue) => {
    const deps = c.get('deps');
    const catalog = compiled(await catalogSource(deps));
    const asOf = input.asOf ?? shanghaiDate(deps.now());
    const result = matchFunding({ firm: input.firm, request: input.request, asOf, catalog });
    // Serialised once (JSON.stringify's text, from parts written once per catalog and the
    // texts rules share) and encoded once, with the security headers as a plain object (no
    // Headers object per request).
    return jsonAnswer(utf8(matchResultJson(catalog, result)), 200);
  };

  // A valid body declared as plain JSON is checked by plain code that builds the schema's value
  // (match-input.ts) and answered here; everything else goes on to the route below, its zod
  // validation and its usual 400 or 415.
  app.post(matchRoute.path, fastJsonBody(parseMatchInput, answer));

  app.openapi(
    matchRoute,
    async (c) => (await answer(c, c.req.valid('json'))) as unknown as TypedResponse<MatchResult, 200, 'json'>,
  );

  return app;
}
