import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { lazySchema } from '#domain/lazy-schema.ts';
import { requireRole } from '#domain/principal.ts';
import {
  escalationsOfLead,
  listNotifications,
  markNotificationRead,
  regionEscalations,
  setRegionSpecialist,
} from '#usecases/notifications.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';

const Text = lazySchema(() => z.object({ zh: z.string(), en: z.string() }));
const NotificationSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    at: z.string(),
    kind: z.string(),
    title: Text,
    body: Text,
    link: z.string().optional(),
    readAt: z.string().optional(),
  }),
);
const EscalationSchema = lazySchema(() =>
  z.object({
    leadId: z.string(),
    requestId: z.string(),
    institutionId: z.string(),
    regionCode: z.string(),
    level: z.number().int(),
    deadline: z.string(),
    at: z.string(),
    to: z.union([
      z.object({
        kind: z.literal('specialist'),
        userId: z.string(),
        name: z.string(),
        assigned: z.boolean(),
      }),
      z.object({ kind: z.literal('operators'), regionPrefix: z.string() }),
    ]),
  }),
);
const LimitSchema = lazySchema(() =>
  z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
);
const RegionSpecialistSchema = lazySchema(() =>
  z
    .object({
      userId: z.string().trim().min(1).max(128),
      name: z.string().trim().min(1).max(100),
      phone: z.string().trim().max(30).optional(),
    })
    .strict(),
);

export const listNotificationsRoute = createRoute({
  method: 'get',
  path: '/api/notifications',
  operationId: 'listNotifications',
  tags: ['notifications'],
  summary: '我的通知与未读数 / My notifications and the unread count',
  ...access('signed_in'),
  request: { query: LimitSchema },
  responses: {
    200: json(z.object({ items: z.array(NotificationSchema), unread: z.number().int() }), 'newest first'),
  },
});

export const markNotificationReadRoute = createRoute({
  method: 'post',
  path: '/api/notifications/{id}/read',
  operationId: 'markNotificationRead',
  tags: ['notifications'],
  summary: '标记为已读 / Mark a notification read',
  ...access('signed_in'),
  request: { params: z.object({ id: z.string().max(400).describe('notification id') }) },
  responses: { 204: { description: 'read' }, 404: { description: 'not one of yours' } },
});

export const listEscalationsRoute = createRoute({
  method: 'get',
  path: '/api/escalations',
  operationId: 'listEscalations',
  tags: ['notifications'],
  summary: '本地区逾期升级的线索 / Escalated overdue leads of the operator’s region',
  ...access(['operator']),
  request: { query: LimitSchema },
  responses: { 200: json(z.object({ items: z.array(EscalationSchema) }), 'newest first') },
});

export const leadEscalationsRoute = createRoute({
  method: 'get',
  path: '/api/leads/{id}/escalations',
  operationId: 'leadEscalations',
  tags: ['leads'],
  summary: '线索的逾期升级记录 / A lead’s missed-deadline escalations',
  ...access('signed_in'),
  request: { params: z.object({ id: z.string().max(200).describe('lead id') }) },
  responses: { 200: json(z.object({ items: z.array(EscalationSchema) }), 'by level') },
});

export const setRegionSpecialistRoute = createRoute({
  method: 'put',
  path: '/api/regions/{prefix}/specialist',
  operationId: 'setRegionSpecialist',
  tags: ['notifications'],
  summary:
    '设置地区默认服务专员（逾期升级时分配给尚无专员的企业） / Set a region’s default service specialist (assigned on escalation to firms without one)',
  ...access(['operator']),
  request: {
    params: z.object({
      prefix: z
        .string()
        .regex(/^\d{2,6}$/)
        .describe('GB/T 2260 prefix within the operator’s region'),
    }),
    body: jsonBody(RegionSpecialistSchema),
  },
  responses: { 200: json(RegionSpecialistSchema.extend({ regionPrefix: z.string() }), 'saved') },
});

/** In-app notifications (per user: their own, their firm's, institution's or region's) and escalations. */
export function notificationRoutes() {
  const app = apiRouter();

  app.openapi(listNotificationsRoute, async (c) => {
    const principal = requireRole(c.get('principal'));
    const { items, unread } = await listNotifications(
      c.get('deps').store,
      principal,
      c.req.valid('query').limit,
    );
    return c.json({ items: items.map(({ inbox: _i, eventId: _e, ...n }) => n), unread }, 200);
  });

  app.openapi(markNotificationReadRoute, async (c) => {
    await markNotificationRead(c.get('deps'), requireRole(c.get('principal')), c.req.valid('param').id);
    return c.body(null, 204);
  });

  app.openapi(listEscalationsRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'operator');
    return c.json(
      { items: await regionEscalations(c.get('deps').store, principal, c.req.valid('query').limit) },
      200,
    );
  });

  app.openapi(leadEscalationsRoute, async (c) => {
    const principal = requireRole(c.get('principal'));
    return c.json(
      { items: await escalationsOfLead(c.get('deps').store, principal, c.req.valid('param').id) },
      200,
    );
  });

  app.openapi(setRegionSpecialistRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'operator');
    const saved = await setRegionSpecialist(
      c.get('deps').store,
      principal,
      c.req.valid('param').prefix,
      c.req.valid('json'),
    );
    return c.json(saved, 200);
  });

  return app;
}
