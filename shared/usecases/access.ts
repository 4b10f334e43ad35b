import type { Principal } from '#domain/principal.ts';
import type { LeadRecord, RequestRecord } from '#domain/request.ts';
import type { Store } from '#store/index.ts';
import { leadNotFound } from '#store/leads.ts';
import { requestNotFound } from '#store/requests.ts';

/**
 * Object-level authorization, in one place. A caller who may not see an object gets the
 * same 404 as for an object that does not exist, so ids can't be probed across tenants.
 */
export function mayReadRequest(principal: Principal, record: RequestRecord): boolean {
  if (principal.role === 'firm') return principal.uscc === record.uscc;
  if (principal.role === 'operator') return record.regionCode.startsWith(principal.regionPrefix);
  return false; // officers work leads, never raw requests
}

export function mayReadLead(principal: Principal, lead: LeadRecord): boolean {
  if (principal.role === 'officer') return principal.institutionId === lead.institutionId;
  if (principal.role === 'firm') return principal.uscc === lead.uscc;
  return lead.profile.regionCode.startsWith(principal.regionPrefix);
}

export async function loadRequestFor(store: Store, principal: Principal, id: string): Promise<RequestRecord> {
  const record = await store.requests.get(id);
  if (!record || !mayReadRequest(principal, record)) throw requestNotFound(id);
  return record;
}

export async function loadLeadFor(store: Store, principal: Principal, id: string): Promise<LeadRecord> {
  const lead = await store.leads.get(id);
  if (!lead || !mayReadLead(principal, lead)) throw leadNotFound(id);
  return lead;
}
