import { Hono } from 'hono';
import * as z from 'zod';
import { CertificationListSchema, FirmSchema } from '#domain/firm.ts';
import { requireRole } from '#domain/principal.ts';
import { SpecialistRecordSchema, SpecialistSchema } from '#domain/specialist.ts';
import { readFirm, registerFirm, replaceCertifications } from '#usecases/firms.ts';
import { assignSpecialist, readSpecialist } from '#usecases/specialists.ts';
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
    const { account, ...firm } = await jsonBody(c, FirmRegistrationSchema);
    await registerFirm(c.get('deps'), c.get('principal'), firm, account);
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
    return c.json(await readFirm(c.get('deps'), c.get('principal'), c.req.param('uscc')));
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
    const principal = c.get('principal');
    const deps = c.get('deps');
    // Who may change the firm is checked before the body is read: a stranger learns nothing from a 400.
    await readFirm(deps, principal, c.req.param('uscc'));
    const { certifications } = await jsonBody(c, CertificationListSchema);
    return c.json(await replaceCertifications(deps, principal, c.req.param('uscc'), certifications));
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
    requireRole(c.get('principal'), 'operator');
    const body = await jsonBody(c, SpecialistSchema);
    return c.json(await assignSpecialist(c.get('deps'), c.get('principal'), c.req.param('uscc'), body));
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
    return c.json((await readSpecialist(c.get('deps'), c.get('principal'), c.req.param('uscc'))) ?? null);
  });

  return app;
}
