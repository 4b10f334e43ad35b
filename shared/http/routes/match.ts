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
  matchResultBytes,
} from '#domain/matching/index.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { jsonAnswer } from '../guards.ts';
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

function answerWith(c: Context<AppEnv>, input: MatchInputValue, source: Catalog | CompiledCatalog): Response {
  const catalog = compiled(source);
  const asOf = input.asOf ?? shanghaiDate(c.get('deps').now());
  const result = matchFunding({ firm: input.firm, request: input.request, asOf, catalog });
  // JSON.stringify's bytes, written as UTF-8 from parts encoded once per catalog and the
  // texts rules share (the server neither measures nor encodes a string), with the security
  // headers as a plain object (no Headers object per request).
  return jsonAnswer(matchResultBytes(catalog, result), 200);
}

/**
 * POST /api/match — a what-if: the firm and request come in the body, the answer is the
 * ranked matches, near misses with what would unlock them, packages and benefits.
 * Nothing is stored. `asOf` defaults to today's Asia/Shanghai date from the injected clock.
 */
export function matchRoutes(catalogSource: CatalogSource) {
  const app = apiRouter();

  const answer = (c: Context<AppEnv>, input: MatchInputValue): Response | Promise<Response> => {
    const deps = c.get('deps');
    const source = catalogSource(deps);
    // A catalog at hand (the seed catalog, an active one already loaded) is answered at once,
    // without a promise and a turn of the microtask queue per request.
    return source instanceof Promise
      ? source.then((catalog) => answerWith(c, input, catalog))
      : answerWith(c, input, source);
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
