import { mountApi } from '#http/api.ts';
import { createHttpApp } from '#http/base.ts';
import type { AppDeps } from '#http/context.ts';
import { equityApiRouters } from '#http/equity-routers.ts';
import { httpHandler } from '../shared/http-function.ts';
import type { LambdaObservability } from '../shared/observability.ts';

/**
 * The equity function: funds, batches, equity leads and roadshows (with the roadshow planner
 * and the calendar files), so the JSON API's core bundle carries none of it. Same middleware,
 * token check and errors as the API (mountApi).
 */
export const equityApp = (deps: AppDeps) =>
  createHttpApp(deps, (app, d) => mountApi(app, d, { routers: equityApiRouters() }));

export const equityHandler = (deps: AppDeps, observability: LambdaObservability) =>
  httpHandler(equityApp(deps), observability);
