import { mountApi } from '#http/api.ts';
import { jsonApiRouters } from '#http/api-routers.ts';
import { createHttpApp } from '#http/base.ts';
import type { AppDeps } from '#http/context.ts';
import type { DocumentSource } from '#http/openapi.ts';
import { httpHandler } from '../shared/http-function.ts';
import type { LambdaObservability } from '../shared/observability.ts';

/** The JSON API function's app: every /api route but the certified-list import, nothing of the pages. */
export const apiApp = (deps: AppDeps, document: DocumentSource) =>
  createHttpApp(deps, (app, d) => mountApi(app, d, { routers: jsonApiRouters(), document }));

export const apiHandler = (deps: AppDeps, observability: LambdaObservability, document: DocumentSource) =>
  httpHandler(apiApp(deps, document), observability);
