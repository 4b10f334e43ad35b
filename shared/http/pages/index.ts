import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { NotFoundError } from '#domain/errors.ts';
import { authenticateCookie } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { pageErrorHandler } from './errors.tsx';
import { firmPages } from './firm.tsx';
import { notificationPages } from './notifications.tsx';
import { officerPages } from './officer.tsx';
import { operatorPages } from './operator.tsx';
import { publicPages } from './public.tsx';
import { sessionPages } from './session.tsx';

/**
 * The web UI: server-rendered pages over the same use cases and repositories as the JSON
 * API. Signed in by the `jr_token` cookie; every form POST must come from this origin (csrf()).
 * Middleware is bound to the pages' own paths, so /api/* keeps bearer tokens only.
 */
const PAGE_PATHS = [
  '/',
  '/sign-in',
  '/sign-out',
  '/products/*',
  '/firm/*',
  '/officer/*',
  '/operator/*',
  '/notifications',
  '/notifications/*',
];
const AREAS = ['/products/*', '/firm/*', '/officer/*', '/operator/*'];

export function pageRoutes() {
  const app = new Hono<AppEnv>();
  for (const path of PAGE_PATHS) app.use(path, csrf(), authenticateCookie());

  app.route('/', publicPages());
  app.route('/', sessionPages());
  app.route('/firm', firmPages());
  app.route('/officer', officerPages());
  app.route('/operator', operatorPages());
  app.route('/notifications', notificationPages());

  // Unknown pages inside the areas answer with a page too, not the API's JSON 404.
  for (const path of AREAS) {
    app.all(path, () => {
      throw new NotFoundError('未找到该页面', 'page not found');
    });
  }
  app.onError(pageErrorHandler);
  return app;
}
