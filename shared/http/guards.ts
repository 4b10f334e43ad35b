import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_DOCUMENT_BYTES } from '#domain/documents.ts';
import type { AppEnv } from './context.ts';
import { errorBody } from './errors.ts';

/**
 * App-wide protections that hold before any route runs:
 * - a body limit per route, checked on Content-Length before a byte is read (and counted
 *   while streaming when there is none), so a 100 MB body is a 413 at once;
 * - 415 for a JSON API call whose body is not declared application/json;
 * - a strict Content-Security-Policy and the usual secure headers on every answer;
 * - `Cache-Control: no-store` on everything but the content-hashed static files (and the public
 *   API reference, revalidated by its ETag), so Back
 *   after sign-out shows no firm data and no proxy keeps any.
 */

const KiB = 1024;
/** What any body may weigh unless its route says otherwise: a firm, a request, a lead action. */
export const DEFAULT_BODY_LIMIT = 64 * KiB;

/** Routes that legitimately take more (method, path pattern, bytes). */
const BODY_LIMITS: { method: string; path: RegExp; bytes: number }[] = [
  // A product with its eligibility rules, pricing and texts (operators publishing).
  { method: 'POST', path: /^\/api\/products$/, bytes: 256 * KiB },
  { method: 'PUT', path: /^\/api\/products\/[^/]+$/, bytes: 256 * KiB },
  // A certified-list file uploaded from the operator's page (12 MB and the form around it).
  { method: 'POST', path: /^\/operator\/lists$/, bytes: 13 * KiB * KiB },
  // An operator's other forms on the pages (product publishing, rulings).
  { method: 'POST', path: /^\/operator\//, bytes: 256 * KiB },
  // A firm's documents on a lead, sent to the app (the embedded runtime; in AWS they go to the bucket).
  {
    method: 'POST',
    path: /^\/firm\/leads\/[^/]+\/(respond|documents)$/,
    bytes: MAX_DOCUMENT_BYTES + 256 * KiB,
  },
  // A certified-list file (CSV or XLSX) as the body; the route itself refuses over 12 MB with a field message.
  { method: 'POST', path: /^\/api\/certified-lists$/, bytes: 12 * KiB * KiB + 1 },
];

/** The one JSON API operation whose body is a file, and the types it takes. */
const FILE_BODY_ROUTES: { method: string; path: RegExp; types: RegExp }[] = [
  {
    method: 'POST',
    path: /^\/api\/certified-lists$/,
    types:
      /^(text\/csv|application\/octet-stream|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)\s*(;.*)?$/i,
  },
];

/** The body limit of one route. */
export function bodyLimitOf(method: string, path: string): number {
  // A loop, not `find` with a closure: this runs for every request that may carry a body.
  for (const l of BODY_LIMITS) if (l.method === method && l.path.test(path)) return l.bytes;
  return DEFAULT_BODY_LIMIT;
}

export function limitBodies(): MiddlewareHandler {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiter = (bytes: number) => {
    let handler = limiters.get(bytes);
    if (!handler) {
      handler = bodyLimit({
        maxSize: bytes,
        onError: (c) => tooLarge(c, bytes),
      });
      limiters.set(bytes, handler);
    }
    return handler;
  };
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') {
      // No route reads a body here: any body at all is refused unread.
      const length = Number(c.req.header('content-length') ?? 0);
      if (length > 0 || c.req.header('transfer-encoding')) return limiter(0)(c, next);
      return next();
    }
    const bytes = bodyLimitOf(c.req.method, c.req.path);
    // A declared length is checked as a number, without touching the body: the request
    // stays unread, so the route reads it once, straight from the connection.
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number.parseInt(declared, 10) > bytes ? Promise.resolve(tooLarge(c, bytes)) : next();
    return limiter(bytes)(c, next);
  };
}

function tooLarge(c: Context, bytes: number): Response {
  return c.json(
    errorBody(
      'payload_too_large',
      `请求体过大（上限 ${Math.floor(bytes / KiB)} KB）`,
      `request body too large (limit ${Math.floor(bytes / KiB)} KB)`,
    ),
    413,
  );
}

/** No id in any route is longer than this (uuid.institution-slug is ~120); keys stay far below DynamoDB's limits. */
export const MAX_ID_LENGTH = 200;
const MAX_URL_LENGTH = 4096;

/**
 * A path segment longer than any id, or a URL longer than any real one, names nothing here:
 * 404 before a route turns it into a database key (DynamoDB refuses keys over 1–2 KB).
 */
export function limitPaths(): MiddlewareHandler {
  return async (c, next) => {
    if (pathTooLong(c)) return pathRefused(c);
    return next();
  };
}

/** Is the URL, or a segment of its path, longer than anything real? */
export function pathTooLong(c: Context): boolean {
  if (c.req.url.length > MAX_URL_LENGTH) return true;
  const path = c.req.path;
  if (path.length <= MAX_ID_LENGTH) return false;
  let start = 0;
  for (;;) {
    const end = path.indexOf('/', start);
    if ((end < 0 ? path.length : end) - start > MAX_ID_LENGTH) return true;
    if (end < 0) return false;
    start = end + 1;
  }
}

export function pathRefused(c: Context): Response {
  return c.json(errorBody('not_found', '未找到该资源', 'no such resource'), 404);
}

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** The JSON API reads JSON only: a body declared as anything else is a 415, not a parse attempt. */
export function requireJsonBodies(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const type = c.req.header('content-type');
    const fileRoute = FILE_BODY_ROUTES.find((r) => r.method === method && r.path.test(c.req.path));
    if (fileRoute?.types.test(type ?? '')) return next();
    const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding');
    if ((type !== undefined || hasBody) && !JSON_TYPE.test(type ?? '')) {
      return c.json(
        errorBody(
          'unsupported_media_type',
          '请求体须为 JSON（Content-Type: application/json）',
          'the request body must be JSON (Content-Type: application/json)',
        ),
        415,
      );
    }
    return next();
  };
}

/** Scripts, styles, images and forms from this origin only; no inline script, no framing. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
};

/** The policy as a header value, forms allowed to post to `formTargets` besides this origin. */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  return Object.entries({
    ...CONTENT_SECURITY_POLICY,
    formAction: [...CONTENT_SECURITY_POLICY.formAction, ...formTargets],
  })
    .map(
      ([directive, values]) =>
        `${directive.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)} ${values.join(' ')}`,
    )
    .join('; ');
}

/**
 * Lets this one answer's forms post to another origin (an upload form signed for the documents
 * bucket): the page that renders such a form says so, and only its CSP names that origin.
 */
export function allowFormTarget(c: Context<AppEnv>, origin: string): void {
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(origin)) throw new Error(`not an https origin: ${origin}`);
  const targets = c.get('formTargets') ?? [];
  if (!targets.includes(origin)) c.set('formTargets', [...targets, origin]);
}

/** The names and values hono's secureHeaders() sends by default, with our CSP: computed once. */
const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', contentSecurityPolicy()],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/** The security headers, no-store and the JSON content type as one plain object (built once). */
const JSON_ANSWER_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json',
  ...Object.fromEntries(SECURITY_HEADERS),
  'Cache-Control': 'no-store',
});

/** Marks answers that were built with their security headers already (see jsonAnswer). */
const SECURED: unique symbol = Symbol('secured');
type Secured = Response & { [SECURED]?: true };

/**
 * A JSON answer (already serialised: text, or its UTF-8 bytes) carrying the security headers
 * and no-store from the start, as a plain header object: the server writes it without
 * building a Headers object per request, and the app-wide layer leaves it as it is. For API
 * routes on the hot path.
 */
export function jsonAnswer(body: string | Uint8Array, status: number): Response {
  // A mark on the answer itself rather than an entry in a weak set: no table to insert
  // into and sweep on every request.
  const res: Secured = new Response(body, { status, headers: JSON_ANSWER_HEADERS });
  res[SECURED] = true;
  return res;
}

/**
 * Writes the security headers (and no-store, except on the content-hashed static files and /docs)
 * onto the answer: one pass over a list built once, no per-request work beyond the writes.
 */
export function applySecurityHeaders(c: Context): void {
  if ((c.res as Secured)[SECURED] === true) return;
  const h = c.res.headers;
  for (const [name, value] of SECURITY_HEADERS) h.set(name, value);
  const targets = (c as Context<AppEnv>).get('formTargets');
  if (targets?.length) h.set('Content-Security-Policy', contentSecurityPolicy(targets));
  h.delete('X-Powered-By');
  const path = c.req.path;
  // The public API reference sets its own revalidation (ETag); everything else private or live.
  if (!path.startsWith('/static/') && path !== '/docs') h.set('Cache-Control', 'no-store');
}

export function headers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    applySecurityHeaders(c);
  };
}
