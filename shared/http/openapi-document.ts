import * as z from 'zod';
import { apiRouterOf } from './api.ts';
import { jsonApiRouters } from './api-routers.ts';
import { equityApiRouters } from './equity-routers.ts';
import { ErrorSchema } from './errors.ts';
import { leadApiRouters } from './lead-routers.ts';
import { type ApiRouter, BEARER, type BuiltDocument, type OpenApiDocument } from './openapi.ts';
import { certifiedListImportRoutes } from './routes/certified-list-import.ts';
import { type ReferenceDocument, referencePageHtml } from './routes/docs-page.tsx';

/**
 * The OpenAPI document, generated from the routes' own zod schemas (the generator and
 * zod's JSON Schema conversion live here only). Local mode and the tests build it on first
 * use; the deployment builds it once at synth time and ships it beside each function that
 * serves it (see infra/constructs/service-function.ts), so no Lambda bundle carries this code.
 */

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
export function buildOpenApiDocument(app: ApiRouter): OpenApiDocument {
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

/** The document built in process: the JSON and the reference page, and the document itself. */
export type LocalDocument = BuiltDocument & { doc: OpenApiDocument };

/** The document with its JSON, and its reference page rendered on first use. */
function built(doc: OpenApiDocument): LocalDocument {
  let page: string | undefined;
  return {
    doc,
    json: JSON.stringify(doc),
    referencePage: () => {
      page ??= referencePageHtml(doc as unknown as ReferenceDocument);
      return page;
    },
  };
}

let kept: LocalDocument | undefined;

/** The document, built on first use and kept for the life of the process (routes never change at run time). */
export function openApiDocument(app: ApiRouter): LocalDocument {
  kept ??= built(buildOpenApiDocument(app));
  return kept;
}

/**
 * Every operation's router: the debt-financing core, the leads, equity and roadshows, the
 * certified-list import (in the order the document lists their operations).
 */
export const allApiRouters = () => [
  ...jsonApiRouters(),
  ...leadApiRouters(),
  ...equityApiRouters(),
  certifiedListImportRoutes(),
];

/** The whole API's document, built without an app to serve it. */
function wholeApiDocument(): LocalDocument {
  const api = apiRouterOf({
    routers: allApiRouters(),
    document: () => {
      throw new Error('not served here');
    },
  });
  return built(buildOpenApiDocument(api));
}

/** The whole API's document as JSON (see apiDocumentFiles). */
export function apiDocumentJson(): string {
  return wholeApiDocument().json;
}

/**
 * The files the deployment ships beside the API function, which answers /api/openapi.json and
 * /docs from them: the document as JSON and its reference page (functions/shared/prebuilt-document.ts).
 */
export function apiDocumentFiles(): { json: string; referencePage: string } {
  const document = wholeApiDocument();
  return { json: document.json, referencePage: document.referencePage() };
}
