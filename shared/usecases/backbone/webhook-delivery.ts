import { lookup } from 'node:dns/promises';
import { isPrivateAddress } from '#domain/webhook-url.ts';
import type { DomainEvent } from '#events/catalog.ts';
import type { Effect } from '#store/effects.ts';
import type { Timer } from '#store/timers.ts';
import type { DeliveryAttempt, WebhookDelivery } from '#store/webhooks.ts';
import type { BackboneDeps } from './context.ts';
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature.ts';

export const WEBHOOK_RETRY = 'webhook-retry';
/** Retries go on for a day after the first attempt. */
export const RETRY_WINDOW_MS = 24 * 3600_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3600_000;
const TIMEOUT_MS = 5000;

/**
 * Delay before retry number `failures` (1 = after the first failure): exponential from 30 s,
 * capped at an hour, with "equal jitter" (half fixed, half random) so receivers that come
 * back are not hit by every sender at once.
 */
export function retryDelayMs(failures: number, random: number): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
  return Math.round(base / 2 + random * (base / 2));
}

/** One POST of the delivery's exact body, freshly signed; never throws. */
async function post(deps: BackboneDeps, delivery: WebhookDelivery, secret: string): Promise<DeliveryAttempt> {
  const started = deps.now();
  const at = started.toISOString();
  const t0 = performance.now();
  try {
    const url = new URL(delivery.url);
    if (deps.mode === 'aws') {
      // The name may resolve to a private address (or be re-pointed there after registration).
      const addresses = await lookup(url.hostname, { all: true });
      if (addresses.some((a) => isPrivateAddress(a.address))) {
        return { at, status: 0, error: 'refused: the host resolves to a private address', ms: 0 };
      }
    }
    const timestamp = Math.floor(started.getTime() / 1000);
    const res = await (deps.fetch ?? fetch)(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Jingrong-Webhooks/1',
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, delivery.body),
        [EVENT_ID_HEADER]: delivery.eventId,
        [EVENT_TYPE_HEADER]: delivery.eventType,
      },
      body: delivery.body,
    });
    await res.body?.cancel();
    const ms = Math.round(performance.now() - t0);
    return res.ok
      ? { at, status: res.status, ms }
      : { at, status: res.status, error: `HTTP ${res.status}`, ms };
  } catch (error) {
    return {
      at,
      status: 0,
      error: error instanceof Error ? error.message : String(error),
      ms: Math.round(performance.now() - t0),
    };
  }
}

/**
 * Makes one attempt and says what follows: delivered, a retry timer at the next backoff,
 * or failed for good once the next retry would fall outside the 24-hour window.
 */
export async function attempt(
  deps: BackboneDeps,
  delivery: WebhookDelivery,
  secret: string,
): Promise<{ delivery: WebhookDelivery; retryAt?: string }> {
  const result = await post(deps, delivery, secret);
  const attempts = [...delivery.attempts, result];
  if (!result.error)
    return { delivery: { ...delivery, attempts, state: 'delivered', nextAttemptAt: undefined } };
  const failures = attempts.length;
  const first = Date.parse(attempts[0]!.at);
  const next = Date.parse(result.at) + retryDelayMs(failures, (deps.random ?? Math.random)());
  if (next - first > RETRY_WINDOW_MS) {
    deps.metrics?.count('WebhookFailures');
    return { delivery: { ...delivery, attempts, state: 'failed', nextAttemptAt: undefined } };
  }
  const retryAt = new Date(next).toISOString();
  return { delivery: { ...delivery, attempts, state: 'pending', nextAttemptAt: retryAt }, retryAt };
}

export function retryTimer(delivery: WebhookDelivery, dueAt: string): Timer {
  return {
    id: `${WEBHOOK_RETRY}:${delivery.institutionId}:${delivery.eventId}`,
    kind: WEBHOOK_RETRY,
    dueAt,
    subject: delivery.institutionId,
    payload: { institutionId: delivery.institutionId, at: delivery.at, eventId: delivery.eventId },
  };
}

/**
 * The first delivery of an event to an institution's registered webhook: a pending delivery
 * of `body`, its first attempt right away, and what the consumer commits with its processed
 * marker (the delivery log entry, and a retry timer if the attempt failed).
 */
export async function firstDelivery(
  deps: BackboneDeps,
  event: DomainEvent,
  registration: { institutionId: string; url: string; secret: string },
  body: string,
): Promise<Effect[]> {
  const pending: WebhookDelivery = {
    institutionId: registration.institutionId,
    eventId: event.id,
    eventType: event.type,
    at: event.occurredAt,
    url: registration.url,
    state: 'pending',
    attempts: [],
    body,
  };
  const { delivery, retryAt } = await attempt(deps, pending, registration.secret);
  return [
    { kind: 'delivery', delivery },
    ...(retryAt ? [{ kind: 'timer' as const, timer: retryTimer(delivery, retryAt) }] : []),
  ];
}
