import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type * as z from 'zod';
import { type Role, requireRole } from '#domain/principal.ts';
import type { AppEnv } from './context.ts';
import { toValidationError } from './validation.ts';

/**
 * Routes are their own contract: each is a `createRoute({...})` whose zod schemas both
 * validate the request and describe it in the OpenAPI document, so the two cannot drift.
 * This module holds what every route shares: who may call it, the error answer and the
 * bilingual 400 for a bad field. The document is built in openapi-document.ts, which the
 * Lambda functions do not bundle (they serve the document built at deploy time).
 */

/** Who may call an operation: anyone, anyone signed in, or only some roles. */
export type Access = 'public' | 'signed_in' | readonly Role[];

/**
 * The route fields for an access level: the OpenAPI `security` (public operations say
 * `security: []`), the roles as `x-roles`, and for role-restricted operations a gate
 * that answers 401/403 before the request is validated, so a caller who may not use
 * the operation learns nothing from its validation messages.
 */
export function access(who: Access): {
  security: Record<string, string[]>[];
  'x-roles': string;
  middleware: MiddlewareHandler<AppEnv>[];
} {
  if (who === 'public') return { security: [], 'x-roles': 'public', middleware: [] };
  const roles = who === 'signed_in' ? [] : [...who];
  const gate: MiddlewareHandler<AppEnv> = async (c, next) => {
    requireRole(c.get('principal'), ...roles);
    await next();
  };
  return {
    security: [{ [BEARER]: [] }],
    'x-roles': who === 'signed_in' ? 'signed_in' : roles.join(' '),
    middleware: [gate],
  };
}

export const BEARER = 'bearer';

/** A JSON body or answer of the given schema. */
export function json<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return { required: true, content: { 'application/json': { schema } } };
}

/** Where a bad value was found, as the 400's field paths name it. */
const TARGET_PREFIX: Record<string, string[]> = {
  json: [],
  query: ['query'],
  param: ['params'],
  header: ['headers'],
};

/**
 * A router whose validation failures are the app's bilingual 400 (one zh+en message per
 * field), raised as a ValidationError like every other domain error.
 */
export function apiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw toValidationError(result.error, TARGET_PREFIX[result.target] ?? []);
    },
  });
}

export type ApiRouter = ReturnType<typeof apiRouter>;

/** Content types every JSON check on the way (the API's 415, the route's media type, its validator) takes as JSON. */
const PLAIN_JSON = /^application\/json(;\s*charset=utf-8)?$/i;

/**
 * A quicker way in for a valid JSON body, registered on the route's method and path just
 * before the route itself (`app.post(route.path, fastJsonBody(parse, answer))`). It reads the
 * body as the route's validator would (its text, kept for the route, parsed as JSON) and hands it to
 * `parse`, plain code that returns the value the route's schema would produce, or undefined
 * when it cannot vouch for the body. Only a body declared as plain JSON that parses and that
 * `parse` accepts goes straight to `answer`; anything else (another content type, no body,
 * malformed JSON, an invalid body) goes on to the route, which checks and validates as always
 * and gives the usual 415 or bilingual 400. Public routes only: a role gate must come first.
 */
export function fastJsonBody<T>(
  parse: (body: unknown) => T | undefined,
  answer: (c: Context<AppEnv>, input: T) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!PLAIN_JSON.test(c.req.header('content-type') ?? '')) return next();
    let body: unknown;
    try {
      // The text (kept for the route, which parses it again only for a body refused here),
      // parsed here: one promise less than `c.req.json()`.
      body = JSON.parse(await c.req.text());
    } catch {
      return next();
    }
    const input = parse(body);
    return input === undefined ? next() : answer(c, input);
  };
}

/** The OpenAPI document (its type is the generator's; see openapi-document.ts for how it is built). */
export type OpenApiDocument = ReturnType<ApiRouter['getOpenAPIDocument']>;

export interface BuiltDocument {
  /** The document as JSON text, serialised once. */
  json: string;
  /**
   * The API reference page (/docs) rendered from it, as full HTML: rendered on first use
   * locally (openapi-document.ts), at synth time for the deployment (the functions carry no
   * JSX renderer for it).
   */
  referencePage: () => string;
}

/** Where the app gets its document: built from the routers (local, tests) or prebuilt (Lambda). */
export type DocumentSource = (api: ApiRouter) => BuiltDocument;
