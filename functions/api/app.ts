import { mountApi } from '#http/api.ts';
import type { AppDeps } from '#http/context.ts';
import { httpHandler } from '../shared/http-function.ts';
import type { LambdaObservability } from '../shared/observability.ts';

/** The JSON API function: every /api route, nothing of the pages. */
export const apiHandler = (deps: AppDeps, observability: LambdaObservability) =>
  httpHandler(deps, observability, mountApi);
