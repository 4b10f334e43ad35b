import { ForbiddenError } from '#domain/errors.ts';
import { decideTransition, type LeadAction } from '#domain/lead.ts';
import type { Principal } from '#domain/principal.ts';
import type { LeadRecord, NextBest, RequestRecord } from '#domain/request.ts';
import type { Store } from '#store/index.ts';
import { type LeadChange, leadChanged } from '#store/leads.ts';
import { loadLeadFor } from './access.ts';
import { type Clock, newEvent } from './events.ts';

/**
 * The LeadStatusChanged event of one lead change (a new lead has no `before`).
 * Creation, transitions, reveal and withdrawal all describe their change with it.
 */
export function leadStatusChanged(
  deps: Clock,
  actor: Principal,
  before: LeadRecord | null,
  after: LeadRecord,
  action: string,
  revealed?: boolean,
) {
  return newEvent(
    deps,
    'LeadStatusChanged',
    after.id,
    {
      leadId: after.id,
      requestId: after.requestId,
      institutionId: after.institutionId,
      uscc: after.uscc,
      regionCode: after.profile.regionCode,
      from: before?.status ?? null,
      to: after.status,
      version: after.version,
      action,
      actorRole: actor.role,
      respondBy: after.respondBy,
      ...(revealed ? { revealed } : {}),
    },
    actor.userId,
  );
}

/**
 * One lead change as the store writes it: the lead (conditional on the version it was read
 * at), its audit row (who, when, from, to) and its LeadStatusChanged event.
 */
export function leadChange(
  deps: Clock,
  actor: Principal,
  before: LeadRecord,
  after: LeadRecord,
  action: string,
  auditDetail?: Record<string, unknown>,
  revealed?: boolean,
): LeadChange {
  return {
    before,
    after,
    audit: {
      leadId: before.id,
      at: after.updatedAt,
      seq: after.version,
      actor: { userId: actor.userId, role: actor.role },
      action,
      from: before.status,
      to: after.status,
      ...(auditDetail ? { detail: auditDetail } : {}),
    },
    event: leadStatusChanged(deps, actor, before, after, action, revealed),
  };
}

/**
 * Moves a lead through its state machine.
 * 1. load the lead the caller may see (404 otherwise)
 *    (with If-Match, a lead that moved since the caller looked is a 409 straight away)
 * 2. decide: the pure state machine checks the actor and the current state (422 if not allowed)
 * 3. write lead + audit row + LeadStatusChanged in one transaction, conditional on the
 *    version read in 1 — a concurrent transition makes this one fail with 409.
 */
export async function transitionLead(
  deps: { store: Store } & Clock,
  principal: Principal,
  leadId: string,
  action: LeadAction,
  /** The version the caller saw (If-Match); a lead that moved on since is a conflict. */
  expectedVersion?: number,
): Promise<LeadRecord> {
  const lead = await loadLeadFor(deps.store, principal, leadId);
  if (expectedVersion !== undefined && lead.version !== expectedVersion) throw leadChanged(leadId);
  if (principal.role === 'operator') {
    throw new ForbiddenError(
      '运营方只能查看线索，不能代为操作',
      'operators can read leads but not act on them',
    );
  }
  const decision = decideTransition(lead, action, principal.role);
  const at = deps.now().toISOString();
  const after: LeadRecord = {
    ...lead,
    status: decision.to,
    version: lead.version + 1,
    updatedAt: at,
    ...(decision.outcome.approval && { approval: decision.outcome.approval }),
    ...(decision.outcome.decline && { decline: decision.outcome.decline }),
    ...(decision.outcome.disbursement && { disbursement: decision.outcome.disbursement }),
    messages: decision.outcome.message
      ? [...lead.messages, { ...decision.outcome.message, at }]
      : lead.messages,
  };
  await deps.store.leads.transition(
    leadChange(deps, principal, lead, after, action.action, { ...decision.outcome }),
  );
  return after;
}

/**
 * The firm reveals its identity to one institution (name and uscc become visible on
 * that lead only). Recorded in the audit trail like a transition, without changing status.
 */
export async function revealToInstitution(
  deps: { store: Store } & Clock,
  principal: Principal,
  leadId: string,
): Promise<LeadRecord> {
  const lead = await loadLeadFor(deps.store, principal, leadId);
  if (principal.role !== 'firm') {
    throw new ForbiddenError('只有企业本身可以公开企业身份', 'only the firm itself can reveal its identity');
  }
  if (lead.revealedAt) return lead;
  const at = deps.now().toISOString();
  const after: LeadRecord = { ...lead, revealedAt: at, version: lead.version + 1, updatedAt: at };
  await deps.store.leads.transition(leadChange(deps, principal, lead, after, 'reveal', undefined, true));
  return after;
}

/** How many alternatives a declined firm is shown. */
const NEXT_BEST_COUNT = 3;

/**
 * A request's leads for the firm. A declined lead comes with the next-best products:
 * the best-ranked matches at institutions the request was not sent to yet.
 */
export async function leadsOfRequest(
  store: Store,
  record: RequestRecord,
): Promise<{ lead: LeadRecord; nextBest?: NextBest[] }[]> {
  const leads = await store.leads.listByRequest(record.id);
  if (!leads.some((l) => l.status === 'declined')) return leads.map((lead) => ({ lead }));
  const matches = await store.requests.getMatches(record.id);
  const nextBest = (matches?.matches ?? [])
    .filter((m) => !record.sentTo.includes(m.institutionId))
    .slice(0, NEXT_BEST_COUNT)
    .map((m) => ({ productId: m.productId, institutionId: m.institutionId, name: m.name, score: m.score }));
  return leads.map((lead) => (lead.status === 'declined' ? { lead, nextBest } : { lead }));
}
