import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { NotFoundError } from '#domain/errors.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { PrincipalSchema, requireRole } from '#domain/principal.ts';
import { SignInSchema, signIn, signOut } from '#usecases/sign-in.ts';
import { bearerToken, revocableId } from '../auth.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';

const SignInAnswerSchema = lazySchema(() =>
  z.object({ token: z.string(), principal: PrincipalSchema, expiresAt: z.string() }),
);

export const signInRoute = createRoute({
  method: 'post',
  path: '/api/auth/sign-in',
  operationId: 'signIn',
  tags: ['auth'],
  summary: '登录（本地模式） / Sign in (local mode; in AWS, Cognito issues the tokens)',
  ...access('public'),
  request: { body: jsonBody(SignInSchema) },
  responses: {
    200: json(SignInAnswerSchema, 'a bearer token'),
    401: { description: 'wrong credentials (one answer for an unknown e-mail and a wrong password)' },
    429: { description: 'too many attempts for this e-mail: retry after Retry-After seconds' },
  },
});

export const signOutRoute = createRoute({
  method: 'delete',
  path: '/api/auth/session',
  operationId: 'signOut',
  tags: ['auth'],
  summary: '退出登录（令牌即刻失效） / End this session (sign out): the bearer token stops working at once',
  ...access('signed_in'),
  responses: { 204: { description: 'signed out' } },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/api/me',
  operationId: 'whoAmI',
  tags: ['auth'],
  summary: '当前登录身份 / Who am I',
  ...access('signed_in'),
  responses: { 200: json(PrincipalSchema, 'the principal') },
});

export function authRoutes() {
  const app = apiRouter();

  app.openapi(signInRoute, async (c) => {
    const deps = c.get('deps');
    if (!deps.signer)
      throw new NotFoundError(
        '此环境请通过统一身份认证登录',
        'sign-in is handled by the identity provider here',
      );
    const { email, password } = c.req.valid('json');
    return c.json(await signIn(deps, deps.signer, email, password), 200);
  });

  app.openapi(signOutRoute, async (c) => {
    const id = revocableId(bearerToken(c.req.header('authorization'))!);
    if (id) await signOut(c.get('deps'), id);
    return c.body(null, 204);
  });

  app.openapi(meRoute, (c) => c.json(requireRole(c.get('principal')), 200));

  return app;
}
