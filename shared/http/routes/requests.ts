import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { MatchResultSchema } from '#domain/matching/index.ts';
import { MAX_SEND_INSTITUTIONS } from '#domain/request.ts';
import { requestLeads } from '#usecases/leads.ts';
import {
  IdempotencyKeySchema,
  listRequests,
  readRequest,
  requestMatches,
  SendSchema,
  sendRequest,
  submitRequest,
  withdrawRequest,
} from '#usecases/requests.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';
import { FirmLeadViewSchema, firmLeadView, RequestViewSchema, requestView } from '../views.ts';

const PageQuerySchema = lazySchema(() =>
  z.object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(2000).optional(),
  }),
);

const SubmittedSchema = lazySchema(() =>
  z.object({ request: RequestViewSchema, matches: MatchResultSchema }),
);

const RequestParam = lazySchema(() => z.object({ id: z.string().max(200).describe('request id') }));
const RequestPageSchema = lazySchema(() =>
  z.object({ items: z.array(RequestViewSchema), cursor: z.string().optional() }),
);

export const submitRequestRoute = createRoute({
  method: 'post',
  path: '/api/requests',
  operationId: 'submitRequest',
  tags: ['requests'],
  summary: '提交融资需求（幂等） / Submit a funding request (idempotent); answers with its matches',
  ...access(['firm']),
  request: {
    headers: z.object({ 'Idempotency-Key': IdempotencyKeySchema }),
    body: jsonBody(FundingRequestSchema),
  },
  responses: {
    201: json(SubmittedSchema, 'submitted'),
    200: json(SubmittedSchema, 'replay of an earlier call with the same key'),
    422: { description: 'key reused with a different body' },
  },
});

export const listRequestsRoute = createRoute({
  method: 'get',
  path: '/api/requests',
  operationId: 'listRequests',
  tags: ['requests'],
  summary:
    '融资需求列表（企业：自己的；运营方：本地区） / Requests (a firm: its own; an operator: its region)',
  ...access(['firm', 'operator']),
  request: { query: PageQuerySchema },
  responses: { 200: json(RequestPageSchema, 'a page') },
});

export const readRequestRoute = createRoute({
  method: 'get',
  path: '/api/requests/{id}',
  operationId: 'readRequest',
  tags: ['requests'],
  summary: '需求详情 / One request',
  ...access('signed_in'),
  request: { params: RequestParam },
  responses: { 200: json(RequestViewSchema, 'the request') },
});

export const requestMatchesRoute = createRoute({
  method: 'get',
  path: '/api/requests/{id}/matches',
  operationId: 'requestMatches',
  tags: ['requests'],
  summary: '需求的匹配结果（提交时计算并保存） / The matches stored when the request was submitted',
  ...access('signed_in'),
  request: { params: RequestParam },
  responses: { 200: json(MatchResultSchema, 'matches') },
});

export const sendRequestRoute = createRoute({
  method: 'post',
  path: '/api/requests/{id}/send',
  operationId: 'sendRequest',
  tags: ['requests'],
  summary: `发送给所选产品的机构，或前K家（K≤${MAX_SEND_INSTITUTIONS}，默认3），并记录授权 / Send to the picked products’ institutions or the top K, recording consent`,
  ...access(['firm']),
  request: { params: RequestParam, body: jsonBody(SendSchema) },
  responses: {
    201: json(z.object({ request: RequestViewSchema, leads: z.array(FirmLeadViewSchema) }), 'leads created'),
  },
});

export const withdrawRequestRoute = createRoute({
  method: 'post',
  path: '/api/requests/{id}/withdraw',
  operationId: 'withdrawRequest',
  tags: ['requests'],
  summary: '撤回需求（未结束的线索随之关闭） / Withdraw a request; its open leads close with it',
  ...access(['firm']),
  request: { params: RequestParam },
  responses: { 200: json(z.object({ request: RequestViewSchema, closedLeads: z.number() }), 'withdrawn') },
});

export const requestLeadsRoute = createRoute({
  method: 'get',
  path: '/api/requests/{id}/leads',
  operationId: 'requestLeads',
  tags: ['requests'],
  summary:
    '需求的线索及进展；被拒时附次优产品 / The request’s leads; a declined one lists next-best products',
  ...access(['firm', 'operator']),
  request: { params: RequestParam },
  responses: { 200: json(z.object({ items: z.array(FirmLeadViewSchema) }), 'leads') },
});

export function requestRoutes() {
  const app = apiRouter();

  app.openapi(submitRequestRoute, async (c) => {
    const result = await submitRequest(
      c.get('deps'),
      c.get('principal'),
      c.req.valid('json'),
      c.req.valid('header')['Idempotency-Key'],
    );
    const body = { request: requestView(result.request), matches: result.matches };
    return result.replayed ? c.json(body, 200) : c.json(body, 201);
  });

  app.openapi(listRequestsRoute, async (c) => {
    const page = await listRequests(c.get('deps'), c.get('principal'), c.req.valid('query'));
    return c.json({ items: page.items.map(requestView), cursor: page.cursor }, 200);
  });

  app.openapi(readRequestRoute, async (c) =>
    c.json(requestView(await readRequest(c.get('deps'), c.get('principal'), c.req.valid('param').id)), 200),
  );

  app.openapi(requestMatchesRoute, async (c) =>
    c.json(await requestMatches(c.get('deps'), c.get('principal'), c.req.valid('param').id), 200),
  );

  app.openapi(sendRequestRoute, async (c) => {
    const deps = c.get('deps');
    const principal = c.get('principal');
    const result = await sendRequest(deps, principal, c.req.valid('param').id, c.req.valid('json'));
    const leads = await requestLeads(deps, principal, result.request.id);
    return c.json(
      { request: requestView(result.request), leads: leads.map((l) => firmLeadView(l.lead, l.nextBest)) },
      201,
    );
  });

  app.openapi(withdrawRequestRoute, async (c) => {
    const result = await withdrawRequest(c.get('deps'), c.get('principal'), c.req.valid('param').id);
    return c.json({ request: requestView(result.request), closedLeads: result.closedLeads }, 200);
  });

  app.openapi(requestLeadsRoute, async (c) => {
    const leads = await requestLeads(c.get('deps'), c.get('principal'), c.req.valid('param').id);
    return c.json({ items: leads.map((l) => firmLeadView(l.lead, l.nextBest)) }, 200);
  });

  return app;
}
