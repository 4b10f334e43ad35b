import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, as the big payment APIs do them (docs/events.md has the recipe):
 *   Jingrong-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * The receiver recomputes the HMAC over the timestamp, a dot and the exact bytes received,
 * compares in constant time, and refuses timestamps more than 5 minutes away from its clock.
 */
export const SIGNATURE_HEADER = 'Jingrong-Signature';
export const EVENT_ID_HEADER = 'Jingrong-Event-Id';
export const EVENT_TYPE_HEADER = 'Jingrong-Event-Type';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/** The receiver's side of the recipe (also what the tests follow). */
export function verifyWebhook(secret: string, header: string, body: string, nowSeconds: number): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
