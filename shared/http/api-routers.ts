import { loadActiveCatalog } from '#usecases/catalog.ts';
import type { ApiRouter } from './openapi.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { certifiedListRoutes } from './routes/certified-lists.ts';
import { disputeRoutes } from './routes/disputes.ts';
import { firmRoutes } from './routes/firms.ts';
import { lprRoutes } from './routes/lpr.ts';
import { matchRoutes } from './routes/match.ts';
import { requestRoutes } from './routes/requests.ts';

/**
 * The JSON API's routers in parts, each part served by one function in AWS (the whole app
 * mounts them all, see openapi-document.ts): the debt-financing core here (the catalog,
 * matching, firms and their requests); the officers' leads, notifications and webhooks
 * (leadApiRouters); equity financing and roadshows (equityApiRouters); the certified-list import
 * (routes/certified-list-import.ts) with its CSV/XLSX readers. A function's bundle then holds
 * only its part's code. Each module is imported directly, not through routes/index.ts, which
 * lists every operation.
 */
export function jsonApiRouters(): ApiRouter[] {
  return [
    authRoutes(),
    firmRoutes(),
    certifiedListRoutes(),
    disputeRoutes(),
    catalogRoutes(),
    lprRoutes(),
    // What-if matching runs on the same active catalog (table + benefits + LPR) as stored requests.
    matchRoutes((deps) => loadActiveCatalog(deps.store, deps.now().getTime())),
    requestRoutes(),
  ];
}
