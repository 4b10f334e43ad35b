import type { LeadRecord } from '#domain/request.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Consumer } from '../context.ts';
import { firstDelivery } from '../webhook-delivery.ts';

/**
 * What an institution's webhook receives about its lead: ids, the status change, the
 * products and the deadline. The firm's name and code only once the firm revealed itself
 * to this institution; nothing else of the firm (the anonymous profile stays in the app).
 */
export function leadWebhookBody(event: EventOf<'LeadStatusChanged'>, lead: LeadRecord): string {
  const d = event.detail;
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    data: {
      leadId: lead.id,
      requestId: lead.requestId,
      institutionId: lead.institutionId,
      from: d.from,
      to: d.to,
      productIds: lead.productIds,
      respondBy: lead.respondBy,
      firm: lead.revealedAt ? { name: lead.firmName, uscc: lead.uscc } : null,
    },
  });
}

/**
 * Lead events to the institution's webhook: the first attempt right here, its result in
 * the delivery log with the processed marker; a failure schedules the retry timer
 * (exponential backoff with jitter, for up to 24 h). A crash after the POST and before
 * the commit sends it again: receivers dedupe on the Jingrong-Event-Id header.
 */
export const webhooks: Consumer = {
  name: 'webhooks',
  async handle(event, deps) {
    if (event.type !== 'LeadStatusChanged') return [];
    const { leadId, institutionId } = event.detail;
    const registration = await deps.store.backbone.webhooks.get(institutionId);
    if (!registration) return [];
    const lead = await deps.store.leads.get(leadId);
    if (!lead) throw new Error(`lead ${leadId} not found`);
    return firstDelivery(deps, event, registration, leadWebhookBody(event, lead));
  },
};
