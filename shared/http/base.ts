import { Hono } from 'hono';
import type {} from 'hono/request-id';
import type { AppDeps, AppEnv } from './context.ts';
import { errorBody, handleError } from './errors.ts';
import { applySecurityHeaders, limitBodies, pathRefused, pathTooLong } from './guards.ts';

export type HttpApp = Hono<AppEnv>;

/**
 * What every deployment of the app shares: request id, security headers, body and path limits,
 * the deps, one log
 * line per request, the 404 and the error mapping. `mount` adds the routes: everything for the
 * local server and the tests (app.ts), only the JSON API or only the pages for the two Lambda
 * functions (functions/api, functions/pages), so neither bundles the other's code.
 */
export function createHttpApp(deps: AppDeps, mount: (app: HttpApp, deps: AppDeps) => void): HttpApp {
  const app = new Hono<AppEnv>();

  // One layer for what every request goes through (each layer more is a closure and a
  // promise per request):
  // - the request id; in Lambda it is API Gateway's own (never a client-supplied header),
  //   so logs join the access log;
  // - bodies over their route's limit are refused before they are read; overlong ids never
  //   reach a route;
  // - one log line per request that reached the routes;
  // - CSP, nosniff, frame denial, strict referrer, no-store on every answer (pages carry firm data).
  const limitBody = limitBodies();
  app.use('*', async (c, next) => {
    c.set('requestId', deps.requestIdOf?.(c) ?? deps.newId());
    c.set('deps', deps);
    const refused = await limitBody(c, async () => {
      if (pathTooLong(c)) {
        c.res = pathRefused(c);
        return;
      }
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
    if (refused) c.res = refused;
    applySecurityHeaders(c);
  });

  mount(app, deps);

  app.notFound((c) =>
    c.json(errorBody('not_found', '未找到该资源', `no route for ${c.req.method} ${c.req.path}`), 404),
  );
  app.onError((error, c) => handleError(error, c, deps.logger));
  return app;
}
