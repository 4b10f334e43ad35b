import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { anonymousProfile } from '#domain/anonymous-profile.ts';
import { shanghaiDate } from '#domain/dates.ts';
import type { DomainError } from '#domain/errors.ts';
import { ValidationError } from '#domain/errors.ts';
import type { Firm } from '#domain/firm.ts';
import { PURPOSE_NAMES } from '#domain/funding-request.ts';
import {
  isResponseOverdue,
  LEAD_STATUS_NAMES,
  LEAD_STATUSES,
  type LeadStatus,
  LeadStatusSchema,
} from '#domain/lead.ts';
import { yuanZh } from '#domain/matching/money.ts';
import { regionName } from '#domain/matching/names.ts';
import type { Principal } from '#domain/principal.ts';
import { csvLine, regionStats, stagesOf } from '#domain/region-stats.ts';
import type { LeadRecord, RequestRecord } from '#domain/request.ts';
import {
  REQUEST_STAGE_NAMES,
  REQUEST_STAGES,
  type RequestStage,
  requestStage,
} from '#domain/request-lifecycle.ts';
import type { Specialist } from '#domain/specialist.ts';
import { SpecialistSchema } from '#domain/specialist.ts';
import type { BilingualText } from '#domain/text.ts';
import { findInstitution, listInstitutions } from '#usecases/catalog.ts';
import { listFirms, readFirm } from '#usecases/firms.ts';
import { leadAudit, listLeads, readLead, requestLeads } from '#usecases/leads.ts';
import { regionEscalations } from '#usecases/notifications.ts';
import { listRequests, readRequest } from '#usecases/requests.ts';
import { assignSpecialist, readSpecialist } from '#usecases/specialists.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { type FirmLeadView, firmLeadView, requestView } from '../views.ts';
import { BarChart, ColumnChart } from './charts.tsx';
import { doneMessage, type PageContext, shownOnPage, signedIn, whoOf } from './common.ts';
import {
  BackLink,
  Bi,
  BiLink,
  COLUMNS,
  DataTable,
  DoneNotice,
  Empty,
  ErrorNotice,
  Fact,
  LeadTable,
  Messages,
  Money,
  MoneyCell,
  Months,
  Notice,
  Num,
  named,
  RequestStageBadge,
  Select,
  StatusBadge,
  Submit,
  Text,
  useT,
  Zh,
} from './components.tsx';
import { RegionEscalations } from './escalations.tsx';
import { FirmFacts } from './firm.tsx';
import { AnswerCountdown, LeadTimeline } from './firm-lead-card.tsx';
import { industryText, percent, regionText, shanghaiTime } from './format.ts';
import { type Form, messagesByField, parseForm, readForm, text } from './forms.ts';
import { Layout, page } from './layout.tsx';
import { AuditTrail, ProfileFacts } from './officer.tsx';

type OperatorPrincipal = Extract<Principal, { role: 'operator' }>;

interface FailedAssignment {
  uscc: string;
  form: Form;
  error: DomainError;
}

function RequestsTable(props: {
  items: RequestRecord[];
  firmNames: Map<string, string>;
  stages: Map<string, RequestStage>;
}) {
  return (
    <DataTable
      columns={[
        COLUMNS.submitted,
        COLUMNS.firm,
        COLUMNS.amount,
        COLUMNS.purposeTerm,
        COLUMNS.sentTo,
        COLUMNS.status,
      ]}
      rows={props.items}
      empty={{ zh: '暂无融资需求', en: 'No requests' }}
      row={(r) => (
        <tr>
          <td>
            <a href={`/operator/requests/${r.id}`}>{shanghaiTime(r.createdAt)}</a>
          </td>
          <td>
            <Zh>{props.firmNames.get(r.uscc) ?? r.uscc}</Zh>
          </td>
          <MoneyCell yuan={r.request.amountYuan} short />
          <td>
            <Text text={PURPOSE_NAMES[r.request.purpose]} /> · <Months n={r.request.termMonths} />
          </td>
          <Num>{r.sentTo.length}</Num>
          <td>
            <RequestStageBadge stage={props.stages.get(r.id) ?? 'open'} />
          </td>
        </tr>
      )}
    />
  );
}

function LeadsTable(props: {
  items: FirmLeadView[];
  today: string;
  institutionNames: Map<string, BilingualText>;
}) {
  return (
    <LeadTable
      leads={props.items}
      today={props.today}
      columns={[{ zh: '发送时间', en: 'Sent' }, COLUMNS.firm, COLUMNS.institution, COLUMNS.amount]}
      cells={(l) => (
        <>
          <td>
            <a href={`/operator/leads/${l.id}`}>{shanghaiTime(l.createdAt)}</a>
          </td>
          <td>
            <Zh>{l.firm?.name}</Zh>
          </td>
          <td>
            <Text
              text={
                props.institutionNames.get(l.institutionId) ?? { zh: l.institutionId, en: l.institutionId }
              }
            />
          </td>
          <MoneyCell yuan={l.profile.amountYuan} short />
        </>
      )}
    />
  );
}

/** One of the specialist form's inputs: placeholder and accessible name are the same bilingual words. */
function SpecialistInput(props: {
  name: string;
  words: BilingualText;
  value: string;
  size: number;
  class?: string;
}) {
  const words = useT()(props.words);
  return (
    <input
      type="text"
      name={props.name}
      placeholder={words}
      aria-label={words}
      value={props.value}
      class={props.class}
      size={props.size}
    />
  );
}

function FirmsTable(props: { items: { firm: Firm; specialist?: Specialist }[]; failed?: FailedAssignment }) {
  return (
    <DataTable
      columns={[
        COLUMNS.firm,
        { zh: '服务专员', en: 'Specialist' },
        { zh: '指派服务专员', en: 'Assign a specialist' },
      ]}
      rows={props.items}
      empty={{ zh: '本地区暂无企业', en: 'No firms in this region' }}
      row={({ firm, specialist }) => {
        const failed = props.failed?.uscc === firm.uscc ? props.failed : undefined;
        const fields = messagesByField(failed?.error instanceof ValidationError ? failed.error : undefined);
        const value = (name: string) => (failed ? (text(failed.form, name) ?? '') : '');
        return (
          <tr id={`firm-${firm.uscc}`}>
            <td>
              <a href={`/operator/firms/${firm.uscc}`}>
                <Zh>{firm.name}</Zh>
              </a>
              <div class="muted small">
                {firm.uscc} · <Text text={regionText(firm.regionCode)} /> ·{' '}
                <Text text={industryText(firm.industryCode)} />
              </div>
            </td>
            <td>
              {specialist ? (
                <>
                  {specialist.name}
                  {specialist.phone && <div class="small">{specialist.phone}</div>}
                  <div class="muted small">{shanghaiTime(specialist.assignedAt)}</div>
                </>
              ) : (
                <span class="muted">
                  <Bi zh="未指派" en="not assigned" />
                </span>
              )}
            </td>
            <td>
              <ErrorNotice error={failed?.error} />
              <form method="post" action={`/operator/firms/${firm.uscc}/specialist`} class="actions">
                <SpecialistInput
                  name="name"
                  words={{ zh: '姓名', en: 'name' }}
                  value={value('name')}
                  class={fields.has('name') ? 'has-error' : ''}
                  size={8}
                />
                <SpecialistInput
                  name="userId"
                  words={{ zh: '用户ID', en: 'user id' }}
                  value={value('userId')}
                  size={11}
                />
                <SpecialistInput
                  name="phone"
                  words={{ zh: '电话', en: 'phone' }}
                  value={value('phone')}
                  size={11}
                />
                <Submit zh="指派" en="Assign" class="secondary" />
              </form>
            </td>
          </tr>
        );
      }}
    />
  );
}

/** Every page of a listing, up to `cap` items: the region's totals are over all of it. */
async function everything<T>(
  fetch: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>,
  cap = 2000,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length < cap);
  return items;
}

/** The region's requests, leads, firms and institutions, whole. */
async function regionData(c: PageContext, principal: OperatorPrincipal) {
  const deps = c.get('deps');
  const [requests, leads, firms, institutions] = await Promise.all([
    everything((cursor) => listRequests(deps, principal, { limit: 100, cursor })),
    everything((cursor) => listLeads(deps, principal, { limit: 100, cursor })),
    everything((cursor) => listFirms(deps, principal, { limit: 100, cursor })),
    listInstitutions(deps),
  ]);
  const today = shanghaiDate(deps.now());
  return {
    requests,
    leads,
    firms,
    institutions: new Map(institutions.map((i) => [i.id, i.name])),
    firmNames: new Map(firms.map((f) => [f.uscc, f.name])),
    stages: stagesOf(requests, leads),
    today,
  };
}
type RegionData = Awaited<ReturnType<typeof regionData>>;

/** The list filters, read from the query string (unknown values are ignored). */
interface Filters {
  status?: LeadStatus;
  institution?: string;
  overdue: boolean;
  stage?: RequestStage;
}

function filtersOf(c: PageContext): Filters {
  const stage = c.req.query('stage');
  return {
    status: LeadStatusSchema.safeParse(c.req.query('status')).data,
    institution: c.req.query('institution') || undefined,
    overdue: c.req.query('overdue') === '1',
    stage: (REQUEST_STAGES as readonly string[]).includes(stage ?? '') ? (stage as RequestStage) : undefined,
  };
}

function filteredLeads(data: RegionData, f: Filters): LeadRecord[] {
  return data.leads.filter(
    (l) =>
      (!f.status || l.status === f.status) &&
      (!f.institution || l.institutionId === f.institution) &&
      (!f.overdue || isResponseOverdue(l, data.today)),
  );
}

function filteredRequests(data: RegionData, f: Filters): RequestRecord[] {
  return data.requests.filter((r) => !f.stage || data.stages.get(r.id) === f.stage);
}

function query(f: Filters): string {
  const q = new URLSearchParams();
  if (f.status) q.set('status', f.status);
  if (f.institution) q.set('institution', f.institution);
  if (f.overdue) q.set('overdue', '1');
  if (f.stage) q.set('stage', f.stage);
  return q.toString();
}

function Stat(props: { label: BilingualText; children?: Child }) {
  return (
    <div class="stat">
      <div class="value">{props.children}</div>
      <div class="label">
        <Text text={props.label} />
      </div>
    </div>
  );
}

function Overview(props: { data: RegionData }) {
  const { data } = props;
  const stats = regionStats(data.requests, data.leads, data.today, 8, (r) =>
    shanghaiTime(r.createdAt).slice(0, 10),
  );
  return (
    <>
      <div class="stats">
        <Stat label={{ zh: '融资需求', en: 'Funding requests' }}>{stats.requests}</Stat>
        <Stat label={{ zh: '已获融资', en: 'Funded' }}>{stats.byStage.funded}</Stat>
        <Stat label={{ zh: '线索', en: 'Leads' }}>{stats.leads}</Stat>
        <Stat label={{ zh: '机构已答复', en: 'Answered by institutions' }}>{percent(stats.answeredBp)}</Stat>
        <Stat label={{ zh: '审批通过率', en: 'Approval rate' }}>{percent(stats.approvedBp)}</Stat>
        <Stat label={{ zh: '已放款金额', en: 'Disbursed' }}>
          <Money yuan={stats.disbursedYuan} short />
        </Stat>
        <Stat label={{ zh: '超期未答复', en: 'Overdue answers' }}>
          <a href="/operator?overdue=1#leads">{stats.overdue}</a>
        </Stat>
      </div>
      <div class="grid">
        <BarChart
          id="chart-stages"
          title={{ zh: '融资需求所处阶段', en: 'Where requests stand' }}
          bars={REQUEST_STAGES.map((s) => ({ label: REQUEST_STAGE_NAMES[s], value: stats.byStage[s] }))}
        />
        <BarChart
          id="chart-leads"
          color="#1a4684"
          title={{ zh: '线索状态', en: 'Leads by status' }}
          bars={LEAD_STATUSES.map((s) => ({ label: LEAD_STATUS_NAMES[s], value: stats.byStatus[s] }))}
        />
      </div>
      <ColumnChart
        id="chart-weekly"
        title={{ zh: '最近 8 周每周提交的融资需求', en: 'Requests submitted per week, last 8 weeks' }}
        columns={stats.weekly.map((w) => ({ label: w.from.slice(5), value: w.count }))}
      />
    </>
  );
}

function FilterForm(props: { filters: Filters; institutions: Map<string, BilingualText> }) {
  const t = useT();
  const f = props.filters;
  return (
    <form method="get" action="/operator" class="filters" aria-label={t({ zh: '筛选', en: 'Filters' })}>
      <label for="f-status">
        <Bi zh="线索状态" en="Lead status" />
        <Select
          id="f-status"
          name="status"
          options={named(LEAD_STATUSES, LEAD_STATUS_NAMES)}
          selected={f.status}
        >
          <option value="">{t({ zh: '全部', en: 'all' })}</option>
        </Select>
      </label>
      <label for="f-institution">
        <Bi zh="机构" en="Institution" />
        <Select
          id="f-institution"
          name="institution"
          options={[...props.institutions]}
          selected={f.institution}
        >
          <option value="">{t({ zh: '全部', en: 'all' })}</option>
        </Select>
      </label>
      <label for="f-stage">
        <Bi zh="需求阶段" en="Request stage" />
        <Select
          id="f-stage"
          name="stage"
          options={named(REQUEST_STAGES, REQUEST_STAGE_NAMES)}
          selected={f.stage}
        >
          <option value="">{t({ zh: '全部', en: 'all' })}</option>
        </Select>
      </label>
      <label class="plain">
        <input type="checkbox" name="overdue" value="1" checked={f.overdue} />{' '}
        <Bi zh="只看超期" en="Overdue only" />
      </label>
      <Submit zh="筛选" en="Filter" class="secondary" />
      <BiLink href="/operator" zh="清除" en="Clear" />
    </form>
  );
}

const SHOWN = 50;

async function renderRegion(c: PageContext, principal: OperatorPrincipal, failed?: FailedAssignment) {
  const deps = c.get('deps');
  const data = await regionData(c, principal);
  const filters = filtersOf(c);
  const leads = filteredLeads(data, filters);
  const requests = filteredRequests(data, filters);
  const [specialists, escalations] = await Promise.all([
    Promise.all(data.firms.map((f) => readSpecialist(deps, principal, f.uscc))),
    regionEscalations(deps.store, principal, SHOWN),
  ]);
  const overdue = data.leads.filter((l) => isResponseOverdue(l, data.today)).length;
  const region = regionName(principal.regionPrefix);
  const q = query(filters);
  const institutionNames = new Map([...data.institutions].map(([id, name]) => [id, name]));
  return page(
    c,
    <Layout title={{ zh: '本地区概览', en: 'My region' }} who={await whoOf(c)}>
      <h1>
        <Bi zh={`${region.zh} 融资对接概览`} en={`${region.en}: funding overview`} />
      </h1>
      <DoneNotice text={doneMessage(c)} />
      {overdue > 0 && (
        <Notice
          kind="error"
          text={{
            zh: `${overdue} 条线索超过应答期限仍未受理`,
            en: `${overdue} lead(s) past their answer date without a response`,
          }}
        />
      )}
      <Overview data={data} />
      <h2 id="leads">
        <Bi zh="线索" en="Leads" />{' '}
        <span class="muted small">
          <Bi zh={`（${leads.length} 条）`} en={`(${leads.length})`} />
        </span>
      </h2>
      <FilterForm filters={filters} institutions={data.institutions} />
      <p class="small">
        <BiLink
          href={`/operator/leads.csv${q ? `?${q}` : ''}`}
          zh="导出所列线索（CSV）"
          en="Export these leads (CSV)"
        />
      </p>
      <LeadsTable
        items={leads.slice(0, SHOWN).map((l) => firmLeadView(l))}
        today={data.today}
        institutionNames={institutionNames}
      />
      {leads.length > SHOWN && (
        <p class="small muted">
          <Bi
            zh={`仅显示前 ${SHOWN} 条；全部 ${leads.length} 条见 CSV 导出。`}
            en={`Showing the first ${SHOWN}; all ${leads.length} are in the CSV export.`}
          />
        </p>
      )}
      <RegionEscalations escalations={escalations} />
      <h2 id="requests">
        <Bi zh="融资需求" en="Funding requests" />{' '}
        <span class="muted small">
          <Bi zh={`（${requests.length} 个）`} en={`(${requests.length})`} />
        </span>
      </h2>
      <p class="small">
        <BiLink
          href={`/operator/requests.csv${q ? `?${q}` : ''}`}
          zh="导出所列需求（CSV）"
          en="Export these requests (CSV)"
        />
      </p>
      <RequestsTable
        items={requests.slice(0, SHOWN).map(requestView)}
        firmNames={data.firmNames}
        stages={data.stages}
      />
      <h2 id="firms">
        <Bi zh="企业与服务专员" en="Firms and their specialists" />
      </h2>
      <FirmsTable
        items={data.firms.map((firm, i) => ({ firm, specialist: specialists[i] }))}
        failed={failed}
      />
    </Layout>,
    failed ? statusOf(failed.error) : 200,
  );
}

/** A CSV answer: UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right. */
function csv(c: PageContext, name: string, header: string[], rows: (string | number | undefined)[][]) {
  const body = `\uFEFF${[csvLine(header), ...rows.map(csvLine)].join('\r\n')}\r\n`;
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
  });
}

// ---------------------------------------------------------------- drill-down

async function renderRequestDetail(c: PageContext, principal: OperatorPrincipal, id: string) {
  const deps = c.get('deps');
  const record = await readRequest(deps, principal, id);
  const [leads, firm, institutions] = await Promise.all([
    requestLeads(deps, principal, id),
    readFirm(deps, principal, record.uscc).catch(() => undefined),
    listInstitutions(deps),
  ]);
  const names = new Map(institutions.map((i) => [i.id, i.name]));
  const audits = await Promise.all(leads.map((l) => leadAudit(deps, principal, l.lead.id)));
  const stage = requestStage(
    record.status,
    leads.map((l) => l.lead.status),
  );
  const r = record.request;
  return page(
    c,
    <Layout title={{ zh: '融资需求', en: 'Funding request' }} who={await whoOf(c)}>
      <BackLink href="/operator#requests" zh="← 本地区概览" en="← My region" />
      <h1>
        <Bi
          zh={`融资需求 ${yuanZh(r.amountYuan)} · ${PURPOSE_NAMES[r.purpose].zh}`}
          en={`Funding request · ${PURPOSE_NAMES[r.purpose].en}`}
        />{' '}
        <RequestStageBadge stage={stage} />
      </h1>
      <div class="card">
        <dl class="facts">
          <Fact zh="企业" en="Firm">
            <a href={`/operator/firms/${record.uscc}`}>
              <Zh>{firm?.name ?? record.uscc}</Zh>
            </a>
          </Fact>
          <Fact zh="金额" en="Amount">
            <Money yuan={r.amountYuan} />
          </Fact>
          <Fact zh="期限" en="Term">
            <Months n={r.termMonths} />
          </Fact>
          <Fact zh="提交时间" en="Submitted">
            {shanghaiTime(record.createdAt)}
          </Fact>
        </dl>
      </div>
      <h2>
        <Bi zh="线索与审计记录" en="Leads and their audit trails" />
      </h2>
      {leads.length === 0 && (
        <Empty text={{ zh: '尚未发送给任何机构', en: 'Not sent to any institution yet' }} />
      )}
      {leads.map(({ lead }, i) => (
        <div class="card">
          <h3 class="m0">
            <a href={`/operator/leads/${lead.id}`}>
              <Text
                text={names.get(lead.institutionId) ?? { zh: lead.institutionId, en: lead.institutionId }}
              />
            </a>{' '}
            <StatusBadge status={lead.status} />
          </h3>
          <LeadTimeline status={lead.status} />
          <AuditTrail entries={audits[i]!} />
        </div>
      ))}
    </Layout>,
  );
}

async function renderLeadDetail(c: PageContext, principal: OperatorPrincipal, id: string) {
  const deps = c.get('deps');
  const record = await readLead(deps, principal, id);
  const lead = firmLeadView(record);
  const [audit, institution] = await Promise.all([
    leadAudit(deps, principal, id),
    findInstitution(deps, lead.institutionId),
  ]);
  const today = shanghaiDate(deps.now());
  return page(
    c,
    <Layout title={{ zh: '线索', en: 'Lead' }} who={await whoOf(c)}>
      <BackLink href="/operator#leads" zh="← 本地区概览" en="← My region" />
      <h1>
        <Zh>{lead.firm?.name}</Zh> →{' '}
        <Text text={institution?.name ?? { zh: lead.institutionId, en: lead.institutionId }} />{' '}
        <StatusBadge status={lead.status} />
      </h1>
      <LeadTimeline status={lead.status} />
      <AnswerCountdown status={lead.status} respondBy={lead.respondBy} today={today} />
      <p class="actions">
        <BiLink href={`/operator/requests/${lead.requestId}`} zh="所属融资需求" en="Its funding request" />
        <BiLink href={`/operator/firms/${record.uscc}`} zh="企业档案" en="The firm" />
      </p>
      <div class="card">
        <p class="small muted">
          <Bi
            zh="机构所见的企业画像（企业公开身份前）"
            en="What the institution sees of the firm (before it reveals itself)"
          />
        </p>
        <ProfileFacts profile={anonymousProfile(record.profile, shanghaiDate(new Date(record.createdAt)))} />
      </div>
      {lead.messages.length > 0 && (
        <>
          <h2>
            <Bi zh="沟通记录" en="Messages" />
          </h2>
          <Messages messages={lead.messages} viewer="firm" />
        </>
      )}
      <h2>
        <Bi zh="审计记录" en="Audit trail" />
      </h2>
      <AuditTrail entries={audit} />
    </Layout>,
  );
}

async function renderFirmDetail(c: PageContext, principal: OperatorPrincipal, uscc: string) {
  const deps = c.get('deps');
  const firm = await readFirm(deps, principal, uscc);
  const [specialist, data] = await Promise.all([
    readSpecialist(deps, principal, uscc),
    regionData(c, principal),
  ]);
  const requests = data.requests.filter((r) => r.uscc === uscc);
  return page(
    c,
    <Layout title={{ zh: '企业档案', en: 'Firm' }} who={await whoOf(c)}>
      <BackLink href="/operator#firms" zh="← 本地区概览" en="← My region" />
      <h1>
        <Zh>{firm.name}</Zh>
      </h1>
      <FirmFacts firm={firm} today={data.today} specialist={specialist} />
      <h2>
        <Bi zh="融资需求" en="Funding requests" />
      </h2>
      <RequestsTable items={requests} firmNames={data.firmNames} stages={data.stages} />
    </Layout>,
  );
}

/** `/operator/*`: the region's requests, leads and firms; specialists assigned through `assignSpecialist`. */
export function operatorPages() {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => renderRegion(c, signedIn(c, 'operator')));

  app.get('/leads.csv', async (c) => {
    const principal = signedIn(c, 'operator');
    const data = await regionData(c, principal);
    const leads = filteredLeads(data, filtersOf(c));
    return csv(
      c,
      'leads.csv',
      [
        'lead',
        'request',
        'sent',
        'firm',
        'uscc',
        'institution',
        'amount_yuan',
        'status',
        'answer_by',
        'overdue',
      ],
      leads.map((l) => [
        l.id,
        l.requestId,
        shanghaiTime(l.createdAt),
        l.firmName,
        l.uscc,
        data.institutions.get(l.institutionId)?.zh ?? l.institutionId,
        l.profile.amountYuan,
        l.status,
        l.respondBy,
        isResponseOverdue(l, data.today) ? 'yes' : 'no',
      ]),
    );
  });

  app.get('/requests.csv', async (c) => {
    const principal = signedIn(c, 'operator');
    const data = await regionData(c, principal);
    const requests = filteredRequests(data, filtersOf(c));
    return csv(
      c,
      'requests.csv',
      ['request', 'submitted', 'firm', 'uscc', 'amount_yuan', 'purpose', 'term_months', 'sent_to', 'stage'],
      requests.map((r) => [
        r.id,
        shanghaiTime(r.createdAt),
        data.firmNames.get(r.uscc) ?? r.uscc,
        r.uscc,
        r.request.amountYuan,
        r.request.purpose,
        r.request.termMonths,
        r.sentTo.length,
        data.stages.get(r.id),
      ]),
    );
  });

  app.get('/requests/:id', (c) => renderRequestDetail(c, signedIn(c, 'operator'), c.req.param('id')));
  app.get('/leads/:id', (c) => renderLeadDetail(c, signedIn(c, 'operator'), c.req.param('id')));
  app.get('/firms/:uscc', (c) => renderFirmDetail(c, signedIn(c, 'operator'), c.req.param('uscc')));

  app.post('/firms/:uscc/specialist', async (c) => {
    const principal = signedIn(c, 'operator');
    const uscc = c.req.param('uscc');
    const form = await readForm(c);
    try {
      const specialist = parseForm(SpecialistSchema, {
        userId: text(form, 'userId'),
        name: text(form, 'name'),
        phone: text(form, 'phone'),
      });
      await assignSpecialist(c.get('deps'), principal, uscc, specialist);
      return c.redirect(`/operator?ok=assigned#firm-${uscc}`, 303);
    } catch (error) {
      if (shownOnPage(error)) return renderRegion(c, principal, { uscc, form, error });
      throw error;
    }
  });

  return app;
}
