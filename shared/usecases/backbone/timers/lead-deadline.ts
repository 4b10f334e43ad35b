import { addDays } from '#domain/dates.ts';
import { type EscalationLevel, endOfShanghaiDay, secondLevelBy } from '#domain/deadlines.ts';
import { isResponseOverdue } from '#domain/lead.ts';
import type { Effect } from '#store/effects.ts';
import type { Timer } from '#store/timers.ts';
import type { TimerHandler } from '../sweep.ts';

export const LEAD_DEADLINE = 'lead-deadline';

export function leadDeadlineTimer(
  leadId: string,
  level: EscalationLevel,
  deadline: string,
  dueAt: Date,
): Timer {
  return {
    id: `${LEAD_DEADLINE}:${leadId}:${level}`,
    kind: LEAD_DEADLINE,
    dueAt: dueAt.toISOString(),
    subject: leadId,
    payload: { level, deadline },
  };
}

/**
 * A lead's deadline passed. Still waiting for its first answer → DeadlineMissed (and the
 * next level's timer, ESCALATION_BUSINESS_DAYS later), conditional on the lead not having
 * moved since it was read; answered in time → the timer just retires.
 */
export const fireLeadDeadline: TimerHandler = async (timer, deps) => {
  const level = timer.payload.level as EscalationLevel;
  const deadline = timer.payload.deadline as string;
  const lead = await deps.store.leads.get(timer.subject);
  // The deadline date has passed: the day after it is "today" for the overdue rule.
  if (!lead || !isResponseOverdue(lead, addDays(deadline, 1))) return { effects: [] };
  const effects: Effect[] = [
    { kind: 'lead-unchanged', leadId: lead.id, version: lead.version },
    {
      kind: 'event',
      event: {
        id: `${timer.id}@${timer.dueAt}`,
        type: 'DeadlineMissed',
        version: 1,
        occurredAt: deps.now().toISOString(),
        subject: lead.id,
        detail: {
          leadId: lead.id,
          requestId: lead.requestId,
          institutionId: lead.institutionId,
          uscc: lead.uscc,
          regionCode: lead.profile.regionCode,
          level,
          deadline,
        },
      },
    },
  ];
  if (level === 1) {
    const next = secondLevelBy(deadline);
    effects.push({
      kind: 'timer',
      once: true,
      timer: leadDeadlineTimer(lead.id, 2, next, endOfShanghaiDay(next)),
    });
  }
  return { effects };
};
