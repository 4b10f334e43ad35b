import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { lazySchema } from '#domain/lazy-schema.ts';
import { requireRole } from '#domain/principal.ts';
import { MAX_WEBHOOK_URL_LENGTH } from '#domain/webhook-url.ts';
import { registerWebhook, webhookLog } from '#usecases/webhooks.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';

// The length bound is checked by the use case (its message names the limit); this caps the body.
const WebhookBodySchema = lazySchema(() =>
  z.object({ url: z.string().max(MAX_WEBHOOK_URL_LENGTH * 2) }).strict(),
);
const AttemptSchema = lazySchema(() =>
  z.object({
    at: z.string(),
    status: z.number().int(),
    error: z.string().optional(),
    ms: z.number(),
  }),
);
const DeliverySchema = lazySchema(() =>
  z.object({
    institutionId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    at: z.string(),
    url: z.string(),
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.array(AttemptSchema),
    nextAttemptAt: z.string().optional(),
  }),
);
const InstitutionParam = lazySchema(() => z.object({ id: z.string().max(80).describe('institution id') }));

export const registerWebhookRoute = createRoute({
  method: 'put',
  path: '/api/institutions/{id}/webhook',
  operationId: 'registerWebhook',
  tags: ['webhooks'],
  summary:
    '登记回调地址（https；返回一次性签名密钥） / Register the webhook URL (https; returns the signing secret once)',
  ...access(['officer']),
  request: { params: InstitutionParam, body: jsonBody(WebhookBodySchema) },
  responses: {
    201: json(
      z.object({ url: z.string(), secret: z.string(), createdAt: z.string() }),
      'registered; keep the secret: it verifies the Jingrong-Signature header (docs/events.md)',
    ),
    400: { description: 'not https, a private address, or longer than 2,000 characters (field `url`)' },
  },
});

export const webhookLogRoute = createRoute({
  method: 'get',
  path: '/api/institutions/{id}/webhook',
  operationId: 'webhookLog',
  tags: ['webhooks'],
  summary: '回调地址与投递记录 / The webhook and its delivery log',
  ...access(['officer']),
  request: { params: InstitutionParam },
  responses: {
    200: json(
      z.object({
        webhook: z
          .object({
            institutionId: z.string(),
            url: z.string(),
            createdAt: z.string(),
            createdBy: z.string(),
          })
          .nullable(),
        deliveries: z.array(DeliverySchema),
      }),
      'the registration (no secret) and the newest deliveries with every attempt',
    ),
  },
});

/** Institutions' webhooks: registration (signing secret shown once) and the delivery log. */
export function webhookRoutes() {
  const app = apiRouter();

  app.openapi(registerWebhookRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'officer');
    const deps = c.get('deps');
    const reg = await registerWebhook(
      deps,
      principal,
      c.req.valid('param').id,
      c.req.valid('json').url,
      deps.webhookMode ?? 'aws',
    );
    return c.json({ url: reg.url, secret: reg.secret, createdAt: reg.createdAt }, 201);
  });

  app.openapi(webhookLogRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'officer');
    return c.json(await webhookLog(c.get('deps').store, principal, c.req.valid('param').id, 50), 200);
  });

  return app;
}
