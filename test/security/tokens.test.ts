import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { cognitoTokenVerifier } from '#http/auth.ts';
import { LOCAL_ISSUER } from '#http/local-tokens.ts';
import { hashPassword } from '#usecases/passwords.ts';
import { TOKEN_TTL_SECONDS } from '#usecases/sign-in.ts';
import { browser } from '../pages/browser.ts';
import { auth, bodyOf, json, TEST_NOW, TEST_SCRYPT_PARAMS, TEST_SECRET, tokenFor } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/** Tokens: sign-out revokes them, and no token may claim a longer life than the maximum. */
let world: World;
const uscc = buildUscc('91', '350203', 'MA8KAN02');
const account = { email: 'cfo@tokens.example.cn', password: 'a-long-password' };
const nowSeconds = Math.floor(TEST_NOW.getTime() / 1000);

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(xiamenLittleGiant({ uscc }));
  await world.store.users.upsert({
    userId: 'u-tokens',
    email: account.email,
    displayName: '财务总监',
    role: 'firm',
    uscc,
    passwordHash: await hashPassword(account.password, TEST_SCRYPT_PARAMS),
  });
});
afterAll(() => world.drop());

const me = (token: string) => world.app.request('/api/me', auth(token));
const firm = { role: 'firm', userId: 'u-tokens', uscc } as const;

describe('sign-out', () => {
  it('revokes the bearer token at once: the same token is refused afterwards', async () => {
    const { token } = await bodyOf(await world.app.request('/api/auth/sign-in', json(account)));
    expect((await me(token)).status).toBe(200);
    const out = await world.app.request('/api/auth/session', { method: 'DELETE', ...auth(token) });
    expect(out.status).toBe(204);
    expect((await me(token)).status).toBe(401);
    // Another session of the same user is untouched.
    const { token: other } = await bodyOf(await world.app.request('/api/auth/sign-in', json(account)));
    expect((await me(other)).status).toBe(200);
  });

  it('revokes the page session too: the cookie copied before sign-out no longer opens a page', async () => {
    const token = await tokenFor(firm);
    expect((await browser(world, token).get('/firm')).status).toBe(200);
    expect((await browser(world, token).post('/sign-out', {})).status).toBe(303);
    const after = await browser(world, token).get('/firm');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toContain('/sign-in');
    expect((await me(token)).status).toBe(401);
  });
});

describe('token age and shape', () => {
  const signed = (claims: Record<string, unknown>) =>
    sign({ ...firm, sub: firm.userId, iss: LOCAL_ISSUER, jti: randomUUID(), ...claims }, TEST_SECRET);

  it('refuses a token whose exp lies beyond the maximum age, even when its signature is good', async () => {
    const hundredYears = await signed({ iat: nowSeconds, exp: nowSeconds + 100 * 365 * 86_400 });
    expect((await me(hundredYears)).status).toBe(401);
    const justOver = await signed({ iat: nowSeconds, exp: nowSeconds + TOKEN_TTL_SECONDS + 3600 });
    expect((await me(justOver)).status).toBe(401);
    const backdated = await signed({ iat: nowSeconds - 30 * 86_400, exp: nowSeconds + 3600 });
    expect((await me(backdated)).status).toBe(401);
    expect((await me(await signed({ iat: nowSeconds, exp: nowSeconds + TOKEN_TTL_SECONDS }))).status).toBe(
      200,
    );
  });

  it('refuses future-dated, expired, jti-less and iat-less tokens', async () => {
    expect((await me(await signed({ iat: nowSeconds + 3600, exp: nowSeconds + 7200 }))).status).toBe(401);
    expect((await me(await signed({ iat: nowSeconds - 7200, exp: nowSeconds - 60 }))).status).toBe(401);
    expect((await me(await signed({ iat: nowSeconds, exp: nowSeconds + 60, jti: undefined }))).status).toBe(
      401,
    );
    expect((await me(await signed({ iat: undefined, exp: nowSeconds + 60 }))).status).toBe(401);
  });

  it('refuses a token signed with the old public demo secret', async () => {
    const forged = await sign(
      {
        ...firm,
        sub: firm.userId,
        iss: LOCAL_ISSUER,
        iat: nowSeconds,
        exp: nowSeconds + 60,
        jti: randomUUID(),
      },
      'jingrong-local-demo-secret-change-me',
    );
    expect((await me(forged)).status).toBe(401);
  });
});

describe('Cognito ID tokens (aws-jwt-verify, keys cached)', () => {
  const userPoolId = 'ap-east-1_TestPool1';
  const clientId = 'client-web';
  const issuer = `https://cognito-idp.ap-east-1.amazonaws.com/${userPoolId}`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  // aws-jwt-verify checks exp on the wall clock, so these tokens live on the wall clock too.
  const wall = Math.floor(Date.now() / 1000);
  const verifier = cognitoTokenVerifier({ userPoolId, clientId, jwks: { keys: [jwk as never] } });

  function rs256(claims: Record<string, unknown>): string {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${b64({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })}.${b64(claims)}`;
    const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
    return `${input}.${signature}`;
  }
  const idToken = (extra: Record<string, unknown> = {}) =>
    rs256({
      iss: issuer,
      aud: clientId,
      token_use: 'id',
      sub: 'cognito-user-1',
      'custom:role': 'officer',
      'custom:institutionId': 'xm-bank',
      iat: wall - 60,
      exp: wall + 600,
      ...extra,
    });

  it('accepts an ID token of this pool and client, and maps its custom attributes', async () => {
    expect(await verifier.verify(idToken())).toEqual({
      role: 'officer',
      userId: 'cognito-user-1',
      institutionId: 'xm-bank',
    });
  });

  it('refuses an access token, another client, another pool, and a bad signature', async () => {
    await expect(verifier.verify(idToken({ token_use: 'access', client_id: clientId }))).rejects.toThrow();
    await expect(verifier.verify(idToken({ aud: 'another-client' }))).rejects.toThrow();
    await expect(
      verifier.verify(idToken({ iss: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_Other' })),
    ).rejects.toThrow();
    const token = idToken();
    await expect(verifier.verify(`${token.slice(0, -6)}AAAAAA`)).rejects.toThrow();
  });

  it('refuses an expired or future-dated token', async () => {
    await expect(verifier.verify(idToken({ iat: wall - 7200, exp: wall - 60 }))).rejects.toThrow();
    await expect(verifier.verify(idToken({ iat: wall + 3600, exp: wall + 7200 }))).rejects.toThrow();
    await expect(verifier.verify(idToken({ exp: wall + 30 * 86_400 }))).rejects.toThrow();
  });
});
