import type { TimerHandler } from '../sweep.ts';
import { attempt } from '../webhook-delivery.ts';

/** A webhook retry came due: one more attempt; the timer stays for the next one until delivered or given up. */
export const fireWebhookRetry: TimerHandler = async (timer, deps) => {
  const { institutionId, at, eventId } = timer.payload as {
    institutionId: string;
    at: string;
    eventId: string;
  };
  const [delivery, registration] = await Promise.all([
    deps.store.backbone.webhooks.delivery(institutionId, at, eventId),
    deps.store.backbone.webhooks.get(institutionId),
  ]);
  if (delivery?.state !== 'pending' || !registration) return { effects: [] };
  // The institution may have moved its endpoint since: retries go to the current URL and secret.
  const next = await attempt(deps, { ...delivery, url: registration.url }, registration.secret);
  return { effects: [{ kind: 'delivery', delivery: next.delivery }], retryAt: next.retryAt };
};
