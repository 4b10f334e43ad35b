import { LEAD_STATUS_NAMES, type LeadStatus } from '#domain/lead.ts';
import type { Consumer } from '../context.ts';
import { notify } from '../notify.ts';

/** Statuses the firm hears about (its lead was answered, or moved on). */
const TOLD_TO_FIRM: ReadonlySet<LeadStatus> = new Set([
  'accepted',
  'info_requested',
  'approved',
  'declined',
  'disbursed',
]);

/**
 * In-app notifications of lead changes: the institution hears of a new lead and of a
 * withdrawal; the firm hears each answer. Only ids and statuses: what a lead holds is
 * read in the app, behind its own authorization.
 */
export const leadNotifications: Consumer = {
  name: 'lead-notifications',
  async handle(event) {
    if (event.type !== 'LeadStatusChanged') return [];
    const d = event.detail;
    const officerLink = `/officer/leads/${encodeURIComponent(d.leadId)}`;
    if (d.from === null && d.to === 'new') {
      return [
        notify(event, `institution:${d.institutionId}`, {
          kind: 'lead-new',
          title: { zh: '收到新线索', en: 'New lead' },
          body: {
            zh: `新线索 ${d.leadId}，请于 ${d.respondBy} 前首次应答。`,
            en: `New lead ${d.leadId}; first answer due by ${d.respondBy}.`,
          },
          link: officerLink,
        }),
      ];
    }
    if (d.to === 'withdrawn') {
      return [
        notify(event, `institution:${d.institutionId}`, {
          kind: 'lead-withdrawn',
          title: { zh: '企业已撤回线索', en: 'Lead withdrawn' },
          body: { zh: `线索 ${d.leadId} 已被企业撤回。`, en: `The firm withdrew lead ${d.leadId}.` },
          link: officerLink,
        }),
      ];
    }
    if (d.from === d.to || !TOLD_TO_FIRM.has(d.to)) return [];
    const status = LEAD_STATUS_NAMES[d.to];
    return [
      notify(event, `firm:${d.uscc}`, {
        kind: `lead-${d.to}`,
        title: { zh: `线索状态：${status.zh}`, en: `Lead status: ${status.en}` },
        body: {
          zh: `机构 ${d.institutionId} 将您的线索更新为「${status.zh}」。`,
          en: `${d.institutionId} moved your lead to “${status.en}”.`,
        },
        link: `/firm/requests/${encodeURIComponent(d.requestId)}`,
      }),
    ];
  },
};
