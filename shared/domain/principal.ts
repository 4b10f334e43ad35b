import * as z from 'zod';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import { lazySchema } from './lazy-schema.ts';

/**
 * Who is acting: a role and the tenant it is bound to (a firm's uscc, an officer's
 * institution, an operator's GB/T 2260 region prefix). The edge turns a token into a
 * Principal; everything below it decides with the Principal alone.
 */
export const PrincipalSchema = lazySchema(() =>
  z.discriminatedUnion('role', [
    z.object({ role: z.literal('firm'), userId: z.string(), uscc: z.string() }),
    z.object({ role: z.literal('officer'), userId: z.string(), institutionId: z.string() }),
    z.object({
      role: z.literal('operator'),
      userId: z.string(),
      regionPrefix: z.string().regex(/^\d{2,6}$/),
    }),
  ]),
);
export type Principal = z.infer<typeof PrincipalSchema>;
export type Role = Principal['role'];
export const ROLES = ['firm', 'officer', 'operator'] as const satisfies readonly Role[];
export type PrincipalOf<R extends Role> = Extract<Principal, { role: R }>;

/**
 * The signed-in principal, restricted to the given roles: nobody signed in is a 401,
 * a role the operation is not for is a 403 (the role, not the object, is refused —
 * object-level refusals are 404s, see usecases/access.ts).
 */
export function requireRole<R extends Role>(principal: Principal | undefined, ...roles: R[]): PrincipalOf<R> {
  if (!principal) throw new UnauthenticatedError('请先登录', 'sign-in required');
  if (roles.length && !roles.includes(principal.role as R)) {
    throw new ForbiddenError(
      '当前角色无权执行此操作',
      `this action is not allowed for role '${principal.role}'`,
    );
  }
  return principal as PrincipalOf<R>;
}
