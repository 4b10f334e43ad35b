import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { access, apiRouter, type BuiltDocument, json } from '../openapi.ts';
import { DOCS_STYLESHEET } from './docs-style.ts';

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

  app.get('/docs', (c) => {
    const { doc } = document();
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, unknown>).map(([method, op]) => ({
        path,
        method,
        op: op as Record<string, unknown>,
      })),
    );
    return c.html(
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>精融 API 参考 / Jingrong API reference</title>
          <link rel="stylesheet" href={DOCS_STYLESHEET.path} />
        </head>
        <body>
          <p>
            <a href="/">← 返回精融 / back to Jingrong</a>
          </p>
          <h1>精融 API 参考</h1>
          <p>
            Jingrong API reference · 机器可读文档 / machine-readable:{' '}
            <a href="/api/openapi.json">/api/openapi.json</a>
          </p>
          {ops.map(({ path, method, op }) => (
            <div class="op" id={`${method}-${path}`}>
              <div>
                <span class={`m ${method}`}>{method}</span>
                <code>{path}</code>{' '}
                {op['x-roles'] === 'public' ? (
                  <small>（公开 / public）</small>
                ) : (
                  <small>（{String(op['x-roles'])}）</small>
                )}
              </div>
              <p>{String(op.summary)}</p>
              <details>
                <summary>参数与结构 / parameters and schemas</summary>
                <pre>
                  {JSON.stringify(
                    { parameters: op.parameters, requestBody: op.requestBody, responses: op.responses },
                    null,
                    2,
                  )}
                </pre>
              </details>
            </div>
          ))}
        </body>
      </html>,
    );
  });

  return app;
}
