import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { CertificationListSchema, FirmFiguresSchema, FirmSchema } from '#domain/firm.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { SpecialistRecordSchema, SpecialistSchema } from '#domain/specialist.ts';
import { RegionFlagSchema } from '#store/firms.ts';
import {
  listRegionFlags,
  NewAccountSchema,
  readFirm,
  reassignClaim,
  registerFirm,
  replaceCertifications,
  updateFirmFigures,
} from '#usecases/firms.ts';
import { assignSpecialist, readSpecialist } from '#usecases/specialists.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';

/** A firm's registration: its profile, plus (local sign-in) the first user's account. */
export const FirmRegistrationSchema = lazySchema(() =>
  FirmSchema.extend({ account: NewAccountSchema.optional() }),
);

const UsccParam = lazySchema(() =>
  z.object({
    uscc: z.string().max(40).describe('统一社会信用代码 / unified social credit code'),
  }),
);

export const registerFirmRoute = createRoute({
  method: 'post',
  path: '/api/firms',
  operationId: 'registerFirm',
  tags: ['firms'],
  summary: '注册企业 / Register a firm (self sign-up, or an operator importing a certified firm)',
  ...access('public'),
  request: { body: jsonBody(FirmRegistrationSchema) },
  responses: { 201: json(FirmSchema, 'registered'), 409: { description: 'uscc already registered' } },
});

export const readFirmRoute = createRoute({
  method: 'get',
  path: '/api/firms/{uscc}',
  operationId: 'readFirm',
  tags: ['firms'],
  summary: '查看企业档案 / Read a firm (its own users and its operators)',
  ...access('signed_in'),
  request: { params: UsccParam },
  responses: { 200: json(FirmSchema, 'the firm') },
});

export const replaceCertificationsRoute = createRoute({
  method: 'put',
  path: '/api/firms/{uscc}/certifications',
  operationId: 'replaceCertifications',
  tags: ['firms'],
  summary: '更新企业认定证书 / Replace a firm’s certificates (expiresOn defaults to issuedOn + 3 years)',
  ...access('signed_in'),
  request: { params: UsccParam, body: jsonBody(CertificationListSchema) },
  responses: { 200: json(FirmSchema, 'the updated firm') },
});

const FiguresUpdateSchema = lazySchema(() =>
  z.object({
    firm: FirmSchema,
    changed: z.array(z.string()).describe('the figures that changed (none: nothing was written)'),
    rematched: z
      .array(
        z.object({
          requestId: z.string(),
          gained: z.array(z.string()).describe('products that now fit'),
          lost: z
            .array(z.string())
            .describe('products that no longer fit (not yet sent to their institution)'),
        }),
      )
      .describe('the firm’s open requests, matched again on the new figures'),
  }),
);

export const updateFirmFiguresRoute = createRoute({
  method: 'put',
  path: '/api/firms/{uscc}/figures',
  operationId: 'updateFirmFigures',
  tags: ['firms'],
  summary:
    '更新企业数据并重新匹配未结需求 / Update the firm’s figures (headcount, revenue, R&D, patents, interest paid) and re-match its open requests',
  ...access(['firm']),
  request: { params: UsccParam, body: jsonBody(FirmFiguresSchema) },
  responses: { 200: json(FiguresUpdateSchema, 'the updated firm and what was re-matched') },
});

export const assignSpecialistRoute = createRoute({
  method: 'put',
  path: '/api/firms/{uscc}/specialist',
  operationId: 'assignSpecialist',
  tags: ['firms'],
  summary: '为企业指派服务专员（运营方） / Assign the firm’s service specialist (operator)',
  ...access(['operator']),
  request: { params: UsccParam, body: jsonBody(SpecialistSchema) },
  responses: { 200: json(SpecialistRecordSchema, 'assigned') },
});

export const readSpecialistRoute = createRoute({
  method: 'get',
  path: '/api/firms/{uscc}/specialist',
  operationId: 'readSpecialist',
  tags: ['firms'],
  summary: '企业的服务专员 / The firm’s service specialist',
  ...access('signed_in'),
  request: { params: UsccParam },
  responses: { 200: json(SpecialistRecordSchema.nullable(), 'the specialist, or null') },
});

export const listRegionFlagsRoute = createRoute({
  method: 'get',
  path: '/api/firm-flags',
  operationId: 'listRegionFlags',
  tags: ['firms'],
  summary:
    '注册地与统一社会信用代码登记区划不一致的企业（运营方核实） / Firms whose USCC division code disagrees with the claimed region (for the operator)',
  ...access(['operator']),
  responses: { 200: json(z.object({ items: z.array(RegionFlagSchema) }), 'flags') },
});

const ClaimSchema = lazySchema(() =>
  z.object({ email: z.email().transform((e) => e.toLowerCase()) }).strict(),
);

export const reassignClaimRoute = createRoute({
  method: 'put',
  path: '/api/firms/{uscc}/claim',
  operationId: 'reassignClaim',
  tags: ['firms'],
  summary:
    '改派有争议的企业认领（本辖区运营方） / Reassign a disputed claim to another firm account (operator of the firm’s region)',
  ...access(['operator']),
  request: { params: UsccParam, body: jsonBody(ClaimSchema) },
  responses: {
    200: json(z.object({ uscc: z.string(), email: z.string() }), 'reassigned'),
    422: { description: 'not a free firm account' },
  },
});

export function firmRoutes() {
  const app = apiRouter();

  app.openapi(registerFirmRoute, async (c) => {
    const { account, ...firm } = c.req.valid('json');
    await registerFirm(c.get('deps'), c.get('principal'), firm, account);
    return c.json(firm, 201);
  });

  app.openapi(readFirmRoute, async (c) =>
    c.json(await readFirm(c.get('deps'), c.get('principal'), c.req.valid('param').uscc), 200),
  );

  app.openapi(replaceCertificationsRoute, async (c) => {
    const { certifications } = c.req.valid('json');
    const firm = await replaceCertifications(
      c.get('deps'),
      c.get('principal'),
      c.req.valid('param').uscc,
      certifications,
    );
    return c.json(firm, 200);
  });

  app.openapi(updateFirmFiguresRoute, async (c) => {
    const result = await updateFirmFigures(
      c.get('deps'),
      c.get('principal'),
      c.req.valid('param').uscc,
      c.req.valid('json'),
    );
    return c.json(result, 200);
  });

  app.openapi(assignSpecialistRoute, async (c) => {
    const specialist = await assignSpecialist(
      c.get('deps'),
      c.get('principal'),
      c.req.valid('param').uscc,
      c.req.valid('json'),
    );
    return c.json(specialist, 200);
  });

  app.openapi(readSpecialistRoute, async (c) => {
    const specialist = await readSpecialist(c.get('deps'), c.get('principal'), c.req.valid('param').uscc);
    return c.json(specialist ?? null, 200);
  });

  app.openapi(listRegionFlagsRoute, async (c) =>
    c.json({ items: await listRegionFlags(c.get('deps'), c.get('principal')) }, 200),
  );

  app.openapi(reassignClaimRoute, async (c) =>
    c.json(
      await reassignClaim(
        c.get('deps'),
        c.get('principal'),
        c.req.valid('param').uscc,
        c.req.valid('json').email,
      ),
      200,
    ),
  );

  return app;
}
