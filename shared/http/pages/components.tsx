import type { Child } from 'hono/jsx';
import { type DomainError, ValidationError } from '#domain/errors.ts';
import { isResponseOverdue, LEAD_STATUS_NAMES, type LeadStatus } from '#domain/lead.ts';
import { yuanZh } from '#domain/matching/money.ts';
import type { RequestRecord } from '#domain/request.ts';
import type { BilingualText } from '#domain/text.ts';
import type { OfficerLeadView } from '../views.ts';
import { shanghaiTime, yuan } from './format.ts';
import type { FieldProblem } from './forms.ts';

/**
 * The pieces every page is built from: bilingual text, notices, tables, facts lists, form
 * fields and buttons. Chinese comes first, English second, everywhere.
 */

// ---------------------------------------------------------------- text

/** Chinese first, English second: 融资需求 Funding requests. */
export function Bi(props: { zh: string; en: string }) {
  return (
    <>
      {props.zh}
      <span class="en">{props.en}</span>
    </>
  );
}

export function Text(props: { text: BilingualText }) {
  return <Bi zh={props.text.zh} en={props.text.en} />;
}

/** A link whose text is bilingual; `class="button"` makes it look like one. */
export function BiLink(props: { href: string; zh: string; en: string; class?: string }) {
  return (
    <a class={props.class} href={props.href}>
      <Bi zh={props.zh} en={props.en} />
    </a>
  );
}

/** A product's page, named in Chinese. */
export function ProductLink(props: { id: string; name: string }) {
  return <a href={`/products/${props.id}`}>{props.name}</a>;
}

/** "← back to the list", above a page's heading. */
export function BackLink(props: { href: string; zh: string; en: string }) {
  return (
    <p class="small">
      <BiLink {...props} />
    </p>
  );
}

/** The link to a list's next page. */
export function Pager(props: { href: string; zh: string; en: string }) {
  return (
    <p class="pager">
      <BiLink {...props} />
    </p>
  );
}

/** What a list shows when it has nothing to show. */
export function Empty(props: { text: BilingualText }) {
  return (
    <p class="muted">
      <Text text={props.text} />
    </p>
  );
}

// ---------------------------------------------------------------- badges

export function StatusBadge(props: { status: LeadStatus }) {
  const name = LEAD_STATUS_NAMES[props.status];
  return (
    <span class={`badge ${props.status}`} title={name.en}>
      {name.zh}
    </span>
  );
}

const REQUEST_STATUS_NAMES: Record<RequestRecord['status'], BilingualText> = {
  open: { zh: '进行中', en: 'Open' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export function RequestStatusBadge(props: { status: RequestRecord['status'] }) {
  return <span class={`badge ${props.status}`}>{REQUEST_STATUS_NAMES[props.status].zh}</span>;
}

/** A lead past its answer date without a first answer. */
export function OverdueBadge(props: { short?: boolean }) {
  return <span class="badge overdue">{props.short ? '已超期' : '已超期 overdue'}</span>;
}

// ---------------------------------------------------------------- notices

/** What the forms' fields are called, for the error summary above a form. */
const FIELD_LABELS: Record<string, string> = {
  amountYuan: '金额',
  termMonths: '期限',
  purpose: '资金用途',
  collateral: '担保方式',
  kind: '融资类型',
  needBy: '最晚用款日期',
  maturingLoanYuan: '到期贷款金额',
  maturesOn: '贷款到期日',
  productIds: '产品',
  question: '补充材料要求',
  answer: '回复',
  note: '备注',
  text: '说明',
  reasonCode: '拒绝原因',
  annualRateBp: '年利率',
  disbursedOn: '放款日期',
  email: '电子邮箱',
  password: '密码',
  userId: '用户ID',
  name: '姓名',
  phone: '电话',
};

/** A success, error or information box; an error may list field messages. */
export function Notice(props: {
  kind: 'ok' | 'error' | 'info';
  text: BilingualText;
  fields?: { path: string; zh: string; en: string }[];
}) {
  return (
    <div class={`notice ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <Text text={props.text} />
      {props.fields?.length ? (
        <ul>
          {props.fields.map((f) => {
            const label = FIELD_LABELS[f.path.split('.')[0]!];
            return (
              <li>
                {label ? `${label}：${f.zh}` : f.zh}
                <span class="en">{f.en}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

/** What the action just done achieved (`?ok=` after its redirect), if anything. */
export function DoneNotice(props: { text?: BilingualText }) {
  return props.text ? <Notice kind="ok" text={props.text} /> : null;
}

/** A failed action's message, with its field messages when the input was invalid; nothing without one. */
export function ErrorNotice(props: { error?: DomainError }) {
  const { error } = props;
  if (!error) return null;
  return (
    <Notice
      kind="error"
      text={{ zh: error.zh, en: error.en }}
      fields={error instanceof ValidationError ? error.fields : undefined}
    />
  );
}

// ---------------------------------------------------------------- tables and facts

/** A column's heading; `num` right-aligns a column of figures; null heads a column without a name. */
export type Column = (BilingualText & { num?: boolean }) | null;

/** Headings shared by several tables. */
export const COLUMNS = {
  submitted: { zh: '提交时间', en: 'Submitted' },
  firm: { zh: '企业', en: 'Firm' },
  institution: { zh: '机构', en: 'Institution' },
  product: { zh: '产品', en: 'Product' },
  amount: { zh: '金额', en: 'Amount', num: true },
  purposeTerm: { zh: '用途 / 期限', en: 'Purpose / term' },
  sentTo: { zh: '已发送机构', en: 'Sent to' },
  answerBy: { zh: '应答期限', en: 'Answer by' },
  status: { zh: '状态', en: 'Status' },
} satisfies Record<string, Column>;

/** A table of `rows`, one `row` each; with `empty`, no rows is said in words instead. */
export function DataTable<T>(props: {
  columns: Column[];
  rows: T[];
  row: (item: T, index: number) => Child;
  empty?: BilingualText;
}) {
  if (props.empty && !props.rows.length) return <Empty text={props.empty} />;
  return (
    <table>
      <thead>
        <tr>
          {props.columns.map((c) =>
            c ? (
              <th class={c.num ? 'num' : undefined}>
                <Bi zh={c.zh} en={c.en} />
              </th>
            ) : (
              <th />
            ),
          )}
        </tr>
      </thead>
      <tbody>{props.rows.map((item, i) => props.row(item, i))}</tbody>
    </table>
  );
}

/** A figures cell: right-aligned, tabular digits. */
export function Num(props: { children?: Child }) {
  return <td class="num">{props.children}</td>;
}

/** Money in a table, in full (20,000,000 元) or short (2,000万元). */
export function MoneyCell(props: { yuan: number; short?: boolean }) {
  return <Num>{props.short ? yuanZh(props.yuan) : yuan(props.yuan)}</Num>;
}

/**
 * Leads, newest first as given, with their answer date and status as the last two columns.
 * A lead past its answer date without a first answer is shaded and marked; `columns` and
 * `cells` are what comes before.
 */
export function LeadTable<L extends OfficerLeadView>(props: {
  leads: L[];
  today: string;
  columns: Column[];
  cells: (lead: L) => Child;
  /** "已超期" alone, for the institution's own inbox. */
  shortOverdue?: boolean;
}) {
  return (
    <DataTable
      columns={[...props.columns, COLUMNS.answerBy, COLUMNS.status]}
      rows={props.leads}
      empty={{ zh: '暂无线索', en: 'No leads' }}
      row={(lead) => {
        const overdue = isResponseOverdue(lead, props.today);
        return (
          <tr class={overdue ? 'overdue' : undefined}>
            {props.cells(lead)}
            <td>
              {lead.respondBy} {overdue && <OverdueBadge short={props.shortOverdue} />}
            </td>
            <td>
              <StatusBadge status={lead.status} />
            </td>
          </tr>
        );
      }}
    />
  );
}

/** An amount in full with its short form: 20,000,000 元（2,000万元）. */
export function AmountInFull(props: { yuan: number }) {
  return (
    <>
      {yuan(props.yuan)} <span class="muted">（{yuanZh(props.yuan)}）</span>
    </>
  );
}

/** One term of a facts list (`dl.facts`): a bilingual name and its value. */
export function Fact(props: { zh: string; en: string; children?: Child }) {
  return (
    <>
      <dt>
        <Bi zh={props.zh} en={props.en} />
      </dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** A lead's messages between institution and firm, named as `viewer` sees them. */
export function Messages(props: {
  messages: { by: 'officer' | 'firm'; text: string; at: string }[];
  viewer: 'officer' | 'firm';
}) {
  return (
    <>
      {props.messages.map((m) => (
        <div class={`msg ${m.by}`}>
          <div class="muted small">
            {m.by === props.viewer ? '我方' : m.by === 'officer' ? '机构' : '企业'} · {shanghaiTime(m.at)}
          </div>
          {m.text}
        </div>
      ))}
    </>
  );
}

// ---------------------------------------------------------------- forms

function FieldError(props: { problem?: FieldProblem }) {
  if (!props.problem) return null;
  return (
    <p class="field-error">
      {props.problem.zh}
      <span class="en">{props.problem.en}</span>
    </p>
  );
}

/** `field`, marked when its input has a problem. */
function fieldClass(problem: FieldProblem | undefined): string {
  return `field${problem ? ' has-error' : ''}`;
}

/** A labelled input (`children`) with an optional hint under the label and its message below. */
export function Field(props: {
  id: string;
  label: BilingualText;
  hint?: string;
  problem?: FieldProblem;
  children?: Child;
}) {
  return (
    <div class={fieldClass(props.problem)}>
      <label for={props.id}>
        <Text text={props.label} />
        {props.hint && <span class="hint">{props.hint}</span>}
      </label>
      {props.children}
      <FieldError problem={props.problem} />
    </div>
  );
}

/** A group of checkboxes with its legend and message. */
export function CheckGroup(props: { legend: BilingualText; problem?: FieldProblem; children?: Child }) {
  return (
    <fieldset class={fieldClass(props.problem)}>
      <legend>
        <Text text={props.legend} />
      </legend>
      <div class="checks">{props.children}</div>
      <FieldError problem={props.problem} />
    </fieldset>
  );
}

/** Whole yuan, typed with a numeric keypad. */
export function YuanInput(props: { id: string; name: string; value: string }) {
  return <input id={props.id} name={props.name} type="text" inputmode="numeric" value={props.value} />;
}

/** A term in whole months. */
export function MonthsInput(props: { id: string; name: string; value: string; max?: string }) {
  return <input id={props.id} name={props.name} type="number" min="1" max={props.max} value={props.value} />;
}

export function DateInput(props: { id: string; name: string; value: string }) {
  return <input id={props.id} name={props.name} type="date" value={props.value} />;
}

export function TextArea(props: { id: string; name: string; value: string }) {
  return (
    <textarea id={props.id} name={props.name}>
      {props.value}
    </textarea>
  );
}

/** A select of named values (中文 / English); `children` go before them (e.g. an "all" option). */
export function Select<V extends string>(props: {
  id: string;
  name: string;
  options: readonly (readonly [V, BilingualText])[];
  selected: string | undefined;
  style?: string;
  children?: Child;
}) {
  return (
    <select id={props.id} name={props.name} style={props.style}>
      {props.children}
      {props.options.map(([value, name]) => (
        <option value={value} selected={value === props.selected}>
          {name.zh} / {name.en}
        </option>
      ))}
    </select>
  );
}

/** `[value, name]` pairs for `Select`, in the order of `values`. */
export function named<V extends string>(
  values: readonly V[],
  names: Record<V, BilingualText>,
): [V, BilingualText][] {
  return values.map((v) => [v, names[v]]);
}

/** The lead's version, sent back so a stale page can't move a lead someone else moved. */
export function VersionInput(props: { version: number }) {
  return <input type="hidden" name="version" value={String(props.version)} />;
}

export function Submit(props: { zh: string; en: string; class?: string }) {
  return (
    <button type="submit" class={props.class}>
      <Bi zh={props.zh} en={props.en} />
    </button>
  );
}

/** A one-button form posting to `action`; `children` are its hidden inputs. */
export function PostButton(props: {
  action: string;
  zh: string;
  en: string;
  class: string;
  children?: Child;
}) {
  return (
    <form class="inline" method="post" action={props.action}>
      {props.children}
      <Submit zh={props.zh} en={props.en} class={props.class} />
    </form>
  );
}
