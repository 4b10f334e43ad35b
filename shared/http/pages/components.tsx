import { type Child, createContext, Fragment, useContext } from 'hono/jsx';
import { type DomainError, ValidationError } from '#domain/errors.ts';
import { isResponseOverdue, LEAD_STATUS_NAMES, type LeadStatus } from '#domain/lead.ts';
import { yuanZh } from '#domain/matching/money.ts';
import { REQUEST_STAGE_NAMES, type RequestStage } from '#domain/request-lifecycle.ts';
import type { BilingualText } from '#domain/text.ts';
import type { OfficerLeadView } from '../views.ts';
import { shanghaiTime, yuan, yuanEn, yuanShortEn } from './format.ts';
import type { FieldProblem } from './forms.ts';
import { type Lang, useLang } from './lang.ts';

/**
 * The pieces every page is built from: bilingual text, notices, tables, facts lists, form
 * fields and buttons. Chinese comes first, English second, everywhere.
 */

// ---------------------------------------------------------------- text

/**
 * Text in the reader's language: Chinese, English, or Chinese first with English second
 * (融资需求 Funding requests), the English marked `lang="en"` so screen readers switch voice.
 */
export function Bi(props: { zh: string; en: string }) {
  const lang = useLang();
  if (lang === 'zh') return <>{props.zh}</>;
  if (lang === 'en') return <>{props.en}</>;
  return (
    <>
      {props.zh}
      <span class="en" lang="en">
        {props.en}
      </span>
    </>
  );
}

/** Bilingual text as one plain string (titles, options, attributes): "中文", "English" or "中文 / English". */
export function say(lang: Lang, text: BilingualText): string {
  if (lang === 'zh') return text.zh;
  if (lang === 'en') return text.en;
  return text.zh === text.en ? text.zh : `${text.zh} / ${text.en}`;
}

/** `say` bound to the page's language. */
export function useT(): (text: BilingualText) => string {
  const lang = useLang();
  return (text) => say(lang, text);
}

/** Text that exists only in Chinese (names, data as entered): marked as Chinese on an English page. */
export function Zh(props: { children?: Child }) {
  if (useLang() === 'en') return <span lang="zh-CN">{props.children}</span>;
  return props.children ?? null;
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
export function ProductLink(props: { id: string; name: string | BilingualText }) {
  return (
    <a href={`/products/${props.id}`}>
      {typeof props.name === 'string' ? <Zh>{props.name}</Zh> : <Text text={props.name} />}
    </a>
  );
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
  return (
    <span class={`badge ${props.status}`}>
      <Text text={LEAD_STATUS_NAMES[props.status]} />
    </span>
  );
}

/** Where a request stands (derived from its leads, see request-lifecycle.ts). */
export function RequestStageBadge(props: { stage: RequestStage }) {
  return (
    <span class={`badge ${props.stage}`}>
      <Text text={REQUEST_STAGE_NAMES[props.stage]} />
    </span>
  );
}

/** A lead past its answer date without a first answer. */
export function OverdueBadge() {
  return (
    <span class="badge overdue">
      <Bi zh="已超期" en="overdue" />
    </span>
  );
}

// ---------------------------------------------------------------- notices

/** What the forms' fields are called, for the error summary above a form. */
const FIELD_LABELS: Record<string, BilingualText> = {
  amountYuan: { zh: '金额', en: 'Amount' },
  termMonths: { zh: '期限', en: 'Term' },
  purpose: { zh: '资金用途', en: 'Purpose' },
  collateral: { zh: '担保方式', en: 'Collateral' },
  kind: { zh: '融资类型', en: 'Kind' },
  needBy: { zh: '最晚用款日期', en: 'Needed by' },
  maturingLoanYuan: { zh: '到期贷款金额', en: 'Maturing loan' },
  maturesOn: { zh: '贷款到期日', en: 'Loan matures on' },
  productIds: { zh: '产品', en: 'Products' },
  question: { zh: '补充材料要求', en: 'Information requested' },
  answer: { zh: '回复', en: 'Answer' },
  note: { zh: '备注', en: 'Note' },
  text: { zh: '说明', en: 'Explanation' },
  reasonCode: { zh: '拒绝原因', en: 'Reason' },
  annualRateBp: { zh: '年利率', en: 'Annual rate' },
  disbursedOn: { zh: '放款日期', en: 'Disbursed on' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  password: { zh: '密码', en: 'Password' },
  userId: { zh: '用户ID', en: 'User id' },
  name: { zh: '名称', en: 'Name' },
  phone: { zh: '电话', en: 'Phone' },
};

/**
 * A success, error or information box; an error may list field messages, each a link to its
 * field (ids are the field names, prefixed with `idPrefix` where several forms share a page).
 */
export function Notice(props: {
  kind: 'ok' | 'error' | 'info' | 'warn';
  text: BilingualText;
  fields?: { path: string; zh: string; en: string }[];
  idPrefix?: string;
}) {
  return (
    <div class={`notice ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <MultiLine text={props.text} />
      {props.fields?.length ? (
        <ul>
          {props.fields.map((f) => {
            const name = f.path.split('.')[0]!;
            const label = FIELD_LABELS[name];
            return (
              <li>
                <a href={`#${props.idPrefix ?? ''}${name}`}>
                  {label && (
                    <>
                      <Text text={label} />
                      {'：'}
                    </>
                  )}
                  <Bi zh={f.zh} en={f.en} />
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

/** Text whose line breaks are kept (messages and explanations people typed). */
export function MultiLine(props: { text: BilingualText }) {
  return (
    <span class="pre">
      <Text text={props.text} />
    </span>
  );
}

/** What the action just done achieved (`?ok=` after its redirect), if anything. */
export function DoneNotice(props: { text?: BilingualText }) {
  return props.text ? <Notice kind="ok" text={props.text} /> : null;
}

/** A failed action's message, with its field messages when the input was invalid; nothing without one. */
export function ErrorNotice(props: { error?: DomainError; idPrefix?: string }) {
  const { error } = props;
  if (!error) return null;
  return (
    <Notice
      kind="error"
      text={{ zh: error.zh, en: error.en }}
      fields={error instanceof ValidationError ? error.fields : undefined}
      idPrefix={props.idPrefix}
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

/** A table of `rows`, one `row` each; with `empty`, no rows is said in words instead. On a phone it reads as cards. */
export function DataTable<T>(props: {
  columns: Column[];
  rows: T[];
  row: (item: T, index: number) => Child;
  empty?: BilingualText;
}) {
  const t = useT();
  if (props.empty && !props.rows.length) return <Empty text={props.empty} />;
  const labels = props.columns.map((c) => (c ? t(c) : undefined));
  return (
    <div class="table-wrap">
      <table class="cards">
        <thead>
          <tr>
            {props.columns.map((c) =>
              c ? (
                <th class={c.num ? 'num' : undefined} scope="col">
                  <Bi zh={c.zh} en={c.en} />
                </th>
              ) : (
                <th>
                  <span class="skip">-</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.rows.map((item, i) => labelCells(props.row(item, i), labels))}</tbody>
      </table>
    </div>
  );
}

interface Node {
  tag: unknown;
  props: Record<string, unknown>;
  children: unknown[];
}
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && 'tag' in value && 'props' in value && 'children' in value;

/** The cells of a row, looking through fragments and lists. */
function cellsOf(children: unknown[]): Node[] {
  return children.flatMap((child) => {
    if (Array.isArray(child)) return cellsOf(child);
    if (!isNode(child)) return [];
    if (child.tag === Fragment) return cellsOf(child.children);
    return [child];
  });
}

/**
 * Gives each cell of a row its column's name (`data-label`), which the phone layout shows
 * above the cell's value. Cells are `<td>` or components that pass `data-label` on (Num, MoneyCell).
 */
function labelCells(row: Child, labels: (string | undefined)[]): Child {
  if (!isNode(row)) return row;
  cellsOf(row.children).forEach((cell, i) => {
    const label = labels[i];
    if (label) cell.props['data-label'] = label;
  });
  return row;
}

/** A figures cell: right-aligned, tabular digits. */
export function Num(props: { children?: Child; 'data-label'?: string }) {
  return (
    <td class="num" data-label={props['data-label']}>
      {props.children}
    </td>
  );
}

/** Money in a table, in full (20,000,000 元) or short (2,000万元). */
export function MoneyCell(props: { yuan: number; short?: boolean; 'data-label'?: string }) {
  return (
    <Num data-label={props['data-label']}>
      <Money yuan={props.yuan} short={props.short} />
    </Num>
  );
}

/** Money in the reader's language: 20,000,000 元 / CNY 20,000,000, or short: 2,000万元 / CNY 20M. */
export function Money(props: { yuan: number; short?: boolean }) {
  const lang = useLang();
  const zh = props.short ? yuanZh(props.yuan) : yuan(props.yuan);
  if (lang === 'zh') return <>{zh}</>;
  const en = props.short ? yuanShortEn(props.yuan) : yuanEn(props.yuan);
  if (lang === 'en') return <>{en}</>;
  return (
    <>
      {zh}
      <span class="en" lang="en">
        {en}
      </span>
    </>
  );
}

/** A term: 12 个月 / 12 months. */
export function Months(props: { n: number }) {
  return <Bi zh={`${props.n} 个月`} en={`${props.n} month${props.n === 1 ? '' : 's'}`} />;
}

/**
 * Leads, newest first as given, with their answer date and status as the last two columns.
 * A lead past its answer date without a first answer is shaded and marked; `columns` and
 * `cells` are what comes before.
 */
export function LeadTable<L extends Pick<OfficerLeadView, 'status' | 'respondBy'>>(props: {
  leads: L[];
  today: string;
  columns: Column[];
  cells: (lead: L) => Child;
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
              {lead.respondBy} {overdue && <OverdueBadge />}
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
  if (useLang() === 'en') return <>{yuanEn(props.yuan)}</>;
  return (
    <>
      <Money yuan={props.yuan} /> <span class="muted">（{yuanZh(props.yuan)}）</span>
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
            <Text text={m.by === props.viewer ? WE : m.by === 'officer' ? INSTITUTION : FIRM} /> ·{' '}
            {shanghaiTime(m.at)}
          </div>
          <Zh>{m.text}</Zh>
        </div>
      ))}
    </>
  );
}

const WE = { zh: '我方', en: 'Us' };
const INSTITUTION = { zh: '机构', en: 'Institution' };
const FIRM = { zh: '企业', en: 'Firm' };

// ---------------------------------------------------------------- forms

/** A field's problem as shown; `first` is the first problem of the form, which gets the focus. */
export type ShownProblem = FieldProblem & { first?: boolean };

/** What a field tells the input inside it: its problem, where the message is, whether it is required. */
interface FieldState {
  problem?: ShownProblem;
  errorId?: string;
  hintId?: string;
  required?: boolean;
}
const FieldContext = createContext<FieldState>({});

/** The attributes an input takes from its field: aria-invalid, the message it is described by, focus. */
function useFieldAttributes() {
  const state = useContext(FieldContext);
  const describedBy = [state.errorId, state.hintId].filter(Boolean).join(' ');
  return {
    'aria-invalid': state.problem ? 'true' : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': state.required ? 'true' : undefined,
    autofocus: state.problem?.first ? true : undefined,
  };
}

function FieldError(props: { id?: string; problem?: FieldProblem }) {
  if (!props.problem) return null;
  return (
    <p class="field-error" id={props.id}>
      <Bi zh={props.problem.zh} en={props.problem.en} />
    </p>
  );
}

/** `field`, marked when its input has a problem. */
function fieldClass(problem: FieldProblem | undefined): string {
  return `field${problem ? ' has-error' : ''}`;
}

/** "必填 required" beside a label. */
function Required() {
  return (
    <span class="req">
      <Bi zh="必填" en="required" />
    </span>
  );
}

/**
 * A labelled input (`children`) with an optional hint under the label and its message right
 * below it; the input is marked aria-invalid and described by the message, and the form's
 * first problem takes the focus when the page comes back.
 */
export function Field(props: {
  id: string;
  label: BilingualText;
  hint?: BilingualText;
  problem?: ShownProblem;
  required?: boolean;
  children?: Child;
}) {
  const errorId = props.problem ? `${props.id}-error` : undefined;
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div class={fieldClass(props.problem)}>
      <label for={props.id}>
        <Text text={props.label} />
        {props.required && <Required />}
        {props.hint && (
          <span class="hint" id={hintId}>
            <Text text={props.hint} />
          </span>
        )}
      </label>
      <FieldContext.Provider value={{ problem: props.problem, errorId, hintId, required: props.required }}>
        {props.children}
      </FieldContext.Provider>
      <FieldError id={errorId} problem={props.problem} />
    </div>
  );
}

/** A group of checkboxes with its legend and message. */
export function CheckGroup(props: {
  id?: string;
  legend: BilingualText;
  problem?: ShownProblem;
  required?: boolean;
  children?: Child;
}) {
  const errorId = props.problem && props.id ? `${props.id}-error` : undefined;
  return (
    <fieldset
      class={fieldClass(props.problem)}
      id={props.id}
      aria-invalid={props.problem ? 'true' : undefined}
      aria-describedby={errorId}
    >
      <legend>
        <Text text={props.legend} />
        {props.required && <Required />}
      </legend>
      <div class="checks">{props.children}</div>
      <FieldError id={errorId} problem={props.problem} />
    </fieldset>
  );
}

/** A text input inside a Field. */
export function Input(props: {
  id: string;
  name: string;
  value?: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'datetime-local';
  inputmode?: 'numeric' | 'decimal' | 'email' | 'tel';
  autocomplete?: string;
  placeholder?: string;
  min?: string;
  max?: string;
}) {
  const { type = 'text', ...rest } = props;
  return <input type={type} {...rest} {...useFieldAttributes()} />;
}

/** An amount as people write it: 20000000, 20,000,000, 2000万, 0.2亿. */
export function YuanInput(props: { id: string; name: string; value: string }) {
  return <Input {...props} inputmode="decimal" autocomplete="off" />;
}

/** A whole number, from 1 unless `min` says otherwise. */
export function CountInput(props: { id: string; name: string; value: string; min?: string; max?: string }) {
  return <Input min="1" {...props} type="number" inputmode="numeric" />;
}

/** A term in whole months. */
export function MonthsInput(props: { id: string; name: string; value: string; max?: string }) {
  return <CountInput {...props} />;
}

export function DateInput(props: { id: string; name: string; value: string; min?: string }) {
  return <Input {...props} type="date" />;
}

export function TextArea(props: { id: string; name: string; value: string }) {
  return (
    <textarea id={props.id} name={props.name} {...useFieldAttributes()}>
      {props.value}
    </textarea>
  );
}

/** A select of named values; `children` go before them (e.g. an "all" option). */
export function Select<V extends string>(props: {
  id: string;
  name: string;
  options: readonly (readonly [V, BilingualText])[];
  selected: string | undefined;
  class?: string;
  children?: Child;
}) {
  const t = useT();
  return (
    <select id={props.id} name={props.name} class={props.class} {...useFieldAttributes()}>
      {props.children}
      {props.options.map(([value, name]) => (
        <option value={value} selected={value === props.selected}>
          {t(name)}
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
