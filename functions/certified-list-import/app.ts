import { mountApi } from '#http/api.ts';
import { createHttpApp } from '#http/base.ts';
import type { AppDeps } from '#http/context.ts';
import { certifiedListImportRoutes } from '#http/routes/certified-list-import.ts';
import { httpHandler } from '../shared/http-function.ts';
import type { LambdaObservability } from '../shared/observability.ts';

/**
 * The certified-list import's function: POST /api/certified-lists alone, with its CSV/XLSX
 * readers, so the JSON API's bundle carries neither. Same middleware, token check and
 * errors as the API (mountApi), more memory and time for a file of up to 12 MB.
 */
export const certifiedListImportApp = (deps: AppDeps) =>
  createHttpApp(deps, (app, d) => mountApi(app, d, { routers: [certifiedListImportRoutes()] }));

export const certifiedListImportHandler = (deps: AppDeps, observability: LambdaObservability) =>
  httpHandler(certifiedListImportApp(deps), observability);
