import { Hono } from 'hono';
import { shanghaiDate } from '#domain/dates.ts';
import { DomainError, NotFoundError, ValidationError } from '#domain/errors.ts';
import type { Firm } from '#domain/firm.ts';
import { PURPOSE_NAMES } from '#domain/funding-request.ts';
import { isResponseOverdue } from '#domain/lead.ts';
import { regionName } from '#domain/matching/names.ts';
import type { RequestRecord } from '#domain/request.ts';
import type { Specialist } from '#store/firms.ts';
import { assignSpecialist } from '#usecases/specialists.ts';
import type { Principal } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { SpecialistSchema } from '../routes/firms.ts';
import { type FirmLeadView, firmLeadView, requestView } from '../views.ts';
import { doneMessage, type PageContext, signedIn, whoOf } from './common.ts';
import { industryLabel, months, regionLabel, shanghaiDateTime, yuanShort } from './format.ts';
import { type Form, messagesByField, parseForm, readForm, text } from './forms.ts';
import { Bi, Layout, Notice, StatusBadge } from './layout.tsx';

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

function RequestsTable(props: { items: RequestRecord[]; firmNames: Map<string, string> }) {
  if (!props.items.length)
    return (
      <p class="muted">
        <Bi zh="暂无融资需求" en="No requests" />
      </p>
    );
  return (
    <table>
      <thead>
        <tr>
          <th>
            <Bi zh="提交时间" en="Submitted" />
          </th>
          <th>
            <Bi zh="企业" en="Firm" />
          </th>
          <th class="num">
            <Bi zh="金额" en="Amount" />
          </th>
          <th>
            <Bi zh="用途 / 期限" en="Purpose / term" />
          </th>
          <th>
            <Bi zh="已发送机构" en="Sent to" />
          </th>
          <th>
            <Bi zh="状态" en="Status" />
          </th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((r) => (
          <tr>
            <td>{shanghaiDateTime(r.createdAt)}</td>
            <td>{props.firmNames.get(r.uscc) ?? r.uscc}</td>
            <td class="num">{yuanShort(r.request.amountYuan)}</td>
            <td>
              {PURPOSE_NAMES[r.request.purpose].zh} · {months(r.request.termMonths)}
            </td>
            <td>{r.sentTo.length} 家</td>
            <td>
              <span class={`badge ${r.status}`}>{r.status === 'open' ? '进行中' : '已撤回'}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LeadsTable(props: { items: FirmLeadView[]; today: string; institutionNames: Map<string, string> }) {
  if (!props.items.length)
    return (
      <p class="muted">
        <Bi zh="暂无线索" en="No leads" />
      </p>
    );
  return (
    <table>
      <thead>
        <tr>
          <th>
            <Bi zh="发送时间" en="Sent" />
          </th>
          <th>
            <Bi zh="企业" en="Firm" />
          </th>
          <th>
            <Bi zh="机构" en="Institution" />
          </th>
          <th class="num">
            <Bi zh="金额" en="Amount" />
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
              <td>{shanghaiDateTime(l.createdAt)}</td>
              <td>{l.firm?.name}</td>
              <td>{props.institutionNames.get(l.institutionId) ?? l.institutionId}</td>
              <td class="num">{yuanShort(l.profile.amountYuan)}</td>
              <td>
                {l.respondBy} {overdue && <span class="badge overdue">已超期 overdue</span>}
              </td>
              <td>
                <StatusBadge status={l.status} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function FirmsTable(props: { items: { firm: Firm; specialist?: Specialist }[]; failed?: FailedAssignment }) {
  if (!props.items.length)
    return (
      <p class="muted">
        <Bi zh="本地区暂无企业" en="No firms in this region" />
      </p>
    );
  return (
    <table>
      <thead>
        <tr>
          <th>
            <Bi zh="企业" en="Firm" />
          </th>
          <th>
            <Bi zh="服务专员" en="Specialist" />
          </th>
          <th>
            <Bi zh="指派服务专员" en="Assign a specialist" />
          </th>
        </tr>
      </thead>
      <tbody>
        {props.items.map(({ firm, specialist }) => {
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
                    <div class="muted small">{shanghaiDateTime(specialist.assignedAt)}</div>
                  </>
                ) : (
                  <span class="muted">未指派</span>
                )}
              </td>
              <td>
                {failed && (
                  <Notice
                    kind="error"
                    text={{ zh: failed.error.zh, en: failed.error.en }}
                    fields={failed.error instanceof ValidationError ? failed.error.fields : undefined}
                  />
                )}
                <form method="post" action={`/operator/firms/${firm.uscc}/specialist`} class="actions">
                  <input
                    type="text"
                    name="name"
                    placeholder="姓名 name"
                    aria-label="姓名 name"
                    value={value('name')}
                    class={fields.has('name') ? 'has-error' : ''}
                    style="width:7rem"
                  />
                  <input
                    type="text"
                    name="userId"
                    placeholder="用户ID user id"
                    aria-label="用户ID user id"
                    value={value('userId')}
                    style="width:9rem"
                  />
                  <input
                    type="text"
                    name="phone"
                    placeholder="电话 phone"
                    aria-label="电话 phone"
                    value={value('phone')}
                    style="width:9rem"
                  />
                  <button type="submit" class="secondary">
                    <Bi zh="指派" en="Assign" />
                  </button>
                </form>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

async function renderRegion(c: PageContext, principal: OperatorPrincipal, failed?: FailedAssignment) {
  const { store, now } = c.get('deps');
  const prefix = principal.regionPrefix;
  const query = new URLSearchParams(c.req.query());
  const [requests, leads, firms, institutions] = await Promise.all([
    store.requests.listByRegion(prefix, PAGE, query.get('rcursor') ?? undefined),
    store.leads.listByRegion(prefix, { limit: PAGE, cursor: query.get('lcursor') ?? undefined }),
    store.firms.listByRegion(prefix, PAGE, query.get('fcursor') ?? undefined),
    store.catalog.listInstitutions(),
  ]);
  const specialists = await Promise.all(firms.items.map((f) => store.firms.specialist(f.uscc)));
  const firmNames = new Map(firms.items.map((f) => [f.uscc, f.name]));
  const missing = [...new Set(requests.items.map((r) => r.uscc))].filter((u) => !firmNames.has(u));
  for (const firm of await Promise.all(missing.map((u) => store.firms.get(u)))) {
    if (firm) firmNames.set(firm.uscc, firm.name);
  }
  const today = shanghaiDate(now());
  // Operators see leads as the firm does (identity included), like GET /api/leads.
  const leadViews = leads.items.map((l) => firmLeadView(l));
  const overdue = leadViews.filter((l) => isResponseOverdue(l, today)).length;
  const done = doneMessage(c);
  const region = regionName(prefix);
  return c.html(
    <Layout title={{ zh: '本地区概览', en: 'My region' }} who={await whoOf(c)}>
      <h1>
        {region.zh} 融资对接概览<span class="en">{region.en}: funding overview</span>
      </h1>
      {done && <Notice kind="ok" text={done} />}
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
        <p class="pager">
          <a href={`${pageLink(query, 'lcursor', leads.cursor)}#leads`}>
            <Bi zh="更多线索" en="More leads" />
          </a>
        </p>
      )}
      <h2 id="requests">
        <Bi zh="融资需求" en="Funding requests" />
      </h2>
      <RequestsTable items={requests.items.map(requestView)} firmNames={firmNames} />
      {requests.cursor && (
        <p class="pager">
          <a href={`${pageLink(query, 'rcursor', requests.cursor)}#requests`}>
            <Bi zh="更多需求" en="More requests" />
          </a>
        </p>
      )}
      <h2 id="firms">
        <Bi zh="企业与服务专员" en="Firms and their specialists" />
      </h2>
      <FirmsTable
        items={firms.items.map((firm, i) => ({ firm, specialist: specialists[i] }))}
        failed={failed}
      />
      {firms.cursor && (
        <p class="pager">
          <a href={`${pageLink(query, 'fcursor', firms.cursor)}#firms`}>
            <Bi zh="更多企业" en="More firms" />
          </a>
        </p>
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
      if (error instanceof DomainError && !(error instanceof NotFoundError)) {
        return renderRegion(c, principal, { uscc, form, error });
      }
      throw error;
    }
  });

  return app;
}
