import { Hono } from 'hono';
import {
  type AnonymousProfile,
  HEADCOUNT_BAND_NAMES,
  REVENUE_BAND_NAMES,
  STANDING_NAMES,
  YEARS_BAND_NAMES,
} from '#domain/anonymous-profile.ts';
import { shanghaiDate } from '#domain/dates.ts';
import { EQUITY_PASS_REASONS } from '#domain/equity/reasons.ts';
import { ConflictError, type DomainError, ValidationError } from '#domain/errors.ts';
import {
  allowedActions,
  DECLINE_REASONS,
  declineReasonName,
  isResponseOverdue,
  LEAD_STATUS_NAMES,
  LEAD_STATUSES,
  type LeadActionName,
  LeadActionSchema,
  LeadStatusSchema,
} from '#domain/lead.ts';
import type { Principal } from '#domain/principal.ts';
import { EQUITY_KINDS } from '#domain/product.ts';
import type { AuditEntry } from '#domain/request.ts';
import type { BilingualText } from '#domain/text.ts';
import { findProduct } from '#usecases/catalog.ts';
import { leadDocuments } from '#usecases/documents.ts';
import { leadAudit, listLeads, readLead, transitionLead } from '#usecases/leads.ts';
import { escalationsOfLead } from '#usecases/notifications.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { type OfficerLeadView, officerLeadView } from '../views.ts';
import { doneMessage, type PageContext, shownOnPage, signedIn, whoOf } from './common.ts';
import {
  AmountInFull,
  BackLink,
  Bi,
  COLUMNS,
  DataTable,
  DateInput,
  DoneNotice,
  Empty,
  ErrorNotice,
  Fact,
  Field,
  Input,
  LeadTable,
  Messages,
  Money,
  MoneyCell,
  Months,
  MonthsInput,
  named,
  OverdueBadge,
  Pager,
  Select,
  StatusBadge,
  Submit,
  Text,
  TextArea,
  useT,
  VersionInput,
  YuanInput,
  Zh,
} from './components.tsx';
import { LeadEscalations, ProductNoLongerLive } from './escalations.tsx';
import { fileSize } from './firm-lead-card.tsx';
import {
  collateralNames,
  industryText,
  percent,
  purposeAndTermText,
  regionText,
  shanghaiTime,
} from './format.ts';
import {
  documentDownload,
  type FieldProblem,
  type Form,
  messagesByField,
  parseForm,
  percentAsBp,
  readForm,
  text,
  wholeNumber,
} from './forms.ts';
import { Layout, page, ROLE_NAMES } from './layout.tsx';

type OfficerPrincipal = Extract<Principal, { role: 'officer' }>;

export const ACTION_NAMES: Record<LeadActionName | 'reveal', BilingualText> = {
  view: { zh: '标记已查看', en: 'Mark as viewed' },
  accept: { zh: '受理', en: 'Accept' },
  request_info: { zh: '要求补充材料', en: 'Request information' },
  respond: { zh: '企业回复', en: 'Firm responded' },
  approve: { zh: '审批通过', en: 'Approve' },
  decline: { zh: '拒绝', en: 'Decline' },
  disburse: { zh: '放款', en: 'Disburse' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  reveal: { zh: '企业公开身份', en: 'Identity revealed' },
};

/**
 * The anonymous profile: what an institution sees of the firm (bands, city, industry
 * division; anonymous-profile.ts), and what the firm asks for.
 */
export function ProfileFacts(props: { profile: AnonymousProfile }) {
  const p = props.profile;
  return (
    <dl class="facts">
      <Fact zh="梯度资质" en="Standing">
        <Text text={STANDING_NAMES[p.standing]} />
        {p.standing !== 'none' &&
          (p.standingVerified ? (
            <Bi zh="（已与认定名单核验）" en=" (checked against the certified lists)" />
          ) : (
            <Bi zh="（企业自报，未核验）" en=" (self-declared, not checked)" />
          ))}
      </Fact>
      <Fact zh="行业门类" en="Industry division">
        <Text text={industryText(p.industryDivision)} />
      </Fact>
      <Fact zh="所在城市" en="City">
        <Text text={regionText(p.cityCode)} />
      </Fact>
      <Fact zh="规模（企业自报）" en="Size (self-declared)">
        <Text text={HEADCOUNT_BAND_NAMES[p.headcountBand]} /> ·{' '}
        <Text text={REVENUE_BAND_NAMES[p.revenueBand]} /> · <Text text={YEARS_BAND_NAMES[p.yearsBand]} />
      </Fact>
      <Fact zh="融资金额" en="Amount">
        <AmountInFull yuan={p.amountYuan} />
      </Fact>
      <Fact zh="用途 / 期限" en="Purpose / term">
        <Text text={purposeAndTermText(p)} />
      </Fact>
      <Fact zh="担保方式" en="Collateral">
        <Text text={collateralNames(p.collateral)} />
      </Fact>
      {p.needBy && (
        <Fact zh="最晚用款" en="Needed by">
          {p.needBy}
        </Fact>
      )}
    </dl>
  );
}

function profileLine(p: AnonymousProfile): BilingualText {
  const parts = [STANDING_NAMES[p.standing], industryText(p.industryDivision), regionText(p.cityCode)];
  return { zh: parts.map((t) => t.zh).join(' · '), en: parts.map((t) => t.en).join(' · ') };
}

// ---------------------------------------------------------------- inbox

function Inbox(props: { items: OfficerLeadView[]; today: string; status?: string; cursor?: string }) {
  const t = useT();
  return (
    <>
      <form method="get" action="/officer" class="filters">
        <label for="status">
          <Bi zh="状态" en="Status" />
          <Select
            id="status"
            name="status"
            options={named(LEAD_STATUSES, LEAD_STATUS_NAMES)}
            selected={props.status}
          >
            <option value="">{t({ zh: '全部', en: 'all' })}</option>
          </Select>
        </label>
        <Submit zh="筛选" en="Filter" class="secondary" />
      </form>
      <LeadTable
        leads={props.items}
        today={props.today}
        columns={[
          { zh: '收到时间', en: 'Received' },
          { zh: '企业画像（匿名）', en: 'Profile (anonymous)' },
          COLUMNS.amount,
          COLUMNS.purposeTerm,
        ]}
        cells={(l) => (
          <>
            <td>
              <a href={`/officer/leads/${l.id}`}>{shanghaiTime(l.createdAt)}</a>
            </td>
            <td>
              {l.firm ? <strong>{l.firm.name}</strong> : null}
              <div class={l.firm ? 'small muted' : undefined}>
                <Text text={profileLine(l.profile)} />
              </div>
            </td>
            <MoneyCell yuan={l.profile.amountYuan} short />
            <td>
              <Text text={purposeAndTermText(l.profile)} />
            </td>
          </>
        )}
      />
      {props.cursor && (
        <Pager
          href={`/officer?${new URLSearchParams({ ...(props.status ? { status: props.status } : {}), cursor: props.cursor })}`}
          zh="下一页"
          en="Next page"
        />
      )}
    </>
  );
}

// ---------------------------------------------------------------- lead page

interface Failed {
  action: string;
  form: Form;
  error: DomainError;
}

/** The inputs each action asks for (none for `view`). */
function ActionFields(props: {
  lead: OfficerLeadView;
  action: LeadActionName;
  today: string;
  /** The form as sent, when this action failed: what was typed is shown again. */
  failed?: Failed;
  /** A lead for an equity product: an investor's reasons, not a bank's. */
  equity?: boolean;
}) {
  const { lead, action, failed } = props;
  const fields = messagesByField(failed?.error instanceof ValidationError ? failed.error : undefined);
  const value = (name: string, fallback = '') => (failed ? (text(failed.form, name) ?? '') : fallback);
  // Ids are prefixed with the action: several action forms share one page.
  const field = (name: string) => ({ id: `${action}-${name}`, problem: fields.get(name) });
  const input = (name: string) => ({ id: `${action}-${name}`, name });
  switch (action) {
    case 'accept':
      return (
        <Field
          {...field('note')}
          label={{ zh: '备注（可选，企业可见）', en: 'Note (optional, the firm sees it)' }}
        >
          <TextArea {...input('note')} value={value('note')} />
        </Field>
      );
    case 'request_info':
      return (
        <Field
          {...field('question')}
          label={{ zh: '需要企业补充的材料', en: 'What the firm should provide' }}
        >
          <TextArea {...input('question')} value={value('question')} />
        </Field>
      );
    case 'approve':
      return (
        <>
          <Field {...field('amountYuan')} label={{ zh: '审批金额（元）', en: 'Amount (CNY)' }}>
            <YuanInput
              {...input('amountYuan')}
              value={value('amountYuan', String(lead.profile.amountYuan))}
            />
          </Field>
          <Field
            {...field('annualRateBp')}
            required
            label={{ zh: '年利率（%）', en: 'Annual rate (%)' }}
            hint={{ zh: '如 3.45', en: 'e.g. 3.45' }}
          >
            <Input
              id="approve-annualRateBp"
              name="ratePercent"
              inputmode="decimal"
              placeholder="3.45"
              value={value('ratePercent')}
            />
          </Field>
          <Field {...field('termMonths')} label={{ zh: '期限（月）', en: 'Term (months)' }}>
            <MonthsInput
              {...input('termMonths')}
              value={value('termMonths', String(lead.profile.termMonths))}
            />
          </Field>
        </>
      );
    case 'decline':
      return (
        <>
          <Field {...field('reasonCode')} label={{ zh: '拒绝原因', en: 'Reason' }}>
            <Select
              {...input('reasonCode')}
              options={Object.entries(props.equity ? EQUITY_PASS_REASONS : DECLINE_REASONS)}
              selected={value('reasonCode')}
            />
          </Field>
          <Field {...field('text')} label={{ zh: '说明（企业可见）', en: 'Explanation (the firm sees it)' }}>
            <TextArea {...input('text')} value={value('text')} />
          </Field>
        </>
      );
    case 'disburse':
      return (
        <>
          <Field {...field('amountYuan')} label={{ zh: '放款金额（元）', en: 'Amount (CNY)' }}>
            <YuanInput
              {...input('amountYuan')}
              value={value('amountYuan', String(lead.approval?.amountYuan ?? ''))}
            />
          </Field>
          <Field {...field('disbursedOn')} label={{ zh: '放款日期', en: 'Disbursed on' }}>
            <DateInput {...input('disbursedOn')} value={value('disbursedOn', props.today)} />
          </Field>
        </>
      );
    default:
      return null;
  }
}

function ActionForm(props: {
  lead: OfficerLeadView;
  action: LeadActionName;
  today: string;
  failed?: Failed;
  equity?: boolean;
}) {
  const { lead, action } = props;
  const mine = props.failed?.action === action ? props.failed : undefined;
  const name = ACTION_NAMES[action];
  return (
    <details class="action" open={Boolean(mine) || action === 'view'}>
      <summary>
        <Text text={name} />
      </summary>
      <form class="stack" method="post" action={`/officer/leads/${lead.id}/actions`}>
        <input type="hidden" name="action" value={action} />
        <VersionInput version={lead.version} />
        <ErrorNotice error={mine?.error} idPrefix={`${action}-`} />
        <ActionFields lead={lead} action={action} today={props.today} failed={mine} equity={props.equity} />
        <div class="actions">
          <Submit zh={name.zh} en={name.en} class={action === 'decline' ? 'danger' : ''} />
        </div>
      </form>
    </details>
  );
}

export function AuditTrail(props: { entries: AuditEntry[] }) {
  return (
    <DataTable
      columns={[
        { zh: '时间', en: 'When' },
        { zh: '操作人', en: 'Who' },
        { zh: '操作', en: 'Action' },
        { zh: '状态变化', en: 'Status' },
      ]}
      rows={props.entries}
      row={(e) => {
        const action = ACTION_NAMES[e.action as keyof typeof ACTION_NAMES];
        return (
          <tr>
            <td>{shanghaiTime(e.at)}</td>
            <td>
              <Text text={ROLE_NAMES[e.actor.role]} />
              {/* A firm user's id could identify an anonymous firm: institutions see the role only. */}
              {e.actor.role !== 'firm' && <span class="muted small"> {e.actor.userId}</span>}
            </td>
            <td>{action ? <Text text={action} /> : e.action}</td>
            <td>
              {e.from ? <Text text={LEAD_STATUS_NAMES[e.from]} /> : '—'} →{' '}
              <Text text={LEAD_STATUS_NAMES[e.to]} />
            </td>
          </tr>
        );
      }}
    />
  );
}

async function renderLead(c: PageContext, principal: OfficerPrincipal, id: string, failed?: Failed) {
  const deps = c.get('deps');
  const { now } = deps;
  const record = await readLead(deps, principal, id);
  // Only the whitelisted officer view is rendered: the firm's name appears only once revealed.
  const lead = officerLeadView(record);
  const [audit, products, documents, escalations] = await Promise.all([
    leadAudit(deps, principal, lead.id),
    Promise.all(lead.productIds.map((pid) => findProduct(deps, pid, principal))),
    leadDocuments(deps, principal, lead.id),
    escalationsOfLead(deps.store, principal, lead.id),
  ]);
  const today = shanghaiDate(now());
  const overdue = isResponseOverdue(lead, today);
  // Equity is not a loan: a fund neither approves a rate nor disburses; it declines with an
  // investor's reasons here, or follows up on its equity pages (due diligence, term sheet).
  const equity = products.length > 0 && products.every((p) => p !== undefined && EQUITY_KINDS.has(p.kind));
  const actions = allowedActions(lead.status, 'officer').filter(
    (a) => !equity || (a !== 'approve' && a !== 'disburse'),
  );
  return page(
    c,
    <Layout title={{ zh: '线索详情', en: 'Lead' }} who={await whoOf(c)}>
      <BackLink href="/officer" zh="← 线索列表" en="Leads" />
      <h1>
        {lead.firm ? (
          <>
            <Zh>{lead.firm.name}</Zh> <span class="muted small">{lead.firm.uscc}</span>
          </>
        ) : (
          <Bi zh="匿名企业" en="Anonymous firm" />
        )}{' '}
        <StatusBadge status={lead.status} />
      </h1>
      <DoneNotice text={doneMessage(c)} />
      <p class="muted small">
        <Bi
          zh={`收到于 ${shanghaiTime(lead.createdAt)} · 应答期限 ${lead.respondBy}`}
          en={`Received ${shanghaiTime(lead.createdAt)} · answer by ${lead.respondBy}`}
        />{' '}
        {overdue && <OverdueBadge />}
      </p>
      <LeadEscalations escalations={escalations} />
      <div class="grid">
        <div class="card">
          <h3>
            <Bi zh="企业画像" en="Profile" />
          </h3>
          {!lead.firm && (
            <p class="small muted">
              <Bi zh="企业尚未公开身份" en="The firm has not revealed its identity" />
            </p>
          )}
          <ProfileFacts profile={lead.profile} />
        </div>
        <div class="card">
          <h3>
            <Bi zh="申请的产品" en="Products" />
          </h3>
          <ul class="plain">
            {lead.productIds.map((pid, i) => (
              <li>
                <a href={`/products/${pid}`}>
                  <Text text={products[i]?.name ?? { zh: pid, en: pid }} />
                </a>{' '}
                <ProductNoLongerLive status={products[i]?.status} />
              </li>
            ))}
          </ul>
          {lead.approval && (
            <p>
              <Bi zh="已审批：" en="Approved: " />
              <Money yuan={lead.approval.amountYuan} />, {percent(lead.approval.annualRateBp)},{' '}
              <Months n={lead.approval.termMonths} />
            </p>
          )}
          {lead.disbursement && (
            <p>
              <Bi zh="已放款：" en="Disbursed: " />
              <Money yuan={lead.disbursement.amountYuan} /> ({lead.disbursement.disbursedOn})
            </p>
          )}
          {lead.decline && (
            <p>
              <Bi zh="已拒绝：" en="Declined: " />
              <Text text={declineReasonName(lead.decline.reasonCode)} />. <Zh>{lead.decline.text}</Zh>
            </p>
          )}
        </div>
      </div>
      {lead.messages.length > 0 && (
        <>
          <h2>
            <Bi zh="沟通记录" en="Messages" />
          </h2>
          <Messages messages={lead.messages} viewer="officer" />
        </>
      )}
      {documents.length > 0 && (
        <>
          <h2>
            <Bi zh="企业提供的文件" en="Documents from the firm" />
          </h2>
          <ul>
            {documents.map((d) => (
              <li>
                <a href={`/officer/leads/${lead.id}/documents/${d.id}`}>
                  <Zh>{d.name}</Zh>
                </a>{' '}
                <span class="muted small">
                  {d.kind.toUpperCase()} · {fileSize(d.size)} · {shanghaiTime(d.sharedAt ?? d.uploadedAt)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>
        <Bi zh="处理" en="Act" />
      </h2>
      {equity && (
        <p class="small muted">
          <Bi
            zh="股权类线索：无利率、无放款；感兴趣请在「基金推送与路演」中推进尽调、投资意向书与投资。"
            en="An equity lead: no rate, no disbursement; follow up on the fund pages (due diligence, term sheet, investment)."
          />{' '}
          <a href="/officer/equity">/officer/equity</a>
        </p>
      )}
      {failed && !actions.includes(failed.action as LeadActionName) && <ErrorNotice error={failed.error} />}
      {actions.map((action) => (
        <ActionForm lead={lead} action={action} today={today} failed={failed} equity={equity} />
      ))}
      {actions.length === 0 && (
        <Empty text={{ zh: '此线索已结束，无可执行的操作', en: 'This lead is closed' }} />
      )}
      <h2>
        <Bi zh="审计记录" en="Audit trail" />
      </h2>
      <AuditTrail entries={audit} />
    </Layout>,
    failed ? statusOf(failed.error) : 200,
  );
}

/** The form's strings as the API's LeadAction input. */
function actionInput(form: Form, problems: FieldProblem[]) {
  const action = text(form, 'action');
  switch (action) {
    case 'accept':
      return { action, ...(text(form, 'note') ? { note: text(form, 'note') } : {}) };
    case 'request_info':
      return { action, question: text(form, 'question') ?? '' };
    case 'approve':
      return {
        action,
        amountYuan: wholeNumber(form, 'amountYuan', problems),
        annualRateBp: percentAsBp(form, 'ratePercent', problems, 'annualRateBp'),
        termMonths: wholeNumber(form, 'termMonths', problems),
      };
    case 'decline':
      return { action, reasonCode: text(form, 'reasonCode'), text: text(form, 'text') ?? '' };
    case 'disburse':
      return {
        action,
        amountYuan: wholeNumber(form, 'amountYuan', problems),
        disbursedOn: text(form, 'disbursedOn'),
      };
    default:
      return { action };
  }
}

// ---------------------------------------------------------------- routes

/** `/officer/*`: an institution's leads, anonymised, moved through the same `transitionLead` as the API. */
export function officerPages() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const principal = signedIn(c, 'officer');
    const deps = c.get('deps');
    const { now } = deps;
    const status = LeadStatusSchema.safeParse(c.req.query('status')).data;
    const inbox = await listLeads(deps, principal, { status, limit: 20, cursor: c.req.query('cursor') });
    return page(
      c,
      <Layout title={{ zh: '线索', en: 'Leads' }} who={await whoOf(c)}>
        <h1>
          <Bi zh="线索收件箱" en="Lead inbox" />
        </h1>
        <p class="muted small">
          <Bi
            zh="企业在公开身份前以匿名画像出现；新线索应在 3 个工作日内首次答复。"
            en="Firms appear as anonymous profiles until they reveal themselves; answer new leads within 3 business days."
          />
        </p>
        <Inbox
          items={inbox.items.map(officerLeadView)}
          today={shanghaiDate(now())}
          status={status}
          cursor={inbox.cursor}
        />
      </Layout>,
    );
  });

  /** Opening a new lead marks it viewed: the firm's timeline shows the institution has seen it. */
  app.get('/leads/:id', async (c) => {
    const principal = signedIn(c, 'officer');
    const deps = c.get('deps');
    const id = c.req.param('id');
    const lead = await readLead(deps, principal, id);
    if (lead.status === 'new') {
      try {
        await transitionLead(deps, principal, id, { action: 'view' }, lead.version);
      } catch (error) {
        // Someone else opened or moved it at the same moment: the page shows where it is now.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return renderLead(c, principal, id);
  });

  /** A document the firm shared on this lead, as a download (others are a 404). */
  app.get('/leads/:id/documents/:doc', documentDownload('officer'));

  app.post('/leads/:id/actions', async (c) => {
    const principal = signedIn(c, 'officer');
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      const problems: FieldProblem[] = [];
      const version = wholeNumber(form, 'version', problems);
      const action = parseForm(LeadActionSchema, actionInput(form, problems), problems);
      await transitionLead(c.get('deps'), principal, id, action, version);
      return c.redirect(`/officer/leads/${id}?ok=moved`, 303);
    } catch (error) {
      if (shownOnPage(error))
        return renderLead(c, principal, id, { action: text(form, 'action') ?? '', form, error });
      throw error;
    }
  });

  return app;
}
