import { mountApi } from './api.ts';
import { createHttpApp } from './base.ts';
import type { AppDeps } from './context.ts';
import { allApiRouters, openApiDocument } from './openapi-document.ts';
import { ALL_PAGE_SECTIONS } from './pages/audiences/all.ts';
import { operatorListUpload } from './pages/certified-list-upload.ts';
import { pageRoutes } from './pages/index.ts';

/**
 * The whole hono app, JSON API and pages, used by the local node server (local/main.ts) and
 * the tests (`app.request(...)`, no server). In AWS the same parts run as separate functions
 * (functions/api, functions/certified-list-import, a pages function per audience; see base.ts), each with
 * only its own routes, and the OpenAPI document built at deploy time.
 */
export function createApp(deps: AppDeps) {
  return createHttpApp(deps, (app, d) => {
    mountApi(app, d, { routers: allApiRouters(), document: openApiDocument });
    // The list upload is served by the import's function in AWS (see pages/certified-list-upload.ts).
    app.route('/', operatorListUpload());
    app.route('/', pageRoutes(ALL_PAGE_SECTIONS));
  });
}

export type App = ReturnType<typeof createApp>;
