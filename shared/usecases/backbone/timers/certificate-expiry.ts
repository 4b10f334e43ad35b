import type { Certification } from '#domain/firm.ts';
import type { Timer } from '#store/timers.ts';
import type { TimerHandler } from '../sweep.ts';

export const CERTIFICATE_EXPIRY = 'certificate-expiry';

/** A certificate's name in keys and messages: its tier or label, and its level. */
export function certificateName(c: Certification): string {
  return `${'tier' in c ? c.tier : c.label}/${c.level}`;
}

/** The timer of one certificate: due at the start of its expiresOn date in Shanghai (it is valid before). */
export function certificateTimer(uscc: string, c: Certification): Timer {
  return {
    id: `${CERTIFICATE_EXPIRY}:${uscc}:${certificateName(c)}`,
    kind: CERTIFICATE_EXPIRY,
    dueAt: new Date(`${c.expiresOn}T00:00:00+08:00`).toISOString(),
    subject: uscc,
    payload: { certificate: certificateName(c), expiresOn: c.expiresOn },
  };
}

/** The certificate expired: CertificateExpired, unless the firm renewed or dropped it since. */
export const fireCertificateExpiry: TimerHandler = async (timer, deps) => {
  const { certificate, expiresOn } = timer.payload as { certificate: string; expiresOn: string };
  const firm = await deps.store.firms.get(timer.subject);
  const still = firm?.certifications.some(
    (c) => certificateName(c) === certificate && c.expiresOn === expiresOn,
  );
  if (!firm || !still) return { effects: [] };
  return {
    effects: [
      {
        kind: 'event',
        event: {
          id: `${timer.id}@${timer.dueAt}`,
          type: 'CertificateExpired',
          version: 1,
          occurredAt: deps.now().toISOString(),
          subject: firm.uscc,
          detail: { uscc: firm.uscc, certificate, expiresOn },
        },
      },
    ],
  };
};
