import { createHash } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import * as z from 'zod';
import { access, apiRouter, type BuiltDocument, json } from '../openapi.ts';

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.object({ connected: z.boolean(), latencyMs: z.number(), table: z.string() }),
  time: z.string(),
});

export const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  operationId: 'health',
  tags: ['system'],
  summary: '健康检查（含数据库连接） / Health, including database connectivity',
  ...access('public'),
  responses: { 200: json(HealthSchema, 'healthy'), 503: json(HealthSchema, 'database unreachable') },
});

/** Health, the OpenAPI document (`document` returns the one built for this process) and its reference page. */
export function systemRoutes(document: () => BuiltDocument) {
  const app = apiRouter();

  app.openapi(healthRoute, async (c) => {
    const { store, now, logger } = c.get('deps');
    const started = performance.now();
    let connected = true;
    try {
      await store.ping();
    } catch (error) {
      connected = false;
      logger.warn('health check: database unreachable', { error });
    }
    const body = {
      status: connected ? ('ok' as const) : ('degraded' as const),
      db: { connected, latencyMs: Math.round(performance.now() - started), table: store.tableName },
      time: now().toISOString(),
    };
    return connected ? c.json(body, 200) : c.json(body, 503);
  });

  app.get('/api/openapi.json', (c) => c.body(document().json, 200, { 'content-type': 'application/json' }));

  // Rendered once per document (the routes never change at run time; in Lambda at synth time),
  // sent compressed, and revalidated by its ETag rather than downloaded again.
  let reference: { built: BuiltDocument; html: string; etag: string } | undefined;
  app.get('/docs', compress(), (c) => {
    const built = document();
    if (reference?.built !== built) {
      const html = built.referencePage();
      reference = {
        built,
        html,
        etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`,
      };
    }
    c.header('ETag', reference.etag);
    c.header('Cache-Control', 'public, max-age=0, must-revalidate');
    // Weak comparison: compression marks the tag weak (W/"…") on the way out.
    const known = c.req
      .header('if-none-match')
      ?.split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''));
    if (known?.includes(reference.etag)) return c.body(null, 304);
    return c.html(reference.html);
  });

  return app;
}
