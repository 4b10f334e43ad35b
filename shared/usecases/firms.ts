import * as z from 'zod';
import { regionConsistency } from '#domain/certified-list.ts';
import { shanghaiDate } from '#domain/dates.ts';
import { ForbiddenError, UnprocessableError } from '#domain/errors.ts';
import {
  type Certification,
  changedFigures,
  type Firm,
  type FirmFigures,
  firmDateProblems,
} from '#domain/firm.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { normaliseOpenRequest } from '#domain/matching/index.ts';
import { regionName } from '#domain/matching/names.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import { nameSchema } from '#domain/text.ts';
import type { Effect } from '#store/effects.ts';
import type { RegionFlag } from '#store/firms.ts';
import type { Page, Store } from '#store/index.ts';
import { EmailTakenError } from '#store/users.ts';
import { loadFirmFor } from './access.ts';
import { rematchRequest } from './backbone/rematch-request.ts';
import { loadActiveCatalog } from './catalog.ts';
import { declaredOnly } from './certified-lists.ts';
import { type Clock, newEvent } from './events.ts';
import { hashPassword, type ScryptParams } from './passwords.ts';
import { rejectProblems } from './validation.ts';

/** A firm's first user account (local sign-in), registered with the firm. */
export const NewAccountSchema = lazySchema(() =>
  z
    .object({
      email: z
        .email()
        .max(254)
        .transform((e) => e.toLowerCase()),
      password: z.string().min(10, '密码至少10位 / password must have at least 10 characters').max(200),
      displayName: nameSchema(1, 60),
    })
    .strict(),
);
export type NewAccount = z.infer<typeof NewAccountSchema>;

/**
 * Registers a firm, optionally with its first user account (local sign-in).
 * 1. sign-up is open; a signed-in caller is an operator importing a certified firm, or a
 *    firm user (Cognito account bound to a uscc) registering its own firm — nobody else's (403)
 * 2. the firm arrives validated (uscc check digits, figures; founded and certified in the past)
 * 3. firm row, FirmRegistered event and account row go in one transaction:
 *    a duplicate uscc is a ConflictError and nothing is stored (a uscc is public);
 * 4. an e-mail that already has an account is not reported: the firm is stored without
 *    the account, so registration answers alike for taken and free addresses.
 */
export async function registerFirm(
  deps: { store: Store; passwordParams?: ScryptParams } & Clock,
  principal: Principal | undefined,
  firm: Firm,
  account?: NewAccount,
): Promise<Firm> {
  if (principal && !(principal.role === 'firm' && principal.uscc === firm.uscc))
    requireRole(principal, 'operator');
  // Operators register firms of their own region only (a Xiamen operator cannot create
  // Chongqing firms with logins).
  if (principal?.role === 'operator' && !firm.regionCode.startsWith(principal.regionPrefix))
    throw new ForbiddenError(
      `只能登记本辖区（${principal.regionPrefix}）的企业`,
      `operators register firms of their own region (${principal.regionPrefix}) only`,
    );
  // Certificates are the firm's word: their state comes from the certified lists, never from it.
  const declared = { ...firm, certifications: declaredOnly(firm.certifications) };
  rejectProblems(firmDateProblems(firm, shanghaiDate(deps.now())));
  const event = newEvent(
    deps,
    'FirmRegistered',
    firm.uscc,
    { uscc: firm.uscc, regionCode: firm.regionCode },
    principal?.userId,
  );
  const user = account && {
    userId: `u-${deps.newId()}`,
    email: account.email,
    displayName: account.displayName,
    passwordHash: await hashPassword(account.password, deps.passwordParams),
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
  const extra = regionFlag ? { regionFlag } : {};
  try {
    await deps.store.firms.create(declared, event, user, extra);
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    // The e-mail belongs to someone already. Saying so would tell anyone which addresses have
    // accounts: the firm is registered without the account and the answer is the same as ever.
    // (The address's owner signs in with their own password; nothing of theirs changes.)
    await deps.store.firms.create(declared, event, undefined, extra);
  }
  return declared;
}

/** A firm, for its own users and its region's operators (404 for anyone else). */
export async function readFirm(deps: { store: Store }, principal: Principal | undefined, uscc: string) {
  return loadFirmFor(deps.store, requireRole(principal), uscc);
}

/** The firms of an operator's region, a page at a time. */
export async function listFirms(
  deps: { store: Store },
  principal: Principal | undefined,
  page: { limit: number; cursor?: string },
): Promise<Page<Firm>> {
  const operator = requireRole(principal, 'operator');
  return deps.store.firms.listByRegion(operator.regionPrefix, page.limit, page.cursor);
}

/**
 * Replaces a firm's certificates (operators import certified-firm lists; a firm keeps its own up to date).
 * 1. the firm must be one the caller may change (else 404) 2. write the list and FirmCertificationsUpdated together.
 */
export async function replaceCertifications(
  deps: { store: Store } & Clock,
  principal: Principal | undefined,
  uscc: string,
  certifications: Certification[],
): Promise<Firm> {
  const actor = requireRole(principal);
  const firm = await loadFirmFor(deps.store, actor, uscc);
  rejectProblems(firmDateProblems({ ...firm, certifications }, shanghaiDate(deps.now())));
  const event = newEvent(
    deps,
    'FirmCertificationsUpdated',
    uscc,
    { uscc, count: certifications.length },
    actor.userId,
  );
  await deps.store.firms.replaceCertifications(uscc, declaredOnly(certifications), event);
  return deps.store.firms.require(uscc);
}

/** At most this many open requests are re-matched with a figures update (two rows each, one transaction). */
const MAX_REMATCHED_REQUESTS = 40;

/** What a figures update changed: the fields, and the firm's open requests re-matched on them. */
export interface FiguresUpdate {
  firm: Firm;
  changed: (keyof FirmFigures)[];
  rematched: { requestId: string; gained: string[]; lost: string[] }[];
}

/**
 * A firm updates its own figures (headcount, revenue, R&D, patents, interest paid; self-declared)
 * and its open requests are matched on them at once.
 * 1. only the firm itself (404 for other firms; operators don't edit what a firm declares)
 * 2. what changed; nothing changed writes nothing
 * 3. each open request re-matched on today's catalog, its re-matching row re-made
 * 4. figures + FirmFiguresUpdated + the new matches in one transaction.
 */
export async function updateFirmFigures(
  deps: { store: Store } & Clock,
  principal: Principal | undefined,
  uscc: string,
  figures: FirmFigures,
): Promise<FiguresUpdate> {
  const actor = requireRole(principal, 'firm');
  const firm = await loadFirmFor(deps.store, actor, uscc);
  const changed = changedFigures(firm, figures);
  if (!changed.length) return { firm, changed, rematched: [] };
  const updated: Firm = { ...firm, ...figures };
  const asOf = shanghaiDate(deps.now());
  const [catalog, page] = await Promise.all([
    loadActiveCatalog(deps.store, deps.now().getTime()),
    deps.store.requests.listByFirm(uscc, MAX_REMATCHED_REQUESTS),
  ]);
  const effects: Effect[] = [];
  const rematched: FiguresUpdate['rematched'] = [];
  const cause = { zh: '企业数据更新后不再符合条件', en: 'no longer fits after your figures changed' };
  for (const record of page.items.filter((r) => r.status === 'open')) {
    const [before, lostBefore] = await Promise.all([
      deps.store.requests.getMatches(record.id),
      deps.store.requests.lostProducts(record.id),
    ]);
    const { after, gained, lost, lostProducts } = rematchRequest(
      { firm: updated, record, before, lostBefore, catalog, asOf },
      cause,
    );
    effects.push(
      { kind: 'matches', requestId: record.id, matches: after, lostProducts },
      {
        kind: 'open-request',
        entry: {
          row: normaliseOpenRequest({ id: record.id, firm: updated, request: record.request }, record.asOf),
          uscc,
        },
      },
    );
    rematched.push({
      requestId: record.id,
      gained: gained.map((m) => m.productId),
      lost: lost.map((l) => l.productId),
    });
  }
  const event = newEvent(deps, 'FirmFiguresUpdated', uscc, { uscc, fields: changed }, actor.userId);
  await deps.store.firms.updateFigures(uscc, figures, event, effects);
  return { firm: await deps.store.firms.require(uscc), changed, rematched };
}

/** How a signed-in principal is named on screen: its firm, its institution or its region. */
export async function displayNameOf(deps: { store: Store }, principal: Principal): Promise<string> {
  switch (principal.role) {
    case 'firm':
      return (await deps.store.firms.get(principal.uscc))?.name ?? principal.uscc;
    case 'officer':
      return (
        (await deps.store.catalog.getInstitution(principal.institutionId))?.name.zh ?? principal.institutionId
      );
    case 'operator':
      return regionName(principal.regionPrefix).zh;
  }
}

/** Firms of the operator's region whose USCC division code disagrees with their claimed region. */
export async function listRegionFlags(
  deps: { store: Store },
  principal: Principal | undefined,
): Promise<RegionFlag[]> {
  const operator = requireRole(principal, 'operator');
  return deps.store.firms.regionFlags(operator.regionPrefix);
}

/**
 * An operator reassigns a disputed claim: the firm's USCC moves to another firm account.
 * 1. the firm must be in the operator's region (404 otherwise, like a missing firm)
 * 2. the target account must exist and be a firm account without another firm (422)
 * 3. new binding, old binding removed, claim and FirmClaimReassigned in one transaction.
 */
export async function reassignClaim(
  deps: { store: Store } & Clock,
  principal: Principal | undefined,
  uscc: string,
  email: string,
): Promise<{ uscc: string; email: string }> {
  const operator = requireRole(principal, 'operator');
  await loadFirmFor(deps.store, operator, uscc);
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
    operator.userId,
  );
  await deps.store.firms.reassignClaim(uscc, to, previous, event);
  return { uscc, email: to.email };
}
