import * as z from 'zod';
import { EQUITY_PASS_REASONS, EquityPassReasonSchema } from './equity/reasons.ts';
import { UnprocessableError } from './errors.ts';
import { lazySchema } from './lazy-schema.ts';
import { type LprFixing, lprForTermBp } from './matching/lpr.ts';
import type { Pricing, Product } from './product.ts';
import { freeTextSchema, type IsoDate, IsoDateSchema, YuanSchema } from './text.ts';

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
export const LeadStatusSchema = lazySchema(() => z.enum(LEAD_STATUSES));
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
export const DeclineReasonSchema = lazySchema(() =>
  z.enum(Object.keys(DECLINE_REASONS) as [keyof typeof DECLINE_REASONS, ...(keyof typeof DECLINE_REASONS)[]]),
);
export type DeclineReason = z.infer<typeof DeclineReasonSchema>;

/**
 * What a decline may give: a credit reason, or — on a lead for an equity product (a fund) —
 * an investor's reason (stage, valuation, sector…), never a bank's.
 */
export const LeadDeclineReasonSchema = lazySchema(() =>
  z.union([DeclineReasonSchema, EquityPassReasonSchema]),
);
export type LeadDeclineReason = z.infer<typeof LeadDeclineReasonSchema>;

export function declineReasonName(code: LeadDeclineReason): { zh: string; en: string } {
  return code in DECLINE_REASONS
    ? DECLINE_REASONS[code as DeclineReason]
    : EQUITY_PASS_REASONS[code as keyof typeof EQUITY_PASS_REASONS];
}

export const LeadActionSchema = lazySchema(() =>
  z.discriminatedUnion('action', [
    z.object({ action: z.literal('view') }).strict(),
    z.object({ action: z.literal('accept'), note: freeTextSchema(0, 1000).optional() }).strict(),
    z.object({ action: z.literal('request_info'), question: freeTextSchema(2, 2000) }).strict(),
    z.object({ action: z.literal('respond'), answer: freeTextSchema(1, 4000) }).strict(),
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
        text: freeTextSchema(2, 2000),
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
  ]),
);
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

export const ApprovalSchema = lazySchema(() =>
  z.object({
    amountYuan: YuanSchema,
    annualRateBp: z.number().int(),
    termMonths: z.number().int(),
  }),
);
export const DeclineSchema = lazySchema(() =>
  z.object({ reasonCode: LeadDeclineReasonSchema, text: z.string() }),
);
export const DisbursementSchema = lazySchema(() =>
  z.object({ amountYuan: YuanSchema, disbursedOn: IsoDateSchema }),
);

/** What a transition changes besides the status (kept in the lead's audit row as its detail). */
export const LeadOutcomeSchema = lazySchema(() =>
  z.object({
    approval: ApprovalSchema.optional(),
    decline: DeclineSchema.optional(),
    disbursement: DisbursementSchema.optional(),
    message: z.object({ by: z.enum(['officer', 'firm']), text: z.string() }).optional(),
  }),
);
export type LeadOutcome = z.infer<typeof LeadOutcomeSchema>;

export interface TransitionDecision {
  from: LeadStatus;
  to: LeadStatus;
  outcome: LeadOutcome;
}

/** What an approval and a disbursement are checked against (besides the lead's state). */
export interface DecisionContext {
  /** Asia/Shanghai business date of the decision. */
  today: IsoDate;
  /** The first day a disbursement may carry: the lead's creation date. */
  leadCreatedOn: IsoDate;
  /** What the firm asked for. */
  requested: { amountYuan: number; termMonths: number };
  /** The lead's products: an approval must fit one of them (amount, term, price). */
  products: Pick<Product, 'id' | 'amount' | 'term' | 'pricing'>[];
  /** The LPR fixing in effect today, for LPR-priced products. */
  lpr: LprFixing;
}

/** The highest annual rate (bp) a product's pricing allows at a term, and the lowest. */
export function rateBoundsBp(
  pricing: Pricing,
  lpr: LprFixing,
  termMonths: number,
): { minBp: number; maxBp: number } {
  switch (pricing.type) {
    case 'fixed_rate':
      return { minBp: pricing.annualRateBp, maxBp: pricing.annualRateBp };
    case 'lpr_spread':
      return { minBp: 0, maxBp: lprForTermBp(lpr, termMonths) + pricing.spreadBp };
    case 'rate_cap':
      return { minBp: 0, maxBp: lprForTermBp(lpr, termMonths) + pricing.capSpreadBp };
    case 'daily_fee':
      return { minBp: 0, maxBp: pricing.dailyFeeBp * 365 };
    case 'guarantee_fee':
      return { minBp: 0, maxBp: pricing.annualFeeBp };
    case 'interest_subsidy':
    case 'none':
      return { minBp: 0, maxBp: 0 };
  }
}

/** Longest term (months) a product allows: its term range, or a bridge's days. */
function maxTermMonths(product: DecisionContext['products'][number]): number | undefined {
  if (product.pricing.type === 'daily_fee') return Math.ceil(product.pricing.maxDays / 30);
  return product.term.maxMonths;
}

/** Why an approval does not fit one product (bilingual), or undefined when it does. */
function approvalMisfit(
  approval: { amountYuan: number; termMonths: number; annualRateBp: number },
  product: DecisionContext['products'][number],
  lpr: LprFixing,
): { zh: string; en: string } | undefined {
  if (product.amount.maxYuan !== undefined && approval.amountYuan > product.amount.maxYuan)
    return {
      zh: `超过产品「${product.id}」最高额度 ${product.amount.maxYuan} 元`,
      en: `above product ${product.id}'s maximum of CNY ${product.amount.maxYuan}`,
    };
  if (approval.amountYuan < product.amount.minYuan)
    return {
      zh: `低于产品「${product.id}」最低额度 ${product.amount.minYuan} 元`,
      en: `below product ${product.id}'s minimum of CNY ${product.amount.minYuan}`,
    };
  const maxMonths = maxTermMonths(product);
  if (maxMonths !== undefined && approval.termMonths > maxMonths)
    return {
      zh: `期限超过产品「${product.id}」最长 ${maxMonths} 个月`,
      en: `term above product ${product.id}'s maximum of ${maxMonths} months`,
    };
  if (product.term.minMonths !== undefined && approval.termMonths < product.term.minMonths)
    return {
      zh: `期限短于产品「${product.id}」最短 ${product.term.minMonths} 个月`,
      en: `term below product ${product.id}'s minimum of ${product.term.minMonths} months`,
    };
  const { minBp, maxBp } = rateBoundsBp(product.pricing, lpr, approval.termMonths);
  if (approval.annualRateBp < minBp || approval.annualRateBp > maxBp)
    return minBp === maxBp
      ? {
          zh: `产品「${product.id}」的年化价格固定为 ${minBp}bp`,
          en: `product ${product.id} is priced at exactly ${minBp} bp a year`,
        }
      : {
          zh: `产品「${product.id}」的年化价格不得高于 ${maxBp}bp`,
          en: `product ${product.id}'s price is at most ${maxBp} bp a year`,
        };
  return undefined;
}

/**
 * An approval must fit the request (no more money and no longer term than the firm asked
 * for) and at least one of the lead's products (its amount range, term range and pricing
 * rule: a fixed 2% stays 2%, an LPR spread is a ceiling). A disbursement is dated between
 * the lead's creation and today, and pays out no more than was approved.
 */
export function checkOutcome(action: LeadAction, context: DecisionContext): void {
  if (action.action === 'approve') {
    const { requested } = context;
    if (action.amountYuan > requested.amountYuan)
      throw new UnprocessableError(
        `审批金额不得超过企业申请的 ${requested.amountYuan} 元`,
        `the approved amount may not exceed the CNY ${requested.amountYuan} requested`,
      );
    if (action.termMonths > requested.termMonths)
      throw new UnprocessableError(
        `审批期限不得超过企业申请的 ${requested.termMonths} 个月`,
        `the approved term may not exceed the ${requested.termMonths} months requested`,
      );
    const misfits = context.products.map((p) => approvalMisfit(action, p, context.lpr));
    if (misfits.length > 0 && misfits.every((m) => m !== undefined))
      throw new UnprocessableError(
        `审批条件不符合线索中的任何产品：${misfits.map((m) => m.zh).join('；')}`,
        `the approval fits none of the lead's products: ${misfits.map((m) => m.en).join('; ')}`,
      );
  }
  if (action.action === 'disburse') {
    if (action.disbursedOn > context.today)
      throw new UnprocessableError('放款日期不得晚于今天', 'disbursedOn must not be in the future');
    if (action.disbursedOn < context.leadCreatedOn)
      throw new UnprocessableError(
        '放款日期不得早于线索创建日期',
        'disbursedOn must not be before the lead was created',
      );
  }
}

/**
 * Decides a transition, or refuses it with a bilingual reason. The approved amount bounds
 * the disbursement: a bank can't pay out more than it approved. With `context`, approvals
 * and disbursements are also checked against the request, the products and the date.
 */
export function decideTransition(
  current: { status: LeadStatus; approval?: { amountYuan: number } },
  action: LeadAction,
  actor: Actor,
  context?: DecisionContext,
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
  if (context) checkOutcome(action, context);
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

/** Statuses that still wait for the institution's first answer. */
const AWAITING_FIRST_ANSWER: ReadonlySet<LeadStatus> = new Set(['new', 'viewed']);

/** A lead is overdue when its first answer is still pending after `respondBy` (both Asia/Shanghai dates). */
export function isResponseOverdue(lead: { status: LeadStatus; respondBy: string }, today: string): boolean {
  return AWAITING_FIRST_ANSWER.has(lead.status) && lead.respondBy < today;
}
