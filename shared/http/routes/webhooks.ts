import { Hono } from 'hono';
import * as z from 'zod';
import { requireRole } from '#domain/principal.ts';
import { MAX_WEBHOOK_URL_LENGTH } from '#domain/webhook-url.ts';
import { registerWebhook, webhookLog } from '#usecases/webhooks.ts';
import { jsonBody } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { document } from '../openapi.ts';

// The length bound is checked by the use case (so its message names the limit); this caps the body.
const WebhookBodySchema = z.object({ url: z.string().max(MAX_WEBHOOK_URL_LENGTH * 2) }).strict();
const AttemptSchema = z.object({
  at: z.string(),
  status: z.number().int(),
  error: z.string().optional(),
  ms: z.number(),
});
const DeliverySchema = z.object({
  eventId: z.string(),
  eventType: z.string(),
  at: z.string(),
  url: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.array(AttemptSchema),
  nextAttemptAt: z.string().optional(),
});

/** Institutions' webhooks: registration (signing secret shown once) and the delivery log. */
export function webhookRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'put',
    path: '/api/institutions/{id}/webhook',
    tag: 'webhooks',
    auth: 'officer',
    summary:
      '登记回调地址（https；返回一次性签名密钥） / Register the webhook URL (https; returns the signing secret once)',
    params: { id: 'institution id' },
    body: WebhookBodySchema,
    responses: {
      201: {
        description:
          'registered; keep the secret: it verifies the Jingrong-Signature header (docs/events.md)',
        schema: z.object({ url: z.string(), secret: z.string(), createdAt: z.string() }),
      },
      400: { description: 'not https, a private address, or longer than 2,000 characters (field `url`)' },
    },
  });
  app.put('/api/institutions/:id/webhook', async (c) => {
    const principal = requireRole(c.get('principal'), 'officer');
    const { url } = await jsonBody(c, WebhookBodySchema);
    const deps = c.get('deps');
    const reg = await registerWebhook(deps, principal, c.req.param('id'), url, deps.webhookMode ?? 'aws');
    return c.json({ url: reg.url, secret: reg.secret, createdAt: reg.createdAt }, 201);
  });

  document({
    method: 'get',
    path: '/api/institutions/{id}/webhook',
    tag: 'webhooks',
    auth: 'officer',
    summary: '回调地址与投递记录 / The webhook and its delivery log',
    params: { id: 'institution id' },
    responses: {
      200: {
        description: 'the registration (no secret) and the newest deliveries with every attempt',
        schema: z.object({
          webhook: z.object({ url: z.string(), createdAt: z.string() }).nullable(),
          deliveries: z.array(DeliverySchema),
        }),
      },
    },
  });
  app.get('/api/institutions/:id/webhook', async (c) => {
    const principal = requireRole(c.get('principal'), 'officer');
    return c.json(await webhookLog(c.get('deps').store, principal, c.req.param('id'), 50));
  });

  return app;
}
