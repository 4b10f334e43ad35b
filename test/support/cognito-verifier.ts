import { cognitoTokenVerifier, type TokenVerifier } from '#http/auth.ts';
import { FAKE_CLIENT_ID, FAKE_ISSUER, FAKE_POOL_ID, FAKE_REGION, type FakeCognito } from './fake-cognito.ts';

/**
 * The production Cognito verifier, set up for the stand-in pool: its JWKS is what the pool's
 * well-known URL answers (served to the verifier's fetch; nothing leaves the process).
 */
export function cognitoVerifierFor(cognito: FakeCognito): TokenVerifier {
  const verifier = cognitoTokenVerifier(FAKE_REGION, FAKE_POOL_ID, FAKE_CLIENT_ID);
  const jwksUrl = `${FAKE_ISSUER}/.well-known/jwks.json`;
  return {
    async verify(token) {
      const realFetch = globalThis.fetch;
      globalThis.fetch = async (input, init) =>
        String(input) === jwksUrl ? Response.json(cognito.jwks) : realFetch(input, init);
      try {
        return await verifier.verify(token);
      } finally {
        globalThis.fetch = realFetch;
      }
    },
  };
}
