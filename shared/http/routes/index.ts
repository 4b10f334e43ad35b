import { LEAD_OPERATIONS } from '../lead-routers.ts';
import { authRoutes, meRoute, signInRoute, signOutRoute } from './auth.ts';
import {
  approveProductRoute,
  catalogRoutes,
  createProductRoute,
  editProductRoute,
  listInstitutionsRoute,
  listProductsRoute,
  readProductRoute,
  retireProductRoute,
  submitProductRoute,
  suspendProductRoute,
} from './catalog.ts';
import { certifiedListImportRoutes, importCertifiedListRoute } from './certified-list-import.ts';
import {
  certifiedListRoutes,
  listCertifiedListsRoute,
  readCertifiedListRoute,
  readFirmCertificatesRoute,
} from './certified-lists.ts';
import { DISPUTE_OPERATIONS, disputeRoutes } from './disputes.ts';
import { EQUITY_OPERATIONS, equityRoutes } from './equity.ts';
import {
  assignSpecialistRoute,
  firmRoutes,
  listRegionFlagsRoute,
  readFirmRoute,
  readSpecialistRoute,
  reassignClaimRoute,
  registerFirmRoute,
  replaceCertificationsRoute,
  updateFirmFiguresRoute,
} from './firms.ts';
import { leadRoutes } from './leads.ts';
import { LPR_OPERATIONS } from './lpr.ts';
import { matchRoute, matchRoutes } from './match.ts';
import { notificationRoutes } from './notifications.ts';
import {
  listRequestsRoute,
  readRequestRoute,
  requestLeadsRoute,
  requestMatchesRoute,
  requestRoutes,
  sendRequestRoute,
  submitRequestRoute,
  withdrawRequestRoute,
} from './requests.ts';
import { ROADSHOW_OPERATIONS, roadshowRoutes } from './roadshows.ts';
import { healthRoute, systemRoutes } from './system.ts';
import { webhookRoutes } from './webhooks.ts';

export {
  authRoutes,
  catalogRoutes,
  certifiedListImportRoutes,
  certifiedListRoutes,
  disputeRoutes,
  equityRoutes,
  firmRoutes,
  leadRoutes,
  matchRoutes,
  notificationRoutes,
  requestRoutes,
  roadshowRoutes,
  systemRoutes,
  webhookRoutes,
};

/** Every JSON API operation, as defined (each is validated by and documented from its own zod schemas). */
export const API_OPERATIONS = [
  healthRoute,
  signInRoute,
  signOutRoute,
  meRoute,
  registerFirmRoute,
  readFirmRoute,
  replaceCertificationsRoute,
  updateFirmFiguresRoute,
  assignSpecialistRoute,
  readSpecialistRoute,
  listInstitutionsRoute,
  listProductsRoute,
  readProductRoute,
  createProductRoute,
  editProductRoute,
  submitProductRoute,
  approveProductRoute,
  suspendProductRoute,
  retireProductRoute,
  ...LPR_OPERATIONS,
  importCertifiedListRoute,
  listCertifiedListsRoute,
  readCertifiedListRoute,
  readFirmCertificatesRoute,
  ...DISPUTE_OPERATIONS,
  listRegionFlagsRoute,
  reassignClaimRoute,
  matchRoute,
  submitRequestRoute,
  listRequestsRoute,
  readRequestRoute,
  requestMatchesRoute,
  sendRequestRoute,
  withdrawRequestRoute,
  requestLeadsRoute,
  ...LEAD_OPERATIONS,
  ...EQUITY_OPERATIONS,
  ...ROADSHOW_OPERATIONS,
] as const;

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** OpenAPI / API Gateway path syntax: /api/leads/{id}. */
  path: string;
  operationId: string;
  /** True when the operation takes no token (the gateway must not require one). */
  public: boolean;
  /** Who may call it: 'public', 'signed_in', or the roles separated by spaces. */
  roles: string;
}

/**
 * The API's routes and whether each needs a token, from the route definitions themselves:
 * the deployment builds its gateway routes (and which carry the JWT authorizer) from this.
 * Besides these operations the app serves the document (/api/openapi.json), its reference
 * page (/docs) and the web pages; all of those are public (pages read their own session cookie).
 */
export function apiRouteTable(): ApiRoute[] {
  const operations: ApiRoute[] = API_OPERATIONS.map((r) => ({
    method: r.method.toUpperCase() as ApiRoute['method'],
    path: r.path,
    operationId: r.operationId,
    public: r.security.length === 0,
    roles: r['x-roles'],
  }));
  return [
    ...operations,
    {
      method: 'GET',
      path: '/api/openapi.json',
      operationId: 'openApiDocument',
      public: true,
      roles: 'public',
    },
  ];
}
