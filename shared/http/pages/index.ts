import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { NotFoundError } from '#domain/errors.ts';
import { authenticateCookie } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { serveDocsStylesheet } from '../routes/docs-style.ts';
import { ASSETS, ICON_SVG } from './assets.ts';
import type { PageSection } from './audiences/section.ts';
import { safeNext } from './common.ts';
import { pageErrorHandler } from './errors.tsx';
import { LANG_COOKIE, LANGS } from './lang.ts';

/**
 * The web UI: server-rendered pages over the same use cases and repositories as the JSON
 * API. Signed in by the `jr_token` cookie; every form POST must come from this origin (csrf()).
 * Middleware is bound to the pages' own paths, so /api/* keeps bearer tokens only.
 * `pageRoutes(sections)` serves the given sections (audiences/*) inside what every part of the
 * site shares: assets, the language switch, the middleware, the page-shaped 404 and errors.
 */
const PAGE_PATHS = [
  '/',
  '/sign-in',
  '/sign-out',
  '/register',
  '/account/*',
  '/lang/*',
  '/products/*',
  '/roadshows',
  '/firm/*',
  '/officer/*',
  '/operator/*',
  '/notifications',
  '/notifications/*',
];

const YEAR = 31_536_000;

/** The stylesheet, script and icon: named by content hash, so cached for a year. */
function staticRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/static/*', compress());
  for (const asset of ASSETS) {
    app.get(asset.path, (c) => {
      c.header('cache-control', `public, max-age=${YEAR}, immutable`);
      c.header('etag', asset.etag);
      // A compressed answer's tag is weak (W/"…"); either form names this content.
      if (c.req.header('if-none-match')?.includes(asset.etag)) return c.body(null, 304);
      return c.body(asset.body, 200, { 'content-type': asset.type });
    });
  }
  // /docs (served by the API) links its stylesheet here: /static/* is the pages' in AWS.
  serveDocsStylesheet(app);
  // Browsers ask for /favicon.ico on their own (the pages link the SVG icon).
  app.get('/favicon.ico', (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.body(ICON_SVG.body, 200, { 'content-type': ICON_SVG.type });
  });
  return app;
}

export function pageRoutes(sections: readonly PageSection[]) {
  const app = new Hono<AppEnv>();
  app.route('/', staticRoutes());
  for (const path of PAGE_PATHS) app.use(path, compress(), csrf(), authenticateCookie());

  /** The language switch: 中文 / English / both, remembered for a year. */
  app.get('/lang/:lang', (c) => {
    const lang = c.req.param('lang');
    if ((LANGS as readonly string[]).includes(lang)) {
      setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: YEAR, httpOnly: true });
    }
    return c.redirect(safeNext(c.req.query('next')) ?? '/', 303);
  });

  for (const section of sections) app.route(section.prefix, section.routes());

  // Unknown pages answer with a page too, not the API's JSON 404; /api/* keeps its JSON answers.
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    // "/firm/" is how people type "/firm": the page it names, not a 404.
    if (path.length > 1 && path.endsWith('/') && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      const query = new URL(c.req.url).search;
      return c.redirect(`${path.replace(/\/+$/, '') || '/'}${query}`, 301);
    }
    return authenticateCookie()(c, async () => {
      throw new NotFoundError('未找到该页面', 'page not found');
    });
  });
  app.onError(pageErrorHandler);
  return app;
}
