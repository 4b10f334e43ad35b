import type { BatchRecord } from '#domain/equity/batch.ts';
import type { EquityLeadRecord } from '#domain/equity/lead.ts';
import type { Firm } from '#domain/firm.ts';
import type { Principal } from '#domain/principal.ts';
import type { LeadRecord, RequestRecord } from '#domain/request.ts';
import { batchNotFound, equityLeadNotFound } from '#store/equity.ts';
import { firmNotFound } from '#store/firms.ts';
import type { Store } from '#store/index.ts';
import { leadNotFound } from '#store/leads.ts';
import { requestNotFound } from '#store/requests.ts';

/**
 * Object-level authorization, in one place: "may this principal see or change this object?"
 * Every use case that reads or writes a firm (profile, certificates, specialist), a
 * request (its matches, consents, leads list), a lead or its audit trail asks here.
 *
 * - a firm's users reach their own firm's objects;
 * - an operator reaches the objects of firms in its region (GB/T 2260 prefix);
 * - an officer reaches its institution's leads (and their audit trails), nothing else —
 *   never a firm's profile, never a raw request.
 *
 * Whoever may not reach an object gets the same 404 as for an object that does not
 * exist, so ids can't be probed across tenants. (Products and institutions are public;
 * what a role may do at all — only operators publish, only firms send — is each use
 * case's `requireRole`, a 403 that says nothing about any object.)
 */
export type Tenancy =
  | { kind: 'firm' | 'request'; uscc: string; regionCode: string }
  | { kind: 'lead' | 'equity_lead'; institutionId: string; uscc: string; regionCode: string }
  /** A batch pushed to a fund: its manager's officers and the region that pushed it; never a firm. */
  | { kind: 'batch'; institutionId: string; regionCode: string };

export function mayAccess(principal: Principal, object: Tenancy): boolean {
  switch (principal.role) {
    case 'firm':
      return 'uscc' in object && principal.uscc === object.uscc;
    case 'operator':
      return object.regionCode.startsWith(principal.regionPrefix);
    case 'officer':
      return 'institutionId' in object && principal.institutionId === object.institutionId;
  }
}

export const firmTenancy = (firm: Pick<Firm, 'uscc' | 'regionCode'>): Tenancy => ({
  kind: 'firm',
  uscc: firm.uscc,
  regionCode: firm.regionCode,
});
const requestTenancy = (record: RequestRecord): Tenancy => ({
  kind: 'request',
  uscc: record.uscc,
  regionCode: record.regionCode,
});
const leadTenancy = (lead: LeadRecord): Tenancy => ({
  kind: 'lead',
  institutionId: lead.institutionId,
  uscc: lead.uscc,
  regionCode: lead.profile.regionCode,
});

export async function loadFirmFor(store: Store, principal: Principal, uscc: string): Promise<Firm> {
  const firm = await store.firms.get(uscc);
  if (!firm || !mayAccess(principal, firmTenancy(firm))) throw firmNotFound(uscc);
  return firm;
}

export async function loadRequestFor(store: Store, principal: Principal, id: string): Promise<RequestRecord> {
  const record = await store.requests.get(id);
  if (!record || !mayAccess(principal, requestTenancy(record))) throw requestNotFound(id);
  return record;
}

export async function loadLeadFor(store: Store, principal: Principal, id: string): Promise<LeadRecord> {
  const lead = await store.leads.get(id);
  if (!lead || !mayAccess(principal, leadTenancy(lead))) throw leadNotFound(id);
  return lead;
}

export async function loadEquityLeadFor(
  store: Store,
  principal: Principal,
  id: string,
): Promise<EquityLeadRecord> {
  const lead = await store.equity.getLead(id);
  const tenancy = lead && {
    kind: 'equity_lead' as const,
    institutionId: lead.institutionId,
    uscc: lead.uscc,
    regionCode: lead.profile.regionCode,
  };
  if (!lead || !tenancy || !mayAccess(principal, tenancy)) throw equityLeadNotFound(id);
  return lead;
}

export async function loadBatchFor(store: Store, principal: Principal, id: string): Promise<BatchRecord> {
  const batch = await store.equity.getBatch(id);
  const tenancy = batch && {
    kind: 'batch' as const,
    institutionId: batch.institutionId,
    regionCode: batch.regionPrefix,
  };
  if (!batch || !tenancy || !mayAccess(principal, tenancy)) throw batchNotFound(id);
  return batch;
}
