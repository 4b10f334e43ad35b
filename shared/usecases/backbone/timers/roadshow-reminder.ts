import type { Effect } from '#store/effects.ts';
import { notificationId } from '#store/notifications.ts';
import type { TimerHandler } from '../sweep.ts';

export const ROADSHOW_REMINDER = 'roadshow-reminder';

/** Asia/Shanghai wall clock of an instant, "2026-12-03 09:30". */
export function shanghaiClock(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * 24 h before a session: each firm still holding a slot in it and each institution with a seat
 * not declined is reminded, in the timer's completion transaction (so once). A cancelled
 * roadshow, a session moved since (its new timer carries the new time) or one already started
 * reminds nobody.
 */
export const fireRoadshowReminder: TimerHandler = async (timer, deps) => {
  const { roadshowId, sessionId, startsAt } = timer.payload as {
    roadshowId: string;
    sessionId: string;
    startsAt: string;
  };
  const r = await deps.store.roadshows.get(roadshowId);
  const session = r?.sessions.find((s) => s.id === sessionId);
  if (r?.status !== 'published' || session?.startsAt !== startsAt) return { effects: [] };
  if (Date.parse(startsAt) <= deps.now().getTime()) return { effects: [] };
  const [slots, seats] = await Promise.all([
    deps.store.roadshows.listSlots(roadshowId),
    deps.store.roadshows.listSeats(roadshowId),
  ]);
  const at = deps.now().toISOString();
  const when = shanghaiClock(startsAt);
  const reminder = (inbox: `firm:${string}` | `institution:${string}`, link: string): Effect => ({
    kind: 'notification',
    notification: {
      id: notificationId(timer.dueAt, timer.id, inbox),
      inbox,
      at: timer.dueAt,
      kind: `roadshow-reminder:${roadshowId}:${sessionId}`,
      title: { zh: `明日路演：${r.title}`, en: `Roadshow tomorrow: ${r.title}` },
      body: {
        zh: `第${sessionId.slice(1)}场将于 ${when} 开始（${r.venue.kind === 'online' ? r.venue.url : r.venue.address}）。`,
        en: `Session ${sessionId.slice(1)} starts at ${when} (Asia/Shanghai), ${r.venue.kind === 'online' ? r.venue.url : r.venue.address}.`,
      },
      link,
      eventId: `${timer.id}@${at}`,
    },
  });
  const firms = new Set(
    slots.filter((s) => s.sessionId === sessionId && s.uscc && s.status !== 'declined').map((s) => s.uscc!),
  );
  const institutions = new Set(
    seats.filter((s) => s.sessionId === sessionId && s.status !== 'declined').map((s) => s.institutionId),
  );
  return {
    effects: [
      ...[...firms].map((uscc) => reminder(`firm:${uscc}`, '/firm/equity')),
      ...[...institutions].map((id) => reminder(`institution:${id}`, '/officer/equity')),
    ],
  };
};
