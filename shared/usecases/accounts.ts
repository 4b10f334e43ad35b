import { UnauthenticatedError } from '#domain/errors.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import type { Store } from '#store/index.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/**
 * A signed-in user changes its own password (local sign-in; Cognito keeps its own).
 * 1. the account is found by e-mail and must be the caller's own 2. the current password must
 * match 3. the new one is stored hashed. A wrong e-mail and a wrong password say the same thing.
 */
export async function changePassword(
  deps: { store: Store },
  caller: Principal | undefined,
  email: string,
  current: string,
  next: string,
): Promise<void> {
  const principal = requireRole(caller);
  const user = await deps.store.users.getByEmail(email.toLowerCase());
  if (!user || user.userId !== principal.userId || !(await verifyPassword(current, user.passwordHash))) {
    throw new UnauthenticatedError('邮箱或当前密码不正确', 'wrong e-mail or current password');
  }
  await deps.store.users.upsert({ ...user, passwordHash: await hashPassword(next) });
}
