import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from 'hono/jwt';
import type { Principal } from '#domain/principal.ts';
import { createApp } from '#http/app.ts';
import type { AppDeps } from '#http/context.ts';
import { LOCAL_ISSUER, localTokenSigner, localTokenVerifier } from '#http/local-tokens.ts';
import { silentLogger } from '#shared/logger.ts';
import { noMetrics } from '#shared/metrics.ts';
import { localDocumentStorage } from '#store/documents.ts';
import type { Store } from '#store/index.ts';

export const TEST_SECRET = 'test-secret-for-signing-tokens';

/** The tests' fixed clock: 10:00 on Monday 2026-11-23 in Shanghai. Domain dates and token expiry both read it. */
export const TEST_NOW = new Date('2026-11-23T02:00:00Z');

/** scrypt at a test cost (2^12): same code path, a fraction of the time. */
export const TEST_SCRYPT_PARAMS = { ln: 12, r: 8, p: 1 };

/** The real app over a real store, with a fixed clock unless a test moves it. */
export function createTestApp(store: Store, overrides: Partial<AppDeps> = {}) {
  const now = overrides.now ?? (() => TEST_NOW);
  const deps: AppDeps = {
    store,
    logger: silentLogger,
    metrics: noMetrics,
    verifier: localTokenVerifier({ secret: TEST_SECRET, now, revocations: store.sessions }),
    // Cheap hashes keep the suite fast; the password tests use the real parameters.
    passwordParams: TEST_SCRYPT_PARAMS,
    now,
    newId: () => randomUUID(),
    signer: localTokenSigner(TEST_SECRET),
    documents: localDocumentStorage(mkdtempSync(join(tmpdir(), 'jr-test-documents-'))),
    ...overrides,
  };
  return { app: createApp(deps), deps };
}

/** A signed token for a principal, exactly as the sign-in endpoint issues them. */
export async function tokenFor(
  principal: Principal,
  expiresInSeconds = 3600,
  issuedAt: Date = TEST_NOW,
): Promise<string> {
  const now = Math.floor(issuedAt.getTime() / 1000);
  return sign(
    {
      ...principal,
      sub: principal.userId,
      iss: LOCAL_ISSUER,
      iat: now,
      exp: now + expiresInSeconds,
      jti: randomUUID(),
    },
    TEST_SECRET,
  );
}

export function json(body: unknown, token?: string, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
  };
}

export function auth(token: string, init: RequestInit = {}): RequestInit {
  return {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  };
}

/** Response bodies in tests are read loosely; the assertions are what check their shape. */
// biome-ignore lint/suspicious/noExplicitAny: test-only convenience for reading JSON answers
export async function bodyOf(res: Response): Promise<any> {
  return res.json();
}
