import { randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { TOKEN_TTL_SECONDS, type TokenSigner } from '#usecases/sign-in.ts';
import {
  checkTokenTimes,
  invalidToken,
  principalFromClaims,
  type RevocationList,
  type TokenVerifier,
} from './auth.ts';

/*
 * Local mode's tokens: HS256, signed by this app at sign-in and verified with the same secret
 * (local/main.ts and the tests build them and pass them in as the app's signer and verifier).
 * Apart from auth.ts so that the deployed functions, which verify Cognito's tokens only, carry
 * no JWT signer.
 */

export const LOCAL_ISSUER = 'jingrong-local';

/** Local mode: signs the HS256 tokens that `localTokenVerifier` accepts (the sign-in use case's port). */
export function localTokenSigner(secret: string): TokenSigner {
  return {
    sign: ({ principal, name, issuedAt, expiresAt }) =>
      sign(
        {
          ...principal,
          sub: principal.userId,
          name,
          iss: LOCAL_ISSUER,
          iat: issuedAt,
          exp: expiresAt,
          // A random id per token, so sign-out can revoke this one token.
          jti: randomBytes(16).toString('base64url'),
        },
        secret,
      ),
  };
}

/**
 * Local mode: HS256 tokens this app signs at sign-in. Expiry and maximum age are checked
 * against the app's own clock (`now`), the same clock that stamped the token; a token
 * signed out (its jti on the revocation list) is refused. Local tokens live at most
 * TOKEN_TTL_SECONDS (a working day); a token claiming to live longer is refused.
 */
export function localTokenVerifier(options: {
  secret: string;
  now: () => Date;
  revocations: RevocationList;
}): TokenVerifier {
  return {
    async verify(token) {
      let claims: Record<string, unknown>;
      try {
        claims = await verify(token, options.secret, {
          alg: 'HS256',
          iss: LOCAL_ISSUER,
          exp: false,
          nbf: false,
          iat: false,
        });
      } catch (error) {
        throw invalidToken(error);
      }
      checkTokenTimes(claims, Math.floor(options.now().getTime() / 1000), TOKEN_TTL_SECONDS);
      const jti = claims.jti;
      if (typeof jti !== 'string' || !/^[\w-]{16,64}$/.test(jti)) throw invalidToken();
      if (await options.revocations.isRevoked(jti)) throw invalidToken();
      return principalFromClaims(claims);
    },
  };
}
