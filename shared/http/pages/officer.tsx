import { Hono } from 'hono';
import { shanghaiDate } from '#domain/dates.ts';
import { DomainError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { PURPOSE_NAMES } from '#domain/funding-request.ts';
import {
  allowedActions,
  DECLINE_REASONS,
  isResponseOverdue,
  LEAD_STATUS_NAMES,
  LEAD_STATUSES,
  type LeadActionName,
  LeadActionSchema,
  LeadStatusSchema,
} from '#domain/lead.ts';
import { COLLATERAL_NAMES } from '#domain/matching/names.ts';
import type { AnonymousProfile } from '#domain/request.ts';
import type { BilingualText } from '#domain/text.ts';
import { LEVEL_NAMES, TIER_NAMES } from '#domain/tiers.ts';
import type { AuditEntry } from '#store/leads.ts';
import { loadLeadFor } from '#usecases/access.ts';
import { transitionLead } from '#usecases/leads.ts';
import type { Principal } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { type OfficerLeadView, officerLeadView } from '../views.ts';
import { doneMessage, type PageContext, signedIn, whoOf } from './common.ts';
import { industryLabel, months, percent, regionLabel, shanghaiDateTime, yuan, yuanShort } from './format.ts';
import {
  type FieldProblem,
  type Form,
  messagesByField,
  parseForm,
  percentAsBp,
  readForm,
  text,
  wholeNumber,
} from './forms.ts';
import { Bi, Layout, Notice, ROLE_NAMES, StatusBadge } from './layout.tsx';

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

/** The anonymised profile: what an institution sees before the firm reveals itself. */
export function ProfileFacts(props: { profile: AnonymousProfile }) {
  const p = props.profile;
  return (
    <dl class="facts">
      <dt>
        <Bi zh="梯度资质" en="Tier" />
      </dt>
      <dd>{p.tier ? `${p.level ? LEVEL_NAMES[p.level].zh : ''}${TIER_NAMES[p.tier].zh}` : '—'}</dd>
      <dt>
        <Bi zh="行业" en="Industry" />
      </dt>
      <dd>{industryLabel(p.industryCode)}</dd>
      <dt>
        <Bi zh="地区" en="Region" />
      </dt>
      <dd>{regionLabel(p.regionCode)}</dd>
      <dt>
        <Bi zh="规模" en="Size" />
      </dt>
      <dd>
        {p.employees} 人 · 成立 {p.yearsSinceFounding} 年
      </dd>
      <dt>
        <Bi zh="融资金额" en="Amount" />
      </dt>
      <dd>
        {yuan(p.amountYuan)} <span class="muted">（{yuanShort(p.amountYuan)}）</span>
      </dd>
      <dt>
        <Bi zh="用途 / 期限" en="Purpose / term" />
      </dt>
      <dd>
        {PURPOSE_NAMES[p.purpose].zh} · {months(p.termMonths)}
      </dd>
      <dt>
        <Bi zh="担保方式" en="Collateral" />
      </dt>
      <dd>
        {p.collateral.map((k) => COLLATERAL_NAMES[k as keyof typeof COLLATERAL_NAMES]?.zh ?? k).join('、')}
      </dd>
      {p.needBy && (
        <>
          <dt>
            <Bi zh="最晚用款" en="Needed by" />
          </dt>
          <dd>{p.needBy}</dd>
        </>
      )}
    </dl>
  );
}

function profileLine(p: AnonymousProfile): string {
  const tier = p.tier ? `${p.level ? LEVEL_NAMES[p.level].zh : ''}${TIER_NAMES[p.tier].zh}` : '无资质';
  return `${tier} · ${industryLabel(p.industryCode)} · ${regionLabel(p.regionCode)}`;
}

// ---------------------------------------------------------------- inbox

function Inbox(props: { items: OfficerLeadView[]; today: string; status?: string; cursor?: string }) {
  return (
    <>
      <form method="get" action="/officer" class="actions" style="margin-bottom:1rem">
        <label for="status" style="font-weight:400">
          <Bi zh="状态" en="Status" />
        </label>
        <select id="status" name="status" style="width:auto">
          <option value="">全部 / all</option>
          {LEAD_STATUSES.map((s) => (
            <option value={s} selected={s === props.status}>
              {LEAD_STATUS_NAMES[s].zh} / {LEAD_STATUS_NAMES[s].en}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          <Bi zh="筛选" en="Filter" />
        </button>
      </form>
      {props.items.length === 0 ? (
        <p class="muted">
          <Bi zh="暂无线索" en="No leads" />
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>
                <Bi zh="收到时间" en="Received" />
              </th>
              <th>
                <Bi zh="企业画像（匿名）" en="Profile (anonymous)" />
              </th>
              <th class="num">
                <Bi zh="金额" en="Amount" />
              </th>
              <th>
                <Bi zh="用途 / 期限" en="Purpose / term" />
              </th>
              <th>
                <Bi zh="应答期限" en="Answer by" />
              </th>
              <th>
                <Bi zh="状态" en="Status" />
              </th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((l) => {
              const overdue = isResponseOverdue(l, props.today);
              return (
                <tr class={overdue ? 'overdue' : undefined}>
                  <td>
                    <a href={`/officer/leads/${l.id}`}>{shanghaiDateTime(l.createdAt)}</a>
                  </td>
                  <td>
                    {l.firm ? <strong>{l.firm.name}</strong> : null}
                    <div class={l.firm ? 'small muted' : undefined}>{profileLine(l.profile)}</div>
                  </td>
                  <td class="num">{yuanShort(l.profile.amountYuan)}</td>
                  <td>
                    {PURPOSE_NAMES[l.profile.purpose].zh} · {months(l.profile.termMonths)}
                  </td>
                  <td>
                    {l.respondBy} {overdue && <span class="badge overdue">已超期</span>}
                  </td>
                  <td>
                    <StatusBadge status={l.status} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {props.cursor && (
        <p class="pager">
          <a
            href={`/officer?${new URLSearchParams({ ...(props.status ? { status: props.status } : {}), cursor: props.cursor })}`}
          >
            <Bi zh="下一页" en="Next page" />
          </a>
        </p>
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

function ActionForm(props: {
  lead: OfficerLeadView;
  action: LeadActionName;
  today: string;
  failed?: Failed;
}) {
  const { lead, action } = props;
  const mine = props.failed?.action === action ? props.failed : undefined;
  const fields = messagesByField(mine?.error instanceof ValidationError ? mine.error : undefined);
  const value = (name: string, fallback = '') => (mine ? (text(mine.form, name) ?? '') : fallback);
  const Field = (p: { name: string; label: BilingualText; children: unknown }) => (
    <div class={`field${fields.has(p.name) ? ' has-error' : ''}`}>
      <label for={`${action}-${p.name}`}>
        <Bi zh={p.label.zh} en={p.label.en} />
      </label>
      {p.children}
      {fields.has(p.name) && (
        <p class="field-error">
          {fields.get(p.name)!.zh}
          <span class="en">{fields.get(p.name)!.en}</span>
        </p>
      )}
    </div>
  );
  const body = () => {
    switch (action) {
      case 'accept':
        return (
          <Field
            name="note"
            label={{ zh: '备注（可选，企业可见）', en: 'Note (optional, the firm sees it)' }}
          >
            <textarea id="accept-note" name="note">
              {value('note')}
            </textarea>
          </Field>
        );
      case 'request_info':
        return (
          <Field name="question" label={{ zh: '需要企业补充的材料', en: 'What the firm should provide' }}>
            <textarea id="request_info-question" name="question">
              {value('question')}
            </textarea>
          </Field>
        );
      case 'approve':
        return (
          <>
            <Field name="amountYuan" label={{ zh: '审批金额（元）', en: 'Amount (CNY)' }}>
              <input
                id="approve-amountYuan"
                name="amountYuan"
                type="text"
                inputmode="numeric"
                value={value('amountYuan', String(lead.profile.amountYuan))}
              />
            </Field>
            <Field name="annualRateBp" label={{ zh: '年利率（%）', en: 'Annual rate (%)' }}>
              <input
                id="approve-annualRateBp"
                name="ratePercent"
                type="text"
                inputmode="decimal"
                placeholder="3.45"
                value={value('ratePercent')}
              />
            </Field>
            <Field name="termMonths" label={{ zh: '期限（月）', en: 'Term (months)' }}>
              <input
                id="approve-termMonths"
                name="termMonths"
                type="number"
                min="1"
                value={value('termMonths', String(lead.profile.termMonths))}
              />
            </Field>
          </>
        );
      case 'decline':
        return (
          <>
            <Field name="reasonCode" label={{ zh: '拒绝原因', en: 'Reason' }}>
              <select id="decline-reasonCode" name="reasonCode">
                {Object.entries(DECLINE_REASONS).map(([code, name]) => (
                  <option value={code} selected={value('reasonCode') === code}>
                    {name.zh} / {name.en}
                  </option>
                ))}
              </select>
            </Field>
            <Field name="text" label={{ zh: '说明（企业可见）', en: 'Explanation (the firm sees it)' }}>
              <textarea id="decline-text" name="text">
                {value('text')}
              </textarea>
            </Field>
          </>
        );
      case 'disburse':
        return (
          <>
            <Field name="amountYuan" label={{ zh: '放款金额（元）', en: 'Amount (CNY)' }}>
              <input
                id="disburse-amountYuan"
                name="amountYuan"
                type="text"
                inputmode="numeric"
                value={value('amountYuan', String(lead.approval?.amountYuan ?? ''))}
              />
            </Field>
            <Field name="disbursedOn" label={{ zh: '放款日期', en: 'Disbursed on' }}>
              <input
                id="disburse-disbursedOn"
                name="disbursedOn"
                type="date"
                value={value('disbursedOn', props.today)}
              />
            </Field>
          </>
        );
      default:
        return null;
    }
  };
  const name = ACTION_NAMES[action];
  return (
    <details class="action" open={Boolean(mine) || action === 'view'}>
      <summary>
        <Bi zh={name.zh} en={name.en} />
      </summary>
      <form class="stack" method="post" action={`/officer/leads/${lead.id}/actions`}>
        <input type="hidden" name="action" value={action} />
        <input type="hidden" name="version" value={String(lead.version)} />
        {mine && (
          <Notice
            kind="error"
            text={{ zh: mine.error.zh, en: mine.error.en }}
            fields={mine.error instanceof ValidationError ? mine.error.fields : undefined}
          />
        )}
        {body()}
        <div class="actions">
          <button type="submit" class={action === 'decline' ? 'danger' : ''}>
            <Bi zh={name.zh} en={name.en} />
          </button>
        </div>
      </form>
    </details>
  );
}

function AuditTrail(props: { entries: AuditEntry[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>
            <Bi zh="时间" en="When" />
          </th>
          <th>
            <Bi zh="操作人" en="Who" />
          </th>
          <th>
            <Bi zh="操作" en="Action" />
          </th>
          <th>
            <Bi zh="状态变化" en="Status" />
          </th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => {
          const action = ACTION_NAMES[e.action as keyof typeof ACTION_NAMES];
          return (
            <tr>
              <td>{shanghaiDateTime(e.at)}</td>
              <td>
                {ROLE_NAMES[e.actor.role].zh}
                {/* A firm user's id could identify an anonymous firm: institutions see the role only. */}
                {e.actor.role !== 'firm' && <span class="muted small"> {e.actor.userId}</span>}
              </td>
              <td>{action ? action.zh : e.action}</td>
              <td>
                {e.from ? LEAD_STATUS_NAMES[e.from].zh : '—'} → {LEAD_STATUS_NAMES[e.to].zh}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

async function renderLead(c: PageContext, principal: OfficerPrincipal, id: string, failed?: Failed) {
  const { store, now } = c.get('deps');
  const record = await loadLeadFor(store, principal, id);
  // Only the whitelisted officer view is rendered: the firm's name appears only once revealed.
  const lead = officerLeadView(record);
  const [audit, products] = await Promise.all([
    store.leads.audit(lead.id),
    Promise.all(lead.productIds.map((pid) => store.catalog.getProduct(pid))),
  ]);
  const today = shanghaiDate(now());
  const overdue = isResponseOverdue(lead, today);
  const actions = allowedActions(lead.status, 'officer');
  const done = doneMessage(c);
  return c.html(
    <Layout title={{ zh: '线索详情', en: 'Lead' }} who={await whoOf(c)}>
      <p class="small">
        <a href="/officer">
          <Bi zh="← 线索列表" en="Leads" />
        </a>
      </p>
      <h1>
        {lead.firm ? lead.firm.name : '匿名企业'}
        <span class="en">{lead.firm ? lead.firm.uscc : 'Anonymous firm'}</span>{' '}
        <StatusBadge status={lead.status} />
      </h1>
      {done && <Notice kind="ok" text={done} />}
      <p class="muted small">
        收到于 {shanghaiDateTime(lead.createdAt)} · 应答期限 {lead.respondBy}{' '}
        {overdue && <span class="badge overdue">已超期 overdue</span>}
      </p>
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
                <a href={`/products/${pid}`}>{products[i]?.name.zh ?? pid}</a>
              </li>
            ))}
          </ul>
          {lead.approval && (
            <p>
              已审批：{yuan(lead.approval.amountYuan)}，{percent(lead.approval.annualRateBp)}，
              {months(lead.approval.termMonths)}
            </p>
          )}
          {lead.disbursement && (
            <p>
              已放款：{yuan(lead.disbursement.amountYuan)}（{lead.disbursement.disbursedOn}）
            </p>
          )}
          {lead.decline && (
            <p>
              已拒绝：{DECLINE_REASONS[lead.decline.reasonCode].zh}。{lead.decline.text}
            </p>
          )}
        </div>
      </div>
      {lead.messages.length > 0 && (
        <>
          <h2>
            <Bi zh="沟通记录" en="Messages" />
          </h2>
          {lead.messages.map((m) => (
            <div class={`msg ${m.by}`}>
              <div class="muted small">
                {m.by === 'officer' ? '我方' : '企业'} · {shanghaiDateTime(m.at)}
              </div>
              {m.text}
            </div>
          ))}
        </>
      )}
      <h2>
        <Bi zh="处理" en="Act" />
      </h2>
      {failed && !actions.includes(failed.action as LeadActionName) && (
        <Notice
          kind="error"
          text={{ zh: failed.error.zh, en: failed.error.en }}
          fields={failed.error instanceof ValidationError ? failed.error.fields : undefined}
        />
      )}
      {actions.map((action) => (
        <ActionForm lead={lead} action={action} today={today} failed={failed} />
      ))}
      {actions.length === 0 && (
        <p class="muted">
          <Bi zh="此线索已结束，无可执行的操作" en="This lead is closed" />
        </p>
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
    const { store, now } = c.get('deps');
    const status = LeadStatusSchema.safeParse(c.req.query('status')).data;
    const page = await store.leads.listByInstitution(principal.institutionId, {
      status,
      limit: 20,
      cursor: c.req.query('cursor'),
    });
    return c.html(
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
          items={page.items.map(officerLeadView)}
          today={shanghaiDate(now())}
          status={status}
          cursor={page.cursor}
        />
      </Layout>,
    );
  });

  app.get('/leads/:id', (c) => renderLead(c, signedIn(c, 'officer'), c.req.param('id')));

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
      if (error instanceof DomainError && !(error instanceof NotFoundError)) {
        return renderLead(c, principal, id, { action: text(form, 'action') ?? '', form, error });
      }
      throw error;
    }
  });

  return app;
}
