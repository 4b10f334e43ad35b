import { daysBetween, shanghaiDate } from '#domain/dates.ts';
import type { PoolEntry } from '#domain/equity/batch.ts';
import { type Fund, fitScore, inferStage } from '#domain/equity/preferences.ts';
import { ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '#domain/errors.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import { roadshowIcs } from '#domain/roadshow/ics.ts';
import { nextFromWaitlist, type PlannerInput, planRoadshow } from '#domain/roadshow/planner.ts';
import {
  type IntentCard,
  type IntentCardInput,
  type Pins,
  type RoadshowDraft,
  type RoadshowRecord,
  type SeatRecord,
  type SlotRecord,
  scheduleSessions,
  slotTimes,
  type Venue,
} from '#domain/roadshow/roadshow.ts';
import type { Store } from '#store/index.ts';
import { roadshowNotFound } from '#store/roadshows.ts';
import { fundForOperator, openEquityLead } from './equity.ts';
import { type Clock, newEvent } from './events.ts';

type Deps = { store: Store } & Clock;

/**
 * Roadshows (项目路演): an operator creates one, picks the candidate pool (or lets the platform
 * propose it from the region's consenting equity requests of the chain) and the funds, plans,
 * adjusts by pins, and publishes; firms and funds answer; a declined slot goes to the waitlist;
 * after the event each fund files an intent card per firm, and "interested" opens an equity lead.
 */

async function loadForOperator(store: Store, principal: Principal, id: string): Promise<RoadshowRecord> {
  const r = await store.roadshows.get(id);
  if (!r || principal.role !== 'operator' || !r.regionPrefix.startsWith(principal.regionPrefix))
    throw roadshowNotFound(id);
  return r;
}

/** A roadshow the operator may still change: a draft or a plan, not yet published (422 otherwise). */
async function loadEditable(store: Store, principal: Principal, id: string): Promise<RoadshowRecord> {
  const r = await loadForOperator(store, principal, id);
  if (r.status !== 'draft' && r.status !== 'planned')
    throw new UnprocessableError(
      '路演已发布或已取消，不能再更改候选名单或排程',
      'the roadshow is published or cancelled; its pool and plan are fixed',
    );
  return r;
}

/**
 * 1. validate the draft (schema, then: no session in the past, none overlapping: 400 naming the field)
 * 2. the region must be within the operator's (422) 3. store as a draft
 */
export async function createRoadshow(
  deps: Deps,
  caller: Principal | undefined,
  draft: RoadshowDraft,
): Promise<RoadshowRecord> {
  const principal = requireRole(caller, 'operator');
  if (!draft.regionPrefix.startsWith(principal.regionPrefix))
    throw new ValidationError([
      {
        path: 'regionPrefix',
        zh: `路演地区须在本地区（${principal.regionPrefix}）之内`,
        en: `the roadshow's region must be within yours (${principal.regionPrefix})`,
      },
    ]);
  const now = deps.now();
  const sessions = scheduleSessions(draft, now);
  const at = now.toISOString();
  const record: RoadshowRecord = {
    id: deps.newId(),
    title: draft.title,
    ...(draft.theme ? { theme: draft.theme } : {}),
    chain: draft.chain,
    regionPrefix: draft.regionPrefix,
    venue: draft.venue,
    slotMinutes: draft.slotMinutes,
    sessions,
    status: 'draft',
    revision: 0,
    version: 1,
    createdBy: principal.userId,
    createdAt: at,
    updatedAt: at,
    candidates: [],
    fundIds: [],
    pins: { firms: [], funds: [], excludedFirms: [] },
  };
  await deps.store.roadshows.create(record);
  return record;
}

/** The consenting equity requests of a region whose firm's industry is on the chain (empty chain: all). */
export function proposePool(pool: readonly PoolEntry[], chain: readonly string[]): PoolEntry[] {
  return pool.filter((p) => chain.length === 0 || chain.some((c) => p.profile.industryCode.startsWith(c)));
}

/**
 * Sets the candidate pool and the invited funds of a draft or planned roadshow.
 * Candidates must be consenting equity requests of the operator's region (422 naming the id);
 * without a list, the platform proposes the region's pool on the roadshow's chain. Each fund
 * must exist (404) and invest in the operator's region (422).
 */
export async function setParticipants(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
  input: { requestIds?: string[] | undefined; fundIds: string[] },
): Promise<RoadshowRecord> {
  const principal = requireRole(caller, 'operator');
  const r = await loadEditable(deps.store, principal, id);
  const pool = await deps.store.equity.listPool(principal.regionPrefix);
  const inPool = new Set(pool.map((p) => p.requestId));
  let candidates: string[];
  if (input.requestIds) {
    const missing = input.requestIds.filter((rid) => !inPool.has(rid));
    if (missing.length)
      throw new ValidationError(
        missing.map((rid) => ({
          path: 'requestIds',
          zh: `${rid} 不是本地区已同意推送的股权融资需求`,
          en: `${rid} is not a consenting equity request of your region`,
        })),
      );
    candidates = [...new Set(input.requestIds)];
  } else candidates = proposePool(pool, r.chain).map((p) => p.requestId);
  for (const fundId of input.fundIds) await fundForOperator(deps.store, principal, fundId);
  const after: RoadshowRecord = {
    ...r,
    candidates,
    fundIds: [...new Set(input.fundIds)],
    status: 'draft',
    version: r.version + 1,
    updatedAt: deps.now().toISOString(),
  };
  delete after.plan;
  await deps.store.roadshows.save(r, after);
  return after;
}

/** The planner's input for a roadshow: its sessions, its pool (consenting by construction) and its funds. */
export function plannerInput(
  r: RoadshowRecord,
  pool: readonly PoolEntry[],
  funds: readonly Fund[],
  today: string,
  pins: Pins,
): PlannerInput {
  return {
    slotMinutes: r.slotMinutes,
    sessions: r.sessions.map((s) => ({
      id: s.id,
      startsAt: Date.parse(s.startsAt),
      slots: s.slots,
      capacity: s.capacity,
    })),
    firms: pool.map((p) => ({
      id: p.requestId,
      consent: true,
      waitingDays: Math.max(0, daysBetween(p.postedOn, today)),
    })),
    funds: funds.map((f) => ({ id: f.id, maxSessions: 1 })),
    fit: pool.map((p) =>
      funds.map(
        (f) => fitScore({ ...p.profile, stage: p.stage ?? inferStage(p.profile) }, f.preferences).score,
      ),
    ),
    pins,
  };
}

async function participants(store: Store, r: RoadshowRecord) {
  const pool = (await store.equity.listPool(r.regionPrefix)).filter((p) =>
    r.candidates.includes(p.requestId),
  );
  const funds = (await Promise.all(r.fundIds.map((id) => store.equity.getFund(id)))).filter(
    (f): f is Fund => !!f,
  );
  return { pool, funds };
}

/**
 * Plans (or re-plans around pins): the pure planner over the roadshow's pool and funds; the plan
 * and its quality report are kept for preview. A firm whose consent was withdrawn since is out.
 */
export async function planRoadshowFor(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
  pinsInput?: Pins,
): Promise<RoadshowRecord> {
  const principal = requireRole(caller, 'operator');
  const r = await loadEditable(deps.store, principal, id);
  if (r.candidates.length === 0 || r.fundIds.length === 0)
    throw new UnprocessableError('请先选择候选企业和基金', 'pick the candidate pool and the funds first');
  const pins = pinsInput ?? r.pins;
  const { pool, funds } = await participants(deps.store, r);
  const now = deps.now();
  const plan = planRoadshow(plannerInput(r, pool, funds, shanghaiDate(now), pins));
  const after: RoadshowRecord = {
    ...r,
    pins,
    plan: { ...plan, quality: { ...plan.quality }, plannedAt: now.toISOString() },
    status: 'planned',
    version: r.version + 1,
    updatedAt: now.toISOString(),
  };
  await deps.store.roadshows.save(r, after);
  return after;
}

/** RoadshowScheduled for a roadshow's current revision: who holds a slot or a seat, declined ones left out. */
function scheduledEvent(
  deps: Deps,
  r: RoadshowRecord,
  slots: readonly SlotRecord[],
  seats: readonly SeatRecord[],
  actor: string,
) {
  return newEvent(
    deps,
    'RoadshowScheduled',
    r.id,
    {
      roadshowId: r.id,
      regionPrefix: r.regionPrefix,
      revision: r.revision,
      startsAt: r.sessions[0]!.startsAt,
      requestIds: slots.flatMap((s) => (s.requestId && s.status !== 'declined' ? [s.requestId] : [])),
      fundIds: [...new Set(seats.filter((s) => s.status !== 'declined').map((s) => s.fundId))],
    },
    actor,
  );
}

/**
 * Publishes a planned roadshow.
 * 1. planned, and no session started yet (422)
 * 2. lay out the slots (each firm of the plan, invited) and seats (each fund, invited)
 * 3. the roadshow turns published, revision 0, with RoadshowScheduled (invitations hang off it)
 */
export async function publishRoadshow(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
): Promise<RoadshowRecord> {
  const principal = requireRole(caller, 'operator');
  const r = await loadForOperator(deps.store, principal, id);
  if (r.status !== 'planned' || !r.plan)
    throw new UnprocessableError('请先排程再发布', 'plan the roadshow before publishing it');
  const now = deps.now();
  if (r.sessions.some((s) => Date.parse(s.startsAt) <= now.getTime()))
    throw new UnprocessableError(
      '有场次已开始，不能发布',
      'a session has already started; it cannot be published',
    );
  const { pool, funds } = await participants(deps.store, r);
  const byRequest = new Map(pool.map((p) => [p.requestId, p]));
  const byFund = new Map(funds.map((f) => [f.id, f]));
  const sessionOf = new Map(r.sessions.map((s) => [s.id, s]));
  const slots: SlotRecord[] = r.plan.sessions.flatMap((ps) =>
    ps.slots.map((k) => {
      const t = slotTimes(sessionOf.get(ps.sessionId)!, r.slotMinutes, k.slot);
      const p = k.firmId ? byRequest.get(k.firmId) : undefined;
      return {
        roadshowId: r.id,
        sessionId: ps.sessionId,
        slot: k.slot,
        startsAt: t.startsAt.toISOString(),
        endsAt: t.endsAt.toISOString(),
        requestId: p?.requestId ?? null,
        uscc: p?.uscc ?? null,
        status: 'invited' as const,
        version: 1,
        declinedBy: [],
      };
    }),
  );
  const seats: SeatRecord[] = r.plan.sessions.flatMap((ps) =>
    ps.funds.flatMap((f) => {
      const fund = byFund.get(f.fundId);
      const s = sessionOf.get(ps.sessionId)!;
      return fund
        ? [
            {
              roadshowId: r.id,
              sessionId: ps.sessionId,
              fundId: fund.id,
              institutionId: fund.institutionId,
              startsAt: s.startsAt,
              endsAt: s.endsAt,
              status: 'invited' as const,
              version: 1,
            },
          ]
        : [];
    }),
  );
  const at = now.toISOString();
  await deps.store.roadshows.layOut(slots, seats, at);
  const after: RoadshowRecord = {
    ...r,
    status: 'published',
    publishedAt: at,
    version: r.version + 1,
    updatedAt: at,
  };
  await deps.store.roadshows.save(r, after, [scheduledEvent(deps, after, slots, seats, principal.userId)]);
  return after;
}

/**
 * Moves a published roadshow to another venue (another address, or online with a link).
 * 1. published, and no session started yet (422)
 * 2. a higher revision, and RoadshowScheduled again with it: every attendee still invited gets
 *    the change in-app and, for funds, on the webhook, with calendar files of the same UIDs and
 *    a higher SEQUENCE, so calendars update the entry instead of adding one
 */
export async function changeRoadshowVenue(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
  venue: Venue,
): Promise<RoadshowRecord> {
  const principal = requireRole(caller, 'operator');
  const r = await loadForOperator(deps.store, principal, id);
  if (r.status !== 'published')
    throw new UnprocessableError(
      '只有已发布的路演可以更改会场（草稿直接修改后再发布）',
      'only a published roadshow changes venue (a draft is simply published with the right one)',
    );
  const now = deps.now();
  if (r.sessions.some((s) => Date.parse(s.startsAt) <= now.getTime()))
    throw new UnprocessableError(
      '有场次已开始，不能更改会场',
      'a session has already started; the venue is fixed',
    );
  const [slots, seats] = await Promise.all([
    deps.store.roadshows.listSlots(r.id),
    deps.store.roadshows.listSeats(r.id),
  ]);
  const at = now.toISOString();
  const after: RoadshowRecord = {
    ...r,
    venue,
    revision: r.revision + 1,
    version: r.version + 1,
    updatedAt: at,
  };
  await deps.store.roadshows.save(r, after, [scheduledEvent(deps, after, slots, seats, principal.userId)]);
  return after;
}

/** Cancels a published roadshow: a higher revision, and RoadshowCancelled (METHOD:CANCEL files follow). */
export async function cancelRoadshow(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
): Promise<RoadshowRecord> {
  const principal = requireRole(caller, 'operator');
  const r = await loadForOperator(deps.store, principal, id);
  if (r.status === 'cancelled' || r.status === 'completed')
    throw new UnprocessableError('路演已结束或已取消', 'the roadshow is already over or cancelled');
  const at = deps.now().toISOString();
  const after: RoadshowRecord = {
    ...r,
    status: 'cancelled',
    revision: r.revision + 1,
    version: r.version + 1,
    updatedAt: at,
  };
  await deps.store.roadshows.save(
    r,
    after,
    r.status === 'published'
      ? [
          newEvent(
            deps,
            'RoadshowCancelled',
            r.id,
            { roadshowId: r.id, revision: after.revision },
            principal.userId,
          ),
        ]
      : [],
  );
  return after;
}

export async function readRoadshow(deps: { store: Store }, caller: Principal | undefined, id: string) {
  const principal = requireRole(caller, 'operator');
  const r = await loadForOperator(deps.store, principal, id);
  const [slots, seats, intents] =
    r.status === 'draft' || r.status === 'planned'
      ? [[], [], []]
      : await Promise.all([
          deps.store.roadshows.listSlots(id),
          deps.store.roadshows.listSeats(id),
          deps.store.roadshows.listIntents(id),
        ]);
  return { roadshow: r, slots, seats, intents };
}

export async function listRoadshows(deps: { store: Store }, caller: Principal | undefined) {
  const principal = requireRole(caller, 'operator');
  return deps.store.roadshows.listByRegion(principal.regionPrefix);
}

/** Published roadshows that have not ended: the public list (no firm or fund named). */
export async function upcomingRoadshows(deps: { store: Store } & Pick<Clock, 'now'>) {
  const now = deps.now().getTime();
  return (await deps.store.roadshows.listPublished()).filter(
    (r) => r.status === 'published' && Date.parse(r.sessions[r.sessions.length - 1]!.endsAt) > now,
  );
}

const MAX_REFILL_TRIES = 4;

/**
 * The slot after its firm gives it up (declines, or withdraws its request): the next firm of the
 * waitlist not yet placed in this roadshow, available at the slot's time and still consenting
 * takes it (invited); nobody left → the slot stays empty (declined).
 */
export async function slotAfterRefill(
  store: Store,
  r: RoadshowRecord,
  slot: SlotRecord,
  now: Date,
): Promise<SlotRecord> {
  const [placed, pool] = await Promise.all([
    store.roadshows.placed(r.id),
    store.equity.listPool(r.regionPrefix),
  ]);
  const entries = new Map(pool.map((p) => [p.requestId, p]));
  const next = nextFromWaitlist(
    r.plan?.waitlist ?? [],
    { from: Date.parse(slot.startsAt), to: Date.parse(slot.endsAt) },
    new Map([...entries.keys()].map((k) => [k, { consent: true }])),
    new Set([...placed, ...(slot.requestId ? [slot.requestId] : [])]),
  );
  const nextEntry = next ? entries.get(next) : undefined;
  return {
    ...slot,
    requestId: nextEntry?.requestId ?? null,
    uscc: nextEntry?.uscc ?? null,
    status: nextEntry ? 'invited' : 'declined',
    version: slot.version + 1,
    declinedBy: [...slot.declinedBy, ...(slot.requestId ? [slot.requestId] : [])],
    refilledAt: now.toISOString(),
  };
}

/**
 * A firm answers for its slot.
 * 1. the slot must be the firm's (404 for anyone else's), the roadshow published and not started (422)
 * 2. accept: the slot on its version + RoadshowRsvp
 * 3. decline: the next firm of the waitlist not yet placed, available and consenting takes the
 *    slot — the slot on its version and the next firm's "placed" mark in one transaction, so two
 *    racing declines refill once and two refills never place the same firm; a refill that lost
 *    only the mark re-reads and tries the next firm.
 */
export async function rsvpSlot(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
  sessionId: string,
  slotIndex: number,
  answer: 'accept' | 'decline',
): Promise<SlotRecord> {
  const principal = requireRole(caller, 'firm');
  const notYours = () =>
    new NotFoundError('未找到该路演时段', `no slot ${sessionId}/${slotIndex} of roadshow ${id} is yours`);
  for (let attempt = 1; ; attempt++) {
    const [r, slot] = await Promise.all([
      deps.store.roadshows.get(id),
      deps.store.roadshows.getSlot(id, sessionId, slotIndex),
    ]);
    if (!r || !slot || slot.uscc !== principal.uscc || !slot.requestId) throw notYours();
    if (r.status !== 'published')
      throw new UnprocessableError('路演未发布或已取消', 'the roadshow is not published');
    const now = deps.now();
    if (Date.parse(slot.startsAt) <= now.getTime())
      throw new UnprocessableError(
        '时段已开始，不能再答复',
        'the slot has started; it can no longer be answered',
      );
    if (answer === 'accept' && slot.status === 'accepted') return slot;
    const rsvp = newEvent(
      deps,
      'RoadshowRsvp',
      id,
      { roadshowId: id, sessionId, slot: slotIndex, requestId: slot.requestId, answer },
      principal.userId,
    );
    if (answer === 'accept') {
      const after: SlotRecord = { ...slot, status: 'accepted', version: slot.version + 1 };
      await deps.store.roadshows.answerSlot(slot, after, [rsvp]);
      return after;
    }
    const after = await slotAfterRefill(deps.store, r, slot, now);
    const refilled = newEvent(
      deps,
      'RoadshowSlotRefilled',
      id,
      { roadshowId: id, sessionId, slot: slotIndex, declinedBy: slot.requestId, requestId: after.requestId },
      principal.userId,
    );
    try {
      await deps.store.roadshows.refill(slot, after, [rsvp, refilled], now.toISOString());
      return after;
    } catch (error) {
      // Lost the race for the slot itself: the re-read finds it is no longer this firm's (404/409 below).
      if (attempt >= MAX_REFILL_TRIES) throw error;
      const again = await deps.store.roadshows.getSlot(id, sessionId, slotIndex);
      if (!again || again.version !== slot.version) throw error;
    }
  }
}

/** A fund's officer answers for one of its seats (404 for a seat of another institution). */
export async function rsvpSeat(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
  sessionId: string,
  fundId: string,
  answer: 'accept' | 'decline',
): Promise<SeatRecord> {
  const principal = requireRole(caller, 'officer');
  const seats = await deps.store.roadshows.listSeats(id);
  const seat = seats.find((s) => s.sessionId === sessionId && s.fundId === fundId);
  if (!seat || seat.institutionId !== principal.institutionId)
    throw new NotFoundError('未找到该席位', `no seat ${sessionId}/${fundId} of roadshow ${id} is yours`);
  const after: SeatRecord = {
    ...seat,
    status: answer === 'accept' ? 'accepted' : 'declined',
    version: seat.version + 1,
  };
  await deps.store.roadshows.answerSeat(
    seat,
    after,
    newEvent(deps, 'RoadshowRsvp', id, { roadshowId: id, sessionId, fundId, answer }, principal.userId),
  );
  return after;
}

/**
 * The calendar file of one attendee — a firm's slots, or an institution's seats — in a roadshow
 * (METHOD:CANCEL once it is cancelled; SEQUENCE its revision). Undefined when it has none.
 */
export function attendeeCalendar(
  r: RoadshowRecord,
  attendee: { uscc: string } | { institutionId: string },
  placements: { slots: readonly SlotRecord[]; seats: readonly SeatRecord[] },
  stamp: Date,
): Promise<string | undefined> {
  const events =
    'uscc' in attendee
      ? placements.slots
          .filter((s) => s.uscc === attendee.uscc)
          .map((s) => ({
            uid: `${r.id}.${s.sessionId}.${s.slot}.${s.requestId}@jingrong`,
            startsAt: new Date(s.startsAt),
            endsAt: new Date(s.endsAt),
            summary: `路演：${r.title}（第${s.sessionId.slice(1)}场 第${s.slot + 1}位）`,
          }))
      : placements.seats
          .filter((s) => s.institutionId === attendee.institutionId)
          .map((s) => ({
            uid: `${r.id}.${s.sessionId}.${s.fundId}@jingrong`,
            startsAt: new Date(s.startsAt),
            endsAt: new Date(s.endsAt),
            summary: `路演：${r.title}（第${s.sessionId.slice(1)}场）`,
          }));
  if (events.length === 0) return Promise.resolve(undefined);
  return roadshowIcs({
    method: r.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    sequence: r.revision,
    stamp,
    name: r.title,
    venue: r.venue,
    organizer: { name: '精融路演', email: 'roadshow@jingrong.invalid' },
    attendee: { name: 'uscc' in attendee ? attendee.uscc : attendee.institutionId },
    events,
  });
}

/** The calendar file of a firm's slots or a fund officer's seats in one roadshow. */
export async function roadshowCalendar(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
): Promise<string> {
  const principal = requireRole(caller, 'firm', 'officer');
  const r = await deps.store.roadshows.get(id);
  if (!r || (r.status !== 'published' && r.status !== 'cancelled')) throw roadshowNotFound(id);
  const ics =
    principal.role === 'firm'
      ? await attendeeCalendar(
          r,
          { uscc: principal.uscc },
          { slots: await deps.store.roadshows.listSlots(id), seats: [] },
          deps.now(),
        )
      : await attendeeCalendar(
          r,
          { institutionId: principal.institutionId },
          { slots: [], seats: await deps.store.roadshows.listSeats(id) },
          deps.now(),
        );
  if (!ics) throw roadshowNotFound(id);
  return ics;
}

/** The roadshows a firm holds slots in, or a fund officer's institution has seats in. */
export async function myRoadshows(deps: { store: Store }, caller: Principal | undefined) {
  const principal = requireRole(caller, 'firm', 'officer');
  if (principal.role === 'firm') {
    const slots = await deps.store.roadshows.listSlotsByFirm(principal.uscc);
    return { slots: slots.filter((s) => s.uscc === principal.uscc), seats: [] as SeatRecord[] };
  }
  return {
    slots: [] as SlotRecord[],
    seats: await deps.store.roadshows.listSeatsByInstitution(principal.institutionId),
  };
}

/**
 * After the event, a fund files its intent on a firm that pitched in a session it sat in.
 * 1. the fund is the officer's (404), it had a seat and the firm a slot in one session (422),
 *    and that slot has ended (422)
 * 2. interested → an equity lead (or the fund's existing one on this request)
 * 3. the card (once per fund and firm: 409) + lead + events, one transaction
 */
export async function fileIntentCard(
  deps: Deps,
  caller: Principal | undefined,
  id: string,
  fundId: string,
  input: IntentCardInput,
): Promise<IntentCard> {
  const principal = requireRole(caller, 'officer');
  const fund = await deps.store.equity.getFund(fundId);
  if (!fund || fund.institutionId !== principal.institutionId)
    throw new NotFoundError(`未找到基金 ${fundId}`, `fund ${fundId} not found`);
  const r = await deps.store.roadshows.get(id);
  if (!r || r.status === 'draft' || r.status === 'planned') throw roadshowNotFound(id);
  const [slots, seats] = await Promise.all([
    deps.store.roadshows.listSlots(id),
    deps.store.roadshows.listSeats(id),
  ]);
  const sessionsSat = new Set(
    seats.filter((s) => s.fundId === fundId && s.status !== 'declined').map((s) => s.sessionId),
  );
  const slot = slots.find((s) => s.requestId === input.requestId && sessionsSat.has(s.sessionId));
  if (!slot)
    throw new UnprocessableError(
      '该企业没有在本基金参加的场次路演',
      `request ${input.requestId} did not pitch in a session fund ${fundId} sat in`,
    );
  const now = deps.now();
  if (Date.parse(slot.endsAt) > now.getTime())
    throw new UnprocessableError('路演结束后才能填写意向卡', 'intent cards are filed after the pitch');
  const entry = await deps.store.equity.getPoolEntry(input.requestId);
  if (!entry) throw new ForbiddenError('企业已撤回推送授权', 'the firm no longer consents to being pushed');
  const opened = input.interested
    ? await openEquityLead(deps, principal, fund, entry, { kind: 'roadshow', roadshowId: id })
    : undefined;
  const card: IntentCard = {
    roadshowId: id,
    fundId,
    requestId: input.requestId,
    interested: input.interested,
    ...(!input.interested ? { reasons: input.reasons } : {}),
    ...(input.note ? { note: input.note } : {}),
    at: now.toISOString(),
    ...(opened ? { leadId: opened.leadId } : {}),
  };
  await deps.store.roadshows.fileIntent(card, opened?.lead, [
    newEvent(
      deps,
      'IntentCardFiled',
      id,
      {
        roadshowId: id,
        fundId,
        requestId: input.requestId,
        interested: input.interested,
        ...(opened ? { leadId: opened.leadId } : {}),
      },
      principal.userId,
    ),
    ...(opened?.event ? [opened.event] : []),
  ]);
  return card;
}
