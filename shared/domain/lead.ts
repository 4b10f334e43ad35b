import * as z from 'zod';
import { EQUITY_PASS_REASONS, EquityPassReasonSchema } from './equity/reasons.ts';
import { UnprocessableError } from './errors.ts';
import { IsoDateSchema, YuanSchema } from './text.ts';

/**
 * A lead (线索) is one institution's view of one firm's request. Its life:
 *
 *   new → viewed → accepted → info_requested ⇄ firm_responded → approved → disbursed
 *     └──────┴─────────┴──────────┴───────────────┴→ declined (reason code + text)
 *   any open state → withdrawn (by the firm)
 *
 * Pure: the store applies the decision with a conditional write on the version, so of
 * two conflicting transitions exactly one wins.
 */
export const LEAD_STATUSES = [
  'new',
  'viewed',
  'accepted',
  'info_requested',
  'firm_responded',
  'approved',
  'declined',
  'disbursed',
  'withdrawn',
] as const;
export const LeadStatusSchema = z.enum(LEAD_STATUSES);
export type LeadStatus = z.infer<typeof LeadStatusSchema>;

export const LEAD_STATUS_NAMES: Record<LeadStatus, { zh: string; en: string }> = {
  new: { zh: '新线索', en: 'New' },
  viewed: { zh: '已查看', en: 'Viewed' },
  accepted: { zh: '已受理', en: 'Accepted' },
  info_requested: { zh: '待补充材料', en: 'Information requested' },
  firm_responded: { zh: '企业已回复', en: 'Firm responded' },
  approved: { zh: '已审批', en: 'Approved' },
  declined: { zh: '已拒绝', en: 'Declined' },
  disbursed: { zh: '已放款', en: 'Disbursed' },
  withdrawn: { zh: '企业已撤回', en: 'Withdrawn by the firm' },
};

/** States from which nothing more happens. */
export const TERMINAL_STATUSES: ReadonlySet<LeadStatus> = new Set(['declined', 'disbursed', 'withdrawn']);

/** Why an institution declines: a fixed list, so firms get a real reason and the city can count them. */
export const DECLINE_REASONS = {
  revenue_insufficient: { zh: '营收规模不足', en: 'Revenue below the product’s threshold' },
  credit_history: { zh: '征信记录不符合要求', en: 'Credit history does not meet requirements' },
  collateral_insufficient: { zh: '担保或抵质押不足', en: 'Insufficient guarantee or collateral' },
  debt_ratio_high: { zh: '资产负债率偏高', en: 'Debt ratio too high' },
  industry_restricted: { zh: '行业不在授信范围内', en: 'Industry outside the lending policy' },
  amount_exceeds_limit: { zh: '申请金额超出可授信额度', en: 'Amount exceeds what can be granted' },
  information_incomplete: { zh: '材料不完整', en: 'Information incomplete' },
  quota_exhausted: { zh: '产品额度已用完', en: 'Product quota exhausted' },
  other: { zh: '其他原因', en: 'Other' },
} as const;
export const DeclineReasonSchema = z.enum(
  Object.keys(DECLINE_REASONS) as [keyof typeof DECLINE_REASONS, ...(keyof typeof DECLINE_REASONS)[]],
);
export type DeclineReason = z.infer<typeof DeclineReasonSchema>;

/**
 * What a decline may give: a credit reason, or — on a lead for an equity product (a fund) —
 * an investor's reason (stage, valuation, sector…), never a bank's.
 */
export const LeadDeclineReasonSchema = z.union([DeclineReasonSchema, EquityPassReasonSchema]);
export type LeadDeclineReason = z.infer<typeof LeadDeclineReasonSchema>;

export function declineReasonName(code: LeadDeclineReason): { zh: string; en: string } {
  return code in DECLINE_REASONS
    ? DECLINE_REASONS[code as DeclineReason]
    : EQUITY_PASS_REASONS[code as keyof typeof EQUITY_PASS_REASONS];
}

export const LeadActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('view') }).strict(),
  z.object({ action: z.literal('accept'), note: z.string().max(1000).optional() }).strict(),
  z.object({ action: z.literal('request_info'), question: z.string().trim().min(2).max(2000) }).strict(),
  z.object({ action: z.literal('respond'), answer: z.string().trim().min(1).max(4000) }).strict(),
  z
    .object({
      action: z.literal('approve'),
      amountYuan: YuanSchema.refine((n) => n > 0, '金额须大于0 / amount must be positive'),
      annualRateBp: z.number().int().min(0).max(3600),
      termMonths: z.number().int().min(1).max(360),
    })
    .strict(),
  z
    .object({
      action: z.literal('decline'),
      reasonCode: LeadDeclineReasonSchema,
      text: z.string().trim().min(2).max(2000),
    })
    .strict(),
  z
    .object({
      action: z.literal('disburse'),
      amountYuan: YuanSchema.refine((n) => n > 0, '金额须大于0 / amount must be positive'),
      disbursedOn: IsoDateSchema,
    })
    .strict(),
  z.object({ action: z.literal('withdraw') }).strict(),
]);
export type LeadAction = z.infer<typeof LeadActionSchema>;
export type LeadActionName = LeadAction['action'];

type Actor = 'officer' | 'firm';

/** Who may take each action, and from which states. The whole state machine is this table. */
const TRANSITIONS: Record<LeadActionName, { by: Actor; from: readonly LeadStatus[]; to: LeadStatus }> = {
  view: { by: 'officer', from: ['new'], to: 'viewed' },
  accept: { by: 'officer', from: ['new', 'viewed'], to: 'accepted' },
  request_info: { by: 'officer', from: ['accepted', 'firm_responded'], to: 'info_requested' },
  respond: { by: 'firm', from: ['info_requested'], to: 'firm_responded' },
  approve: { by: 'officer', from: ['accepted', 'firm_responded'], to: 'approved' },
  decline: {
    by: 'officer',
    from: ['new', 'viewed', 'accepted', 'info_requested', 'firm_responded'],
    to: 'declined',
  },
  disburse: { by: 'officer', from: ['approved'], to: 'disbursed' },
  withdraw: {
    by: 'firm',
    from: ['new', 'viewed', 'accepted', 'info_requested', 'firm_responded', 'approved'],
    to: 'withdrawn',
  },
};

/** The actions `actor` may take on a lead in `status` (what a screen offers), in table order. */
export function allowedActions(status: LeadStatus, actor: Actor): LeadActionName[] {
  return (Object.keys(TRANSITIONS) as LeadActionName[]).filter(
    (name) => TRANSITIONS[name].by === actor && TRANSITIONS[name].from.includes(status),
  );
}

export const ApprovalSchema = z.object({
  amountYuan: YuanSchema,
  annualRateBp: z.number().int(),
  termMonths: z.number().int(),
});
export const DeclineSchema = z.object({ reasonCode: LeadDeclineReasonSchema, text: z.string() });
export const DisbursementSchema = z.object({ amountYuan: YuanSchema, disbursedOn: IsoDateSchema });

/** What a transition changes besides the status (kept in the lead's audit row as its detail). */
export const LeadOutcomeSchema = z.object({
  approval: ApprovalSchema.optional(),
  decline: DeclineSchema.optional(),
  disbursement: DisbursementSchema.optional(),
  message: z.object({ by: z.enum(['officer', 'firm']), text: z.string() }).optional(),
});
export type LeadOutcome = z.infer<typeof LeadOutcomeSchema>;

export interface TransitionDecision {
  from: LeadStatus;
  to: LeadStatus;
  outcome: LeadOutcome;
}

/**
 * Decides a transition, or refuses it with a bilingual reason. `approvedAmountYuan`
 * bounds the disbursement: a bank can't pay out more than it approved.
 */
export function decideTransition(
  current: { status: LeadStatus; approval?: { amountYuan: number } },
  action: LeadAction,
  actor: Actor,
): TransitionDecision {
  const rule = TRANSITIONS[action.action];
  if (rule.by !== actor) {
    throw new UnprocessableError(
      `此操作只能由${rule.by === 'officer' ? '金融机构' : '企业'}执行`,
      `only the ${rule.by === 'officer' ? 'institution' : 'firm'} may ${action.action} a lead`,
    );
  }
  if (!rule.from.includes(current.status)) {
    throw new UnprocessableError(
      `线索当前状态为「${LEAD_STATUS_NAMES[current.status].zh}」，不能执行此操作`,
      `cannot ${action.action} a lead that is ${current.status} (allowed from: ${rule.from.join(', ')})`,
    );
  }
  const outcome: LeadOutcome = {};
  switch (action.action) {
    case 'approve':
      outcome.approval = {
        amountYuan: action.amountYuan,
        annualRateBp: action.annualRateBp,
        termMonths: action.termMonths,
      };
      break;
    case 'decline':
      outcome.decline = { reasonCode: action.reasonCode, text: action.text };
      break;
    case 'disburse':
      if (current.approval && action.amountYuan > current.approval.amountYuan) {
        throw new UnprocessableError(
          `放款金额不得超过审批金额 ${current.approval.amountYuan} 元`,
          `disbursement may not exceed the approved CNY ${current.approval.amountYuan}`,
        );
      }
      outcome.disbursement = { amountYuan: action.amountYuan, disbursedOn: action.disbursedOn };
      break;
    case 'request_info':
      outcome.message = { by: 'officer', text: action.question };
      break;
    case 'respond':
      outcome.message = { by: 'firm', text: action.answer };
      break;
    case 'accept':
      if (action.note) outcome.message = { by: 'officer', text: action.note };
      break;
  }
  return { from: current.status, to: rule.to, outcome };
}

/** An institution should answer a new lead within three business days (Asia/Shanghai dates). */
export const LEAD_RESPONSE_BUSINESS_DAYS = 3;

/** Statuses that still wait for the institution's first answer. */
const AWAITING_FIRST_ANSWER: ReadonlySet<LeadStatus> = new Set(['new', 'viewed']);

/** A lead is overdue when its first answer is still pending after `respondBy` (both Asia/Shanghai dates). */
export function isResponseOverdue(lead: { status: LeadStatus; respondBy: string }, today: string): boolean {
  return AWAITING_FIRST_ANSWER.has(lead.status) && lead.respondBy < today;
}
