import { Hono } from 'hono';
import * as z from 'zod';
import { NotFoundError } from '#domain/errors.ts';
import { PrincipalSchema, requireRole } from '#domain/principal.ts';
import { signIn } from '#usecases/sign-in.ts';
import { localTokenSigner } from '../auth.ts';
import { jsonBody } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { document } from '../openapi.ts';

export const SignInSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) }).strict();
const SignInAnswerSchema = z.object({ token: z.string(), principal: PrincipalSchema, expiresAt: z.string() });

export function authRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'post',
    path: '/api/auth/sign-in',
    tag: 'auth',
    auth: 'public',
    summary: '登录（本地模式） / Sign in (local mode; in AWS, Cognito issues the tokens)',
    body: SignInSchema,
    responses: {
      200: { description: 'a bearer token', schema: SignInAnswerSchema },
      401: { description: 'wrong credentials' },
    },
  });
  app.post('/api/auth/sign-in', async (c) => {
    const deps = c.get('deps');
    if (!deps.signer)
      throw new NotFoundError(
        '此环境请通过统一身份认证登录',
        'sign-in is handled by the identity provider here',
      );
    const { email, password } = await jsonBody(c, SignInSchema);
    return c.json(await signIn(deps, localTokenSigner(deps.signer.secret), email, password));
  });

  document({
    method: 'get',
    path: '/api/me',
    tag: 'auth',
    auth: 'signed_in',
    summary: '当前登录身份 / Who am I',
    responses: { 200: { description: 'the principal', schema: PrincipalSchema } },
  });
  app.get('/api/me', (c) => c.json(requireRole(c.get('principal'))));

  return app;
}
