import { Hono } from 'hono';
import { shanghaiDate } from '#domain/dates.ts';
import { type DomainError, ValidationError } from '#domain/errors.ts';
import type { Firm } from '#domain/firm.ts';
import { isResponseOverdue } from '#domain/lead.ts';
import { regionName } from '#domain/matching/names.ts';
import type { Principal } from '#domain/principal.ts';
import type { RequestRecord } from '#domain/request.ts';
import { type RequestStage, requestStage } from '#domain/request-lifecycle.ts';
import type { Specialist } from '#domain/specialist.ts';
import { SpecialistSchema } from '#domain/specialist.ts';
import { listInstitutions } from '#usecases/catalog.ts';
import { listFirms, readFirm } from '#usecases/firms.ts';
import { listLeads, requestLeads } from '#usecases/leads.ts';
import { listRequests } from '#usecases/requests.ts';
import { assignSpecialist, readSpecialist } from '#usecases/specialists.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { type FirmLeadView, firmLeadView, requestView } from '../views.ts';
import { doneMessage, type PageContext, shownOnPage, signedIn, whoOf } from './common.ts';
import {
  Bi,
  COLUMNS,
  DataTable,
  DoneNotice,
  ErrorNotice,
  LeadTable,
  MoneyCell,
  Notice,
  Pager,
  RequestStageBadge,
  Submit,
} from './components.tsx';
import { industryLabel, purposeAndTerm, regionLabel, shanghaiTime } from './format.ts';
import { type Form, messagesByField, parseForm, readForm, text } from './forms.ts';
import { Layout, page } from './layout.tsx';

type OperatorPrincipal = Extract<Principal, { role: 'operator' }>;

interface FailedAssignment {
  uscc: string;
  form: Form;
  error: DomainError;
}

const PAGE = 20;

function pageLink(current: URLSearchParams, name: string, cursor: string) {
  const next = new URLSearchParams(current);
  next.set(name, cursor);
  return `/operator?${next}`;
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
          <td>{shanghaiTime(r.createdAt)}</td>
          <td>{props.firmNames.get(r.uscc) ?? r.uscc}</td>
          <MoneyCell yuan={r.request.amountYuan} short />
          <td>{purposeAndTerm(r.request)}</td>
          <td>{r.sentTo.length} 家</td>
          <td>
            <RequestStageBadge stage={props.stages.get(r.id) ?? 'open'} />
          </td>
        </tr>
      )}
    />
  );
}

function LeadsTable(props: { items: FirmLeadView[]; today: string; institutionNames: Map<string, string> }) {
  return (
    <LeadTable
      leads={props.items}
      today={props.today}
      columns={[{ zh: '发送时间', en: 'Sent' }, COLUMNS.firm, COLUMNS.institution, COLUMNS.amount]}
      cells={(l) => (
        <>
          <td>{shanghaiTime(l.createdAt)}</td>
          <td>{l.firm?.name}</td>
          <td>{props.institutionNames.get(l.institutionId) ?? l.institutionId}</td>
          <MoneyCell yuan={l.profile.amountYuan} short />
        </>
      )}
    />
  );
}

/** One of the specialist form's inputs: placeholder and accessible name are the same bilingual words. */
function SpecialistInput(props: {
  name: string;
  words: string;
  value: string;
  size: number;
  class?: string;
}) {
  return (
    <input
      type="text"
      name={props.name}
      placeholder={props.words}
      aria-label={props.words}
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
              {firm.name}
              <div class="muted small">
                {firm.uscc} · {regionLabel(firm.regionCode)} · {industryLabel(firm.industryCode)}
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
                <span class="muted">未指派</span>
              )}
            </td>
            <td>
              <ErrorNotice error={failed?.error} />
              <form method="post" action={`/operator/firms/${firm.uscc}/specialist`} class="actions">
                <SpecialistInput
                  name="name"
                  words="姓名 name"
                  value={value('name')}
                  class={fields.has('name') ? 'has-error' : ''}
                  size={8}
                />
                <SpecialistInput name="userId" words="用户ID user id" value={value('userId')} size={11} />
                <SpecialistInput name="phone" words="电话 phone" value={value('phone')} size={11} />
                <Submit zh="指派" en="Assign" class="secondary" />
              </form>
            </td>
          </tr>
        );
      }}
    />
  );
}

async function renderRegion(c: PageContext, principal: OperatorPrincipal, failed?: FailedAssignment) {
  const deps = c.get('deps');
  const { now } = deps;
  const prefix = principal.regionPrefix;
  const query = new URLSearchParams(c.req.query());
  const [requests, leads, firms, institutions] = await Promise.all([
    listRequests(deps, principal, { limit: PAGE, cursor: query.get('rcursor') ?? undefined }),
    listLeads(deps, principal, { limit: PAGE, cursor: query.get('lcursor') ?? undefined }),
    listFirms(deps, principal, { limit: PAGE, cursor: query.get('fcursor') ?? undefined }),
    listInstitutions(deps),
  ]);
  const specialists = await Promise.all(firms.items.map((f) => readSpecialist(deps, principal, f.uscc)));
  const firmNames = new Map(firms.items.map((f) => [f.uscc, f.name]));
  const missing = [...new Set(requests.items.map((r) => r.uscc))].filter((u) => !firmNames.has(u));
  for (const firm of await Promise.all(
    missing.map((u) => readFirm(deps, principal, u).catch(() => undefined)),
  )) {
    if (firm) firmNames.set(firm.uscc, firm.name);
  }
  const stages = new Map(
    await Promise.all(
      requests.items.map(
        async (r) =>
          [
            r.id,
            requestStage(
              r.status,
              (await requestLeads(deps, principal, r.id)).map((l) => l.lead.status),
            ),
          ] as const,
      ),
    ),
  );
  const today = shanghaiDate(now());
  // Operators see leads as the firm does (identity included), like GET /api/leads.
  const leadViews = leads.items.map((l) => firmLeadView(l));
  const overdue = leadViews.filter((l) => isResponseOverdue(l, today)).length;
  const region = regionName(prefix);
  return page(
    c,
    <Layout title={{ zh: '本地区概览', en: 'My region' }} who={await whoOf(c)}>
      <h1>
        {region.zh} 融资对接概览<span class="en">{region.en}: funding overview</span>
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
      <h2 id="leads">
        <Bi zh="线索" en="Leads" />
      </h2>
      <LeadsTable
        items={leadViews}
        today={today}
        institutionNames={new Map(institutions.map((i) => [i.id, i.name.zh]))}
      />
      {leads.cursor && (
        <Pager href={`${pageLink(query, 'lcursor', leads.cursor)}#leads`} zh="更多线索" en="More leads" />
      )}
      <h2 id="requests">
        <Bi zh="融资需求" en="Funding requests" />
      </h2>
      <RequestsTable items={requests.items.map(requestView)} firmNames={firmNames} stages={stages} />
      {requests.cursor && (
        <Pager
          href={`${pageLink(query, 'rcursor', requests.cursor)}#requests`}
          zh="更多需求"
          en="More requests"
        />
      )}
      <h2 id="firms">
        <Bi zh="企业与服务专员" en="Firms and their specialists" />
      </h2>
      <FirmsTable
        items={firms.items.map((firm, i) => ({ firm, specialist: specialists[i] }))}
        failed={failed}
      />
      {firms.cursor && (
        <Pager href={`${pageLink(query, 'fcursor', firms.cursor)}#firms`} zh="更多企业" en="More firms" />
      )}
    </Layout>,
    failed ? statusOf(failed.error) : 200,
  );
}

/** `/operator/*`: the region's requests, leads and firms; specialists assigned through `assignSpecialist`. */
export function operatorPages() {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => renderRegion(c, signedIn(c, 'operator')));

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
