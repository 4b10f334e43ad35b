import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import * as z from 'zod';
import { ValidationError } from '#domain/errors.ts';
import type { Principal } from '#domain/principal.ts';
import { SESSION_COOKIE } from './auth.ts';
import type { AppEnv } from './context.ts';
import { safeNext } from './pages/common.ts';

/**
 * Sign-in on the deployed pages through Cognito's hosted sign-in (OAuth 2.0 authorization
 * code grant with PKCE, public client, no secret):
 * 1. GET /sign-in → a fresh `state` and code verifier go into a short-lived cookie scoped to
 *    the callback path; the browser goes to Cognito's /oauth2/authorize with the S256 challenge.
 * 2. GET /auth/callback?code&state → the state must equal the cookie's; the code and verifier
 *    are exchanged at /oauth2/token; the ID token is checked by the app's token verifier (the
 *    same roles and tenant claims as local mode) and kept in the session cookie, the refresh
 *    token in its own cookie. Both `HttpOnly; Secure; SameSite=Lax`.
 * 3. When the ID token has expired, the next page view trades the refresh token for a new one.
 * 4. POST /sign-out → the refresh token is revoked at /oauth2/revoke (which also invalidates
 *    the tokens issued with it), the cookies are cleared and the browser goes to Cognito's
 *    /logout, which ends the hosted sign-in session, then back to the home page.
 */
export interface HostedSignIn {
  start(c: Context<AppEnv>, next?: string): Response;
  /** Completes the callback; the caller redirects to `next` or the principal's home. */
  finish(c: Context<AppEnv>): Promise<{ principal: Principal; next?: string }>;
  signOut(c: Context<AppEnv>): Promise<Response>;
  /** The principal of a still-valid refresh token (and a new session cookie), or undefined. */
  refresh(c: Context<AppEnv>): Promise<Principal | undefined>;
}

export interface HostedSignInConfig {
  /** Cognito domain, e.g. https://jingrong-123.auth.cn-north-1.amazoncognito.com */
  domainUrl: string;
  clientId: string;
  /** Public base URL of the app (the HTTP API's URL); the callback and sign-out URLs hang off it. */
  appUrl: string;
  /** Injected for tests; the Lambda uses the global fetch. */
  fetch?: typeof fetch;
}

export const CALLBACK_PATH = '/auth/callback';
export const REFRESH_COOKIE = 'jr_refresh';
const FLOW_COOKIE = 'jr_oauth';
/** How long a started sign-in may take at Cognito before the callback refuses it. */
const FLOW_SECONDS = 600;
/** Cognito keeps refresh tokens 30 days (the app client's refreshTokenValidity). */
const REFRESH_SECONDS = 30 * 24 * 3600;
const SCOPES = 'openid email profile';

const TokenAnswerSchema = z.object({
  id_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive(),
});

const base64url = (bytes: Buffer) => bytes.toString('base64url');
const secureCookie = (path: string, maxAge: number): CookieOptions => ({
  httpOnly: true,
  secure: true,
  sameSite: 'Lax',
  path,
  maxAge,
});

const signInFailed = (cause?: unknown) =>
  Object.assign(
    new ValidationError(
      [],
      '登录未能完成，请重新登录',
      'sign-in could not be completed, please sign in again',
    ),
    { cause },
  );

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cognitoHostedSignIn(config: HostedSignInConfig): HostedSignIn {
  const doFetch = config.fetch ?? fetch;
  const domain = config.domainUrl.replace(/\/$/, '');
  const appUrl = config.appUrl.replace(/\/$/, '');
  const redirectUri = `${appUrl}${CALLBACK_PATH}`;

  async function tokenRequest(params: Record<string, string>) {
    const res = await doFetch(`${domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: config.clientId, ...params }),
    });
    if (!res.ok) throw signInFailed(new Error(`token endpoint answered ${res.status}`));
    const parsed = TokenAnswerSchema.safeParse(await res.json());
    if (!parsed.success) throw signInFailed(parsed.error);
    return parsed.data;
  }

  /** Verifies the ID token with the app's verifier and keeps it (and a new refresh token) in cookies. */
  async function keepSession(
    c: Context<AppEnv>,
    tokens: z.infer<typeof TokenAnswerSchema>,
  ): Promise<Principal> {
    const principal = await c.get('deps').verifier.verify(tokens.id_token);
    setCookie(c, SESSION_COOKIE, tokens.id_token, secureCookie('/', tokens.expires_in));
    if (tokens.refresh_token) {
      setCookie(c, REFRESH_COOKIE, tokens.refresh_token, secureCookie('/', REFRESH_SECONDS));
    }
    c.set('principal', principal);
    return principal;
  }

  return {
    start(c, next) {
      const state = base64url(randomBytes(32));
      const verifier = base64url(randomBytes(32));
      const challenge = base64url(createHash('sha256').update(verifier).digest());
      const after = base64url(Buffer.from(safeNext(next) ?? ''));
      setCookie(c, FLOW_COOKIE, `${state}.${verifier}.${after}`, secureCookie(CALLBACK_PATH, FLOW_SECONDS));
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: redirectUri,
        scope: SCOPES,
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      return c.redirect(`${domain}/oauth2/authorize?${query}`, 302);
    },

    async finish(c) {
      const flow = getCookie(c, FLOW_COOKIE)?.split('.');
      deleteCookie(c, FLOW_COOKIE, { path: CALLBACK_PATH, secure: true });
      const code = c.req.query('code');
      const state = c.req.query('state');
      if (flow?.length !== 3 || !code || !state || !sameSecret(state, flow[0]!)) throw signInFailed();
      const tokens = await tokenRequest({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: flow[1]!,
      });
      let principal: Principal;
      try {
        principal = await keepSession(c, tokens);
      } catch (error) {
        throw signInFailed(error);
      }
      return { principal, next: safeNext(Buffer.from(flow[2]!, 'base64url').toString('utf8')) };
    },

    async signOut(c) {
      const refreshToken = getCookie(c, REFRESH_COOKIE);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
      deleteCookie(c, REFRESH_COOKIE, { path: '/', secure: true });
      if (refreshToken) {
        const res = await doFetch(`${domain}/oauth2/revoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: refreshToken, client_id: config.clientId }),
        });
        if (!res.ok) c.get('deps').logger.warn('refresh token revocation failed', { status: res.status });
      }
      const query = new URLSearchParams({ client_id: config.clientId, logout_uri: `${appUrl}/` });
      return c.redirect(`${domain}/logout?${query}`, 303);
    },

    async refresh(c) {
      const refreshToken = getCookie(c, REFRESH_COOKIE);
      if (!refreshToken) return undefined;
      try {
        return await keepSession(
          c,
          await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken }),
        );
      } catch (error) {
        c.get('deps').logger.info('session refresh refused', { error });
        deleteCookie(c, REFRESH_COOKIE, { path: '/', secure: true });
        return undefined;
      }
    },
  };
}
