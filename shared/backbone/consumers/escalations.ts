import type { EscalationLevel } from '#domain/deadlines.ts';
import type { TransactItem } from '#store/db.ts';
import type { Escalation } from '#store/escalations.ts';
import type { Specialist } from '#store/firms.ts';
import { provinceOf } from '#store/keys.ts';
import { outboxPut } from '#store/outbox.ts';
import type { Consumer } from '../context.ts';
import { notify } from '../notify.ts';

interface DeadlineMissedDetail {
  leadId: string;
  requestId: string;
  institutionId: string;
  uscc: string;
  regionCode: string;
  level: EscalationLevel;
  deadline: string;
}

/**
 * DeadlineMissed → escalation, shown on the lead and on the operators' overdue list.
 * Level 1 goes to the firm's service specialist; a firm without one is given its region's
 * default specialist (SpecialistAssigned), and the firm is told. Level 2 goes to the
 * region's operators. Everything in one transaction with the processed marker.
 */
export const escalations: Consumer = {
  name: 'escalations',
  async handle(event, deps) {
    if (event.type !== 'DeadlineMissed') return [];
    const d = event.detail as unknown as DeadlineMissedDetail;
    const at = event.occurredAt;
    const items: TransactItem[] = [];
    const link = `/leads/${encodeURIComponent(d.leadId)}`;
    const regional = await deps.store.backbone.escalations.regionSpecialistFor(d.regionCode);
    const operators = regional?.regionPrefix ?? provinceOf(d.regionCode);
    const base = {
      leadId: d.leadId,
      requestId: d.requestId,
      institutionId: d.institutionId,
      regionCode: d.regionCode,
    };

    let to: Escalation['to'] = { kind: 'operators', regionPrefix: operators };
    if (d.level === 1) {
      let specialist: Specialist | undefined = await deps.store.firms.specialist(d.uscc);
      let assigned = false;
      if (!specialist && regional) {
        specialist = {
          userId: regional.userId,
          name: regional.name,
          assignedAt: at,
          assignedBy: 'escalation',
        };
        if (regional.phone) specialist.phone = regional.phone;
        assigned = true;
        items.push(
          deps.store.firms.specialistPut(d.uscc, specialist),
          outboxPut(deps.store.db, {
            id: `${event.id}/specialist`,
            type: 'SpecialistAssigned',
            occurredAt: at,
            subject: d.uscc,
            actor: 'escalation',
            detail: { uscc: d.uscc, specialistUserId: specialist.userId, regionDefault: true },
          }),
        );
      }
      if (specialist) {
        to = { kind: 'specialist', userId: specialist.userId, name: specialist.name, assigned };
        items.push(
          notify(deps, event, `user:${specialist.userId}`, {
            kind: 'escalation-1',
            title: { zh: '线索逾期未获首次应答', en: 'A lead missed its first-answer deadline' },
            body: {
              zh: `机构 ${d.institutionId} 未在 ${d.deadline} 前应答线索 ${d.leadId}，请跟进。`,
              en: `Institution ${d.institutionId} did not answer lead ${d.leadId} by ${d.deadline}; please follow up.`,
            },
            link,
          }),
        );
      }
      items.push(
        notify(deps, event, `firm:${d.uscc}`, {
          kind: 'escalation-1-firm',
          title: {
            zh: '机构未按时应答，已转服务专员跟进',
            en: 'An institution is late; your specialist follows up',
          },
          body: {
            zh: `机构未在 ${d.deadline} 前应答您的需求，${specialist ? `服务专员 ${specialist.name} 将跟进` : '运营方将跟进'}。`,
            en: `The institution did not answer by ${d.deadline}; ${specialist ? `specialist ${specialist.name}` : 'the operators'} will follow up.`,
          },
          link: `/firm/requests/${encodeURIComponent(d.requestId)}`,
        }),
      );
    }
    if (to.kind === 'operators') {
      items.push(
        notify(deps, event, `region:${operators}`, {
          kind: `escalation-${d.level}-operators`,
          title: { zh: `线索逾期（第 ${d.level} 级）`, en: `Overdue lead (level ${d.level})` },
          body: {
            zh: `线索 ${d.leadId} 仍未获机构 ${d.institutionId} 首次应答（期限 ${d.deadline}）。`,
            en: `Lead ${d.leadId} still has no first answer from ${d.institutionId} (deadline ${d.deadline}).`,
          },
          link,
        }),
      );
    }
    items.push(
      deps.store.backbone.escalations.put({
        ...base,
        level: d.level,
        deadline: d.deadline,
        at,
        to,
        eventId: event.id,
      }),
    );
    return items;
  },
};
