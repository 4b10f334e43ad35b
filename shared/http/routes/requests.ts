import { Hono } from 'hono';
import * as z from 'zod';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { MatchResultSchema } from '#domain/matching/index.ts';
import { requireRole } from '#domain/principal.ts';
import { MAX_SEND_INSTITUTIONS } from '#domain/request.ts';
import { requestLeads } from '#usecases/leads.ts';
import {
  listRequests,
  readRequest,
  requestMatches,
  sendRequest,
  submitRequest,
  withdrawRequest,
} from '#usecases/requests.ts';
import { jsonBody } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { document } from '../openapi.ts';
import { parseOrThrow } from '../validation.ts';
import { FirmLeadViewSchema, firmLeadView, RequestViewSchema, requestView } from '../views.ts';

const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IdempotencyKeySchema = z
  .string({ error: '缺少 Idempotency-Key 请求头 / the Idempotency-Key header is required' })
  .min(8, 'Idempotency-Key 至少8个字符 / Idempotency-Key must have at least 8 characters')
  .max(128)
  .regex(
    /^[A-Za-z0-9_.:-]+$/,
    'Idempotency-Key 只能含字母、数字和 _.:- / Idempotency-Key may hold letters, digits and _.:- only',
  );

export const SendSchema = z
  .object({
    productIds: z.array(z.string()).min(1).max(20).optional(),
    topK: z
      .number()
      .int()
      .min(1)
      .max(
        MAX_SEND_INSTITUTIONS,
        `最多发送给 ${MAX_SEND_INSTITUTIONS} 家机构 / at most ${MAX_SEND_INSTITUTIONS} institutions`,
      )
      .optional(),
    reveal: z.boolean().default(false),
  })
  .strict()
  .refine((s) => !(s.productIds && s.topK), {
    message: 'productIds 与 topK 只能二选一 / give either productIds or topK, not both',
    path: ['topK'],
  });

const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

const SubmittedSchema = z.object({ request: RequestViewSchema, matches: MatchResultSchema });

export function requestRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'post',
    path: '/api/requests',
    tag: 'requests',
    auth: 'firm',
    summary: '提交融资需求（幂等） / Submit a funding request (idempotent); answers with its matches',
    headers: {
      [IDEMPOTENCY_HEADER]: {
        description: '同一键 + 同一内容 → 同一结果 / same key + same body → same answer',
        required: true,
      },
    },
    body: FundingRequestSchema,
    responses: {
      201: { description: 'submitted', schema: SubmittedSchema },
      200: { description: 'replay of an earlier call with the same key', schema: SubmittedSchema },
      422: { description: 'key reused with a different body' },
    },
  });
  app.post('/api/requests', async (c) => {
    const principal = requireRole(c.get('principal'), 'firm');
    const key = parseOrThrow(IdempotencyKeySchema, c.req.header(IDEMPOTENCY_HEADER), [
      'headers',
      IDEMPOTENCY_HEADER,
    ]);
    const request = await jsonBody(c, FundingRequestSchema);
    const result = await submitRequest(c.get('deps'), principal, request, key);
    return c.json(
      { request: requestView(result.request), matches: result.matches },
      result.replayed ? 200 : 201,
    );
  });

  document({
    method: 'get',
    path: '/api/requests',
    tag: 'requests',
    auth: 'signed_in',
    summary:
      '融资需求列表（企业：自己的；运营方：本地区） / Requests (a firm: its own; an operator: its region)',
    query: PageQuerySchema,
    responses: {
      200: {
        description: 'a page',
        schema: z.object({ items: z.array(RequestViewSchema), cursor: z.string().optional() }),
      },
    },
  });
  app.get('/api/requests', async (c) => {
    const principal = requireRole(c.get('principal'), 'firm', 'operator');
    const page = await listRequests(
      c.get('deps'),
      principal,
      parseOrThrow(PageQuerySchema, c.req.query(), ['query']),
    );
    return c.json({ items: page.items.map(requestView), cursor: page.cursor });
  });

  document({
    method: 'get',
    path: '/api/requests/{id}',
    tag: 'requests',
    auth: 'signed_in',
    summary: '需求详情 / One request',
    params: { id: 'request id' },
    responses: { 200: { description: 'the request', schema: RequestViewSchema } },
  });
  app.get('/api/requests/:id', async (c) => {
    return c.json(requestView(await readRequest(c.get('deps'), c.get('principal'), c.req.param('id'))));
  });

  document({
    method: 'get',
    path: '/api/requests/{id}/matches',
    tag: 'requests',
    auth: 'signed_in',
    summary: '需求的匹配结果（提交时计算并保存） / The matches stored when the request was submitted',
    params: { id: 'request id' },
    responses: { 200: { description: 'matches', schema: MatchResultSchema } },
  });
  app.get('/api/requests/:id/matches', async (c) => {
    return c.json(await requestMatches(c.get('deps'), c.get('principal'), c.req.param('id')));
  });

  document({
    method: 'post',
    path: '/api/requests/{id}/send',
    tag: 'requests',
    auth: 'firm',
    summary: `发送给所选产品的机构，或前K家（K≤${MAX_SEND_INSTITUTIONS}，默认3），并记录授权 / Send to the picked products’ institutions or the top K, recording consent`,
    params: { id: 'request id' },
    body: SendSchema,
    responses: {
      201: {
        description: 'leads created',
        schema: z.object({ request: RequestViewSchema, leads: z.array(FirmLeadViewSchema) }),
      },
    },
  });
  app.post('/api/requests/:id/send', async (c) => {
    const principal = requireRole(c.get('principal'), 'firm');
    const choice = await jsonBody(c, SendSchema);
    const deps = c.get('deps');
    const result = await sendRequest(deps, principal, c.req.param('id'), choice);
    return c.json(
      {
        request: requestView(result.request),
        leads: (await requestLeads(deps, principal, result.request.id)).map((l) =>
          firmLeadView(l.lead, l.nextBest),
        ),
      },
      201,
    );
  });

  document({
    method: 'post',
    path: '/api/requests/{id}/withdraw',
    tag: 'requests',
    auth: 'firm',
    summary: '撤回需求（未结束的线索随之关闭） / Withdraw a request; its open leads close with it',
    params: { id: 'request id' },
    responses: {
      200: {
        description: 'withdrawn',
        schema: z.object({ request: RequestViewSchema, closedLeads: z.number() }),
      },
    },
  });
  app.post('/api/requests/:id/withdraw', async (c) => {
    const principal = requireRole(c.get('principal'), 'firm');
    const result = await withdrawRequest(c.get('deps'), principal, c.req.param('id'));
    return c.json({ request: requestView(result.request), closedLeads: result.closedLeads });
  });

  document({
    method: 'get',
    path: '/api/requests/{id}/leads',
    tag: 'requests',
    auth: 'signed_in',
    summary:
      '需求的线索及进展；被拒时附次优产品 / The request’s leads; a declined one lists next-best products',
    params: { id: 'request id' },
    responses: { 200: { description: 'leads', schema: z.object({ items: z.array(FirmLeadViewSchema) }) } },
  });
  app.get('/api/requests/:id/leads', async (c) => {
    const leads = await requestLeads(c.get('deps'), c.get('principal'), c.req.param('id'));
    return c.json({ items: leads.map((l) => firmLeadView(l.lead, l.nextBest)) });
  });

  return app;
}
