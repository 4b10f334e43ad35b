import { authenticate } from './auth.ts';
import type { HttpApp } from './base.ts';
import type { AppDeps } from './context.ts';
import { requireJsonBodies } from './guards.ts';
import { type ApiRouter, apiRouter, type DocumentSource } from './openapi.ts';
import { systemRoutes } from './routes/system.ts';

export interface ApiMount {
  /** The operations' routers this app serves. */
  routers: readonly ApiRouter[];
  /**
   * Where the OpenAPI document comes from; with it the app also serves /api/health,
   * /api/openapi.json and /docs. Built from the routers locally (openapi-document.ts),
   * read from the file built at deploy time in Lambda.
   */
  document?: DocumentSource;
}

/** The router holding the given operations (and, with a document, the system routes). */
export function apiRouterOf({ routers, document }: ApiMount): ApiRouter {
  // One router holds every operation, so the document is built from all of them (once).
  const api = apiRouter();
  if (document)
    api.route(
      '/',
      systemRoutes(() => document(api)),
    );
  for (const router of routers) api.route('/', router);
  return api;
}

/** The JSON API under /api (bearer tokens): the given routers, and with a document the system routes. */
export function mountApi(app: HttpApp, deps: AppDeps, mount: ApiMount): void {
  // The JSON API reads JSON only (415 otherwise).
  app.use('/api/*', requireJsonBodies());
  app.use('/api/*', authenticate(deps.verifier));
  app.route('/', apiRouterOf(mount));
}
