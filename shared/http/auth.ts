import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { sign, verify, verifyWithJwks } from 'hono/jwt';
import { UnauthenticatedError } from '#domain/errors.ts';
import { type Principal, PrincipalSchema } from '#domain/principal.ts';
import type { TokenSigner } from '#usecases/sign-in.ts';
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

const invalidToken = (cause?: unknown) =>
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

export const LOCAL_ISSUER = 'jingrong-local';

/** Local mode: signs the HS256 tokens that `localTokenVerifier` accepts (the sign-in use case's port). */
export function localTokenSigner(secret: string): TokenSigner {
  return {
    sign: ({ principal, name, issuedAt, expiresAt }) =>
      sign(
        { ...principal, sub: principal.userId, name, iss: LOCAL_ISSUER, iat: issuedAt, exp: expiresAt },
        secret,
      ),
  };
}

/**
 * Local mode: HS256 tokens this app signs at sign-in. Expiry is checked against the
 * app's own clock (`now`), the same clock that stamped the token.
 */
export function localTokenVerifier(secret: string, now: () => Date): TokenVerifier {
  return {
    async verify(token) {
      let claims: Record<string, unknown>;
      try {
        claims = await verify(token, secret, {
          alg: 'HS256',
          iss: LOCAL_ISSUER,
          exp: false,
          nbf: false,
          iat: false,
        });
      } catch (error) {
        throw invalidToken(error);
      }
      const nowSeconds = Math.floor(now().getTime() / 1000);
      if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) throw invalidToken();
      return principalFromClaims(claims);
    },
  };
}

/** AWS: Cognito ID tokens, checked against the pool's JWKS (the HTTP API authorizer checks them too). */
export function cognitoTokenVerifier(region: string, userPoolId: string, clientId: string): TokenVerifier {
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  return {
    async verify(token) {
      try {
        const claims = await verifyWithJwks(token, {
          jwks_uri: `${issuer}/.well-known/jwks.json`,
          allowedAlgorithms: ['RS256'],
          verification: { iss: issuer, aud: clientId },
        });
        return principalFromClaims(claims);
      } catch (error) {
        throw invalidToken(error);
      }
    },
  };
}

/** Reads the bearer token, if any, and puts the principal on the context. Never rejects by itself. */
export function authenticate(verifier: TokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw invalidToken();
      c.set('principal', await verifier.verify(match[1]!));
    }
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
