import { Hono } from 'hono';
import * as z from 'zod';
import {
  BatchDecisionSchema,
  ComposeBatchSchema,
  PoolEntrySchema,
  PushConsentSchema,
} from '#domain/equity/batch.ts';
import { EquityLeadActionSchema } from '#domain/equity/lead.ts';
import { FundSchema } from '#domain/equity/preferences.ts';
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
import { jsonBody } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { BatchViewSchema, batchView, EquityLeadViewSchema, equityLeadView } from '../equity-views.ts';
import { document } from '../openapi.ts';
import { parseOrThrow } from '../validation.ts';

const FundBodySchema = FundSchema.omit({ id: true, institutionId: true });
const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});
const VersionSchema = z
  .string()
  .regex(/^(W\/)?"?\d{1,9}"?$/, 'If-Match 应为线索版本号 / If-Match must be the lead version')
  .transform((v) => Number(v.replace(/\D/g, '')));

/** Funds and preferences, the equity pool, batches pushed to funds, equity leads. */
export function equityRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'put',
    path: '/api/funds/{id}',
    tag: 'equity',
    auth: 'officer',
    summary:
      '维护本机构基金的投资偏好 / Create or replace one of your institution’s funds and its preferences',
    params: { id: 'fund id (slug)' },
    body: FundBodySchema,
    responses: {
      200: { description: 'the fund', schema: FundSchema },
      422: { description: 'not a fund manager' },
    },
  });
  app.put('/api/funds/:id', async (c) => {
    const body = await jsonBody(c, FundBodySchema);
    const id = parseOrThrow(FundSchema.shape.id, c.req.param('id'), ['params', 'id']);
    return c.json(await saveFund(c.get('deps'), c.get('principal'), id, body));
  });

  document({
    method: 'get',
    path: '/api/funds',
    tag: 'equity',
    auth: 'signed_in',
    summary:
      '基金列表（机构：本机构；运营方：在本地区投资的） / Funds (an officer: its own; an operator: those investing in its region)',
    responses: { 200: { description: 'funds', schema: z.object({ items: z.array(FundSchema) }) } },
  });
  app.get('/api/funds', async (c) => c.json({ items: await listFunds(c.get('deps'), c.get('principal')) }));

  document({
    method: 'post',
    path: '/api/requests/{id}/push-consent',
    tag: 'equity',
    auth: 'firm',
    summary: '同意将股权融资需求（匿名）推送给基金 / Consent to push an equity request (anonymised) to funds',
    params: { id: 'request id' },
    body: PushConsentSchema,
    responses: {
      201: {
        description: 'the request joined the equity pool',
        schema: PoolEntrySchema.omit({ uscc: true }),
      },
      409: { description: 'already consented' },
      422: { description: 'not an equity request, or withdrawn' },
    },
  });
  app.post('/api/requests/:id/push-consent', async (c) => {
    const body = await jsonBody(c, PushConsentSchema);
    const entry = await consentToPush(c.get('deps'), c.get('principal'), c.req.param('id'), body);
    return c.json(entry, 201);
  });

  document({
    method: 'get',
    path: '/api/equity/pool',
    tag: 'equity',
    auth: 'operator',
    summary: '本地区已同意推送的股权融资需求 / Consenting equity requests of your region',
    responses: {
      200: { description: 'the pool, oldest first', schema: z.object({ items: z.array(PoolEntrySchema) }) },
    },
  });
  app.get('/api/equity/pool', async (c) =>
    c.json({ items: await equityPool(c.get('deps'), c.get('principal')) }),
  );

  document({
    method: 'post',
    path: '/api/batches/preview',
    tag: 'equity',
    auth: 'operator',
    summary:
      '按基金偏好预览推送批次（不保存） / Preview a batch for a fund, ranked by its preferences (nothing stored)',
    body: ComposeBatchSchema,
    responses: { 200: { description: 'ranked entries and the requests left out, with why' } },
  });
  app.post('/api/batches/preview', async (c) => {
    const body = await jsonBody(c, ComposeBatchSchema);
    const { composed, summary } = await previewBatch(c.get('deps'), c.get('principal'), body);
    return c.json({ ...composed, summary });
  });

  document({
    method: 'post',
    path: '/api/batches',
    tag: 'equity',
    auth: 'operator',
    summary: '向基金推送一批（编号） / Push a numbered batch to a fund',
    body: ComposeBatchSchema,
    responses: {
      201: { description: 'the batch', schema: BatchViewSchema },
      404: { description: 'unknown fund' },
      409: { description: 'another batch for this fund at the same time' },
      422: { description: 'the fund does not invest in your region, or nothing fits' },
    },
  });
  app.post('/api/batches', async (c) => {
    const principal = requireRole(c.get('principal'), 'operator');
    const body = await jsonBody(c, ComposeBatchSchema);
    return c.json(batchView(principal, await pushBatch(c.get('deps'), principal, body)), 201);
  });

  document({
    method: 'get',
    path: '/api/batches',
    tag: 'equity',
    auth: 'signed_in',
    summary:
      '推送批次（基金：收到的；运营方：本地区推送的） / Batches (a fund: received; an operator: its region’s)',
    responses: {
      200: { description: 'newest first', schema: z.object({ items: z.array(BatchViewSchema) }) },
    },
  });
  app.get('/api/batches', async (c) => {
    const principal = requireRole(c.get('principal'), 'officer', 'operator');
    const items = await listBatches(c.get('deps'), principal);
    return c.json({ items: items.map((b) => batchView(principal, b)) });
  });

  document({
    method: 'get',
    path: '/api/batches/{id}',
    tag: 'equity',
    auth: 'signed_in',
    summary: '一个推送批次（基金看到的是匿名企业） / One batch (firms anonymised for the fund)',
    params: { id: 'batch id: <fundId>.<number>' },
    responses: { 200: { description: 'the batch', schema: BatchViewSchema } },
  });
  app.get('/api/batches/:id', async (c) => {
    const principal = requireRole(c.get('principal'), 'officer', 'operator');
    return c.json(batchView(principal, await readBatch(c.get('deps'), principal, c.req.param('id'))));
  });

  document({
    method: 'post',
    path: '/api/batches/{id}/entries/{requestId}/answer',
    tag: 'equity',
    auth: 'officer',
    summary:
      '基金答复：感兴趣（生成股权线索）/ 不合适（股权原因） / Answer one firm: interested (opens an equity lead) or not for us (equity reasons)',
    params: { id: 'batch id', requestId: 'the firm’s request id in the batch' },
    body: BatchDecisionSchema,
    responses: {
      200: {
        description: 'the batch, and the equity lead opened',
        schema: z.object({ batch: BatchViewSchema, leadId: z.string().optional() }),
      },
      409: { description: 'already answered' },
    },
  });
  app.post('/api/batches/:id/entries/:requestId/answer', async (c) => {
    const principal = requireRole(c.get('principal'), 'officer');
    const body = await jsonBody(c, BatchDecisionSchema);
    const { batch, leadId } = await answerBatchEntry(
      c.get('deps'),
      principal,
      c.req.param('id'),
      c.req.param('requestId'),
      body,
    );
    return c.json({ batch: batchView(principal, batch), ...(leadId ? { leadId } : {}) });
  });

  document({
    method: 'get',
    path: '/api/equity-leads',
    tag: 'equity',
    auth: 'signed_in',
    summary: '股权线索（基金：本机构；企业：自己的；运营方：本地区） / Equity leads',
    query: PageQuerySchema,
    responses: {
      200: {
        description: 'newest first',
        schema: z.object({ items: z.array(EquityLeadViewSchema), cursor: z.string().optional() }),
      },
    },
  });
  app.get('/api/equity-leads', async (c) => {
    const principal = requireRole(c.get('principal'));
    const query = parseOrThrow(PageQuerySchema, c.req.query(), ['query']);
    const page = await listEquityLeads(c.get('deps'), principal, query);
    return c.json({ items: page.items.map((l) => equityLeadView(principal, l)), cursor: page.cursor });
  });

  document({
    method: 'get',
    path: '/api/equity-leads/{id}',
    tag: 'equity',
    auth: 'signed_in',
    summary: '一条股权线索 / One equity lead',
    params: { id: 'equity lead id' },
    responses: { 200: { description: 'the lead', schema: EquityLeadViewSchema } },
  });
  app.get('/api/equity-leads/:id', async (c) => {
    const principal = requireRole(c.get('principal'));
    const lead = await readEquityLead(c.get('deps'), principal, c.req.param('id'));
    c.header('ETag', `"${lead.version}"`);
    return c.json(equityLeadView(principal, lead));
  });

  document({
    method: 'post',
    path: '/api/equity-leads/{id}/transitions',
    tag: 'equity',
    auth: 'signed_in',
    summary:
      '推进股权线索：尽调/投资意向书/完成投资/放弃（股权原因）/企业撤回 / Move an equity lead: due diligence, term sheet, investment, pass, withdraw',
    params: { id: 'equity lead id' },
    headers: {
      'If-Match': { description: 'the version you saw (optional); 409 if it moved on', required: false },
    },
    body: EquityLeadActionSchema,
    responses: {
      200: { description: 'the lead after the move', schema: EquityLeadViewSchema },
      409: { description: 'someone else moved it first' },
      422: { description: 'not allowed from this state or by this role' },
    },
  });
  app.post('/api/equity-leads/:id/transitions', async (c) => {
    const principal = requireRole(c.get('principal'), 'officer', 'firm');
    const header = c.req.header('if-match');
    const expected =
      header === undefined ? undefined : parseOrThrow(VersionSchema, header, ['headers', 'If-Match']);
    const action = await jsonBody(c, EquityLeadActionSchema);
    const lead = await transitionEquityLead(c.get('deps'), principal, c.req.param('id'), action, expected);
    return c.json(equityLeadView(principal, lead));
  });

  document({
    method: 'post',
    path: '/api/equity-leads/{id}/reveal',
    tag: 'equity',
    auth: 'firm',
    summary: '向该基金公开企业身份 / Reveal the firm to this lead’s fund',
    params: { id: 'equity lead id' },
    responses: { 200: { description: 'the lead', schema: EquityLeadViewSchema } },
  });
  app.post('/api/equity-leads/:id/reveal', async (c) => {
    const principal = requireRole(c.get('principal'), 'firm');
    return c.json(
      equityLeadView(principal, await revealEquityLead(c.get('deps'), principal, c.req.param('id'))),
    );
  });

  return app;
}
