import type { Consumer } from '../context.ts';
import { certificateTimer } from '../timers/certificate-expiry.ts';

/**
 * A firm registered or replaced its certificates: each certificate gets (or moves) its
 * expiry timer. A certificate dropped later leaves a timer that finds nothing and retires.
 */
export const certificateTimers: Consumer = {
  name: 'certificate-timers',
  async handle(event, deps) {
    if (event.type !== 'FirmRegistered' && event.type !== 'FirmCertificationsUpdated') return [];
    const { uscc } = event.detail;
    const firm = await deps.store.firms.get(uscc);
    if (!firm) throw new Error(`firm ${uscc} not found`);
    const today = event.occurredAt;
    return firm.certifications
      .map((c) => certificateTimer(uscc, c))
      .filter((t) => t.dueAt > today)
      .slice(0, 90)
      .map((timer) => ({ kind: 'timer' as const, timer }));
  },
};
