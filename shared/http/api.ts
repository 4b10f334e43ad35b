import { loadActiveCatalog } from '#usecases/catalog.ts';
import { authenticate } from './auth.ts';
import type { HttpApp } from './base.ts';
import type { AppDeps } from './context.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { firmRoutes } from './routes/firms.ts';
import { leadRoutes } from './routes/leads.ts';
import { matchRoutes } from './routes/match.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { requestRoutes } from './routes/requests.ts';
import { systemRoutes } from './routes/system.tsx';
import { webhookRoutes } from './routes/webhooks.ts';

/** The JSON API under /api (bearer tokens), its OpenAPI document and /docs. */
export function mountApi(app: HttpApp, deps: AppDeps): void {
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
}
