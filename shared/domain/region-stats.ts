import { addDays } from './dates.ts';
import { isResponseOverdue, LEAD_STATUSES, type LeadStatus } from './lead.ts';
import type { LeadRecord, RequestRecord } from './request.ts';
import { REQUEST_STAGES, type RequestStage, requestStage } from './request-lifecycle.ts';

/**
 * What an operator reads off its region at a glance: totals, rates and trends over the
 * region's requests and leads. Pure: the records come in, figures go out.
 */
export interface RegionStats {
  requests: number;
  byStage: Record<RequestStage, number>;
  leads: number;
  byStatus: Record<LeadStatus, number>;
  /** Leads the institution answered (anything past new / viewed), in basis points of all leads. */
  answeredBp: number;
  /** Approved or disbursed among leads decided (approved, disbursed, declined), in basis points. */
  approvedBp: number;
  disbursedYuan: number;
  overdue: number;
  /** Requests submitted per week, oldest first: the week's first day and its count. */
  weekly: { from: string; count: number }[];
}

const ANSWERED: ReadonlySet<LeadStatus> = new Set([
  'accepted',
  'info_requested',
  'firm_responded',
  'approved',
  'declined',
  'disbursed',
]);

/** Basis points of a share, 0 for an empty whole. */
export function shareBp(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 10_000) / whole);
}

/** Stage of each request, from its leads. */
export function stagesOf(requests: RequestRecord[], leads: LeadRecord[]): Map<string, RequestStage> {
  const statuses = new Map<string, LeadStatus[]>();
  for (const l of leads) statuses.set(l.requestId, [...(statuses.get(l.requestId) ?? []), l.status]);
  return new Map(requests.map((r) => [r.id, requestStage(r.status, statuses.get(r.id) ?? [])]));
}

export function regionStats(
  requests: RequestRecord[],
  leads: LeadRecord[],
  today: string,
  weeks = 8,
  /** Requests' submission dates (Asia/Shanghai), by id. */
  dateOf: (r: RequestRecord) => string = (r) => r.createdAt.slice(0, 10),
): RegionStats {
  const stages = stagesOf(requests, leads);
  const byStage = Object.fromEntries(REQUEST_STAGES.map((s) => [s, 0])) as Record<RequestStage, number>;
  for (const s of stages.values()) byStage[s]++;
  const byStatus = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
  for (const l of leads) byStatus[l.status]++;
  const answered = leads.filter((l) => ANSWERED.has(l.status)).length;
  const yes = byStatus.approved + byStatus.disbursed;
  const first = addDays(today, -7 * weeks + 1);
  const weekly = Array.from({ length: weeks }, (_, i) => ({ from: addDays(first, 7 * i), count: 0 }));
  for (const r of requests) {
    const day = dateOf(r);
    if (day < first || day > today) continue;
    const index = Math.floor((Date.parse(day) - Date.parse(first)) / (7 * 86_400_000));
    weekly[Math.min(index, weeks - 1)]!.count++;
  }
  return {
    requests: requests.length,
    byStage,
    leads: leads.length,
    byStatus,
    answeredBp: shareBp(answered, leads.length),
    approvedBp: shareBp(yes, yes + byStatus.declined),
    disbursedYuan: leads.reduce((sum, l) => sum + (l.disbursement?.amountYuan ?? 0), 0),
    overdue: leads.filter((l) => isResponseOverdue(l, today)).length,
    weekly,
  };
}

/** One CSV line (RFC 4180 quoting); a leading =, +, - or @ is defused so spreadsheets show it as text. */
export function csvLine(cells: (string | number | undefined)[]): string {
  return cells
    .map((cell) => {
      let text = cell === undefined ? '' : String(cell);
      if (/^[=+\-@\t\r]/.test(text) && typeof cell === 'string') text = `'${text}`;
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}
