import { createHttpApp } from '#http/base.ts';
import type { AppDeps } from '#http/context.ts';
import { pageRoutes } from '#http/pages/index.ts';
import { httpHandler } from '../shared/http-function.ts';
import type { LambdaObservability } from '../shared/observability.ts';

/** The pages function's app: server-rendered pages and sign-in, nothing of the JSON API. */
export const pagesApp = (deps: AppDeps) =>
  createHttpApp(deps, (app) => {
    app.route('/', pageRoutes());
  });

export const pagesHandler = (deps: AppDeps, observability: LambdaObservability) =>
  httpHandler(pagesApp(deps), observability);
