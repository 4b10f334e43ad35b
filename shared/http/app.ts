import { mountApi } from './api.ts';
import { createHttpApp } from './base.ts';
import type { AppDeps } from './context.ts';
import { pageRoutes } from './pages/index.ts';

/**
 * The whole hono app, JSON API and pages, used by the local node server (local/main.ts) and
 * the tests (`app.request(...)`, no server). In AWS the same parts run as two functions:
 * functions/api mounts only the API, functions/pages only the pages (see base.ts).
 */
export function createApp(deps: AppDeps) {
  return createHttpApp(deps, (app, d) => {
    mountApi(app, d);
    app.route('/', pageRoutes());
  });
}

export type App = ReturnType<typeof createApp>;
