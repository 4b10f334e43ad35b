import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { DisputeInputSchema, DisputeRulingSchema, DisputeSchema } from '#domain/dispute.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { firmDisputes, raiseDispute, regionDisputes, ruleOnDispute } from '#usecases/disputes.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';

const UsccParam = lazySchema(() =>
  z.object({
    uscc: z.string().max(40).describe('统一社会信用代码 / unified social credit code'),
  }),
);

export const raiseDisputeRoute = createRoute({
  method: 'post',
  path: '/api/firms/{uscc}/disputes',
  operationId: 'raiseDispute',
  tags: ['certified lists'],
  summary:
    '企业对证书核验结果提出异议（已核验、与名单不符、撤销或过期） / A firm disputes a certificate outcome (verified, contradicted, revoked or expired), with its reason',
  ...access(['firm']),
  request: { params: UsccParam, body: jsonBody(DisputeInputSchema) },
  responses: {
    201: json(DisputeSchema, 'the dispute, open'),
    409: { description: 'a dispute about this certificate is already open' },
    422: { description: 'no such certificate, or it is self-declared (no list outcome)' },
  },
});

export const firmDisputesRoute = createRoute({
  method: 'get',
  path: '/api/firms/{uscc}/disputes',
  operationId: 'firmDisputes',
  tags: ['certified lists'],
  summary:
    '企业的证书异议及处理结果 / A firm’s disputes and their rulings (its users and its region’s operators)',
  ...access(['firm', 'operator']),
  request: { params: UsccParam },
  responses: { 200: json(z.object({ items: z.array(DisputeSchema) }), 'disputes, oldest first') },
});

export const regionDisputesRoute = createRoute({
  method: 'get',
  path: '/api/disputes',
  operationId: 'regionDisputes',
  tags: ['certified lists'],
  summary: '本辖区企业的证书异议 / Certificate disputes of the operator’s region, newest first',
  ...access(['operator']),
  responses: { 200: json(z.object({ items: z.array(DisputeSchema) }), 'disputes') },
});

export const ruleOnDisputeRoute = createRoute({
  method: 'put',
  path: '/api/firms/{uscc}/disputes/{id}/ruling',
  operationId: 'ruleOnDispute',
  tags: ['certified lists'],
  summary:
    '处理证书异议：成立（证书按已核验计，可更正有效期）或不成立 / Rule on a dispute: upheld (the certificate counts as verified, expiry optionally corrected) or rejected',
  ...access(['operator']),
  request: {
    params: UsccParam.extend({ id: z.string().max(60).describe('dispute id') }),
    body: jsonBody(DisputeRulingSchema),
  },
  responses: {
    200: json(DisputeSchema, 'the dispute with its ruling'),
    409: { description: 'already ruled on' },
  },
});

export const DISPUTE_OPERATIONS = [
  raiseDisputeRoute,
  firmDisputesRoute,
  regionDisputesRoute,
  ruleOnDisputeRoute,
] as const;

export function disputeRoutes() {
  const app = apiRouter();

  app.openapi(raiseDisputeRoute, async (c) =>
    c.json(
      await raiseDispute(c.get('deps'), c.get('principal'), c.req.valid('param').uscc, c.req.valid('json')),
      201,
    ),
  );

  app.openapi(firmDisputesRoute, async (c) =>
    c.json({ items: await firmDisputes(c.get('deps'), c.get('principal'), c.req.valid('param').uscc) }, 200),
  );

  app.openapi(regionDisputesRoute, async (c) =>
    c.json({ items: await regionDisputes(c.get('deps'), c.get('principal')) }, 200),
  );

  app.openapi(ruleOnDisputeRoute, async (c) => {
    const { uscc, id } = c.req.valid('param');
    return c.json(await ruleOnDispute(c.get('deps'), c.get('principal'), uscc, id, c.req.valid('json')), 200);
  });

  return app;
}
