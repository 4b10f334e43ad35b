import { loadActiveCatalog } from '#usecases/catalog.ts';
import type { ApiRouter } from './openapi.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { certifiedListRoutes } from './routes/certified-lists.ts';
import { equityRoutes } from './routes/equity.ts';
import { firmRoutes } from './routes/firms.ts';
import { leadRoutes } from './routes/leads.ts';
import { matchRoutes } from './routes/match.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { requestRoutes } from './routes/requests.ts';
import { roadshowRoutes } from './routes/roadshows.ts';
import { webhookRoutes } from './routes/webhooks.ts';

/**
 * The JSON API's routers, all but the certified-list import (routes/certified-list-import.ts),
 * which whoever serves it adds: the whole app does (app.ts), and in AWS a function of its own,
 * so this list's bundle carries no CSV/XLSX reader (and the import's, none of these). Each
 * module is imported directly, not through routes/index.ts, which lists every operation.
 */
export function jsonApiRouters(): ApiRouter[] {
  return [
    authRoutes(),
    firmRoutes(),
    certifiedListRoutes(),
    catalogRoutes(),
    // What-if matching runs on the same active catalog (table + benefits + LPR) as stored requests.
    matchRoutes((deps) => loadActiveCatalog(deps.store, deps.now().getTime())),
    requestRoutes(),
    leadRoutes(),
    notificationRoutes(),
    webhookRoutes(),
    equityRoutes(),
    roadshowRoutes(),
  ];
}
