import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { sign } from 'hono/jwt';
import { cognitoHostedSignIn } from '#http/hosted-sign-in.ts';

/**
 * A stand-in for a Cognito user pool and its hosted sign-in, on the wire formats the app
 * uses: /oauth2/authorize (a person signs in, a code comes back), /oauth2/token (code +
 * PKCE verifier, or refresh token → tokens), /oauth2/revoke. Tokens are RS256 JWTs with
 * Cognito's claims (iss, aud or client_id, token_use, custom:* attributes), signed by a key
 * whose JWKS the verifier can be given. Its clock is the caller's.
 */
export interface CognitoUser {
  sub: string;
  email: string;
  'custom:role': string;
  'custom:uscc'?: string;
  'custom:institutionId'?: string;
  'custom:regionPrefix'?: string;
}

/** A firm's account in the pool: role and tenant in the custom attributes, as administrators set them. */
export function cognitoFirmUser(sub: string, uscc: string): CognitoUser {
  return { sub, email: `${sub}@firm.example.cn`, 'custom:role': 'firm', 'custom:uscc': uscc };
}

export const FAKE_REGION = 'cn-north-1';
export const FAKE_POOL_ID = `${FAKE_REGION}_TestPool1`;
export const FAKE_CLIENT_ID = 'testclient0123456789abcdef';
export const FAKE_DOMAIN = 'https://jingrong-test.auth.cn-north-1.amazoncognito.com';
export const FAKE_APP_URL = 'https://app.jingrong.example';
export const FAKE_ISSUER = `https://cognito-idp.${FAKE_REGION}.amazonaws.com/${FAKE_POOL_ID}`;

export function fakeCognito(options: { now: () => Date; clientId?: string }) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-key-1';
  const jwk = {
    ...(publicKey.export({ format: 'jwk' }) as Record<string, string>),
    kid,
    alg: 'RS256',
    use: 'sig',
  };
  const privateJwk = {
    ...(privateKey.export({ format: 'jwk' }) as Record<string, string>),
    kid,
    alg: 'RS256',
  };
  const clientId = options.clientId ?? FAKE_CLIENT_ID;

  const codes = new Map<string, { user: CognitoUser; challenge: string; redirectUri: string }>();
  const refreshTokens = new Map<string, CognitoUser>();
  const revoked = new Set<string>();
  const calls: string[] = [];
  const seconds = () => Math.floor(options.now().getTime() / 1000);

  /** Any token, with Cognito's claims by default; `claims` overrides them (bad-input tests). */
  async function token(user: CognitoUser, use: 'id' | 'access', claims: Record<string, unknown> = {}) {
    const iat = seconds();
    const base =
      use === 'id'
        ? { ...user, aud: clientId, token_use: 'id', email_verified: true }
        : { sub: user.sub, client_id: clientId, token_use: 'access', scope: 'openid email profile' };
    return sign(
      {
        ...base,
        iss: FAKE_ISSUER,
        iat,
        auth_time: iat,
        exp: iat + 3600,
        jti: randomUUID(),
        ...claims,
      },
      privateJwk,
      'RS256',
    );
  }

  async function tokenAnswer(user: CognitoUser, refreshToken?: string) {
    return {
      id_token: await token(user, 'id'),
      access_token: await token(user, 'access'),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      expires_in: 3600,
      token_type: 'Bearer',
    };
  }

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    calls.push(url.pathname);
    const form = new URLSearchParams(String(init?.body ?? ''));
    if (form.get('client_id') !== clientId)
      return Response.json({ error: 'invalid_client' }, { status: 400 });
    if (url.pathname === '/oauth2/revoke') {
      revoked.add(form.get('token') ?? '');
      return new Response(null, { status: 200 });
    }
    if (url.pathname !== '/oauth2/token') return new Response('not found', { status: 404 });
    if (form.get('grant_type') === 'authorization_code') {
      const pending = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!pending || pending.challenge !== challenge || pending.redirectUri !== form.get('redirect_uri')) {
        return Response.json({ error: 'invalid_grant' }, { status: 400 });
      }
      const refreshToken = `refresh-${randomUUID()}`;
      refreshTokens.set(refreshToken, pending.user);
      return Response.json(await tokenAnswer(pending.user, refreshToken));
    }
    if (form.get('grant_type') === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      const user = refreshTokens.get(refreshToken);
      if (!user || revoked.has(refreshToken))
        return Response.json({ error: 'invalid_grant' }, { status: 400 });
      return Response.json(await tokenAnswer(user));
    }
    return Response.json({ error: 'unsupported_grant_type' }, { status: 400 });
  };

  return {
    clientId,
    jwks: { keys: [jwk] },
    fetch: fetch as typeof globalThis.fetch,
    calls,
    revoked,
    token,
    /**
     * What the hosted sign-in page does once the person has typed their password: checks the
     * request, then sends the browser back to the redirect URI with a code and the app's state.
     */
    authorize(authorizeUrl: string, user: CognitoUser): string {
      const url = new URL(authorizeUrl);
      const q = url.searchParams;
      if (url.origin !== FAKE_DOMAIN || url.pathname !== '/oauth2/authorize')
        throw new Error(`not authorize: ${url}`);
      if (q.get('client_id') !== clientId || q.get('response_type') !== 'code')
        throw new Error('bad client/type');
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
        throw new Error('PKCE missing');
      const code = randomUUID();
      codes.set(code, { user, challenge: q.get('code_challenge')!, redirectUri: q.get('redirect_uri')! });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      return back.toString();
    },
  };
}
export type FakeCognito = ReturnType<typeof fakeCognito>;

/** The app's hosted sign-in, talking to the stand-in pool instead of Cognito. */
export function hostedSignInFor(cognito: FakeCognito) {
  return cognitoHostedSignIn({
    domainUrl: FAKE_DOMAIN,
    clientId: cognito.clientId,
    appUrl: FAKE_APP_URL,
    fetch: cognito.fetch,
  });
}
