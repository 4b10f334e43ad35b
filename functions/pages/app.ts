import type { AppDeps } from '#http/context.ts';
import { pageRoutes } from '#http/pages/index.ts';
import { httpHandler } from '../shared/http-function.ts';
import type { LambdaObservability } from '../shared/observability.ts';

/** The pages function: server-rendered pages and sign-in, nothing of the JSON API. */
export const pagesHandler = (deps: AppDeps, observability: LambdaObservability) =>
  httpHandler(deps, observability, (app) => {
    app.route('/', pageRoutes());
  });
