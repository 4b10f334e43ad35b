import * as z from 'zod';
import { ForbiddenError, UnauthenticatedError } from '#domain/errors.ts';
import { type Principal, PrincipalSchema } from '#domain/principal.ts';
import type { Store } from '#store/index.ts';
import { verifyPassword } from './passwords.ts';

/** Local tokens live 8 hours: a working day. */
export const TOKEN_TTL_SECONDS = 8 * 3600;

/** What a sign-in sends. */
export const SignInSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) }).strict();

/** The port sign-in signs its tokens through (local mode: HS256, see http/auth.ts). Times in epoch seconds. */
export interface TokenSigner {
  sign(claims: { principal: Principal; name: string; issuedAt: number; expiresAt: number }): Promise<string>;
}

/**
 * Local sign-in (in AWS, Cognito signs users in and issues the tokens).
 * 1. find the account 2. check the password 3. sign a token carrying role and tenant.
 * Wrong e-mail and wrong password get the same answer, so accounts can't be probed.
 */
export async function signIn(
  deps: { store: Store; now: () => Date },
  signer: TokenSigner,
  email: string,
  password: string,
): Promise<{ token: string; principal: Principal; expiresAt: string }> {
  const user = await deps.store.users.getByEmail(email.toLowerCase());
  if (!user || !(await verifyPassword(password, user.passwordHash))) {
    throw new UnauthenticatedError('账号或密码错误', 'wrong e-mail or password');
  }
  // A firm account whose claim was reassigned (or is still under review) holds no firm.
  if (user.role === 'firm' && !user.uscc)
    throw new ForbiddenError(
      '该账号尚未绑定企业（认领待运营方处理）',
      'this account is not bound to a firm (claim pending)',
    );
  const principal = PrincipalSchema.parse(user);
  const issuedAt = Math.floor(deps.now().getTime() / 1000);
  const expiresAt = issuedAt + TOKEN_TTL_SECONDS;
  const token = await signer.sign({ principal, name: user.displayName, issuedAt, expiresAt });
  return { token, principal, expiresAt: new Date(expiresAt * 1000).toISOString() };
}
