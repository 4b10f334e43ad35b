import type { Specialist } from '#domain/specialist.ts';
import type { Effect } from '#store/effects.ts';
import type { Escalation } from '#store/escalations.ts';
import type { Consumer } from '../context.ts';
import { notify } from '../notify.ts';

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
    const d = event.detail;
    const at = event.occurredAt;
    if (d.level === 1) deps.metrics?.count('DeadlineMisses');
    const effects: Effect[] = [];
    const link = `/leads/${encodeURIComponent(d.leadId)}`;
    const regional = await deps.store.backbone.escalations.regionSpecialistFor(d.regionCode);
    const operators = regional?.regionPrefix ?? d.regionCode.slice(0, 2);

    let to: Escalation['to'] = { kind: 'operators', regionPrefix: operators };
    if (d.level === 1) {
      let specialist: Specialist | undefined = await deps.store.firms.specialist(d.uscc);
      let assigned = false;
      if (!specialist && regional) {
        specialist = {
          userId: regional.userId,
          name: regional.name,
          ...(regional.phone ? { phone: regional.phone } : {}),
          assignedAt: at,
          assignedBy: 'escalation',
        };
        assigned = true;
        effects.push(
          { kind: 'specialist', uscc: d.uscc, specialist },
          {
            kind: 'event',
            event: {
              id: `${event.id}/specialist`,
              type: 'SpecialistAssigned',
              version: 1,
              occurredAt: at,
              subject: d.uscc,
              detail: { uscc: d.uscc, specialistUserId: specialist.userId, regionDefault: true },
            },
          },
        );
      }
      if (specialist) {
        to = { kind: 'specialist', userId: specialist.userId, name: specialist.name, assigned };
        effects.push(
          notify(event, `user:${specialist.userId}`, {
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
      const who = specialist
        ? { zh: `服务专员 ${specialist.name}`, en: `specialist ${specialist.name}` }
        : { zh: '运营方', en: 'the operators' };
      effects.push(
        notify(event, `firm:${d.uscc}`, {
          kind: 'escalation-1-firm',
          title: {
            zh: '机构未按时应答，已转服务专员跟进',
            en: 'An institution is late; your specialist follows up',
          },
          body: {
            zh: `机构未在 ${d.deadline} 前应答您的需求，${who.zh}将跟进。`,
            en: `The institution did not answer by ${d.deadline}; ${who.en} will follow up.`,
          },
          link: `/firm/requests/${encodeURIComponent(d.requestId)}`,
        }),
      );
    }
    if (to.kind === 'operators') {
      effects.push(
        notify(event, `region:${operators}`, {
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
    effects.push({
      kind: 'escalation',
      escalation: {
        leadId: d.leadId,
        requestId: d.requestId,
        institutionId: d.institutionId,
        regionCode: d.regionCode,
        level: d.level,
        deadline: d.deadline,
        at,
        to,
        eventId: event.id,
      },
    });
    return effects;
  },
};
