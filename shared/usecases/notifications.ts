import { ForbiddenError, NotFoundError } from '#domain/errors.ts';
import type { Principal } from '#domain/principal.ts';
import type { Escalation, RegionSpecialist } from '#store/escalations.ts';
import type { Store } from '#store/index.ts';
import type { Inbox, Notification } from '#store/notifications.ts';
import { loadLeadFor } from './access.ts';
import type { Clock } from './events.ts';

/** The inboxes a signed-in user reads: their own, and their firm's, institution's or region's. */
export function inboxesOf(principal: Principal): Inbox[] {
  const own: Inbox = `user:${principal.userId}`;
  if (principal.role === 'firm') return [own, `firm:${principal.uscc}`];
  if (principal.role === 'officer') return [own, `institution:${principal.institutionId}`];
  return [own, `region:${principal.regionPrefix}`];
}

/** The newest notifications and the unread count (the page header's badge). */
export async function listNotifications(
  store: Store,
  principal: Principal,
  limit: number,
): Promise<{ items: Notification[]; unread: number }> {
  const inboxes = inboxesOf(principal);
  const [items, unread] = await Promise.all([
    store.backbone.notifications.list(inboxes, limit),
    store.backbone.notifications.unreadCount(inboxes),
  ]);
  return { items, unread };
}

export async function unreadCount(store: Store, principal: Principal): Promise<number> {
  return store.backbone.notifications.unreadCount(inboxesOf(principal));
}

/** Marks one of the caller's notifications read (404 when it is not theirs or does not exist). */
export async function markNotificationRead(
  deps: { store: Store } & Pick<Clock, 'now'>,
  principal: Principal,
  id: string,
): Promise<void> {
  const done = await deps.store.backbone.notifications.markRead(
    inboxesOf(principal),
    id,
    deps.now().toISOString(),
  );
  if (!done) {
    const all = await deps.store.backbone.notifications.list(inboxesOf(principal), 200);
    if (!all.some((n) => n.id === id)) {
      throw new NotFoundError(`未找到通知 ${id}`, `notification ${id} not found`);
    }
  }
}

/** A lead's escalations, for whoever may read the lead. */
export async function escalationsOfLead(
  store: Store,
  principal: Principal,
  leadId: string,
): Promise<Escalation[]> {
  const lead = await loadLeadFor(store, principal, leadId);
  return store.backbone.escalations.ofLead(lead.id);
}

/** The escalations of the operator's region, newest first. */
export async function regionEscalations(
  store: Store,
  principal: Extract<Principal, { role: 'operator' }>,
  limit: number,
): Promise<Escalation[]> {
  return store.backbone.escalations.ofRegion(principal.regionPrefix, limit);
}

/** An operator sets the default service specialist of a region within its own. */
export async function setRegionSpecialist(
  store: Store,
  principal: Extract<Principal, { role: 'operator' }>,
  regionPrefix: string,
  specialist: { userId: string; name: string; phone?: string },
): Promise<RegionSpecialist> {
  if (!regionPrefix.startsWith(principal.regionPrefix)) {
    throw new ForbiddenError(
      '只能设置本地区的服务专员',
      'operators set specialists of their own region only',
    );
  }
  const saved = { regionPrefix, ...specialist };
  await store.backbone.escalations.setRegionSpecialist(saved);
  return saved;
}
