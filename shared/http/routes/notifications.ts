import { Hono } from 'hono';
import * as z from 'zod';
import { ForbiddenError } from '#domain/errors.ts';
import { requireRole } from '#domain/principal.ts';
import { escalationsOfLead, listNotifications, markNotificationRead } from '#usecases/notifications.ts';
import { jsonBody } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { document } from '../openapi.ts';
import { parseOrThrow } from '../validation.ts';

const Text = z.object({ zh: z.string(), en: z.string() });
const NotificationSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  title: Text,
  body: Text,
  link: z.string().optional(),
  readAt: z.string().optional(),
});
const EscalationSchema = z.object({
  leadId: z.string(),
  requestId: z.string(),
  institutionId: z.string(),
  regionCode: z.string(),
  level: z.number().int(),
  deadline: z.string(),
  at: z.string(),
  to: z.record(z.string(), z.unknown()),
});
const LimitSchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
const RegionSpecialistSchema = z
  .object({
    userId: z.string().trim().min(1).max(128),
    name: z.string().trim().min(1).max(100),
    phone: z.string().trim().max(30).optional(),
  })
  .strict();

/** In-app notifications (per user: their own, their firm's, institution's or region's), escalations. */
export function notificationRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'get',
    path: '/api/notifications',
    tag: 'notifications',
    auth: 'signed_in',
    summary: '我的通知与未读数 / My notifications and the unread count',
    query: LimitSchema,
    responses: {
      200: {
        description: 'newest first',
        schema: z.object({ items: z.array(NotificationSchema), unread: z.number().int() }),
      },
    },
  });
  app.get('/api/notifications', async (c) => {
    const principal = requireRole(c.get('principal'));
    const { limit } = parseOrThrow(LimitSchema, c.req.query(), ['query']);
    const { items, unread } = await listNotifications(c.get('deps').store, principal, limit);
    return c.json({ items: items.map(({ inbox: _i, eventId: _e, ...n }) => n), unread });
  });

  document({
    method: 'post',
    path: '/api/notifications/{id}/read',
    tag: 'notifications',
    auth: 'signed_in',
    summary: '标记为已读 / Mark a notification read',
    params: { id: 'notification id' },
    responses: { 204: { description: 'read' }, 404: { description: 'not one of yours' } },
  });
  app.post('/api/notifications/:id/read', async (c) => {
    const principal = requireRole(c.get('principal'));
    await markNotificationRead(c.get('deps'), principal, c.req.param('id'));
    return c.body(null, 204);
  });

  document({
    method: 'get',
    path: '/api/escalations',
    tag: 'notifications',
    auth: 'operator',
    summary: '本地区逾期升级的线索 / Escalated overdue leads of the operator’s region',
    query: LimitSchema,
    responses: {
      200: { description: 'newest first', schema: z.object({ items: z.array(EscalationSchema) }) },
    },
  });
  app.get('/api/escalations', async (c) => {
    const principal = requireRole(c.get('principal'), 'operator');
    const { limit } = parseOrThrow(LimitSchema, c.req.query(), ['query']);
    const items = await c.get('deps').store.backbone.escalations.ofRegion(principal.regionPrefix, limit);
    return c.json({ items });
  });

  document({
    method: 'get',
    path: '/api/leads/{id}/escalations',
    tag: 'leads',
    auth: 'signed_in',
    summary: '线索的逾期升级记录 / A lead’s missed-deadline escalations',
    params: { id: 'lead id' },
    responses: { 200: { description: 'by level', schema: z.object({ items: z.array(EscalationSchema) }) } },
  });
  app.get('/api/leads/:id/escalations', async (c) => {
    const principal = requireRole(c.get('principal'));
    return c.json({ items: await escalationsOfLead(c.get('deps').store, principal, c.req.param('id')) });
  });

  document({
    method: 'put',
    path: '/api/regions/{prefix}/specialist',
    tag: 'notifications',
    auth: 'operator',
    summary:
      '设置地区默认服务专员（逾期升级时分配给尚无专员的企业） / Set a region’s default service specialist (assigned on escalation to firms without one)',
    params: { prefix: 'GB/T 2260 prefix within the operator’s region' },
    body: RegionSpecialistSchema,
    responses: { 200: { description: 'saved' } },
  });
  app.put('/api/regions/:prefix/specialist', async (c) => {
    const principal = requireRole(c.get('principal'), 'operator');
    const regionPrefix = parseOrThrow(z.string().regex(/^\d{2,6}$/), c.req.param('prefix'), [
      'params',
      'prefix',
    ]);
    if (!regionPrefix.startsWith(principal.regionPrefix)) {
      throw new ForbiddenError(
        '只能设置本地区的服务专员',
        'operators set specialists of their own region only',
      );
    }
    const body = await jsonBody(c, RegionSpecialistSchema);
    const specialist = { regionPrefix, ...body };
    await c.get('deps').store.backbone.escalations.setRegionSpecialist(specialist);
    return c.json(specialist);
  });

  return app;
}
