import { shanghaiDate } from '#domain/dates.ts';
import {
  type DecisionContext,
  decideTransition,
  type LeadAction,
  type LeadOutcome,
  type LeadStatus,
} from '#domain/lead.ts';
import { lprOn } from '#domain/matching/lpr.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import type { LeadRecord, NextBest, RequestRecord } from '#domain/request.ts';
import { loadReferenceData } from '#shared/catalog/reference.ts';
import type { MetricsPort } from '#shared/metrics.ts';
import type { Page, Store } from '#store/index.ts';
import { type LeadChange, leadChanged } from '#store/leads.ts';
import { loadLeadFor, loadRequestFor } from './access.ts';
import { type Clock, newEvent } from './events.ts';

const UNANSWERED: ReadonlySet<LeadStatus> = new Set<LeadStatus>(['new', 'viewed']);

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
  auditDetail?: LeadOutcome,
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
 * What an approval or a disbursement is checked against: today (Asia/Shanghai), what the
 * firm asked for, the lead's products as published, and the LPR in effect today.
 */
async function decisionContext(
  deps: { store: Store } & Clock,
  lead: LeadRecord,
  action: LeadAction,
): Promise<DecisionContext | undefined> {
  if (action.action !== 'approve' && action.action !== 'disburse') return undefined;
  const today = shanghaiDate(deps.now());
  const products = await Promise.all(lead.productIds.map((id) => deps.store.catalog.getProduct(id)));
  return {
    today,
    leadCreatedOn: shanghaiDate(new Date(lead.createdAt)),
    requested: { amountYuan: lead.profile.amountYuan, termMonths: lead.profile.termMonths },
    products: products.filter((p) => p !== undefined),
    lpr: lprOn(loadReferenceData().pricing.lpr, today),
  };
}

/**
 * Moves a lead through its state machine.
 * 1. load the lead the caller may see (404 otherwise)
 *    (with If-Match, a lead that moved since the caller looked is a 409 straight away)
 * 2. decide: the pure state machine checks the actor and the current state (422 if not allowed)
 * 3. write lead + audit row + LeadStatusChanged (+ the message, if the action carries one)
 *    in one transaction, conditional on the version read in 1 — a concurrent transition makes
 *    this one fail with 409.
 */
export async function transitionLead(
  deps: { store: Store; metrics: MetricsPort } & Clock,
  caller: Principal | undefined,
  leadId: string,
  action: LeadAction,
  /** The version the caller saw (If-Match); a lead that moved on since is a conflict. */
  expectedVersion?: number,
): Promise<LeadRecord> {
  const principal = requireRole(caller, 'officer', 'firm');
  const lead = await loadLeadFor(deps.store, principal, leadId);
  if (expectedVersion !== undefined && lead.version !== expectedVersion) throw leadChanged(leadId);
  const decision = decideTransition(lead, action, principal.role, await decisionContext(deps, lead, action));
  const at = deps.now().toISOString();
  const after: LeadRecord = {
    ...lead,
    status: decision.to,
    version: lead.version + 1,
    updatedAt: at,
    ...(decision.outcome.approval && { approval: decision.outcome.approval }),
    ...(decision.outcome.decline && { decline: decision.outcome.decline }),
    ...(decision.outcome.disbursement && { disbursement: decision.outcome.disbursement }),
  };
  const change = leadChange(deps, principal, lead, after, action.action, { ...decision.outcome });
  // A question, answer or note is an item of its own beside the lead, never appended to it,
  // so a long thread never brings the lead item near DynamoDB's 400 KB limit.
  await deps.store.leads.transition(
    decision.outcome.message ? { ...change, message: { ...decision.outcome.message, at } } : change,
  );
  // The institution's first answer: the lead leaves new/viewed for anything else.
  if (UNANSWERED.has(lead.status) && !UNANSWERED.has(after.status)) deps.metrics.count('LeadsAnswered');
  // The lead as it now stands, without its thread (`readLead` reads that): a transition
  // never re-reads a thread that may be long.
  return after;
}

/**
 * The firm reveals its identity to one institution (name and uscc become visible on
 * that lead only). Recorded in the audit trail like a transition, without changing status.
 */
export async function revealToInstitution(
  deps: { store: Store } & Clock,
  caller: Principal | undefined,
  leadId: string,
): Promise<LeadRecord> {
  const principal = requireRole(caller, 'firm');
  const lead = await loadLeadFor(deps.store, principal, leadId);
  if (lead.revealedAt) return deps.store.leads.withThread(lead);
  const at = deps.now().toISOString();
  const after: LeadRecord = { ...lead, revealedAt: at, version: lead.version + 1, updatedAt: at };
  await deps.store.leads.transition(leadChange(deps, principal, lead, after, 'reveal', undefined, true));
  return deps.store.leads.withThread(after);
}

/** How many alternatives a declined firm is shown. */
const NEXT_BEST_COUNT = 3;

/**
 * A request's leads for the firm. A declined lead comes with the next-best products:
 * the best-ranked matches at institutions the request was not sent to yet.
 */
async function leadsOfRequest(
  store: Store,
  record: RequestRecord,
): Promise<{ lead: LeadRecord; nextBest?: NextBest[] }[]> {
  const leads = await Promise.all(
    (await store.leads.ofRequest(record)).map((l) => store.leads.withThread(l)),
  );
  if (!leads.some((l) => l.status === 'declined')) return leads.map((lead) => ({ lead }));
  const matches = await store.requests.getMatches(record.id);
  const nextBest = (matches?.matches ?? [])
    .filter((m) => !record.sentTo.includes(m.institutionId))
    .slice(0, NEXT_BEST_COUNT)
    .map((m) => ({ productId: m.productId, institutionId: m.institutionId, name: m.name, score: m.score }));
  return leads.map((lead) => (lead.status === 'declined' ? { lead, nextBest } : { lead }));
}

/** A request's leads, for the firm and its region's operators (404 for anyone else who may list leads). */
export async function requestLeads(deps: { store: Store }, caller: Principal | undefined, requestId: string) {
  const principal = requireRole(caller, 'firm', 'operator');
  return leadsOfRequest(deps.store, await loadRequestFor(deps.store, principal, requestId));
}

/**
 * One lead with its thread: for its institution's officers, its firm, and its region's
 * operators (404 for anyone else).
 */
export async function readLead(deps: { store: Store }, caller: Principal | undefined, leadId: string) {
  return deps.store.leads.withThread(await loadLeadFor(deps.store, requireRole(caller), leadId));
}

/** A lead's audit trail, oldest first, for whoever may read the lead. */
export async function leadAudit(deps: { store: Store }, caller: Principal | undefined, leadId: string) {
  const principal = requireRole(caller);
  const lead = await loadLeadFor(deps.store, principal, leadId);
  const entries = await deps.store.leads.audit(lead.id);
  // Before the firm reveals itself, an institution sees that "the firm" acted, never which user:
  // a user id would link all of that user's anonymous leads.
  if (principal.role !== 'officer' || lead.revealedAt) return entries;
  return entries.map((e) => (e.actor.role === 'firm' ? { ...e, actor: { role: e.actor.role } } : e));
}

/** Leads, newest first: an officer's institution's, or an operator's region's. */
export async function listLeads(
  deps: { store: Store },
  caller: Principal | undefined,
  query: { status?: LeadStatus; limit: number; cursor?: string },
): Promise<Page<LeadRecord>> {
  const principal = requireRole(caller, 'officer', 'operator');
  return principal.role === 'officer'
    ? deps.store.leads.listByInstitution(principal.institutionId, query)
    : deps.store.leads.listByRegion(principal.regionPrefix, query);
}
