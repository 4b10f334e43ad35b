import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { lazySchema } from '#domain/lazy-schema.ts';
import { LeadActionSchema, LeadStatusSchema } from '#domain/lead.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import { AuditEntrySchema, type LeadRecord } from '#domain/request.ts';
import { leadAudit, listLeads, readLead, revealToInstitution, transitionLead } from '#usecases/leads.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';
import {
  FirmLeadViewSchema,
  firmLeadView,
  OfficerLeadViewSchema,
  officerLeadView,
  withoutThread,
} from '../views.ts';

const LeadQuerySchema = lazySchema(() =>
  z.object({
    status: LeadStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(2000).optional(),
  }),
);

/** What a reader of the audit trail sees of each row. */
const AuditViewSchema = lazySchema(() => AuditEntrySchema.omit({ leadId: true, seq: true }));

const IfMatchSchema = lazySchema(() =>
  z
    .string()
    .regex(/^(W\/)?"?\d{1,9}"?$/, 'If-Match 应为线索版本号 / If-Match must be the lead version')
    .transform((v) => Number(v.replace(/\D/g, '')))
    .optional()
    .describe(
      '线索版本号（可选）；已变化则返回409 / the lead version you saw (optional); 409 if it moved on',
    ),
);

const LeadParam = lazySchema(() => z.object({ id: z.string().max(200).describe('lead id') }));
const LeadViewSchema = lazySchema(() => z.union([OfficerLeadViewSchema, FirmLeadViewSchema]));
/** A lead without its question/answer thread: in lists and a transition's answer (read the lead for it). */
const LeadWithoutThreadSchema = lazySchema(() =>
  z.union([OfficerLeadViewSchema.omit({ messages: true }), FirmLeadViewSchema.omit({ messages: true })]),
);

/** Each audience gets its own whitelist of a lead's fields. */
function viewFor(principal: Principal, lead: LeadRecord) {
  return principal.role === 'officer' ? officerLeadView(lead) : firmLeadView(lead);
}

/** The same, without the lead's thread (lists, a transition's answer). */
function viewWithoutThread(principal: Principal, lead: LeadRecord) {
  return principal.role === 'officer'
    ? withoutThread(officerLeadView(lead))
    : withoutThread(firmLeadView(lead));
}

export const listLeadsRoute = createRoute({
  method: 'get',
  path: '/api/leads',
  operationId: 'listLeads',
  tags: ['leads'],
  summary:
    '线索列表（机构：本机构；运营方：本地区） / Leads (an officer: its institution’s; an operator: its region’s)',
  ...access(['officer', 'operator']),
  request: { query: LeadQuerySchema },
  responses: {
    200: json(
      z.object({ items: z.array(LeadWithoutThreadSchema), cursor: z.string().optional() }),
      'a page, newest first (each lead without its thread: read the lead for that)',
    ),
  },
});

export const readLeadRoute = createRoute({
  method: 'get',
  path: '/api/leads/{id}',
  operationId: 'readLead',
  tags: ['leads'],
  summary: '线索详情（未公开身份前为匿名） / One lead (anonymous until the firm reveals itself)',
  ...access('signed_in'),
  request: { params: LeadParam },
  responses: { 200: json(LeadViewSchema, 'the lead; its ETag is its version') },
});

export const transitionLeadRoute = createRoute({
  method: 'post',
  path: '/api/leads/{id}/transitions',
  operationId: 'transitionLead',
  tags: ['leads'],
  summary:
    '推进线索：查看/受理/要求补充/回复/审批/拒绝/放款/撤回 / Move a lead: view, accept, request_info, respond, approve, decline, disburse, withdraw',
  ...access(['officer', 'firm']),
  request: {
    params: LeadParam,
    headers: z.object({ 'If-Match': IfMatchSchema }),
    body: jsonBody(LeadActionSchema),
  },
  responses: {
    200: json(
      LeadWithoutThreadSchema,
      'the lead after the transition, without its thread (read the lead for that)',
    ),
    409: { description: 'someone else moved the lead first' },
    422: { description: 'not allowed from the current state, or not by this role' },
  },
});

export const revealRoute = createRoute({
  method: 'post',
  path: '/api/leads/{id}/reveal',
  operationId: 'revealToInstitution',
  tags: ['leads'],
  summary: '向该机构公开企业身份 / Reveal the firm’s identity to this lead’s institution',
  ...access(['firm']),
  request: { params: LeadParam },
  responses: { 200: json(FirmLeadViewSchema, 'the lead') },
});

export const leadAuditRoute = createRoute({
  method: 'get',
  path: '/api/leads/{id}/audit',
  operationId: 'leadAudit',
  tags: ['leads'],
  summary: '线索的审计记录（谁、何时、从何状态到何状态） / The lead’s audit trail: who, when, from, to',
  ...access('signed_in'),
  request: { params: LeadParam },
  responses: { 200: json(z.object({ items: z.array(AuditViewSchema) }), 'oldest first') },
});

export function leadRoutes() {
  const app = apiRouter();

  app.openapi(listLeadsRoute, async (c) => {
    const principal = requireRole(c.get('principal'));
    const page = await listLeads(c.get('deps'), principal, c.req.valid('query'));
    return c.json(
      {
        items: page.items.map((l) => viewWithoutThread(principal, l)),
        cursor: page.cursor,
      },
      200,
    );
  });

  app.openapi(readLeadRoute, async (c) => {
    const principal = requireRole(c.get('principal'));
    const lead = await readLead(c.get('deps'), principal, c.req.valid('param').id);
    c.header('ETag', `"${lead.version}"`);
    return c.json(viewFor(principal, lead), 200);
  });

  app.openapi(transitionLeadRoute, async (c) => {
    const principal = requireRole(c.get('principal'));
    const lead = await transitionLead(
      c.get('deps'),
      principal,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.req.valid('header')['If-Match'],
    );
    return c.json(viewWithoutThread(principal, lead), 200);
  });

  app.openapi(revealRoute, async (c) => {
    const lead = await revealToInstitution(c.get('deps'), c.get('principal'), c.req.valid('param').id);
    return c.json(firmLeadView(lead), 200);
  });

  app.openapi(leadAuditRoute, async (c) => {
    const entries = await leadAudit(c.get('deps'), c.get('principal'), c.req.valid('param').id);
    return c.json({ items: entries.map(({ leadId: _lead, seq: _seq, ...view }) => view) }, 200);
  });

  return app;
}
