import { ForbiddenError } from '#domain/errors.ts';
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
  await deps.store.firms.create(declared, event, user);
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
