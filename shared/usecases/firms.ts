import { regionConsistency } from '#domain/certified-list.ts';
import { ForbiddenError, NotFoundError, UnprocessableError } from '#domain/errors.ts';
import type { Certification, Firm } from '#domain/firm.ts';
import type { Principal } from '#domain/principal.ts';
import type { Store } from '#store/index.ts';
import { declaredOnly } from './certified-lists.ts';
import { type Clock, newEvent } from './events.ts';
import { hashPassword } from './passwords.ts';

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
}

/**
 * Registers a firm, optionally with its first user account (local sign-in).
 * 1. the firm arrives validated (uscc check digits, figures)
 * 2. firm row, FirmRegistered event and account row go in one transaction:
 *    a duplicate uscc or e-mail is a ConflictError and nothing is stored.
 */
export async function registerFirm(
  deps: { store: Store } & Clock,
  firm: Firm,
  account?: NewAccount,
  actor?: string,
  principal?: Principal,
): Promise<Firm> {
  // Operators register firms of their own region only (a Xiamen operator cannot create
  // Chongqing firms with logins).
  if (principal?.role === 'operator' && !firm.regionCode.startsWith(principal.regionPrefix))
    throw new ForbiddenError(
      `只能登记本辖区（${principal.regionPrefix}）的企业`,
      `operators register firms of their own region (${principal.regionPrefix}) only`,
    );
  const event = newEvent(
    deps,
    'FirmRegistered',
    firm.uscc,
    { uscc: firm.uscc, regionCode: firm.regionCode },
    actor,
  );
  const declared = { ...firm, certifications: declaredOnly(firm.certifications) };
  const user = account && {
    userId: `u-${deps.newId()}`,
    email: account.email,
    displayName: account.displayName,
    passwordHash: await hashPassword(account.password),
    role: 'firm' as const,
    uscc: firm.uscc,
  };
  // The USCC's registration division code must agree with the claimed region, or the
  // firm is flagged for the operator (the registration itself goes through).
  const consistency = regionConsistency(firm.uscc, firm.regionCode);
  const regionFlag = consistency.consistent
    ? undefined
    : {
        uscc: firm.uscc,
        regionCode: firm.regionCode,
        divisionCode: consistency.divisionCode,
        raisedAt: event.occurredAt,
        zh: consistency.zh,
        en: consistency.en,
      };
  await deps.store.firms.create(declared, event, user, regionFlag ? { regionFlag } : {});
  return declared;
}

/**
 * Replaces a firm's certificates (operators import certified-firm lists; a firm keeps its own up to date).
 * 1. the firm must exist 2. write the list and FirmCertificationsUpdated together.
 */
export async function replaceCertifications(
  deps: { store: Store } & Clock,
  uscc: string,
  certifications: Certification[],
  actor?: string,
): Promise<Firm> {
  const event = newEvent(
    deps,
    'FirmCertificationsUpdated',
    uscc,
    { uscc, count: certifications.length },
    actor,
  );
  await deps.store.firms.replaceCertifications(uscc, declaredOnly(certifications), event);
  return deps.store.firms.require(uscc);
}

/**
 * An operator reassigns a disputed claim: the firm's USCC moves to another firm account.
 * 1. the firm must be in the operator's region (404 otherwise, like a missing firm)
 * 2. the target account must exist and be a firm account without another firm (422)
 * 3. new binding, old binding removed, claim and FirmClaimReassigned in one transaction.
 */
export async function reassignClaim(
  deps: { store: Store } & Clock,
  principal: Extract<Principal, { role: 'operator' }>,
  uscc: string,
  email: string,
): Promise<{ uscc: string; email: string }> {
  const firm = await deps.store.firms.get(uscc);
  if (!firm?.regionCode.startsWith(principal.regionPrefix))
    throw new NotFoundError(`未找到企业 ${uscc}`, `firm ${uscc} not found`);
  const to = await deps.store.users.getByEmail(email);
  if (to?.role !== 'firm' || (to.uscc !== undefined && to.uscc !== uscc))
    throw new UnprocessableError(
      `账号 ${email} 不是未绑定企业的企业账号`,
      `${email} is not a firm account free to take this firm`,
    );
  const claim = await deps.store.firms.claim(uscc);
  const previous = claim ? await deps.store.users.getByEmail(claim.email) : undefined;
  const event = newEvent(
    deps,
    'FirmClaimReassigned',
    uscc,
    { uscc, toUserId: to.userId, fromUserId: previous?.userId ?? null },
    principal.userId,
  );
  await deps.store.firms.reassignClaim(uscc, to, previous, event);
  return { uscc, email: to.email };
}
