import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { type Role, requireRole } from '#domain/principal.ts';
import type { AppEnv } from './context.ts';
import { ErrorSchema } from './errors.ts';
import { toValidationError } from './validation.ts';

/**
 * Routes are their own contract: each is a `createRoute({...})` whose zod schemas both
 * validate the request and describe it in the OpenAPI document, so the two cannot drift.
 * This module holds what every route shares: who may call it, the error answer, the
 * bilingual 400 for a bad field, and the document built from all of them.
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

const INFO = {
  title: 'Jingrong 精融 API',
  version: '0.1.0',
  description: '专精特新企业融资需求与金融产品的撮合平台 / Matching SRDI firms with financing products.',
  license: { name: 'Proprietary' },
};

/**
 * The OpenAPI document of every route registered on `app`. Every operation also answers
 * 4XX with the error body; the document is built once per process (see `openApiDocument`).
 */
export function buildOpenApiDocument(app: ApiRouter) {
  app.openAPIRegistry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      '本地模式：/api/auth/sign-in 签发；AWS：Cognito ID token / local: from /api/auth/sign-in; AWS: a Cognito ID token',
  });
  const doc = app.getOpenAPIDocument({
    openapi: '3.0.3',
    info: INFO,
    servers: [{ url: '/', description: '本服务 / this deployment' }],
  });
  for (const methods of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(methods as Record<string, { responses?: Record<string, unknown> }>)) {
      if (!op?.responses) continue;
      op.responses['4XX'] ??= {
        description: '请求有误 / client error (bilingual message, field-level details on 400)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
  }
  doc.components ??= {};
  type SchemaObject = NonNullable<typeof doc.components.schemas>[string];
  doc.components.schemas = { ...doc.components.schemas, Error: errorJsonSchema() as SchemaObject };
  return doc;
}

/** The error body's schema, once in `components` for every operation's 4XX to refer to. */
function errorJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = JSON.parse(
    JSON.stringify(z.toJSONSchema(ErrorSchema, { target: 'openapi-3.0' })),
  ) as Record<string, unknown>;
  return schema;
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

export interface BuiltDocument {
  doc: OpenApiDocument;
  /** The same document as JSON text, serialised once with it. */
  json: string;
}

let built: BuiltDocument | undefined;

/** The document, built on first use and kept for the life of the process (routes never change at run time). */
export function openApiDocument(app: ApiRouter): BuiltDocument {
  if (!built) {
    const doc = buildOpenApiDocument(app);
    built = { doc, json: JSON.stringify(doc) };
  }
  return built;
}
