import { endOfShanghaiDay } from '#domain/deadlines.ts';
import type { Consumer } from '../context.ts';
import { leadDeadlineTimer } from '../timers/lead-deadline.ts';

/**
 * A new lead (LeadStatusChanged from nothing to `new`) gets its first-answer timer, due when
 * its `respondBy` date has passed in Shanghai. The sweep fires it; if the lead is still
 * unanswered then, DeadlineMissed follows.
 */
export const leadDeadlines: Consumer = {
  name: 'lead-deadlines',
  async handle(event) {
    if (event.type !== 'LeadStatusChanged') return [];
    const { leadId, from, to, respondBy } = event.detail;
    if (from !== null || to !== 'new') return [];
    return [
      {
        kind: 'timer',
        once: true,
        timer: leadDeadlineTimer(leadId, 1, respondBy, endOfShanghaiDay(respondBy)),
      },
    ];
  },
};
