import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '#domain/sign-in-throttle.ts';
import { buildUscc } from '#domain/uscc.ts';
import { hashParams, hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from '#usecases/passwords.ts';
import { bodyOf, createTestApp, json, TEST_NOW, TEST_SCRYPT_PARAMS } from '../support/app.ts';
import { createTestStore } from '../support/store.ts';

/**
 * Brute force against local sign-in: throttling per address, lockout, one generic answer,
 * and equal timing for known and unknown addresses — with the real scrypt parameters.
 */
const password = 'correct-horse-battery';
let store: Awaited<ReturnType<typeof createTestStore>>;
let clock = TEST_NOW.getTime();
/** Throttling is about counting: cheap hashes. Timing and upgrades: the real parameters. */
let app: ReturnType<typeof createTestApp>['app'];
let realApp: ReturnType<typeof createTestApp>['app'];

async function addAccount(email: string, passwordHash: string) {
  await store.store.users.upsert({
    userId: `u-${email}`,
    email,
    displayName: '测试用户',
    role: 'firm',
    uscc: buildUscc('91', '350203', 'MA8KAN01'),
    passwordHash,
  });
}

const signIn = (email: string, pw: string, on = app) =>
  on.request('/api/auth/sign-in', json({ email, password: pw }));

beforeAll(async () => {
  store = await createTestStore();
  ({ app } = createTestApp(store.store, { now: () => new Date(clock) }));
  ({ app: realApp } = createTestApp(store.store, {
    now: () => new Date(clock),
    passwordParams: SCRYPT_PARAMS,
  }));
  const cheap = await hashPassword(password, TEST_SCRYPT_PARAMS);
  for (const email of ['known@sign-in.example.cn', 'lock@sign-in.example.cn']) await addAccount(email, cheap);
  await addAccount('timing@sign-in.example.cn', await hashPassword(password));
});
afterAll(() => store.drop());

describe('sign-in throttling', () => {
  it('throttles the 6th wrong password in a minute — even a right one then waits — for known and unknown addresses alike', async () => {
    for (const email of ['known@sign-in.example.cn', 'nobody@sign-in.example.cn']) {
      const answers = [];
      for (let i = 0; i < SIGN_IN_LIMITS.failuresPerMinute; i++)
        answers.push(await signIn(email, `wrong-${i}`));
      expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
      const sixth = await signIn(email, 'wrong-again');
      expect(sixth.status).toBe(429);
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await bodyOf(sixth)).error.code).toBe('too_many_requests');
      if (email.startsWith('known')) expect((await signIn(email, password)).status).toBe(429);
    }
    // A minute later the address may try again, and the right password works.
    clock += SIGN_IN_LIMITS.minuteMs + 1000;
    expect((await signIn('known@sign-in.example.cn', password)).status).toBe(200);
  });

  it('gives one generic answer for an unknown address and a wrong password', async () => {
    clock += SIGN_IN_LIMITS.minuteMs + 1000;
    const unknown = await bodyOf(await signIn('ghost@sign-in.example.cn', 'whatever-1'));
    const wrong = await bodyOf(await signIn('known@sign-in.example.cn', 'whatever-1'));
    expect(unknown).toEqual(wrong);
  });

  it(`locks an address for 15 minutes after ${SIGN_IN_LIMITS.lockoutFailures} wrong passwords`, async () => {
    const email = 'lock@sign-in.example.cn';
    for (let i = 0; i < SIGN_IN_LIMITS.lockoutFailures; i++) {
      // Four a minute: never throttled, but they add up.
      clock += SIGN_IN_LIMITS.minuteMs / 4;
      expect((await signIn(email, `wrong-${i}`)).status).toBe(401);
    }
    clock += SIGN_IN_LIMITS.minuteMs * 2;
    const locked = await signIn(email, password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(10 * 60);
    clock += SIGN_IN_LIMITS.lockoutMs;
    expect((await signIn(email, password)).status).toBe(200);
  }, 120_000);

  it('takes as long for an unknown address as for a known one (within 20%)', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const time = async (email: string) => {
      const started = performance.now();
      expect((await signIn(email, 'not-the-password', realApp)).status).toBe(401);
      return performance.now() - started;
    };
    // Interleaved, each address at most 3 times a minute, so the throttle never answers early.
    for (let round = 0; round < 10; round++) {
      clock += SIGN_IN_LIMITS.minuteMs;
      known.push(await time('timing@sign-in.example.cn'));
      unknown.push(await time(`unknown-${round}@sign-in.example.cn`));
    }
    // The fastest run of each is the work itself; slower ones measure the machine's other load.
    const [k, u] = [Math.min(...known), Math.min(...unknown)];
    expect(Math.abs(k - u) / Math.max(k, u)).toBeLessThan(0.2);
  }, 120_000);
});

describe('password hashes', () => {
  it('stores scrypt parameters at current guidance with each hash', async () => {
    const hash = await hashPassword('a-password-here');
    expect(hash).toMatch(/^scrypt\$ln=17,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hashParams(hash)).toEqual({ ln: 17, r: 8, p: 1 });
    expect(await verifyPassword('a-password-here', hash)).toBe(true);
    expect(await verifyPassword('a-password-herE', hash)).toBe(false);
  });

  it('still verifies an old hash (Node defaults, no parameters) and upgrades it at the next sign-in', async () => {
    // A hash as the first version wrote them: "scrypt$salt$hash" with N = 2^14.
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString('base64url')}$${scryptSync(password, salt, 32).toString('base64url')}`;
    expect(needsRehash(legacy)).toBe(true);
    expect(await verifyPassword(password, legacy)).toBe(true);
    await addAccount('legacy@sign-in.example.cn', legacy);

    clock += SIGN_IN_LIMITS.minuteMs;
    expect((await signIn('legacy@sign-in.example.cn', password, realApp)).status).toBe(200);
    const upgraded = (await store.store.users.getByEmail('legacy@sign-in.example.cn'))!.passwordHash;
    expect(upgraded).not.toBe(legacy);
    expect(hashParams(upgraded)).toEqual(SCRYPT_PARAMS);
    expect((await signIn('legacy@sign-in.example.cn', password, realApp)).status).toBe(200);
  });

  it('refuses stored parameters outside sane bounds instead of running them', async () => {
    expect(
      await verifyPassword('x', 'scrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g'),
    ).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
  });
});
