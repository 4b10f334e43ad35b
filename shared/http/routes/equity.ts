import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  BatchDecisionSchema,
  ComposeBatchSchema,
  EXCLUSION_REASONS,
  PoolEntrySchema,
  PushConsentSchema,
} from '#domain/equity/batch.ts';
import { EquityLeadActionSchema } from '#domain/equity/lead.ts';
import { FundSchema } from '#domain/equity/preferences.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { requireRole } from '#domain/principal.ts';
import {
  answerBatchEntry,
  consentToPush,
  equityPool,
  listBatches,
  listEquityLeads,
  listFunds,
  previewBatch,
  pushBatch,
  readBatch,
  readEquityLead,
  revealEquityLead,
  saveFund,
  transitionEquityLead,
} from '#usecases/equity.ts';
import {
  BatchEntryViewSchema,
  BatchViewSchema,
  batchView,
  EquityLeadViewSchema,
  equityLeadView,
} from '../equity-views.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';

const FundBodySchema = lazySchema(() => FundSchema.omit({ id: true, institutionId: true }));
const FundParam = lazySchema(() => z.object({ id: FundSchema.shape.id }));
const IdParam = lazySchema(() => z.object({ id: z.string().min(1).max(200) }));
const PageQuerySchema = lazySchema(() =>
  z.object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(2000).optional(),
  }),
);
const IfMatchSchema = lazySchema(() =>
  z
    .string()
    .regex(/^(W\/)?"?\d{1,9}"?$/, 'If-Match 应为线索版本号 / If-Match must be the lead version')
    .transform((v) => Number(v.replace(/\D/g, '')))
    .optional()
    .describe('线索版本号（可选）；已变化则返回409 / the version you saw (optional); 409 if it moved on'),
);
const PoolViewSchema = lazySchema(() => PoolEntrySchema.omit({ uscc: true }));
const PreviewSchema = lazySchema(() =>
  z.object({
    entries: z.array(BatchEntryViewSchema.omit({ firm: true })),
    excluded: z.array(
      z.object({
        requestId: z.string(),
        reason: z.enum(Object.keys(EXCLUSION_REASONS) as [string, ...string[]]),
      }),
    ),
    summary: z.object({ firms: z.number(), srdiFirms: z.number(), amountSoughtYuan: z.number() }),
  }),
);

export const saveFundRoute = createRoute({
  method: 'put',
  path: '/api/funds/{id}',
  operationId: 'saveFund',
  tags: ['equity'],
  summary: '维护本机构基金的投资偏好 / Create or replace one of your institution’s funds and its preferences',
  ...access(['officer']),
  request: { params: FundParam, body: jsonBody(FundBodySchema) },
  responses: {
    200: json(FundSchema, 'the fund'),
    409: { description: 'the fund belongs to another manager' },
    422: { description: 'your institution is not a fund manager' },
  },
});

export const listFundsRoute = createRoute({
  method: 'get',
  path: '/api/funds',
  operationId: 'listFunds',
  tags: ['equity'],
  summary:
    '基金列表（机构：本机构；运营方：在本地区投资的） / Funds (an officer: its own; an operator: those investing in its region)',
  ...access(['officer', 'operator']),
  responses: { 200: json(z.object({ items: z.array(FundSchema) }), 'funds') },
});

export const pushConsentRoute = createRoute({
  method: 'post',
  path: '/api/requests/{id}/push-consent',
  operationId: 'consentToPush',
  tags: ['equity'],
  summary: '同意将股权融资需求（匿名）推送给基金 / Consent to push an equity request (anonymised) to funds',
  ...access(['firm']),
  request: { params: IdParam, body: jsonBody(PushConsentSchema) },
  responses: {
    201: json(PoolViewSchema, 'the request joined the equity pool'),
    409: { description: 'already consented' },
    422: { description: 'not an equity request, or withdrawn' },
  },
});

export const equityPoolRoute = createRoute({
  method: 'get',
  path: '/api/equity/pool',
  operationId: 'equityPool',
  tags: ['equity'],
  summary: '本地区已同意推送的股权融资需求 / Consenting equity requests of your region',
  ...access(['operator']),
  responses: { 200: json(z.object({ items: z.array(PoolEntrySchema) }), 'the pool, oldest first') },
});

export const previewBatchRoute = createRoute({
  method: 'post',
  path: '/api/batches/preview',
  operationId: 'previewBatch',
  tags: ['equity'],
  summary:
    '按基金偏好预览推送批次（不保存） / Preview a batch for a fund, ranked by its preferences (nothing stored)',
  ...access(['operator']),
  request: { body: jsonBody(ComposeBatchSchema) },
  responses: {
    200: json(PreviewSchema, 'ranked entries, and the requests left out with why'),
    422: { description: 'the fund does not invest in your region' },
  },
});

export const pushBatchRoute = createRoute({
  method: 'post',
  path: '/api/batches',
  operationId: 'pushBatch',
  tags: ['equity'],
  summary: '向基金推送一批（编号） / Push a numbered batch to a fund',
  ...access(['operator']),
  request: { body: jsonBody(ComposeBatchSchema) },
  responses: {
    201: json(BatchViewSchema, 'the batch'),
    404: { description: 'unknown fund' },
    409: { description: 'another batch for this fund at the same time' },
    422: { description: 'the fund does not invest in your region, or nothing fits' },
  },
});

export const listBatchesRoute = createRoute({
  method: 'get',
  path: '/api/batches',
  operationId: 'listBatches',
  tags: ['equity'],
  summary:
    '推送批次（基金：收到的；运营方：本地区推送的） / Batches (a fund: received; an operator: its region’s)',
  ...access(['officer', 'operator']),
  responses: { 200: json(z.object({ items: z.array(BatchViewSchema) }), 'newest first') },
});

export const readBatchRoute = createRoute({
  method: 'get',
  path: '/api/batches/{id}',
  operationId: 'readBatch',
  tags: ['equity'],
  summary: '一个推送批次（基金看到的是匿名企业） / One batch (firms anonymised for the fund)',
  ...access(['officer', 'operator']),
  request: { params: IdParam },
  responses: { 200: json(BatchViewSchema, 'the batch') },
});

export const answerBatchRoute = createRoute({
  method: 'post',
  path: '/api/batches/{id}/entries/{requestId}/answer',
  operationId: 'answerBatchEntry',
  tags: ['equity'],
  summary:
    '基金答复：感兴趣（生成股权线索）/ 不合适（股权原因） / Answer one firm: interested (opens an equity lead) or not for us (equity reasons)',
  ...access(['officer']),
  request: {
    params: z.object({ id: z.string().min(1).max(200), requestId: z.string().min(1).max(200) }),
    body: jsonBody(BatchDecisionSchema),
  },
  responses: {
    200: json(
      z.object({ batch: BatchViewSchema, leadId: z.string().optional() }),
      'the batch, and the equity lead opened',
    ),
    409: { description: 'already answered' },
  },
});

export const listEquityLeadsRoute = createRoute({
  method: 'get',
  path: '/api/equity-leads',
  operationId: 'listEquityLeads',
  tags: ['equity'],
  summary: '股权线索（基金：本机构；企业：自己的；运营方：本地区） / Equity leads',
  ...access('signed_in'),
  request: { query: PageQuerySchema },
  responses: {
    200: json(
      z.object({ items: z.array(EquityLeadViewSchema), cursor: z.string().optional() }),
      'newest first',
    ),
  },
});

export const readEquityLeadRoute = createRoute({
  method: 'get',
  path: '/api/equity-leads/{id}',
  operationId: 'readEquityLead',
  tags: ['equity'],
  summary: '一条股权线索 / One equity lead',
  ...access('signed_in'),
  request: { params: IdParam },
  responses: { 200: json(EquityLeadViewSchema, 'the lead; its ETag is its version') },
});

export const transitionEquityLeadRoute = createRoute({
  method: 'post',
  path: '/api/equity-leads/{id}/transitions',
  operationId: 'transitionEquityLead',
  tags: ['equity'],
  summary:
    '推进股权线索：尽调/投资意向书/完成投资/放弃（股权原因）/企业撤回 / Move an equity lead: due diligence, term sheet, investment, pass, withdraw',
  ...access(['officer', 'firm']),
  request: {
    params: IdParam,
    headers: z.object({ 'If-Match': IfMatchSchema }),
    body: jsonBody(EquityLeadActionSchema),
  },
  responses: {
    200: json(EquityLeadViewSchema, 'the lead after the move'),
    409: { description: 'someone else moved it first' },
    422: { description: 'not allowed from this state or by this role' },
  },
});

export const revealEquityLeadRoute = createRoute({
  method: 'post',
  path: '/api/equity-leads/{id}/reveal',
  operationId: 'revealEquityLead',
  tags: ['equity'],
  summary: '向该基金公开企业身份 / Reveal the firm to this lead’s fund',
  ...access(['firm']),
  request: { params: IdParam },
  responses: { 200: json(EquityLeadViewSchema, 'the lead') },
});

/** Funds and preferences, the equity pool, batches pushed to funds, equity leads. */
export function equityRoutes() {
  const app = apiRouter();

  app.openapi(saveFundRoute, async (c) =>
    c.json(
      await saveFund(c.get('deps'), c.get('principal'), c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  );
  app.openapi(listFundsRoute, async (c) =>
    c.json({ items: await listFunds(c.get('deps'), c.get('principal')) }, 200),
  );
  app.openapi(pushConsentRoute, async (c) => {
    const { uscc: _uscc, ...entry } = await consentToPush(
      c.get('deps'),
      c.get('principal'),
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    return c.json(entry, 201);
  });
  app.openapi(equityPoolRoute, async (c) =>
    c.json({ items: await equityPool(c.get('deps'), c.get('principal')) }, 200),
  );
  app.openapi(previewBatchRoute, async (c) => {
    const { composed, summary } = await previewBatch(c.get('deps'), c.get('principal'), c.req.valid('json'));
    return c.json({ ...composed, summary }, 200);
  });
  app.openapi(pushBatchRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'operator');
    return c.json(batchView(principal, await pushBatch(c.get('deps'), principal, c.req.valid('json'))), 201);
  });
  app.openapi(listBatchesRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'officer', 'operator');
    const items = await listBatches(c.get('deps'), principal);
    return c.json({ items: items.map((b) => batchView(principal, b)) }, 200);
  });
  app.openapi(readBatchRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'officer', 'operator');
    return c.json(
      batchView(principal, await readBatch(c.get('deps'), principal, c.req.valid('param').id)),
      200,
    );
  });
  app.openapi(answerBatchRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'officer');
    const { id, requestId } = c.req.valid('param');
    const { batch, leadId } = await answerBatchEntry(
      c.get('deps'),
      principal,
      id,
      requestId,
      c.req.valid('json'),
    );
    return c.json({ batch: batchView(principal, batch), ...(leadId ? { leadId } : {}) }, 200);
  });
  app.openapi(listEquityLeadsRoute, async (c) => {
    const principal = requireRole(c.get('principal'));
    const page = await listEquityLeads(c.get('deps'), principal, c.req.valid('query'));
    return c.json({ items: page.items.map((l) => equityLeadView(principal, l)), cursor: page.cursor }, 200);
  });
  app.openapi(readEquityLeadRoute, async (c) => {
    const principal = requireRole(c.get('principal'));
    const lead = await readEquityLead(c.get('deps'), principal, c.req.valid('param').id);
    c.header('ETag', `"${lead.version}"`);
    return c.json(equityLeadView(principal, lead), 200);
  });
  app.openapi(transitionEquityLeadRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'officer', 'firm');
    const lead = await transitionEquityLead(
      c.get('deps'),
      principal,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.req.valid('header')['If-Match'],
    );
    return c.json(equityLeadView(principal, lead), 200);
  });
  app.openapi(revealEquityLeadRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'firm');
    return c.json(
      equityLeadView(principal, await revealEquityLead(c.get('deps'), principal, c.req.valid('param').id)),
      200,
    );
  });
  return app;
}

export const EQUITY_OPERATIONS = [
  saveFundRoute,
  listFundsRoute,
  pushConsentRoute,
  equityPoolRoute,
  previewBatchRoute,
  pushBatchRoute,
  listBatchesRoute,
  readBatchRoute,
  answerBatchRoute,
  listEquityLeadsRoute,
  readEquityLeadRoute,
  transitionEquityLeadRoute,
  revealEquityLeadRoute,
] as const;
