import { Hono } from 'hono';
import * as z from 'zod';
import { NotFoundError } from '#domain/errors.ts';
import { CertificationListSchema, type Firm, FirmSchema } from '#domain/firm.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import { SpecialistRecordSchema, SpecialistSchema } from '#domain/specialist.ts';
import { registerFirm, replaceCertifications } from '#usecases/firms.ts';
import { assignSpecialist } from '#usecases/specialists.ts';
import { jsonBody } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { document } from '../openapi.ts';

const AccountSchema = z
  .object({
    email: z.email().transform((e) => e.toLowerCase()),
    password: z.string().min(10, '密码至少10位 / password must have at least 10 characters').max(200),
    displayName: z.string().trim().min(1).max(60),
  })
  .strict();

/** A firm's registration: its profile, plus (local sign-in) the first user's account. */
export const FirmRegistrationSchema = FirmSchema.extend({ account: AccountSchema.optional() });

/**
 * Who may read or change a firm: the firm's own users, and operators of its city or province.
 * Everyone else gets 404 — the same answer as for a firm that does not exist.
 */
export function canAccessFirm(
  principal: Principal | undefined,
  firm: Pick<Firm, 'uscc' | 'regionCode'>,
): boolean {
  if (!principal) return false;
  if (principal.role === 'firm') return principal.uscc === firm.uscc;
  if (principal.role === 'operator') return firm.regionCode.startsWith(principal.regionPrefix);
  return false;
}

export const firmNotFound = (uscc: string) =>
  new NotFoundError(`未找到企业 ${uscc}`, `firm ${uscc} not found`);

export function firmRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'post',
    path: '/api/firms',
    tag: 'firms',
    auth: 'public',
    summary: '注册企业 / Register a firm (self sign-up, or an operator importing a certified firm)',
    body: FirmRegistrationSchema,
    responses: {
      201: { description: 'registered', schema: FirmSchema },
      409: { description: 'uscc already registered' },
    },
  });
  app.post('/api/firms', async (c) => {
    const principal = c.get('principal');
    const { account, ...firm } = await jsonBody(c, FirmRegistrationSchema);
    // Sign-up is open. A signed-in caller is an operator importing a certified firm, or a
    // firm user (Cognito account bound to a uscc) registering its own firm — nobody else's.
    if (principal) {
      const own = principal.role === 'firm' && principal.uscc === firm.uscc;
      if (!own) requireRole(principal, 'operator');
    }
    const deps = c.get('deps');
    await registerFirm(deps, firm, account, principal?.userId);
    return c.json(firm, 201);
  });

  document({
    method: 'get',
    path: '/api/firms/{uscc}',
    tag: 'firms',
    auth: 'signed_in',
    summary: '查看企业档案 / Read a firm (its own users and its operators)',
    params: { uscc: '统一社会信用代码 / unified social credit code' },
    responses: { 200: { description: 'the firm', schema: FirmSchema } },
  });
  app.get('/api/firms/:uscc', async (c) => {
    const uscc = c.req.param('uscc');
    requireRole(c.get('principal'));
    const firm = await c.get('deps').store.firms.get(uscc);
    if (!firm || !canAccessFirm(c.get('principal'), firm)) throw firmNotFound(uscc);
    return c.json(firm);
  });

  document({
    method: 'put',
    path: '/api/firms/{uscc}/certifications',
    tag: 'firms',
    auth: 'signed_in',
    summary: '更新企业认定证书 / Replace a firm’s certificates (expiresOn defaults to issuedOn + 3 years)',
    params: { uscc: '统一社会信用代码 / unified social credit code' },
    body: CertificationListSchema,
    responses: { 200: { description: 'the updated firm', schema: FirmSchema } },
  });
  app.put('/api/firms/:uscc/certifications', async (c) => {
    const uscc = c.req.param('uscc');
    const principal = requireRole(c.get('principal'));
    const deps = c.get('deps');
    const firm = await deps.store.firms.get(uscc);
    if (!firm || !canAccessFirm(principal, firm)) throw firmNotFound(uscc);
    const { certifications } = await jsonBody(c, CertificationListSchema);
    return c.json(await replaceCertifications(deps, uscc, certifications, principal.userId));
  });

  document({
    method: 'put',
    path: '/api/firms/{uscc}/specialist',
    tag: 'firms',
    auth: 'operator',
    summary: '为企业指派服务专员（运营方） / Assign the firm’s service specialist (operator)',
    params: { uscc: '统一社会信用代码 / unified social credit code' },
    body: SpecialistSchema,
    responses: { 200: { description: 'assigned', schema: SpecialistRecordSchema } },
  });
  app.put('/api/firms/:uscc/specialist', async (c) => {
    const principal = requireRole(c.get('principal'), 'operator');
    const body = await jsonBody(c, SpecialistSchema);
    return c.json(await assignSpecialist(c.get('deps'), principal, c.req.param('uscc'), body));
  });

  document({
    method: 'get',
    path: '/api/firms/{uscc}/specialist',
    tag: 'firms',
    auth: 'signed_in',
    summary: '企业的服务专员 / The firm’s service specialist',
    params: { uscc: '统一社会信用代码 / unified social credit code' },
    responses: { 200: { description: 'the specialist, or null', schema: SpecialistRecordSchema.nullable() } },
  });
  app.get('/api/firms/:uscc/specialist', async (c) => {
    const uscc = c.req.param('uscc');
    const principal = requireRole(c.get('principal'));
    const { store } = c.get('deps');
    const firm = await store.firms.get(uscc);
    if (!firm || !canAccessFirm(principal, firm)) throw firmNotFound(uscc);
    return c.json((await store.firms.specialist(uscc)) ?? null);
  });

  return app;
}
