import { reconcileCertificates, type StatedCertification } from '#domain/certificate-state.ts';
import { shanghaiDate } from '#domain/dates.ts';
import { NotFoundError } from '#domain/errors.ts';
import type { Certification, Firm } from '#domain/firm.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import type { IsoDate } from '#domain/text.ts';
import { listFactsOf } from '#store/certified-lists.ts';
import type { Store } from '#store/index.ts';
import { loadFirmFor } from './access.ts';

/**
 * Certified lists as firms, officers and operators read them. Importing a list is in
 * certified-list-import.ts, apart, with its CSV/XLSX reader: code that only reads lists
 * (and its bundles) does not carry the file parsers.
 */

/** What the firm declares, stripped of any state it tried to set (states come from the lists). */
export function declaredOnly(certifications: readonly Certification[]): Certification[] {
  return certifications.map(({ state: _s, listId: _l, ...c }) => c as Certification);
}

/**
 * The firm's certificates with their states on `asOf`: the lists naming it (active
 * versions) and the active lists of its province and city, reconciled with what it declares.
 */
export async function certificatesOf(
  store: Store,
  firm: Firm,
  asOf: IsoDate,
): Promise<StatedCertification[]> {
  const [naming, province, city] = await Promise.all([
    store.certifiedLists.naming(firm.uscc),
    store.certifiedLists.activeOfArea(firm.regionCode.slice(0, 2)),
    store.certifiedLists.activeOfArea(firm.regionCode.slice(0, 4)),
  ]);
  return reconcileCertificates({
    regionCode: firm.regionCode,
    declared: declaredOnly(firm.certifications),
    naming: naming.map(listFactsOf),
    covering: [...province, ...city].map(listFactsOf),
    asOf,
  });
}

/** The firm as the matcher and the institutions see it: its certificates with their states. */
export async function firmWithStates(store: Store, firm: Firm, asOf: IsoDate): Promise<Firm> {
  return { ...firm, certifications: await certificatesOf(store, firm, asOf) };
}

/** A firm's certificates with their states, for its own users and its region's operators (404 otherwise). */
export async function readFirmCertificates(
  deps: { store: Store; now: () => Date },
  principal: Principal | undefined,
  uscc: string,
): Promise<StatedCertification[]> {
  const firm = await loadFirmFor(deps.store, requireRole(principal), uscc);
  return certificatesOf(deps.store, firm, shanghaiDate(deps.now()));
}

/** Lists of the operator's region, and one of them (404 for another region's). */
export async function listCertifiedLists(deps: { store: Store }, principal: Principal | undefined) {
  const operator = requireRole(principal, 'operator');
  return deps.store.certifiedLists.listByRegion(operator.regionPrefix);
}

export async function readCertifiedList(
  deps: { store: Store },
  principal: Principal | undefined,
  listId: string,
) {
  const operator = requireRole(principal, 'operator');
  const list = await deps.store.certifiedLists.get(listId);
  if (!list?.authorityRegion.startsWith(operator.regionPrefix))
    throw new NotFoundError(`未找到认定名单 ${listId}`, `certified list ${listId} not found`);
  return list;
}
