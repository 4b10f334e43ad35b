import * as z from 'zod';
import { ForbiddenError, TooManyRequestsError, UnauthenticatedError } from '#domain/errors.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { type Principal, PrincipalSchema } from '#domain/principal.ts';
import { afterFailure, throttleDecision, throttleExpiry } from '#domain/sign-in-throttle.ts';
import type { Store } from '#store/index.ts';
import type { UserRecord } from '#store/users.ts';
import {
  dummyHash,
  hashPassword,
  needsRehash,
  SCRYPT_PARAMS,
  type ScryptParams,
  verifyPassword,
} from './passwords.ts';

/** Local tokens live 8 hours: a working day. The verifier refuses any token claiming to live longer. */
export const TOKEN_TTL_SECONDS = 8 * 3600;

/** What a sign-in sends. */
export const SignInSchema = lazySchema(() =>
  z.object({ email: z.email().max(254), password: z.string().min(1).max(200) }).strict(),
);

/**
 * The port sign-in signs its tokens through (local mode: HS256, see http/auth.ts). Times in
 * epoch seconds. Each token carries its own random id, so sign-out can revoke it.
 */
export interface TokenSigner {
  sign(claims: { principal: Principal; name: string; issuedAt: number; expiresAt: number }): Promise<string>;
}

const wrongCredentials = () => new UnauthenticatedError('账号或密码错误', 'wrong e-mail or password');

type SignInDeps = { store: Store; now: () => Date; passwordParams?: ScryptParams };

/**
 * Local sign-in (in AWS, Cognito signs users in and issues the tokens).
 * 1. the address's throttle: too many recent failures → TooManyRequestsError (429), nothing checked;
 *    the same answer whether an account exists or not
 * 2. find the account and check the password — an unknown address is checked against a dummy
 *    hash of the same cost, so known and unknown addresses take the same time
 * 3. wrong: count the failure (the 6th in a minute is throttled, 20 in 15 minutes lock the
 *    address for 15 minutes) and give the one generic answer
 * 4. right: clear the failures, re-hash a password stored with weaker parameters, and sign a
 *    token carrying role, tenant and a fresh jti (so sign-out can revoke it).
 */
export async function signIn(
  deps: SignInDeps,
  signer: TokenSigner,
  email: string,
  password: string,
): Promise<{ token: string; principal: Principal; expiresAt: string }> {
  const address = email.trim().toLowerCase();
  const nowMs = deps.now().getTime();
  const throttle = await deps.store.sessions.throttle(address);
  const decision = throttleDecision(throttle.state, nowMs);
  if (!decision.allowed) throw new TooManyRequestsError(decision.retryAfterSeconds);

  const params = deps.passwordParams ?? SCRYPT_PARAMS;
  const user = await deps.store.users.getByEmail(address);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash(params)));
  if (!user || !matches) {
    await recordFailure(deps, address, nowMs);
    throw wrongCredentials();
  }
  // A firm account whose claim was reassigned (or is still under review) holds no firm.
  if (user.role === 'firm' && !user.uscc)
    throw new ForbiddenError(
      '该账号尚未绑定企业（认领待运营方处理）',
      'this account is not bound to a firm (claim pending)',
    );

  await deps.store.sessions.clearThrottle(address, throttle.version, nowMs);
  if (needsRehash(user.passwordHash, params)) {
    await deps.store.users.replacePasswordHash(
      address,
      user.passwordHash,
      await hashPassword(password, params),
    );
  }
  return issueToken(signer, user, nowMs);
}

/** Counts one wrong password; concurrent failures are all counted (conditional write, re-read on loss). */
async function recordFailure(deps: SignInDeps, address: string, nowMs: number): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { state, version } = await deps.store.sessions.throttle(address);
    const next = afterFailure(state, nowMs);
    if (await deps.store.sessions.saveThrottle(address, next, version, throttleExpiry(next))) return;
  }
}

/** Signs a token carrying role and tenant, on the app's clock. */
async function issueToken(
  signer: TokenSigner,
  user: UserRecord,
  nowMs: number,
): Promise<{ token: string; principal: Principal; expiresAt: string }> {
  const principal = PrincipalSchema.parse(user);
  const issuedAt = Math.floor(nowMs / 1000);
  const expiresAt = issuedAt + TOKEN_TTL_SECONDS;
  const token = await signer.sign({ principal, name: user.displayName, issuedAt, expiresAt });
  return { token, principal, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

/**
 * Sign-out: the token's id goes on the revocation list until the token would have expired,
 * so a copy of it (another tab, a stolen cookie) stops working at once.
 */
export async function signOut(
  deps: { store: Store; now: () => Date },
  token: { jti: string; exp: number },
): Promise<void> {
  await deps.store.sessions.revoke(token.jti, token.exp, deps.now().toISOString());
}
