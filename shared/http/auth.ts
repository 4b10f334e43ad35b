import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { UnauthenticatedError } from '#domain/errors.ts';
import { type Principal, PrincipalSchema } from '#domain/principal.ts';
import type { AppEnv } from './context.ts';

/*
 * The edge's one job with identity: turn a token into a Principal (shared/domain/principal.ts).
 * Claims are the same whether the token was signed locally (HS256) or issued by Cognito
 * (RS256, custom attributes): role, and the tenant it is bound to. Role and tenant rules
 * live below the edge (domain/principal.ts, usecases/access.ts).
 */

export interface TokenVerifier {
  /** Returns the principal carried by a valid token, or throws UnauthenticatedError. */
  verify(token: string): Promise<Principal>;
}

export const invalidToken = (cause?: unknown) =>
  new UnauthenticatedError(
    '登录凭证无效或已过期，请重新登录',
    'token is invalid or expired, please sign in again',
    { cause },
  );

/** Maps JWT claims (ours or Cognito's custom:* attributes) to a principal. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const parsed = PrincipalSchema.safeParse({
    role: claims.role ?? claims['custom:role'],
    userId: claims.sub,
    uscc: claims.uscc ?? claims['custom:uscc'],
    institutionId: claims.institutionId ?? claims['custom:institutionId'],
    regionPrefix: claims.regionPrefix ?? claims['custom:regionPrefix'],
  });
  if (!parsed.success) throw invalidToken(parsed.error);
  return parsed.data;
}

/** Clock difference tolerated between the signer and the verifier. */
const CLOCK_SKEW_SECONDS = 60;

/** Where signed-out tokens are remembered (store.sessions). */
export interface RevocationList {
  isRevoked(jti: string): Promise<boolean>;
}

/**
 * Checks the times of a token's claims: issued (iat) not in the future, not expired (exp),
 * and living no longer than `maxAgeSeconds` — so a forged or mis-issued 100-year token fails
 * even when its signature is good.
 */
export function checkTokenTimes(
  claims: Record<string, unknown>,
  nowSeconds: number,
  maxAgeSeconds: number,
): void {
  const { iat, exp } = claims;
  if (typeof exp !== 'number' || typeof iat !== 'number') throw invalidToken();
  if (exp <= nowSeconds) throw invalidToken();
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) throw invalidToken();
  if (exp - iat > maxAgeSeconds || exp > nowSeconds + maxAgeSeconds + CLOCK_SKEW_SECONDS)
    throw invalidToken();
}

/** Cognito may be set to issue ID tokens for up to a day. */
const COGNITO_MAX_TOKEN_SECONDS = 24 * 3600;

/**
 * AWS: Cognito ID tokens (they carry the custom:role / tenant attributes), checked by
 * `aws-jwt-verify`: RS256 signature against the pool's JWKS (fetched once, then cached),
 * issuer, `token_use` = id and the app client id; then the same time checks as local tokens.
 * An access token, another client's token, or an expired or future-dated one is a 401.
 */
export function cognitoTokenVerifier(options: {
  userPoolId: string;
  clientId: string;
  now?: () => Date;
  /** Tests preload keys instead of fetching them. */
  jwks?: Parameters<ReturnType<typeof CognitoJwtVerifier.create>['cacheJwks']>[0];
}): TokenVerifier {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: options.userPoolId,
    tokenUse: 'id',
    clientId: options.clientId,
  });
  if (options.jwks) verifier.cacheJwks(options.jwks);
  const now = options.now ?? (() => new Date());
  return {
    async verify(token) {
      let claims: Record<string, unknown>;
      try {
        claims = (await verifier.verify(token)) as Record<string, unknown>;
      } catch (error) {
        throw invalidToken(error);
      }
      checkTokenTimes(claims, Math.floor(now().getTime() / 1000), COGNITO_MAX_TOKEN_SECONDS);
      return principalFromClaims(claims);
    },
  };
}

/**
 * The id and expiry of a token the verifier already accepted (for sign-out); undefined for
 * tokens without a jti (Cognito's are revoked through Cognito).
 */
export function revocableId(token: string): { jti: string; exp: number } | undefined {
  try {
    // The payload only: the verifier has already checked the signature. Read here rather than
    // with hono/jwt's decode, so the deployed functions carry no JWT library but aws-jwt-verify.
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (!payload || typeof payload !== 'object') return undefined;
    return typeof payload.jti === 'string' && typeof payload.exp === 'number'
      ? { jti: payload.jti, exp: payload.exp }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The bearer token of a request, if it has one. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S{1,8192})$/i.exec(header);
  if (!match) throw invalidToken();
  return match[1]!;
}

/** Reads the bearer token, if any, and puts the principal on the context. Never rejects by itself. */
export function authenticate(verifier: TokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (token) c.set('principal', await verifier.verify(token));
    await next();
  };
}

/** The cookie the web pages keep the token in (HttpOnly, SameSite=Lax; see pages/session.tsx). */
export const SESSION_COOKIE = 'jr_token';

/**
 * The web pages' sibling of `authenticate`: the token comes from the session cookie and is
 * checked by the same verifier. A bad or expired cookie is dropped and the visitor is anonymous,
 * so the page asks them to sign in again. Not used on /api/*: the JSON API takes bearer tokens only.
 */
export function authenticateCookie(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      try {
        c.set('principal', await c.get('deps').verifier.verify(token));
      } catch (error) {
        if (!(error instanceof UnauthenticatedError)) throw error;
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
      }
    }
    // Deployed pages: an expired ID token is renewed with the session's refresh token.
    const hosted = c.get('deps').hostedSignIn;
    if (!c.get('principal') && hosted) await hosted.refresh(c);
    await next();
  };
}
