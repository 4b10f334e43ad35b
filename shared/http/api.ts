import { loadActiveCatalog } from '#usecases/catalog.ts';
import { authenticate } from './auth.ts';
import type { HttpApp } from './base.ts';
import type { AppDeps } from './context.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { certifiedListRoutes } from './routes/certified-lists.ts';
import { firmRoutes } from './routes/firms.ts';
import { leadRoutes } from './routes/leads.ts';
import { matchRoutes } from './routes/match.ts';
import { requestRoutes } from './routes/requests.ts';
import { systemRoutes } from './routes/system.tsx';

/** The JSON API under /api (bearer tokens), its OpenAPI document and /docs. */
export function mountApi(app: HttpApp, deps: AppDeps): void {
  app.use('/api/*', authenticate(deps.verifier));

  app.route('/', systemRoutes());
  app.route('/', authRoutes());
  app.route('/', firmRoutes());
  app.route('/', certifiedListRoutes());
  app.route('/', catalogRoutes());
  // What-if matching runs on the same active catalog (table + benefits + LPR) as stored requests.
  app.route(
    '/',
    matchRoutes((deps) => loadActiveCatalog(deps.store, deps.now().getTime())),
  );
  app.route('/', requestRoutes());
  app.route('/', leadRoutes());
}
