import type { ApiRouter } from './openapi.ts';
import { equityRoutes } from './routes/equity.ts';
import { roadshowRoutes } from './routes/roadshows.ts';

/**
 * Equity financing (funds, batches, equity leads) and roadshows: one part of the JSON API,
 * served by a function of its own in AWS (functions/equity), with its planner and calendar
 * files. See api-routers.ts for the parts.
 */
export function equityApiRouters(): ApiRouter[] {
  return [equityRoutes(), roadshowRoutes()];
}
