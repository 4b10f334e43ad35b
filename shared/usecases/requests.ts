import { createHash } from 'node:crypto';
import * as z from 'zod';
import { shanghaiDate, wholeYearsBetween } from '#domain/dates.ts';
import { respondBy } from '#domain/deadlines.ts';
import { ConflictError, UnprocessableError, ValidationError } from '#domain/errors.ts';
import { type FundingRequest, requestDateProblems } from '#domain/funding-request.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { TERMINAL_STATUSES } from '#domain/lead.ts';
import type { LostProduct } from '#domain/lost-product.ts';
import { type MatchResult, matchFunding } from '#domain/matching/index.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import {
  DEFAULT_SEND_INSTITUTIONS,
  type LeadRecord,
  leadIdOf,
  leadProfile,
  MAX_SEND_INSTITUTIONS,
  type RequestRecord,
} from '#domain/request.ts';
import type { MetricsPort } from '#shared/metrics.ts';
import type { Page, Store } from '#store/index.ts';
import { loadRequestFor } from './access.ts';
import { loadActiveCatalog } from './catalog.ts';
import { firmWithStates } from './certified-lists.ts';
import { type Clock, newEvent } from './events.ts';
import { leadChange, leadStatusChanged } from './leads.ts';
import { rejectProblems } from './validation.ts';

type Deps = { store: Store; metrics: MetricsPort } & Clock;

export interface SubmittedRequest {
  request: RequestRecord;
  matches: MatchResult;
  /** True when this answer replays an earlier call with the same Idempotency-Key. */
  replayed: boolean;
}

function bodyHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

const keyReused = () =>
  new UnprocessableError(
    '该 Idempotency-Key 已用于内容不同的请求',
    'this Idempotency-Key was already used with a different request body',
  );

/**
 * A firm submits a funding request.
 * 1. an Idempotency-Key seen before answers from the first call (same body) or is refused (422)
 * 2. match the request against the active catalog as of today (Asia/Shanghai)
 * 3. request + matches + RequestSubmitted + the key's claim in one transaction; a
 *    concurrent twin loses the claim and answers from the winner instead.
 */
export async function submitRequest(
  deps: Deps,
  caller: Principal | undefined,
  request: FundingRequest,
  idempotencyKey: string,
): Promise<SubmittedRequest> {
  const principal = requireRole(caller, 'firm');
  const scope = `requests#${principal.uscc}`;
  const hash = bodyHash(request);
  const replay = async (): Promise<SubmittedRequest | undefined> => {
    const seen = await deps.store.idempotency.get(scope, idempotencyKey);
    if (!seen) return undefined;
    if (seen.bodyHash !== hash) throw keyReused();
    const record = await deps.store.requests.require(seen.resultId);
    const matches = (await deps.store.requests.getMatches(record.id))!;
    return { request: record, matches, replayed: true };
  };

  const earlier = await replay();
  if (earlier) return earlier;
  rejectProblems(requestDateProblems(request, shanghaiDate(deps.now())));

  const now = deps.now();
  const asOf = shanghaiDate(now);
  // Certificates as the lists judge them: contradicted and revoked ones count for nothing,
  // products requiring verified certificates see only the verified ones.
  const firm = await firmWithStates(deps.store, await deps.store.firms.require(principal.uscc), asOf);
  const catalog = await loadActiveCatalog(deps.store, now.getTime());
  const matches = matchFunding({ firm, request, asOf, catalog });
  const record: RequestRecord = {
    id: deps.newId(),
    uscc: firm.uscc,
    regionCode: firm.regionCode,
    request,
    status: 'open',
    createdAt: now.toISOString(),
    asOf,
    sentTo: [],
  };
  const event = newEvent(
    deps,
    'RequestSubmitted',
    record.id,
    {
      requestId: record.id,
      uscc: firm.uscc,
      regionCode: firm.regionCode,
      amountYuan: request.amountYuan,
      purpose: request.purpose,
      matchCount: matches.matches.length,
    },
    principal.userId,
  );
  const claim = {
    scope,
    key: idempotencyKey,
    bodyHash: hash,
    resultId: record.id,
    createdAt: record.createdAt,
  };
  try {
    await deps.store.requests.submit(record, matches, event, claim);
  } catch (error) {
    // Lost the race to a concurrent identical call: its transaction may still be landing.
    for (let attempt = 0; attempt < 10; attempt++) {
      const winner = await replay();
      if (winner) return winner;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
    throw error;
  }
  deps.metrics.count('RequestsSubmitted');
  deps.metrics.count('Matches', matches.matches.length);
  return { request: record, matches, replayed: false };
}

/** The Idempotency-Key a submission carries: same key + same body → same answer. */
export const IdempotencyKeySchema = lazySchema(() =>
  z
    .string({ error: '缺少 Idempotency-Key 请求头 / the Idempotency-Key header is required' })
    .min(8, 'Idempotency-Key 至少8个字符 / Idempotency-Key must have at least 8 characters')
    .max(128)
    .regex(
      /^[A-Za-z0-9_.:-]+$/,
      'Idempotency-Key 只能含字母、数字和 _.:- / Idempotency-Key may hold letters, digits and _.:- only',
    )
    .describe('同一键 + 同一内容 → 同一结果 / same key + same body → same answer'),
);

/**
 * What the firm sends its request to: the products it picked from its matches, or
 * (omitted) the top `topK` institutions; `reveal` shows its identity to them right away.
 */
export const SendSchema = lazySchema(() =>
  z
    .object({
      productIds: z.array(z.string()).min(1).max(20).optional(),
      topK: z
        .number()
        .int()
        .min(1)
        .max(
          MAX_SEND_INSTITUTIONS,
          `最多发送给 ${MAX_SEND_INSTITUTIONS} 家机构 / at most ${MAX_SEND_INSTITUTIONS} institutions`,
        )
        .optional(),
      reveal: z.boolean().default(false),
    })
    .strict()
    .refine((s) => !(s.productIds && s.topK), {
      message: 'productIds 与 topK 只能二选一 / give either productIds or topK, not both',
      path: ['topK'],
    }),
);
export type SendChoice = z.input<typeof SendSchema>;

/**
 * The firm sends its request to institutions — only the ones it picks, never a broadcast.
 * 1. load the firm's own open request and its stored matches
 * 2. choose: the picked products (each must be among the matches), or the top K institutions
 * 3. refuse more than MAX_SEND_INSTITUTIONS institutions in all for this request
 * 4. one lead per institution + the consent row + events, all in one transaction.
 */
export async function sendRequest(
  deps: Deps,
  caller: Principal | undefined,
  requestId: string,
  choice: SendChoice,
) {
  const principal = requireRole(caller, 'firm');
  const record = await loadRequestFor(deps.store, principal, requestId);
  if (record.status !== 'open') {
    throw new UnprocessableError('需求已撤回，不能再发送', 'the request was withdrawn and cannot be sent');
  }
  const stored = (await deps.store.requests.getMatches(requestId))!;
  // A product retired or suspended since the match gets no new lead (the re-match drops it soon after).
  const live = await loadActiveCatalog(deps.store, deps.now().getTime());
  const isLive = (id: string) => {
    const i = live.indexById.get(id);
    return i !== undefined && live.live[i] === 1 && live.compiled[i]!.product.status === 'active';
  };
  const matches = { ...stored, matches: stored.matches.filter((m) => isLive(m.productId)) };
  const byProduct = new Map(matches.matches.map((m) => [m.productId, m]));

  let chosen: { institutionId: string; productIds: string[] }[];
  if (choice.productIds?.length) {
    const unknown = choice.productIds.filter((id) => !byProduct.has(id));
    if (unknown.length) {
      throw new ValidationError(
        unknown.map((id) => ({
          path: 'productIds',
          zh: `产品 ${id} 不在本需求的匹配结果中`,
          en: `product ${id} is not among this request's matches`,
        })),
      );
    }
    chosen = groupByInstitution(choice.productIds.map((id) => byProduct.get(id)!));
  } else {
    const k = choice.topK ?? DEFAULT_SEND_INSTITUTIONS;
    if (record.sentTo.length + k > MAX_SEND_INSTITUTIONS) throw tooManyInstitutions(record);
    chosen = groupByInstitution(matches.matches)
      .filter((g) => !record.sentTo.includes(g.institutionId))
      .slice(0, k);
  }
  const fresh = chosen.filter((g) => !record.sentTo.includes(g.institutionId));
  if (fresh.length === 0) {
    throw new UnprocessableError(
      '所选机构均已发送过',
      'the request was already sent to every chosen institution',
    );
  }
  if (record.sentTo.length + fresh.length > MAX_SEND_INSTITUTIONS) throw tooManyInstitutions(record);

  const now = deps.now();
  const at = now.toISOString();
  const today = shanghaiDate(now);
  const firm = await firmWithStates(deps.store, await deps.store.firms.require(record.uscc), today);
  const profile = leadProfile(firm, record, wholeYearsBetween(firm.foundedOn, today));
  // Each institution's own first-answer deadline (business days, Asia/Shanghai calendar).
  const institutions = await Promise.all(
    fresh.map((g) => deps.store.catalog.getInstitution(g.institutionId)),
  );
  const leads: LeadRecord[] = fresh.map((g, i) => ({
    id: leadIdOf(requestId, g.institutionId),
    requestId,
    institutionId: g.institutionId,
    productIds: g.productIds,
    status: 'new',
    version: 1,
    createdAt: at,
    updatedAt: at,
    respondBy: respondBy(today, institutions[i]?.firstAnswerBusinessDays),
    uscc: firm.uscc,
    firmName: firm.name,
    profile,
    ...(choice.reveal ? { revealedAt: at } : {}),
    messages: [],
  }));
  const after: RequestRecord = {
    ...record,
    sentTo: [...record.sentTo, ...fresh.map((g) => g.institutionId)],
  };
  const events = [
    newEvent(
      deps,
      'RequestSent',
      requestId,
      { requestId, uscc: record.uscc, institutionIds: fresh.map((g) => g.institutionId) },
      principal.userId,
    ),
    ...leads.map((lead) => leadStatusChanged(deps, principal, null, lead, 'send', choice.reveal)),
  ];
  const consents = fresh.map((g) => ({
    institutionId: g.institutionId,
    productIds: g.productIds,
    at,
    userId: principal.userId,
  }));
  await deps.store.requests.send(record, after, leads, consents, events);
  deps.metrics.count('LeadsSent', leads.length);
  return { request: after, leads };
}

const tooManyInstitutions = (record: RequestRecord) =>
  new UnprocessableError(
    `每个需求最多发送给 ${MAX_SEND_INSTITUTIONS} 家机构（已发送 ${record.sentTo.length} 家）`,
    `a request may reach at most ${MAX_SEND_INSTITUTIONS} institutions (already sent to ${record.sentTo.length})`,
  );

function groupByInstitution(items: { productId: string; institutionId: string }[]) {
  const groups = new Map<string, string[]>();
  for (const m of items) {
    const list = groups.get(m.institutionId) ?? [];
    if (!list.includes(m.productId)) list.push(m.productId);
    groups.set(m.institutionId, list);
  }
  return [...groups].map(([institutionId, productIds]) => ({ institutionId, productIds }));
}

/** How often a withdrawal re-reads and tries again when a send or a lead change landed first. */
const WITHDRAW_ATTEMPTS = 5;

/**
 * The firm withdraws its request: every open lead closes with it.
 * 1. load the firm's own request; one already withdrawn answers as it stands (a repeated
 *    withdrawal is not an error)
 * 2. read its leads by key (ids follow from `sentTo`, read consistently)
 * 3. one transaction: the request (still open, still sent to exactly those institutions),
 *    each open lead (conditional on its version), their audit rows and events, and
 *    RequestWithdrawn. A send or a lead change that lands in between fails the conditions:
 *    back to 1.
 */
export async function withdrawRequest(deps: Deps, caller: Principal | undefined, requestId: string) {
  const principal = requireRole(caller, 'firm');
  for (let attempt = 1; ; attempt++) {
    const record = await loadRequestFor(deps.store, principal, requestId);
    if (record.status !== 'open') return { request: record, closedLeads: 0 };
    const leads = await deps.store.leads.ofRequest(record);
    const at = deps.now().toISOString();
    const open = leads.filter((l) => !TERMINAL_STATUSES.has(l.status));
    try {
      await deps.store.requests.withdraw(
        record,
        open.map((lead) =>
          leadChange(
            deps,
            principal,
            lead,
            { ...lead, status: 'withdrawn', version: lead.version + 1, updatedAt: at },
            'withdraw',
          ),
        ),
        newEvent(
          deps,
          'RequestWithdrawn',
          requestId,
          { requestId, uscc: record.uscc, closedLeads: open.map((l) => l.id) },
          principal.userId,
        ),
      );
      return { request: { ...record, status: 'withdrawn' as const }, closedLeads: open.length };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= WITHDRAW_ATTEMPTS) throw error;
    }
  }
}

/** One request: for its firm and its region's operators (404 for anyone else). */
export async function readRequest(deps: { store: Store }, caller: Principal | undefined, requestId: string) {
  return loadRequestFor(deps.store, requireRole(caller), requestId);
}

/** The matches stored with a request when it was submitted, for whoever may read the request. */
export async function requestMatches(
  deps: { store: Store },
  caller: Principal | undefined,
  requestId: string,
): Promise<MatchResult> {
  const record = await loadRequestFor(deps.store, requireRole(caller), requestId);
  return (await deps.store.requests.getMatches(record.id))!;
}

/** Products the request lost on a re-match (certificate expired, product amended or retired), for whoever may read it. */
export async function requestLostProducts(
  deps: { store: Store },
  caller: Principal | undefined,
  requestId: string,
): Promise<LostProduct[]> {
  const record = await loadRequestFor(deps.store, requireRole(caller), requestId);
  return deps.store.requests.lostProducts(record.id);
}

/** Requests, newest first: a firm's own, or an operator's region's. */
export async function listRequests(
  deps: { store: Store },
  caller: Principal | undefined,
  page: { limit: number; cursor?: string },
): Promise<Page<RequestRecord>> {
  const principal = requireRole(caller, 'firm', 'operator');
  return principal.role === 'firm'
    ? deps.store.requests.listByFirm(principal.uscc, page.limit, page.cursor)
    : deps.store.requests.listByRegion(principal.regionPrefix, page.limit, page.cursor);
}
