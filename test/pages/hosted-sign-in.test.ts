import { verify } from 'hono/jwt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '#domain/errors.ts';
import { buildUscc } from '#domain/uscc.ts';
import { principalFromClaims, type TokenVerifier } from '#http/auth.ts';
import { createTestApp, TEST_NOW } from '../support/app.ts';
import {
  type CognitoUser,
  cognitoFirmUser,
  FAKE_APP_URL,
  FAKE_DOMAIN,
  FAKE_ISSUER,
  type FakeCognito,
  fakeCognito,
  hostedSignInFor,
} from '../support/fake-cognito.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/** A browser with a cookie jar, on the app's public URL (https, as deployed). */
function cookieBrowser(app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> }) {
  const jar = new Map<string, { value: string; path: string; raw: string }>();
  const cookieFor = (path: string) =>
    [...jar.entries()]
      .filter(([, c]) => path.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  async function send(path: string, init: RequestInit = {}) {
    const url = new URL(path, FAKE_APP_URL);
    const headers = { ...(init.headers as Record<string, string>), cookie: cookieFor(url.pathname) };
    const res = await app.request(url.toString(), { ...init, headers });
    for (const raw of res.headers.getSetCookie()) {
      const [pair, ...attributes] = raw.split(';').map((p) => p.trim());
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      const path = attributes.find((a) => a.startsWith('Path='))?.slice(5) ?? '/';
      if (/Max-Age=0\b/i.test(raw) || value === '') jar.delete(name);
      else jar.set(name, { value, path, raw });
    }
    return res;
  }
  return {
    jar,
    get: (path: string) => send(path),
    post: (path: string) =>
      send(path, {
        method: 'POST',
        body: new URLSearchParams(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: FAKE_APP_URL },
      }),
  };
}

/** Stand-in for the Cognito ID-token verifier: RS256 signature against the fake pool's key, issuer, audience, expiry on the test clock. */
function idTokenVerifier(cognito: FakeCognito): TokenVerifier {
  return {
    async verify(token) {
      const claims = await verify(token, cognito.jwks.keys[0]!, {
        alg: 'RS256',
        iss: FAKE_ISSUER,
        exp: false,
        iat: false,
        nbf: false,
      }).catch((cause) => Promise.reject(new UnauthenticatedError('无效', 'invalid', { cause })));
      const expired = (claims.exp ?? 0) <= clock.getTime() / 1000;
      if (claims.aud !== cognito.clientId || claims.token_use !== 'id' || expired) {
        throw new UnauthenticatedError('无效', 'not a valid ID token of this client');
      }
      return principalFromClaims(claims);
    },
  };
}

let world: World;
let cognito: FakeCognito;
let clock: Date;
const uscc = buildUscc('91', '350203', 'MA8PGAU5');
const firmUser = cognitoFirmUser('cognito-sub-firm-1', uscc);

function deployedApp() {
  return createTestApp(world.store, {
    now: () => clock,
    verifier: idTokenVerifier(cognito),
    signer: undefined,
    hostedSignIn: hostedSignInFor(cognito),
  }).app;
}

/** /sign-in → Cognito (the person signs in) → /auth/callback → the page after sign-in. */
async function signInThroughCognito(b: ReturnType<typeof cookieBrowser>, user: CognitoUser, next?: string) {
  const start = await b.get(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  expect(start.status).toBe(302);
  const back = new URL(cognito.authorize(start.headers.get('location')!, user));
  return b.get(`${back.pathname}${back.search}`);
}

// Each test: a fresh pool on the wall clock (a test may move the clock on).
beforeEach(() => {
  clock = new Date();
  cognito = fakeCognito({ now: () => clock });
});

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(xiamenLittleGiant({ uscc }));
});
afterAll(() => world.drop());

describe("sign-in through Cognito's hosted pages", () => {
  it('starts an authorization code flow with PKCE (S256) and a state kept in a callback-only cookie', async () => {
    const b = cookieBrowser(deployedApp());
    const res = await b.get('/sign-in?next=/firm/requests');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${FAKE_DOMAIN}/oauth2/authorize`);
    const q = Object.fromEntries(location.searchParams);
    expect(q).toMatchObject({
      response_type: 'code',
      client_id: cognito.clientId,
      redirect_uri: `${FAKE_APP_URL}/auth/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(q.state).toMatch(/^[\w-]{43}$/);
    expect(q.code_challenge).toMatch(/^[\w-]{43}$/);
    const flow = b.jar.get('jr_oauth')!;
    expect(flow.path).toBe('/auth/callback');
    expect(flow.raw).toMatch(/HttpOnly/);
    expect(flow.raw).toMatch(/Secure/);
    expect(flow.raw).toMatch(/SameSite=Lax/);
    // The verifier never leaves the cookie: only its hash goes to Cognito.
    expect(res.headers.get('location')).not.toContain(flow.value.split('.')[1]);
  });

  it('signs a firm in with the same role and tenant as local mode, in HttpOnly; Secure; SameSite=Lax cookies', async () => {
    const b = cookieBrowser(deployedApp());
    const done = await signInThroughCognito(b, firmUser);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/firm');
    for (const name of ['jr_token', 'jr_refresh']) {
      const cookie = b.jar.get(name)!;
      expect(cookie.raw, name).toMatch(/HttpOnly/);
      expect(cookie.raw, name).toMatch(/Secure/);
      expect(cookie.raw, name).toMatch(/SameSite=Lax/);
      expect(cookie.path).toBe('/');
    }
    expect(b.jar.has('jr_oauth')).toBe(false);
    const firmPage = await b.get('/firm');
    expect(firmPage.status).toBe(200);
    expect(await firmPage.text()).toContain(xiamenLittleGiant().name);
  });

  it('goes back to the page that asked for sign-in', async () => {
    const b = cookieBrowser(deployedApp());
    const done = await signInThroughCognito(b, firmUser, '/firm/requests/new');
    expect(done.headers.get('location')).toBe('/firm/requests/new');
  });

  it('refuses a callback whose state is not the one it started (400, no session)', async () => {
    const b = cookieBrowser(deployedApp());
    const start = await b.get('/sign-in');
    const back = new URL(cognito.authorize(start.headers.get('location')!, firmUser));
    back.searchParams.set('state', 'x'.repeat(43));
    const res = await b.get(`${back.pathname}${back.search}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('登录未能完成');
    expect(b.jar.has('jr_token')).toBe(false);
    expect(cognito.calls).not.toContain('/oauth2/token');
  });

  it('refuses a callback without the flow cookie (a code replayed in another browser)', async () => {
    const first = cookieBrowser(deployedApp());
    const start = await first.get('/sign-in');
    const back = new URL(cognito.authorize(start.headers.get('location')!, firmUser));
    const other = cookieBrowser(deployedApp());
    const res = await other.get(`${back.pathname}${back.search}`);
    expect(res.status).toBe(400);
    expect(other.jar.has('jr_token')).toBe(false);
  });

  it('refuses a Cognito account without a role (no session)', async () => {
    const b = cookieBrowser(deployedApp());
    const res = await signInThroughCognito(b, { sub: 'no-role', email: 'x@example.cn', 'custom:role': '' });
    expect(res.status).toBe(400);
    expect(b.jar.has('jr_token')).toBe(false);
  });

  it('renews an expired ID token with the refresh token on the next page view', async () => {
    const app = deployedApp();
    const b = cookieBrowser(app);
    await signInThroughCognito(b, firmUser);
    const firstToken = b.jar.get('jr_token')!.value;
    // Two hours later the one-hour ID token has expired; the browser still sends it.
    clock = new Date(clock.getTime() + 2 * 3600_000);
    const page = await b.get('/firm');
    expect(page.status).toBe(200);
    expect(b.jar.get('jr_token')!.value).not.toBe(firstToken);
    expect(cognito.calls.filter((p) => p === '/oauth2/token')).toHaveLength(2);
  });

  it('signs out: revokes the refresh token, clears both cookies and ends the Cognito session', async () => {
    const b = cookieBrowser(deployedApp());
    await signInThroughCognito(b, firmUser);
    const refreshToken = b.jar.get('jr_refresh')!.value;
    const res = await b.post('/sign-out');
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${FAKE_DOMAIN}/logout`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      client_id: cognito.clientId,
      logout_uri: `${FAKE_APP_URL}/`,
    });
    expect(cognito.revoked.has(refreshToken)).toBe(true);
    expect(b.jar.has('jr_token')).toBe(false);
    expect(b.jar.has('jr_refresh')).toBe(false);
    // The revoked refresh token no longer renews anything, even if a copy was kept.
    b.jar.set('jr_refresh', { value: refreshToken, path: '/', raw: '' });
    const after = await b.get('/firm');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/sign-in?next=%2Ffirm');
    expect(b.jar.has('jr_refresh')).toBe(false);
  });

  it('has no callback in local mode', async () => {
    const local = createTestApp(world.store, { now: () => TEST_NOW });
    const res = await local.app.request('/auth/callback?code=x&state=y');
    expect(res.status).toBe(404);
  });
});
