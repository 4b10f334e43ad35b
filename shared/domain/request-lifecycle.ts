import type { LeadStatus } from './lead.ts';
import type { BilingualText } from './text.ts';

/**
 * Where a funding request stands, as the firm and its operators read it, derived from the
 * request's own status and its leads (a request stores only open / withdrawn):
 * - open: not sent to any institution yet;
 * - in_progress: at least one lead is still being worked;
 * - funded: an institution disbursed;
 * - closed: every lead ended without a disbursement (declined or withdrawn);
 * - withdrawn: the firm withdrew the request.
 */
export const REQUEST_STAGES = ['open', 'in_progress', 'funded', 'closed', 'withdrawn'] as const;
export type RequestStage = (typeof REQUEST_STAGES)[number];

export const REQUEST_STAGE_NAMES: Record<RequestStage, BilingualText> = {
  open: { zh: '待发送', en: 'Open' },
  in_progress: { zh: '对接中', en: 'In progress' },
  funded: { zh: '已获融资', en: 'Funded' },
  closed: { zh: '已结束', en: 'Closed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export function requestStage(
  status: 'open' | 'withdrawn',
  leadStatuses: readonly LeadStatus[],
): RequestStage {
  if (leadStatuses.includes('disbursed')) return 'funded';
  if (status === 'withdrawn') return 'withdrawn';
  if (leadStatuses.length === 0) return 'open';
  if (leadStatuses.every((s) => s === 'declined' || s === 'withdrawn')) return 'closed';
  return 'in_progress';
}

/** The steps of a lead, in order, as a timeline shows them; a decline or withdrawal ends it early. */
export const LEAD_STEPS: readonly LeadStatus[] = [
  'new',
  'viewed',
  'accepted',
  'approved',
  'disbursed',
] as const;

/** How far along LEAD_STEPS a lead in `status` has come (index of its last step reached). */
export function leadStepIndex(status: LeadStatus): number {
  switch (status) {
    case 'new':
      return 0;
    case 'viewed':
      return 1;
    case 'accepted':
    case 'info_requested':
    case 'firm_responded':
      return 2;
    case 'approved':
      return 3;
    case 'disbursed':
      return 4;
    default:
      return -1;
  }
}
