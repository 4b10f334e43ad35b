import type { RoadshowRecord, SeatRecord, SlotRecord } from '#domain/roadshow/roadshow.ts';
import type { DomainEvent, EventOf } from '#events/catalog.ts';
import type { Effect } from '#store/effects.ts';
import type { Timer } from '#store/timers.ts';
import { attendeeCalendar, slotAfterRefill } from '../../roadshows.ts';
import type { BackboneDeps, Consumer } from '../context.ts';
import { notify } from '../notify.ts';
import { ROADSHOW_REMINDER, shanghaiClock } from '../timers/roadshow-reminder.ts';
import { firstDelivery } from '../webhook-delivery.ts';

/** Roadshows are announced a day ahead: the reminder timer of each session. */
const REMINDER_BEFORE_MS = 24 * 3600_000;

function venueText(r: RoadshowRecord): string {
  return r.venue.kind === 'online' ? r.venue.url : r.venue.address;
}

/** A session's reminder: due 24 h before it starts (at once when published later than that). */
export function reminderTimer(r: RoadshowRecord, session: RoadshowRecord['sessions'][number]): Timer {
  return {
    id: `${ROADSHOW_REMINDER}:${r.id}:${session.id}`,
    kind: ROADSHOW_REMINDER,
    dueAt: new Date(Date.parse(session.startsAt) - REMINDER_BEFORE_MS).toISOString(),
    subject: r.id,
    payload: { roadshowId: r.id, sessionId: session.id, startsAt: session.startsAt },
  };
}

/**
 * What a fund's webhook receives about a roadshow: the sessions its funds sit in and the
 * calendar file of them (METHOD:REQUEST, or CANCEL), never a firm's identity.
 */
export function roadshowWebhookBody(
  event: DomainEvent,
  r: RoadshowRecord,
  seats: readonly SeatRecord[],
  ics: string,
): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    data: {
      roadshowId: r.id,
      title: r.title,
      status: r.status,
      revision: r.revision,
      venue: r.venue,
      sessions: seats.map((s) => ({
        sessionId: s.sessionId,
        fundId: s.fundId,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        status: s.status,
      })),
      calendar: { contentType: 'text/calendar; charset=utf-8', filename: `roadshow-${r.id}.ics`, ics },
    },
  });
}

/** The signed POST of a roadshow event to one institution's webhook, once per (event, institution). */
async function fundWebhook(
  deps: BackboneDeps,
  event: DomainEvent,
  r: RoadshowRecord,
  institutionId: string,
  seats: readonly SeatRecord[],
): Promise<Effect[]> {
  const registration = await deps.store.backbone.webhooks.get(institutionId);
  if (!registration) return [];
  // Already POSTed by an earlier run of this event (a redelivery after a crash): not again.
  if (await deps.store.backbone.webhooks.delivery(institutionId, event.occurredAt, event.id)) return [];
  const ics = await attendeeCalendar(r, { institutionId }, { slots: [], seats }, new Date(event.occurredAt));
  if (!ics) return [];
  return firstDelivery(deps, event, registration, roadshowWebhookBody(event, r, seats, ics));
}

/** A RoadshowScheduled of a higher revision than the first: the roadshow changed after publishing. */
function isChange(event: DomainEvent): boolean {
  return event.type === 'RoadshowScheduled' && event.detail.revision > 0;
}

function firmInvitation(event: DomainEvent, r: RoadshowRecord, slots: readonly SlotRecord[]): Effect {
  const uscc = slots[0]!.uscc!;
  const when = slots.map(
    (s) => `${shanghaiClock(s.startsAt)}（第${s.sessionId.slice(1)}场 第${s.slot + 1}位）`,
  );
  const cancelled = event.type === 'RoadshowCancelled';
  return notify(event, `firm:${uscc}`, {
    kind: cancelled ? `roadshow-cancelled:${r.id}` : `roadshow-invitation:${r.id}`,
    title: cancelled
      ? { zh: `路演已取消：${r.title}`, en: `Roadshow cancelled: ${r.title}` }
      : isChange(event)
        ? { zh: `路演变更：${r.title}`, en: `Roadshow changed: ${r.title}` }
        : { zh: `路演邀请：${r.title}`, en: `Roadshow invitation: ${r.title}` },
    body: cancelled
      ? {
          zh: `原定 ${when.join('、')} 的路演已取消。日历文件已更新（取消）。`,
          en: `The roadshow planned for ${when.join(', ')} (Asia/Shanghai) is cancelled; the calendar file now cancels it.`,
        }
      : {
          zh: `您获邀于 ${when.join('、')} 在「${venueText(r)}」路演，请确认是否参加，并下载日历文件（.ics）。`,
          en: `You are invited to pitch at ${when.join(', ')} (Asia/Shanghai), ${venueText(r)}. Please answer, and download the calendar file (.ics).`,
        },
    link: '/firm/equity',
  });
}

function fundInvitation(event: DomainEvent, r: RoadshowRecord, seats: readonly SeatRecord[]): Effect {
  const institutionId = seats[0]!.institutionId;
  const when = [...new Set(seats.map((s) => shanghaiClock(s.startsAt)))];
  const cancelled = event.type === 'RoadshowCancelled';
  return notify(event, `institution:${institutionId}`, {
    kind: cancelled ? `roadshow-cancelled:${r.id}` : `roadshow-invitation:${r.id}`,
    title: cancelled
      ? { zh: `路演已取消：${r.title}`, en: `Roadshow cancelled: ${r.title}` }
      : isChange(event)
        ? { zh: `路演变更（基金）：${r.title}`, en: `Roadshow changed, for your fund: ${r.title}` }
        : { zh: `路演邀请（基金）：${r.title}`, en: `Roadshow invitation for your fund: ${r.title}` },
    body: cancelled
      ? {
          zh: `原定 ${when.join('、')} 的路演已取消。`,
          en: `The roadshow planned for ${when.join(', ')} (Asia/Shanghai) is cancelled.`,
        }
      : {
          zh: `贵机构的基金获邀参加 ${when.join('、')} 的路演（${venueText(r)}），请确认席位并下载日历文件（.ics）。`,
          en: `Your funds are invited to the roadshow at ${when.join(', ')} (Asia/Shanghai), ${venueText(r)}. Please confirm the seats and download the calendar file (.ics).`,
        },
    link: '/officer/equity',
  });
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * RoadshowScheduled / RoadshowCancelled → each firm with a slot and each institution with a seat
 * told in-app (with the .ics on its page), each institution with a webhook sent the signed event
 * with its calendar file, and (scheduled) each session's 24 h reminder timer set. A refilled
 * slot → its new firm is invited. A roadshow reaches hundreds of attendees: the effects are
 * written per attendee (more than one transaction holds); notices have deterministic ids and a
 * webhook is POSTed once per (event, institution), so a rerun adds nothing.
 */
export async function inviteToRoadshow(
  event: EventOf<'RoadshowScheduled'> | EventOf<'RoadshowCancelled'> | EventOf<'RoadshowSlotRefilled'>,
  deps: BackboneDeps,
): Promise<number> {
  const r = await deps.store.roadshows.get(event.detail.roadshowId);
  if (!r) return 0;
  const groups: Effect[][] = [];
  if (event.type === 'RoadshowSlotRefilled') {
    const { requestId, sessionId, slot } = event.detail;
    const current = await deps.store.roadshows.getSlot(r.id, sessionId, slot);
    if (!requestId || r.status !== 'published' || current?.requestId !== requestId) return 0;
    groups.push([firmInvitation(event, r, [current])]);
  } else {
    // A later change (a higher revision) or a cancellation supersedes this event: nothing to send.
    if (
      event.type === 'RoadshowScheduled' &&
      (r.status !== 'published' || r.revision !== event.detail.revision)
    )
      return 0;
    const [slots, seats] = await Promise.all([
      deps.store.roadshows.listSlots(r.id),
      deps.store.roadshows.listSeats(r.id),
    ]);
    for (const own of groupBy(
      slots.filter((s) => s.status !== 'declined'),
      (s) => s.uscc,
    ).values())
      groups.push([firmInvitation(event, r, own)]);
    for (const [institutionId, own] of groupBy(
      seats.filter((s) => s.status !== 'declined'),
      (s) => s.institutionId,
    )) {
      groups.push([
        fundInvitation(event, r, own),
        ...(await fundWebhook(deps, event, r, institutionId, own)),
      ]);
    }
    if (event.type === 'RoadshowScheduled')
      groups.push(r.sessions.map((s) => ({ kind: 'timer' as const, timer: reminderTimer(r, s) })));
  }
  return deps.store.backbone.ledger.applyGroups(groups, 10);
}

export const roadshowInvitations: Consumer = {
  name: 'roadshow-invitations',
  async handle(event, deps) {
    if (
      event.type !== 'RoadshowScheduled' &&
      event.type !== 'RoadshowCancelled' &&
      event.type !== 'RoadshowSlotRefilled'
    )
      return [];
    await inviteToRoadshow(event, deps);
    return [];
  },
};

/** RoadshowProposed → the city's operators are told a session's worth of firms is waiting. */
export const roadshowProposals: Consumer = {
  name: 'roadshow-proposals',
  async handle(event) {
    if (event.type !== 'RoadshowProposed') return [];
    const { regionPrefix, chain, requestIds } = event.detail;
    return [
      notify(event, `region:${regionPrefix}`, {
        kind: `roadshow-proposed:${chain}`,
        title: {
          zh: `可组织路演：${chain} 产业链 ${requestIds.length} 家企业`,
          en: `A roadshow could be held: ${requestIds.length} firms of chain ${chain}`,
        },
        body: {
          zh: `本地区 ${requestIds.length} 家 ${chain} 产业链企业已同意推送股权融资需求，足够一场路演。`,
          en: `${requestIds.length} firms of chain ${chain} in your region consented to have their equity requests pushed: enough for a session.`,
        },
        link: '/operator/equity',
      }),
    ];
  },
};

/**
 * RequestWithdrawn → the firm's slots (of that request) in published roadshows that have not
 * started are given up and refilled from the waitlist, each with RoadshowSlotRefilled, in the
 * consumer's transaction (the slot on its version): a redelivery finds the slot no longer the
 * request's and does nothing.
 */
export const roadshowRefill: Consumer = {
  name: 'roadshow-refill',
  async handle(event, deps) {
    if (event.type !== 'RequestWithdrawn') return [];
    const { requestId, uscc } = event.detail;
    const now = deps.now();
    const slots = (await deps.store.roadshows.listSlotsByFirm(uscc)).filter(
      (s) => s.requestId === requestId && s.status !== 'declined' && Date.parse(s.startsAt) > now.getTime(),
    );
    const effects: Effect[] = [];
    for (const slot of slots) {
      const r = await deps.store.roadshows.get(slot.roadshowId);
      if (r?.status !== 'published') continue;
      const after = await slotAfterRefill(deps.store, r, slot, now);
      effects.push(
        { kind: 'slot-refill', before: slot, after, at: now.toISOString() },
        {
          kind: 'event',
          event: {
            id: `${event.id}/refill/${slot.roadshowId}/${slot.sessionId}/${slot.slot}`,
            type: 'RoadshowSlotRefilled',
            version: 1,
            occurredAt: now.toISOString(),
            subject: slot.roadshowId,
            detail: {
              roadshowId: slot.roadshowId,
              sessionId: slot.sessionId,
              slot: slot.slot,
              declinedBy: requestId,
              requestId: after.requestId,
            },
          },
        },
      );
    }
    return effects;
  },
};
