import { mountApi } from '#http/api.ts';
import { createHttpApp } from '#http/base.ts';
import type { AppDeps } from '#http/context.ts';
import { leadApiRouters } from '#http/lead-routers.ts';
import { httpHandler } from '../shared/http-function.ts';
import type { LambdaObservability } from '../shared/observability.ts';

/**
 * The leads function: the institutions' officers working their leads, the notifications and
 * escalations about them, and an institution's webhook, so neither it nor the JSON API's core
 * carries the other's code (no matching engine here). Same middleware, token check and errors
 * as the API (mountApi).
 */
export const leadsApp = (deps: AppDeps) =>
  createHttpApp(deps, (app, d) => mountApi(app, d, { routers: leadApiRouters() }));

export const leadsHandler = (deps: AppDeps, observability: LambdaObservability) =>
  httpHandler(leadsApp(deps), observability);
