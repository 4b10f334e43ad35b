import { shanghaiDate, wholeYearsBetween } from '#domain/dates.ts';
import {
  type BatchDecision,
  type BatchRecord,
  batchSummary,
  type ComposeBatch,
  candidateOf,
  composeBatch,
  decideBatchEntry,
  type PoolEntry,
} from '#domain/equity/batch.ts';
import {
  decideEquityTransition,
  type EquityLeadAction,
  type EquityLeadRecord,
  equityLeadId,
} from '#domain/equity/lead.ts';
import type { Fund } from '#domain/equity/preferences.ts';
import { NotFoundError, UnprocessableError } from '#domain/errors.ts';
import { type Principal, type PrincipalOf, requireRole } from '#domain/principal.ts';
import { leadProfile } from '#domain/request.ts';
import { roadshowProposal } from '#domain/roadshow/proposal.ts';
import { batchId, equityLeadChanged, fundNotFound } from '#store/equity.ts';
import type { Page, Store } from '#store/index.ts';
import { loadBatchFor, loadEquityLeadFor, loadRequestFor } from './access.ts';
import { type Clock, newEvent } from './events.ts';

type Deps = { store: Store } & Clock;

/**
 * Equity: funds and their preferences, the pool of consented equity requests, batches pushed
 * to funds by their preferences, and equity leads. Who may do what:
 * - a fund manager's officers keep their funds and answer their batches and equity leads;
 * - a firm consents to pushing its own equity requests, follows its equity leads, reveals itself;
 * - an operator composes and pushes batches from its region's pool to funds investing there.
 */

// ── funds ──

/**
 * A fund manager's officer creates or replaces one of its funds.
 * 1. the institution must be a fund manager (422 otherwise) 2. save (a fund never changes manager: 409)
 */
export async function saveFund(
  deps: Deps,
  caller: Principal | undefined,
  fundId: string,
  input: Omit<Fund, 'id' | 'institutionId'>,
): Promise<Fund> {
  const principal = requireRole(caller, 'officer');
  const fund: Fund = { ...input, id: fundId, institutionId: principal.institutionId };
  const institution = await deps.store.catalog.getInstitution(principal.institutionId);
  if (institution?.type !== 'fund_manager')
    throw new UnprocessableError('只有基金管理机构可以维护基金', 'only a fund manager keeps funds');
  await deps.store.equity.putFund(fund, deps.now().toISOString());
  return fund;
}

export async function listFunds(deps: { store: Store }, caller: Principal | undefined): Promise<Fund[]> {
  const principal = requireRole(caller, 'officer', 'operator');
  if (principal.role === 'officer') return deps.store.equity.listFundsByInstitution(principal.institutionId);
  return (await deps.store.equity.listFunds()).filter((f) => fundInvestsIn(f, principal.regionPrefix));
}

/** A fund invests in a region when it states no regions or one of its prefixes overlaps the region. */
export function fundInvestsIn(fund: Fund, regionPrefix: string): boolean {
  const regions = fund.preferences.regionPrefixes;
  return (
    regions.length === 0 || regions.some((p) => p.startsWith(regionPrefix) || regionPrefix.startsWith(p))
  );
}

/** The fund an operator may work with: it exists (404) and invests in the operator's region (422). */
export async function fundForOperator(
  store: Store,
  principal: PrincipalOf<'operator'>,
  fundId: string,
): Promise<Fund> {
  const fund = await store.equity.getFund(fundId);
  if (!fund) throw fundNotFound(fundId);
  if (!fundInvestsIn(fund, principal.regionPrefix))
    throw new UnprocessableError(
      `基金 ${fundId} 不在本地区（${principal.regionPrefix}）投资`,
      `fund ${fundId} does not invest in your region (${principal.regionPrefix})`,
    );
  return fund;
}

// ── the pool ──

/**
 * A firm consents to have one of its equity requests pushed to funds, anonymised.
 * 1. its own open request (404 otherwise), of kind equity or any (422)
 * 2. snapshot the anonymous profile a fund will see 3. pool entry + EquityRequestPooled (409 when already in),
 *    and RoadshowProposed when this consent fills a session for its city and chain
 */
export async function consentToPush(
  deps: Deps,
  caller: Principal | undefined,
  requestId: string,
  input: { stage?: PoolEntry['stage'] },
): Promise<PoolEntry> {
  const principal = requireRole(caller, 'firm');
  const record = await loadRequestFor(deps.store, principal, requestId);
  if (record.status !== 'open') throw new UnprocessableError('需求已撤回', 'the request was withdrawn');
  if (record.request.kind === 'debt')
    throw new UnprocessableError(
      '只有股权融资需求可以推送给基金',
      'only equity requests (kind equity or any) can be pushed to funds',
    );
  const firm = await deps.store.firms.require(record.uscc);
  const now = deps.now();
  const entry: PoolEntry = {
    requestId,
    uscc: firm.uscc,
    firmName: firm.name,
    regionCode: firm.regionCode,
    profile: leadProfile(firm, record, wholeYearsBetween(firm.foundedOn, shanghaiDate(now))),
    ...(input.stage ? { stage: input.stage } : {}),
    postedOn: shanghaiDate(new Date(record.createdAt)),
    consentedAt: now.toISOString(),
  };
  const proposal = roadshowProposal(await deps.store.equity.listPool(firm.regionCode.slice(0, 4)), entry);
  await deps.store.equity.pool(entry, [
    newEvent(
      deps,
      'EquityRequestPooled',
      requestId,
      { requestId, uscc: firm.uscc, regionCode: firm.regionCode, industryCode: firm.industryCode },
      principal.userId,
    ),
    ...(proposal
      ? [newEvent(deps, 'RoadshowProposed', proposal.regionPrefix, proposal, principal.userId)]
      : []),
  ]);
  return entry;
}

export async function equityPool(
  deps: { store: Store },
  caller: Principal | undefined,
): Promise<PoolEntry[]> {
  const principal = requireRole(caller, 'operator');
  return deps.store.equity.listPool(principal.regionPrefix);
}

// ── batches ──

/**
 * An operator previews a batch for a fund: its region's pool, ranked by the fund's preferences.
 * Nothing is stored.
 */
export async function previewBatch(
  deps: { store: Store },
  caller: Principal | undefined,
  options: ComposeBatch,
) {
  const principal = requireRole(caller, 'operator');
  const fund = await fundForOperator(deps.store, principal, options.fundId);
  const [pool, pushed] = await Promise.all([
    deps.store.equity.listPool(principal.regionPrefix),
    deps.store.equity.pushedTo(fund.id),
  ]);
  const composed = composeBatch(fund, pool.map(candidateOf), { ...options, alreadyPushed: pushed });
  return { fund, pool, composed, summary: batchSummary(composed.entries) };
}

/**
 * An operator pushes a batch to a fund.
 * 1. compose as in the preview (consenting requests of its region only, by fit)
 * 2. refuse an empty batch (422)
 * 3. the batch under the fund's next number + "pushed" marks + BatchPushed, one transaction (409 on a race)
 */
export async function pushBatch(
  deps: Deps,
  caller: Principal | undefined,
  input: ComposeBatch,
): Promise<BatchRecord> {
  const principal = requireRole(caller, 'operator');
  const { fund, pool, composed, summary } = await previewBatch(deps, principal, input);
  if (composed.entries.length === 0)
    throw new UnprocessableError(
      '没有符合条件的企业可推送',
      'no consenting request fits this fund; nothing to push',
    );
  const byRequest = new Map(pool.map((p) => [p.requestId, p]));
  const number = (await deps.store.equity.lastBatchNumber(fund.id)) + 1;
  const id = batchId(fund.id, number);
  const batch: BatchRecord = {
    id,
    fundId: fund.id,
    institutionId: fund.institutionId,
    number,
    regionPrefix: principal.regionPrefix,
    createdAt: deps.now().toISOString(),
    createdBy: principal.userId,
    version: 1,
    entries: composed.entries.map((e) => {
      const p = byRequest.get(e.requestId)!;
      return { ...e, uscc: p.uscc, firmName: p.firmName };
    }),
  };
  await deps.store.equity.pushBatch(
    batch,
    newEvent(
      deps,
      'BatchPushed',
      id,
      {
        batchId: id,
        fundId: fund.id,
        institutionId: fund.institutionId,
        number,
        requestIds: batch.entries.map((e) => e.requestId),
        ...summary,
      },
      principal.userId,
    ),
  );
  return batch;
}

/** One batch: for the fund's officers and the operators of the region that pushed it (404 otherwise). */
export async function readBatch(
  deps: { store: Store },
  caller: Principal | undefined,
  id: string,
): Promise<BatchRecord> {
  return loadBatchFor(deps.store, requireRole(caller, 'officer', 'operator'), id);
}

export async function listBatches(
  deps: { store: Store },
  caller: Principal | undefined,
): Promise<BatchRecord[]> {
  const principal = requireRole(caller, 'officer', 'operator');
  return principal.role === 'officer'
    ? deps.store.equity.listBatchesByInstitution(principal.institutionId)
    : deps.store.equity.listBatchesByRegion(principal.regionPrefix);
}

function newEquityLead(
  at: string,
  fund: { id: string; institutionId: string },
  firm: { requestId: string; uscc: string; firmName: string; profile: EquityLeadRecord['profile'] },
  source: EquityLeadRecord['source'],
): EquityLeadRecord {
  return {
    id: equityLeadId(firm.requestId, fund.id),
    requestId: firm.requestId,
    fundId: fund.id,
    institutionId: fund.institutionId,
    source,
    status: 'contacted',
    version: 1,
    createdAt: at,
    updatedAt: at,
    uscc: firm.uscc,
    firmName: firm.firmName,
    profile: firm.profile,
    notes: [],
  };
}

export function equityLeadEvent(
  deps: Clock,
  actor: Principal,
  before: EquityLeadRecord | null,
  after: EquityLeadRecord,
  action: string,
) {
  return newEvent(
    deps,
    'EquityLeadStatusChanged',
    after.id,
    {
      leadId: after.id,
      requestId: after.requestId,
      fundId: after.fundId,
      institutionId: after.institutionId,
      uscc: after.uscc,
      regionCode: after.profile.regionCode,
      from: before?.status ?? null,
      to: after.status,
      version: after.version,
      action,
      actorRole: actor.role,
    },
    actor.userId,
  );
}

/**
 * Opens the equity lead for an interest, unless the fund already has one on this request
 * (from another batch or a roadshow): then the existing one is linked, not duplicated.
 */
export async function openEquityLead(
  deps: Deps,
  actor: Principal,
  fund: { id: string; institutionId: string },
  firm: { requestId: string; uscc: string; firmName: string; profile: EquityLeadRecord['profile'] },
  source: EquityLeadRecord['source'],
) {
  const existing = await deps.store.equity.getLead(equityLeadId(firm.requestId, fund.id));
  if (existing) return { leadId: existing.id, lead: undefined, event: undefined };
  const lead = newEquityLead(deps.now().toISOString(), fund, firm, source);
  return { leadId: lead.id, lead, event: equityLeadEvent(deps, actor, null, lead, 'open') };
}

/**
 * The fund answers one firm of a batch.
 * 1. the batch of the officer's institution (404 otherwise), the firm in it (404)
 * 2. decide: once per firm (409), with equity reasons for "not for us"
 * 3. batch on its version + (interested) a new equity lead + events, one transaction
 */
export async function answerBatchEntry(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
  requestId: string,
  decision: BatchDecision,
): Promise<{ batch: BatchRecord; leadId?: string }> {
  const principal = requireRole(caller, 'officer');
  const batch = await readBatch(deps, principal, id);
  const index = batch.entries.findIndex((e) => e.requestId === requestId);
  if (index < 0)
    throw new NotFoundError(`批次中没有 ${requestId}`, `request ${requestId} is not in batch ${id}`);
  const entry = batch.entries[index]!;
  const at = deps.now().toISOString();
  let outcome = decideBatchEntry(entry, decision, at);
  let opened: Awaited<ReturnType<typeof openEquityLead>> | undefined;
  if (outcome.decision === 'interested') {
    opened = await openEquityLead(
      deps,
      principal,
      { id: batch.fundId, institutionId: batch.institutionId },
      entry,
      { kind: 'batch', batchId: batch.id },
    );
    outcome = { ...outcome, leadId: opened.leadId };
  }
  const after: BatchRecord = {
    ...batch,
    version: batch.version + 1,
    entries: batch.entries.map((e, i) => (i === index ? { ...e, outcome } : e)),
  };
  const answered = newEvent(
    deps,
    'BatchEntryAnswered',
    batch.id,
    {
      batchId: batch.id,
      fundId: batch.fundId,
      requestId,
      decision: outcome.decision,
      ...(outcome.reasons ? { reasons: outcome.reasons } : {}),
      ...(outcome.leadId ? { leadId: outcome.leadId } : {}),
    },
    principal.userId,
  );
  await deps.store.equity.answer(batch, after, opened?.lead, [
    answered,
    ...(opened?.event ? [opened.event] : []),
  ]);
  return { batch: after, ...(outcome.leadId ? { leadId: outcome.leadId } : {}) };
}

// ── equity leads ──

export async function readEquityLead(deps: { store: Store }, caller: Principal | undefined, id: string) {
  return loadEquityLeadFor(deps.store, requireRole(caller), id);
}

export async function listEquityLeads(
  deps: { store: Store },
  caller: Principal | undefined,
  query: { limit: number; cursor?: string },
): Promise<Page<EquityLeadRecord>> {
  const principal = requireRole(caller);
  switch (principal.role) {
    case 'officer':
      return deps.store.equity.listLeadsByInstitution(principal.institutionId, query.limit, query.cursor);
    case 'firm':
      return { items: await deps.store.equity.listLeadsByFirm(principal.uscc) };
    case 'operator':
      return deps.store.equity.listLeadsByRegion(principal.regionPrefix, query.limit, query.cursor);
  }
}

/**
 * Moves an equity lead: the fund through due diligence, term sheet and investment (or a pass
 * with equity reasons), the firm out (withdraw).
 * 1. load what the caller may see (404) 2. decide (422 when not allowed) 3. write on the version (409 on a race)
 */
export async function transitionEquityLead(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
  action: EquityLeadAction,
  expectedVersion?: number,
): Promise<EquityLeadRecord> {
  const principal = requireRole(caller, 'officer', 'firm');
  const lead = await readEquityLead(deps, principal, id);
  if (expectedVersion !== undefined && expectedVersion !== lead.version) throw equityLeadChanged(id);
  const decision = decideEquityTransition(lead, action, principal.role === 'officer' ? 'fund' : 'firm');
  const at = deps.now().toISOString();
  const after: EquityLeadRecord = {
    ...lead,
    status: decision.to,
    version: lead.version + 1,
    updatedAt: at,
    ...(decision.outcome.termSheet && { termSheet: decision.outcome.termSheet }),
    ...(decision.outcome.investment && { investment: decision.outcome.investment }),
    ...(decision.outcome.pass && { pass: decision.outcome.pass }),
    notes: decision.outcome.note ? [...lead.notes, { text: decision.outcome.note, at }] : lead.notes,
  };
  await deps.store.equity.transitionLead(
    lead,
    after,
    equityLeadEvent(deps, principal, lead, after, action.action),
  );
  return after;
}

/** The firm reveals its name to the fund of one equity lead. */
export async function revealEquityLead(deps: Deps, caller: Principal | undefined, id: string) {
  const principal = requireRole(caller, 'firm');
  const lead = await readEquityLead(deps, principal, id);
  if (lead.revealedAt) return lead;
  const at = deps.now().toISOString();
  const after: EquityLeadRecord = { ...lead, revealedAt: at, version: lead.version + 1, updatedAt: at };
  await deps.store.equity.transitionLead(
    lead,
    after,
    equityLeadEvent(deps, principal, lead, after, 'reveal'),
  );
  return after;
}
