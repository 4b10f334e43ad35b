import { shanghaiDate } from '#domain/dates.ts';
import { type Certification, type Firm, firmDateProblems } from '#domain/firm.ts';
import type { Store } from '#store/index.ts';
import { EmailTakenError } from '#store/users.ts';
import { type Clock, newEvent } from './events.ts';
import { hashPassword, type ScryptParams } from './passwords.ts';
import { rejectProblems } from './validation.ts';

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
}

/**
 * Registers a firm, optionally with its first user account (local sign-in).
 * 1. the firm arrives validated (uscc check digits, figures)
 * 2. firm row, FirmRegistered event and account row go in one transaction:
 *    a duplicate uscc is a ConflictError and nothing is stored (a uscc is public);
 * 3. an e-mail that already has an account is not reported: the firm is stored without
 *    the account, so registration answers alike for taken and free addresses.
 */
export async function registerFirm(
  deps: { store: Store; passwordParams?: ScryptParams } & Clock,
  firm: Firm,
  account?: NewAccount,
  actor?: string,
): Promise<Firm> {
  rejectProblems(firmDateProblems(firm, shanghaiDate(deps.now())));
  const event = newEvent(
    deps,
    'FirmRegistered',
    firm.uscc,
    { uscc: firm.uscc, regionCode: firm.regionCode },
    actor,
  );
  const user = account && {
    userId: `u-${deps.newId()}`,
    email: account.email,
    displayName: account.displayName,
    passwordHash: await hashPassword(account.password, deps.passwordParams),
    role: 'firm' as const,
    uscc: firm.uscc,
  };
  try {
    await deps.store.firms.create(firm, event, user);
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    // The e-mail belongs to someone already. Saying so would tell anyone which addresses have
    // accounts: the firm is registered without the account and the answer is the same as ever.
    // (The address's owner signs in with their own password; nothing of theirs changes.)
    await deps.store.firms.create(firm, event);
  }
  return firm;
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
  const firm = await deps.store.firms.require(uscc);
  rejectProblems(firmDateProblems({ ...firm, certifications }, shanghaiDate(deps.now())));
  const event = newEvent(
    deps,
    'FirmCertificationsUpdated',
    uscc,
    { uscc, count: certifications.length },
    actor,
  );
  await deps.store.firms.replaceCertifications(uscc, certifications, event);
  return deps.store.firms.require(uscc);
}
