import { loadActiveCatalog } from '#usecases/catalog.ts';
import { authenticate } from './auth.ts';
import type { HttpApp } from './base.ts';
import type { AppDeps } from './context.ts';
import { requireJsonBodies } from './guards.ts';
import { apiRouter, openApiDocument } from './openapi.ts';
import {
  authRoutes,
  catalogRoutes,
  certifiedListRoutes,
  disputeRoutes,
  equityRoutes,
  firmRoutes,
  leadRoutes,
  matchRoutes,
  notificationRoutes,
  requestRoutes,
  roadshowRoutes,
  systemRoutes,
  webhookRoutes,
} from './routes/index.ts';

/** The JSON API under /api (bearer tokens), its OpenAPI document and /docs. */
export function mountApi(app: HttpApp, deps: AppDeps): void {
  // The JSON API reads JSON only (415 otherwise).
  app.use('/api/*', requireJsonBodies());
  app.use('/api/*', authenticate(deps.verifier));

  // One router holds every operation, so the document is built from all of them (once).
  const api = apiRouter();
  api.route(
    '/',
    systemRoutes(() => openApiDocument(api)),
  );
  api.route('/', authRoutes());
  api.route('/', firmRoutes());
  api.route('/', certifiedListRoutes());
  api.route('/', disputeRoutes());
  api.route('/', catalogRoutes());
  // What-if matching runs on the same active catalog (table + benefits + LPR) as stored requests.
  api.route(
    '/',
    matchRoutes((deps) => loadActiveCatalog(deps.store, deps.now().getTime())),
  );
  api.route('/', requestRoutes());
  api.route('/', leadRoutes());
  api.route('/', notificationRoutes());
  api.route('/', webhookRoutes());
  api.route('/', equityRoutes());
  api.route('/', roadshowRoutes());
  app.route('/', api);
}
