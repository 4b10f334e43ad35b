import { type DomainError, ValidationError } from '#domain/errors.ts';
import {
  COLLATERAL,
  FINANCING_KINDS,
  type FinancingKind,
  type FundingRequest,
  PURPOSE_NAMES,
  PURPOSES,
} from '#domain/funding-request.ts';
import { COLLATERAL_NAMES } from '#domain/matching/names.ts';
import type { BilingualText } from '#domain/text.ts';
import {
  BiLink,
  CheckGroup,
  DateInput,
  Field,
  MonthsInput,
  named,
  Select,
  Submit,
  Text,
  YuanInput,
} from './components.tsx';
import {
  type FieldProblem,
  type Form,
  list,
  messagesByField,
  notBefore,
  text,
  wholeNumber,
  yuanAmount,
} from './forms.ts';

/** The firm's new funding request: the form, and reading it back into the API's input. */

export const KIND_NAMES: Record<FinancingKind, BilingualText> = {
  debt: { zh: '债权融资（贷款等）', en: 'Debt (loans etc.)' },
  equity: { zh: '股权融资', en: 'Equity' },
  any: { zh: '均可', en: 'Either' },
};

/** The form, filled with what was sent when it comes back with problems. */
export function RequestForm(props: {
  form: Form;
  idempotencyKey: string;
  today: string;
  error?: DomainError;
}) {
  const { form } = props;
  const fields = messagesByField(props.error instanceof ValidationError ? props.error : undefined);
  const value = (name: string) => text(form, name) ?? '';
  const field = (name: string) => ({ id: name, problem: fields.get(name) });
  const input = (name: string) => ({ id: name, name, value: value(name) });
  const collateral = form.collateral === undefined ? ['none'] : list(form, 'collateral');
  return (
    <form class="stack" method="post" action="/firm/requests">
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <Field
        {...field('amountYuan')}
        required
        label={{ zh: '融资金额（元）', en: 'Amount (CNY)' }}
        hint={{
          zh: '可写 20000000、2000万 或 0.2亿',
          en: 'write 20000000, 2000万 (= CNY 20M) or 0.2亿',
        }}
      >
        <YuanInput {...input('amountYuan')} />
      </Field>
      <Field {...field('purpose')} required label={{ zh: '资金用途', en: 'Purpose' }}>
        <Select
          id="purpose"
          name="purpose"
          options={named(PURPOSES, PURPOSE_NAMES)}
          selected={value('purpose') || 'working_capital'}
        />
      </Field>
      <Field {...field('termMonths')} required label={{ zh: '期限（月）', en: 'Term (months)' }}>
        <MonthsInput id="termMonths" name="termMonths" max="360" value={value('termMonths') || '12'} />
      </Field>
      <CheckGroup
        id="collateral"
        legend={{ zh: '可提供的担保方式', en: 'Collateral you can offer' }}
        problem={fields.get('collateral')}
      >
        {COLLATERAL.map((k) => (
          <label>
            <input type="checkbox" name="collateral" value={k} checked={collateral.includes(k)} />{' '}
            <Text text={COLLATERAL_NAMES[k]} />
          </label>
        ))}
      </CheckGroup>
      <Field {...field('kind')} label={{ zh: '融资类型', en: 'Kind' }}>
        <Select
          id="kind"
          name="kind"
          options={named(FINANCING_KINDS, KIND_NAMES)}
          selected={value('kind') || 'debt'}
        />
      </Field>
      <Field {...field('needBy')} label={{ zh: '最晚用款日期（可选）', en: 'Needed by (optional)' }}>
        <DateInput {...input('needBy')} min={props.today} />
      </Field>
      {/* Shown by CSS only when the purpose is a bridge loan. */}
      <div class="bridge">
        <Field
          {...field('maturingLoanYuan')}
          label={{ zh: '到期贷款金额（元）', en: 'Maturing loan (CNY)' }}
          hint={{ zh: '转贷需求必填', en: 'required for bridge requests' }}
        >
          <YuanInput {...input('maturingLoanYuan')} />
        </Field>
        <Field {...field('maturesOn')} label={{ zh: '贷款到期日', en: 'Loan matures on' }}>
          <DateInput {...input('maturesOn')} min={props.today} />
        </Field>
      </div>
      <div class="actions">
        <Submit zh="提交并查看匹配" en="Submit and see matches" />
        <BiLink href="/firm" zh="取消" en="Cancel" />
      </div>
    </form>
  );
}

/**
 * The form's strings as the API's FundingRequest input (absent fields left out, so defaults
 * apply). Amounts may be written with 万/亿; dates may not lie in the past.
 */
export function requestInput(form: Form, today: string, problems: FieldProblem[]) {
  const collateral = list(form, 'collateral');
  const input = {
    amountYuan: yuanAmount(form, 'amountYuan', problems),
    purpose: text(form, 'purpose'),
    termMonths: wholeNumber(form, 'termMonths', problems),
    collateral: collateral.length ? collateral : undefined,
    kind: text(form, 'kind'),
    needBy: text(form, 'needBy'),
    maturingLoanYuan: yuanAmount(form, 'maturingLoanYuan', problems),
    maturesOn: text(form, 'maturesOn'),
  };
  notBefore(form, 'needBy', today, problems);
  notBefore(form, 'maturesOn', today, problems);
  return input;
}

/** A stored request as the form's strings, for "edit and resubmit" and "edit and re-match". */
export function formOf(request: FundingRequest): Form {
  return {
    amountYuan: String(request.amountYuan),
    purpose: request.purpose,
    termMonths: String(request.termMonths),
    collateral: [...request.collateral],
    kind: request.kind,
    ...(request.needBy ? { needBy: request.needBy } : {}),
    ...(request.maturingLoanYuan !== undefined ? { maturingLoanYuan: String(request.maturingLoanYuan) } : {}),
    ...(request.maturesOn ? { maturesOn: request.maturesOn } : {}),
  };
}
