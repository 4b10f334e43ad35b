import { Hono } from 'hono';
import * as z from 'zod';
import { LeadActionSchema, LeadStatusSchema } from '#domain/lead.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import { AuditEntrySchema, type LeadRecord } from '#domain/request.ts';
import { leadAudit, listLeads, readLead, revealToInstitution, transitionLead } from '#usecases/leads.ts';
import { jsonBody } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { document } from '../openapi.ts';
import { parseOrThrow } from '../validation.ts';
import { FirmLeadViewSchema, firmLeadView, OfficerLeadViewSchema, officerLeadView } from '../views.ts';

const LeadQuerySchema = z.object({
  status: LeadStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

/** What a reader of the audit trail sees of each row. */
const AuditViewSchema = AuditEntrySchema.pick({
  at: true,
  actor: true,
  action: true,
  from: true,
  to: true,
  detail: true,
});

const IfMatchSchema = z
  .string()
  .regex(/^(W\/)?"?\d{1,9}"?$/, 'If-Match 应为线索版本号 / If-Match must be the lead version')
  .transform((v) => Number(v.replace(/\D/g, '')));

function parseIfMatch(header: string | undefined): number | undefined {
  return header === undefined ? undefined : parseOrThrow(IfMatchSchema, header, ['headers', 'If-Match']);
}

/** Each audience gets its own whitelist of a lead's fields. */
function viewFor(principal: Principal, lead: LeadRecord) {
  return principal.role === 'officer' ? officerLeadView(lead) : firmLeadView(lead);
}

export function leadRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'get',
    path: '/api/leads',
    tag: 'leads',
    auth: 'signed_in',
    summary:
      '线索列表（机构：本机构；运营方：本地区） / Leads (an officer: its institution’s; an operator: its region’s)',
    query: LeadQuerySchema,
    responses: {
      200: {
        description: 'a page, newest first',
        schema: z.object({ items: z.array(OfficerLeadViewSchema), cursor: z.string().optional() }),
      },
    },
  });
  app.get('/api/leads', async (c) => {
    const principal = requireRole(c.get('principal'), 'officer', 'operator');
    const query = parseOrThrow(LeadQuerySchema, c.req.query(), ['query']);
    const page = await listLeads(c.get('deps'), principal, query);
    return c.json({ items: page.items.map((l) => viewFor(principal, l)), cursor: page.cursor });
  });

  document({
    method: 'get',
    path: '/api/leads/{id}',
    tag: 'leads',
    auth: 'signed_in',
    summary: '线索详情（未公开身份前为匿名） / One lead (anonymous until the firm reveals itself)',
    params: { id: 'lead id' },
    responses: {
      200: { description: 'the lead', schema: z.union([OfficerLeadViewSchema, FirmLeadViewSchema]) },
    },
  });
  app.get('/api/leads/:id', async (c) => {
    const principal = requireRole(c.get('principal'));
    const lead = await readLead(c.get('deps'), principal, c.req.param('id'));
    c.header('ETag', `"${lead.version}"`);
    return c.json(viewFor(principal, lead));
  });

  document({
    method: 'post',
    path: '/api/leads/{id}/transitions',
    tag: 'leads',
    auth: 'signed_in',
    summary:
      '推进线索：查看/受理/要求补充/回复/审批/拒绝/放款/撤回 / Move a lead: view, accept, request_info, respond, approve, decline, disburse, withdraw',
    params: { id: 'lead id' },
    headers: {
      'If-Match': {
        description:
          '线索版本号（可选）；已变化则返回409 / the lead version you saw (optional); 409 if it moved on',
        required: false,
      },
    },
    body: LeadActionSchema,
    responses: {
      200: {
        description: 'the lead after the transition',
        schema: z.union([OfficerLeadViewSchema, FirmLeadViewSchema]),
      },
      409: { description: 'someone else moved the lead first' },
      422: { description: 'not allowed from the current state, or not by this role' },
    },
  });
  app.post('/api/leads/:id/transitions', async (c) => {
    const principal = requireRole(c.get('principal'), 'officer', 'firm');
    const expectedVersion = parseIfMatch(c.req.header('if-match'));
    const action = await jsonBody(c, LeadActionSchema);
    const lead = await transitionLead(c.get('deps'), principal, c.req.param('id'), action, expectedVersion);
    return c.json(viewFor(principal, lead));
  });

  document({
    method: 'post',
    path: '/api/leads/{id}/reveal',
    tag: 'leads',
    auth: 'firm',
    summary: '向该机构公开企业身份 / Reveal the firm’s identity to this lead’s institution',
    params: { id: 'lead id' },
    responses: { 200: { description: 'the lead', schema: FirmLeadViewSchema } },
  });
  app.post('/api/leads/:id/reveal', async (c) => {
    const principal = requireRole(c.get('principal'), 'firm');
    return c.json(firmLeadView(await revealToInstitution(c.get('deps'), principal, c.req.param('id'))));
  });

  document({
    method: 'get',
    path: '/api/leads/{id}/audit',
    tag: 'leads',
    auth: 'signed_in',
    summary: '线索的审计记录（谁、何时、从何状态到何状态） / The lead’s audit trail: who, when, from, to',
    params: { id: 'lead id' },
    responses: {
      200: { description: 'oldest first', schema: z.object({ items: z.array(AuditViewSchema) }) },
    },
  });
  app.get('/api/leads/:id/audit', async (c) => {
    const entries = await leadAudit(c.get('deps'), c.get('principal'), c.req.param('id'));
    return c.json({
      items: entries.map(({ at, actor, action, from, to, detail }) => ({
        at,
        actor,
        action,
        from,
        to,
        detail,
      })),
    });
  });

  return app;
}
