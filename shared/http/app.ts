import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { loadActiveCatalog } from '#usecases/catalog.ts';
import { authenticate } from './auth.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { errorBody, handleError } from './errors.ts';
import { pageRoutes } from './pages/index.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { firmRoutes } from './routes/firms.ts';
import { leadRoutes } from './routes/leads.ts';
import { matchRoutes } from './routes/match.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { requestRoutes } from './routes/requests.ts';
import { systemRoutes } from './routes/system.tsx';
import { webhookRoutes } from './routes/webhooks.ts';

/**
 * The one hono app, used by the Lambda adapter (functions/api) and the local node
 * server (local/main.ts) alike. Tests call `app.request(...)` with no server.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  // In Lambda the id is API Gateway's own (never a client-supplied header), so logs join the access log.
  app.use('*', requestId({ headerName: '', generator: (c) => deps.requestIdOf?.(c) ?? deps.newId() }));
  // nosniff, frame denial, strict referrer and friends on every answer (pages carry firm data).
  app.use('*', secureHeaders());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    const started = performance.now();
    await next();
    deps.logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use('/api/*', authenticate(deps.verifier));

  app.route('/', systemRoutes());
  app.route('/', authRoutes());
  app.route('/', firmRoutes());
  app.route('/', catalogRoutes());
  // What-if matching runs on the same active catalog (table + benefits + LPR) as stored requests.
  app.route(
    '/',
    matchRoutes((deps) => loadActiveCatalog(deps.store, deps.now().getTime())),
  );
  app.route('/', requestRoutes());
  app.route('/', leadRoutes());
  app.route('/', notificationRoutes());
  app.route('/', webhookRoutes());
  app.route('/', pageRoutes());

  app.notFound((c) =>
    c.json(errorBody('not_found', '未找到该资源', `no route for ${c.req.method} ${c.req.path}`), 404),
  );
  app.onError((error, c) => handleError(error, c, deps.logger));
  return app;
}

export type App = ReturnType<typeof createApp>;
