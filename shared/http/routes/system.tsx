import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../context.ts';
import { buildOpenApiDocument, document } from '../openapi.ts';

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.object({ connected: z.boolean(), latencyMs: z.number(), table: z.string() }),
  time: z.string(),
});

export function systemRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'get',
    path: '/api/health',
    tag: 'system',
    auth: 'public',
    summary: '健康检查（含数据库连接） / Health, including database connectivity',
    responses: {
      200: { description: 'healthy', schema: HealthSchema },
      503: { description: 'database unreachable' },
    },
  });
  app.get('/api/health', async (c) => {
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
    return c.json(body, connected ? 200 : 503);
  });

  app.get('/api/openapi.json', (c) => c.json(buildOpenApiDocument()));

  app.get('/docs', (c) => {
    const doc = buildOpenApiDocument();
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Record<string, unknown> })),
    );
    return c.html(
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <title>精融 API 参考 / Jingrong API reference</title>
          <style>{`body{font-family:system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#1f2937}
code,pre{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}pre{padding:.6rem;overflow:auto;font-size:12px;max-height:22rem}
.op{border:1px solid #e5e7eb;border-radius:8px;padding:.6rem 1rem;margin:.8rem 0}.m{font-weight:700;text-transform:uppercase;margin-right:.5rem}
.get{color:#047857}.post{color:#1d4ed8}.put{color:#b45309}.delete{color:#b91c1c}summary{cursor:pointer}`}</style>
        </head>
        <body>
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
                {op['x-role'] ? <small>（{String(op['x-role'])}）</small> : <small>（公开 / public）</small>}
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
