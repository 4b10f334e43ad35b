import { cognitoTokenVerifier, type TokenVerifier } from '#http/auth.ts';
import { FAKE_CLIENT_ID, FAKE_POOL_ID, type FakeCognito } from './fake-cognito.ts';

/** The production Cognito verifier (aws-jwt-verify), set up for the stand-in pool with its keys preloaded. */
export function cognitoVerifierFor(cognito: FakeCognito): TokenVerifier {
  return cognitoTokenVerifier({
    userPoolId: FAKE_POOL_ID,
    clientId: FAKE_CLIENT_ID,
    jwks: cognito.jwks as never,
  });
}
