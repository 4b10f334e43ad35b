import * as z from 'zod';
import { UnprocessableError } from '../errors.ts';
import { lazySchema } from '../lazy-schema.ts';
import { LeadProfileSchema } from '../request.ts';
import { IsoDateSchema, YuanSchema } from '../text.ts';
import { checkOtherExplained, PassReasonListSchema } from './reasons.ts';

/**
 * An equity lead: a fund's interest in one firm, from a batch or a roadshow intent card.
 * Its life is an investor's, not a bank's — no annual rate, no disbursement:
 *
 *   contacted → due_diligence → term_sheet → invested
 *       └────────────┴──────────────┴──→ passed (reasons made for equity)
 *   any open state → withdrawn (by the firm)
 *
 * Pure: the store applies a decision with a conditional write on the version, so of two
 * conflicting transitions exactly one wins.
 */
export const EQUITY_LEAD_STATUSES = [
  'contacted',
  'due_diligence',
  'term_sheet',
  'invested',
  'passed',
  'withdrawn',
] as const;
export const EquityLeadStatusSchema = lazySchema(() => z.enum(EQUITY_LEAD_STATUSES));
export type EquityLeadStatus = z.infer<typeof EquityLeadStatusSchema>;

export const EQUITY_LEAD_STATUS_NAMES: Record<EquityLeadStatus, { zh: string; en: string }> = {
  contacted: { zh: '已接洽', en: 'Contacted' },
  due_diligence: { zh: '尽职调查', en: 'Due diligence' },
  term_sheet: { zh: '已签投资意向书', en: 'Term sheet' },
  invested: { zh: '已投资', en: 'Invested' },
  passed: { zh: '基金放弃', en: 'Passed' },
  withdrawn: { zh: '企业已撤回', en: 'Withdrawn by the firm' },
};

export const EQUITY_TERMINAL_STATUSES: ReadonlySet<EquityLeadStatus> = new Set([
  'invested',
  'passed',
  'withdrawn',
]);

const PositiveYuan = YuanSchema.refine((n) => n > 0, '金额须大于0 / amount must be positive');

export const TermSheetSchema = lazySchema(() =>
  z.object({
    amountYuan: YuanSchema,
    preMoneyValuationYuan: YuanSchema,
    /** Post-money stake the amount buys, basis points (derived, floor). */
    stakeBp: z.number().int().min(0).max(10_000),
    signedOn: IsoDateSchema,
    /** Exclusivity / validity of the term sheet. */
    expiresOn: IsoDateSchema.optional(),
  }),
);
export type TermSheet = z.infer<typeof TermSheetSchema>;

export const InvestmentSchema = lazySchema(() =>
  z.object({
    amountYuan: YuanSchema,
    stakeBp: z.number().int().min(0).max(10_000),
    closedOn: IsoDateSchema,
  }),
);
export type Investment = z.infer<typeof InvestmentSchema>;

export const EquityPassSchema = lazySchema(() =>
  z.object({
    reasons: PassReasonListSchema,
    note: z.string().optional(),
    passedOn: IsoDateSchema,
  }),
);

export const EquityLeadActionSchema = lazySchema(() =>
  z
    .discriminatedUnion('action', [
      z
        .object({ action: z.literal('start_due_diligence'), note: z.string().trim().max(2000).optional() })
        .strict(),
      z
        .object({
          action: z.literal('sign_term_sheet'),
          amountYuan: PositiveYuan,
          preMoneyValuationYuan: PositiveYuan,
          signedOn: IsoDateSchema,
          expiresOn: IsoDateSchema.optional(),
        })
        .strict(),
      z
        .object({
          action: z.literal('close_investment'),
          amountYuan: PositiveYuan,
          closedOn: IsoDateSchema,
        })
        .strict(),
      z
        .object({
          action: z.literal('pass'),
          reasons: PassReasonListSchema,
          note: z.string().trim().max(2000).optional(),
          passedOn: IsoDateSchema,
        })
        .strict(),
      z.object({ action: z.literal('withdraw') }).strict(),
    ])
    .superRefine((a, ctx) => {
      if (a.action === 'pass') checkOtherExplained(a, ctx);
      if (a.action === 'sign_term_sheet' && a.expiresOn !== undefined && a.expiresOn < a.signedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['expiresOn'],
          message: '意向书有效期须不早于签署日 / expiresOn must be on or after signedOn',
        });
    }),
);
export type EquityLeadAction = z.infer<typeof EquityLeadActionSchema>;
export type EquityLeadActionName = EquityLeadAction['action'];

type Actor = 'fund' | 'firm';

const OPEN: readonly EquityLeadStatus[] = ['contacted', 'due_diligence', 'term_sheet'];

/** The whole state machine: who may take each action, from which states, to which. */
const TRANSITIONS: Record<
  EquityLeadActionName,
  { by: Actor; from: readonly EquityLeadStatus[]; to: EquityLeadStatus }
> = {
  start_due_diligence: { by: 'fund', from: ['contacted'], to: 'due_diligence' },
  sign_term_sheet: { by: 'fund', from: ['due_diligence'], to: 'term_sheet' },
  close_investment: { by: 'fund', from: ['term_sheet'], to: 'invested' },
  pass: { by: 'fund', from: OPEN, to: 'passed' },
  withdraw: { by: 'firm', from: OPEN, to: 'withdrawn' },
};

export function allowedEquityActions(status: EquityLeadStatus, actor: Actor): EquityLeadActionName[] {
  return (Object.keys(TRANSITIONS) as EquityLeadActionName[]).filter(
    (name) => TRANSITIONS[name].by === actor && TRANSITIONS[name].from.includes(status),
  );
}

/** The post-money stake `amount` buys at `preMoney`, in basis points (rounded down). */
export function postMoneyStakeBp(amountYuan: number, preMoneyValuationYuan: number): number {
  return Number((BigInt(amountYuan) * 10_000n) / BigInt(amountYuan + preMoneyValuationYuan));
}

export interface EquityOutcome {
  termSheet?: TermSheet;
  investment?: Investment;
  pass?: z.infer<typeof EquityPassSchema>;
  note?: string;
}

export interface EquityTransition {
  from: EquityLeadStatus;
  to: EquityLeadStatus;
  outcome: EquityOutcome;
}

/**
 * Decides a transition or refuses it with a bilingual reason. An investment closes on or
 * after its term sheet, for no more than the term sheet's amount; its stake follows the
 * term sheet's valuation.
 */
export function decideEquityTransition(
  current: { status: EquityLeadStatus; termSheet?: TermSheet | undefined },
  action: EquityLeadAction,
  actor: Actor,
): EquityTransition {
  const rule = TRANSITIONS[action.action];
  if (rule.by !== actor)
    throw new UnprocessableError(
      `此操作只能由${rule.by === 'fund' ? '基金' : '企业'}执行`,
      `only the ${rule.by} may ${action.action} an equity lead`,
    );
  if (!rule.from.includes(current.status))
    throw new UnprocessableError(
      `线索当前状态为「${EQUITY_LEAD_STATUS_NAMES[current.status].zh}」，不能执行此操作`,
      `cannot ${action.action} an equity lead that is ${current.status} (allowed from: ${rule.from.join(', ')})`,
    );
  const outcome: EquityOutcome = {};
  switch (action.action) {
    case 'start_due_diligence':
      if (action.note) outcome.note = action.note;
      break;
    case 'sign_term_sheet':
      outcome.termSheet = {
        amountYuan: action.amountYuan,
        preMoneyValuationYuan: action.preMoneyValuationYuan,
        stakeBp: postMoneyStakeBp(action.amountYuan, action.preMoneyValuationYuan),
        signedOn: action.signedOn,
        ...(action.expiresOn ? { expiresOn: action.expiresOn } : {}),
      };
      break;
    case 'close_investment': {
      const ts = current.termSheet;
      if (ts && action.amountYuan > ts.amountYuan)
        throw new UnprocessableError(
          `投资金额不得超过意向书金额 ${ts.amountYuan} 元`,
          `the investment may not exceed the term sheet's CNY ${ts.amountYuan}`,
        );
      if (ts && action.closedOn < ts.signedOn)
        throw new UnprocessableError(
          `交割日不得早于意向书签署日 ${ts.signedOn}`,
          `the investment cannot close before the term sheet was signed (${ts.signedOn})`,
        );
      outcome.investment = {
        amountYuan: action.amountYuan,
        stakeBp: ts ? postMoneyStakeBp(action.amountYuan, ts.preMoneyValuationYuan) : 0,
        closedOn: action.closedOn,
      };
      break;
    }
    case 'pass':
      outcome.pass = {
        reasons: action.reasons,
        ...(action.note ? { note: action.note } : {}),
        passedOn: action.passedOn,
      };
      break;
    case 'withdraw':
      break;
  }
  return { from: current.status, to: rule.to, outcome };
}

export const EquityLeadSourceSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('batch'), batchId: z.string() }),
    z.object({ kind: z.literal('roadshow'), roadshowId: z.string() }),
  ]),
);

/** An equity lead as kept. Like a loan lead, the fund sees the firm anonymised until it reveals itself. */
export const EquityLeadRecordSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    requestId: z.string(),
    fundId: z.string(),
    institutionId: z.string(),
    source: EquityLeadSourceSchema,
    status: EquityLeadStatusSchema,
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** Internal until `revealedAt`. */
    uscc: z.string(),
    firmName: z.string(),
    profile: LeadProfileSchema,
    revealedAt: z.iso.datetime().optional(),
    termSheet: TermSheetSchema.optional(),
    investment: InvestmentSchema.optional(),
    pass: EquityPassSchema.optional(),
    notes: z.array(z.object({ text: z.string(), at: z.iso.datetime() })).default([]),
  }),
);
export type EquityLeadRecord = z.infer<typeof EquityLeadRecordSchema>;

/** One equity lead per request and fund, whichever way the interest came. */
export function equityLeadId(requestId: string, fundId: string): string {
  return `${requestId}.${fundId}`;
}
