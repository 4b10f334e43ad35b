import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { lazySchema } from '#domain/lazy-schema.ts';
import { LprFixingInputSchema, RecordedLprFixingSchema } from '#domain/lpr-fixings.ts';
import { lprOverview, recordLprFixing } from '#usecases/lpr.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';

const FixingSchema = lazySchema(() =>
  z.object({
    effectiveFrom: z.string(),
    oneYearBp: z.number().int(),
    overFiveYearBp: z.number().int(),
    recorded: z.object({ recordedAt: z.string(), recordedBy: z.string() }).optional(),
  }),
);

export const lprFixingsRoute = createRoute({
  method: 'get',
  path: '/api/lpr-fixings',
  operationId: 'lprFixings',
  tags: ['catalog'],
  summary:
    'LPR报价（最新在前）及是否过期（最新报价超过35天） / LPR fixings in use, newest first, and whether the latest is older than 35 days',
  ...access('signed_in'),
  responses: {
    200: json(
      z.object({
        fixings: z.array(FixingSchema),
        latest: FixingSchema,
        stale: z.boolean(),
        ageDays: z.number().int(),
      }),
      'fixings',
    ),
  },
});

export const recordLprFixingRoute = createRoute({
  method: 'post',
  path: '/api/lpr-fixings',
  operationId: 'recordLprFixing',
  tags: ['catalog'],
  summary:
    '录入月度LPR报价（运营方）；此后的融资成本按最新报价计算 / Record a monthly LPR fixing (operators); costs use the latest fixing from its date on',
  ...access(['operator']),
  request: { body: jsonBody(LprFixingInputSchema) },
  responses: {
    201: json(RecordedLprFixingSchema, 'recorded'),
    409: { description: 'a fixing for that date is already recorded' },
  },
});

export const LPR_OPERATIONS = [lprFixingsRoute, recordLprFixingRoute] as const;

export function lprRoutes() {
  const app = apiRouter();
  app.openapi(lprFixingsRoute, async (c) => c.json(await lprOverview(c.get('deps')), 200));
  app.openapi(recordLprFixingRoute, async (c) =>
    c.json(await recordLprFixing(c.get('deps'), c.get('principal'), c.req.valid('json')), 201),
  );
  return app;
}
