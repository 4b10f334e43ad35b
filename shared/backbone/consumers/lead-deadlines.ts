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
  async handle(event, deps) {
    const detail = event.detail as { leadId: string; from: string | null; to: string };
    if (event.type !== 'LeadStatusChanged' || detail.from !== null || detail.to !== 'new') return [];
    const lead = await deps.store.leads.get(detail.leadId);
    if (!lead) throw new Error(`lead ${detail.leadId} not found`);
    const timer = leadDeadlineTimer(lead.id, 1, lead.respondBy, endOfShanghaiDay(lead.respondBy));
    return [deps.store.backbone.timers.scheduleOncePut(timer)];
  },
};
