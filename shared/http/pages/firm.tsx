import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { shanghaiDate } from '#domain/dates.ts';
import { DomainError, ValidationError } from '#domain/errors.ts';
import type { Firm } from '#domain/firm.ts';
import { FundingRequestSchema, PURPOSE_NAMES } from '#domain/funding-request.ts';
import { LeadActionSchema } from '#domain/lead.ts';
import { yuanZh } from '#domain/matching/money.ts';
import type { Principal } from '#domain/principal.ts';
import { currentTier, type RequestRecord } from '#domain/request.ts';
import type { Specialist } from '#domain/specialist.ts';
import { listInstitutions } from '#usecases/catalog.ts';
import { readFirm } from '#usecases/firms.ts';
import { readLead, requestLeads, revealToInstitution, transitionLead } from '#usecases/leads.ts';
import {
  listRequests,
  readRequest,
  requestMatches,
  sendRequest,
  submitRequest,
  withdrawRequest,
} from '#usecases/requests.ts';
import { readSpecialist } from '#usecases/specialists.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { IdempotencyKeySchema, SendSchema } from '../routes/requests.ts';
import { firmLeadView } from '../views.ts';
import { doneMessage, type PageContext, shownOnPage, signedIn, whoOf } from './common.ts';
import {
  AmountInFull,
  BackLink,
  Bi,
  BiLink,
  COLUMNS,
  DataTable,
  DoneNotice,
  ErrorNotice,
  Fact,
  MoneyCell,
  Pager,
  PostButton,
  RequestStatusBadge,
} from './components.tsx';
import { type FailedLead, LeadCard } from './firm-lead-card.tsx';
import { MatchSections } from './firm-matches.tsx';
import { KIND_NAMES, RequestForm, requestInput } from './firm-request-form.tsx';
import {
  collateralText,
  industryLabel,
  months,
  regionLabel,
  shanghaiTime,
  tierName,
  yuan,
} from './format.ts';
import { type FieldProblem, type Form, list, parseForm, readForm, text, wholeNumber } from './forms.ts';
import { Layout } from './layout.tsx';

/**
 * `/firm/*`: a firm's requests, matches and leads. The new-request form, the match sections
 * and the lead cards live in firm-request-form.tsx, firm-matches.tsx and firm-lead-card.tsx.
 */

type FirmPrincipal = Extract<Principal, { role: 'firm' }>;

// ---------------------------------------------------------------- dashboard

function FirmCard(props: { firm: Firm; today: string; specialist?: Specialist }) {
  const { firm, specialist } = props;
  const tier = currentTier(firm.certifications, props.today);
  return (
    <div class="card">
      <dl class="facts">
        <Fact zh="企业" en="Firm">
          {firm.name}
        </Fact>
        <Fact zh="统一社会信用代码" en="USCC">
          {firm.uscc}
        </Fact>
        <Fact zh="所在地 / 行业" en="Region / industry">
          {regionLabel(firm.regionCode)} · {industryLabel(firm.industryCode)}
        </Fact>
        <Fact zh="当前梯度资质" en="Current tier">
          {tier ? (
            tierName(tier.tier, tier.level)
          ) : (
            <span class="muted">
              <Bi zh="无有效证书" en="no valid certificate" />
            </span>
          )}
        </Fact>
        <Fact zh="服务专员" en="Service specialist">
          {specialist ? (
            `${specialist.name}${specialist.phone ? ` · ${specialist.phone}` : ''}`
          ) : (
            <span class="muted">
              <Bi zh="尚未指派" en="not assigned yet" />
            </span>
          )}
        </Fact>
      </dl>
    </div>
  );
}

function RequestTable(props: { items: RequestRecord[] }) {
  return (
    <DataTable
      columns={[
        COLUMNS.submitted,
        COLUMNS.amount,
        { zh: '用途', en: 'Purpose' },
        { zh: '期限', en: 'Term' },
        COLUMNS.sentTo,
        COLUMNS.status,
      ]}
      rows={props.items}
      empty={{ zh: '还没有融资需求', en: 'No requests yet' }}
      row={(r) => (
        <tr>
          <td>
            <a href={`/firm/requests/${r.id}`}>{shanghaiTime(r.createdAt)}</a>
          </td>
          <MoneyCell yuan={r.request.amountYuan} short />
          <td>{PURPOSE_NAMES[r.request.purpose].zh}</td>
          <td>{months(r.request.termMonths)}</td>
          <td>{r.sentTo.length} 家</td>
          <td>
            <RequestStatusBadge status={r.status} />
          </td>
        </tr>
      )}
    />
  );
}

// ---------------------------------------------------------------- new request

async function renderNewRequest(c: PageContext, form: Form, error?: DomainError) {
  return c.html(
    <Layout title={{ zh: '新建融资需求', en: 'New funding request' }} who={await whoOf(c)}>
      <h1>
        <Bi zh="新建融资需求" en="New funding request" />
      </h1>
      <ErrorNotice error={error} />
      <div class="card">
        {/* A fresh key per rendering: a double-click sends the same key twice and creates one request. */}
        <RequestForm form={form} idempotencyKey={c.get('deps').newId()} error={error} />
      </div>
    </Layout>,
    error ? (error instanceof ValidationError ? 400 : 422) : 200,
  );
}

// ---------------------------------------------------------------- request page

function RequestFacts(props: { record: RequestRecord }) {
  const { record } = props;
  const r = record.request;
  return (
    <dl class="facts">
      <Fact zh="金额" en="Amount">
        <AmountInFull yuan={r.amountYuan} />
      </Fact>
      <Fact zh="期限" en="Term">
        {months(r.termMonths)}
      </Fact>
      <Fact zh="担保方式" en="Collateral">
        {collateralText(r.collateral)}
      </Fact>
      <Fact zh="融资类型" en="Kind">
        {KIND_NAMES[r.kind].zh}
      </Fact>
      {r.needBy && (
        <Fact zh="最晚用款" en="Needed by">
          {r.needBy}
        </Fact>
      )}
      {r.maturingLoanYuan !== undefined && (
        <Fact zh="到期贷款" en="Maturing loan">
          {yuan(r.maturingLoanYuan)}
          {r.maturesOn ? `，${r.maturesOn} 到期` : ''}
        </Fact>
      )}
      <Fact zh="提交时间" en="Submitted">
        {shanghaiTime(record.createdAt)} <span class="muted small">（匹配日 {record.asOf}）</span>
      </Fact>
    </dl>
  );
}

interface RequestPageExtras {
  error?: DomainError;
  /** A lead action that failed: shown on that lead's card. */
  failedLead?: FailedLead;
  status?: ContentfulStatusCode;
}

async function renderRequest(
  c: PageContext,
  principal: FirmPrincipal,
  id: string,
  extras: RequestPageExtras = {},
) {
  const deps = c.get('deps');
  const record = await readRequest(deps, principal, id);
  const [result, leads, institutions] = await Promise.all([
    requestMatches(deps, principal, record.id),
    requestLeads(deps, principal, record.id),
    listInstitutions(deps),
  ]);
  const institutionNames = new Map(institutions.map((i) => [i.id, i.name.zh]));
  const institutionName = (iid: string) => institutionNames.get(iid) ?? iid;
  const productNames = new Map(result?.matches.map((m) => [m.productId, m.name.zh]) ?? []);
  const productName = (pid: string) => productNames.get(pid) ?? pid;
  const r = record.request;
  return c.html(
    <Layout title={{ zh: '融资需求', en: 'Funding request' }} who={await whoOf(c)}>
      <BackLink href="/firm" zh="← 我的融资需求" en="My requests" />
      <div class="actions" style="justify-content:space-between">
        <h1>
          融资需求 {yuanZh(r.amountYuan)} · {PURPOSE_NAMES[r.purpose].zh}
          <span class="en">Funding request · {PURPOSE_NAMES[r.purpose].en}</span>{' '}
          <RequestStatusBadge status={record.status} />
        </h1>
        {record.status === 'open' && (
          <PostButton
            action={`/firm/requests/${record.id}/withdraw`}
            zh="撤回需求"
            en="Withdraw request"
            class="danger"
          />
        )}
      </div>
      <DoneNotice text={doneMessage(c)} />
      <ErrorNotice error={extras.error} />
      <div class="card">
        <RequestFacts record={record} />
      </div>

      {leads.length > 0 && (
        <>
          <h2>
            <Bi zh="线索进展" en="Leads" />
          </h2>
          {leads.map((l) => (
            <LeadCard
              lead={firmLeadView(l.lead, l.nextBest)}
              institutionName={institutionName(l.lead.institutionId)}
              productName={productName}
              failed={extras.failedLead}
            />
          ))}
        </>
      )}

      <MatchSections result={result} record={record} institutionName={institutionName} />
    </Layout>,
    extras.status ?? 200,
  );
}

// ---------------------------------------------------------------- routes

/** `/firm/*`, through the same use cases as /api/requests. */
export function firmPages() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const { now } = deps;
    const cursor = c.req.query('cursor');
    const [firm, specialist, page] = await Promise.all([
      readFirm(deps, principal, principal.uscc),
      readSpecialist(deps, principal, principal.uscc),
      listRequests(deps, principal, { limit: 20, cursor }),
    ]);
    return c.html(
      <Layout title={{ zh: '我的融资需求', en: 'My requests' }} who={{ role: 'firm', name: firm.name }}>
        <div class="actions" style="justify-content:space-between">
          <h1>
            <Bi zh="我的融资需求" en="My funding requests" />
          </h1>
          <BiLink class="button" href="/firm/requests/new" zh="新建融资需求" en="New request" />
        </div>
        <FirmCard firm={firm} today={shanghaiDate(now())} specialist={specialist} />
        <RequestTable items={page.items} />
        {page.cursor && (
          <Pager href={`/firm?cursor=${encodeURIComponent(page.cursor)}`} zh="下一页" en="Next page" />
        )}
      </Layout>,
    );
  });

  app.get('/requests', (c) => c.redirect('/firm', 303));

  app.get('/requests/new', (c) => {
    signedIn(c, 'firm');
    return renderNewRequest(c, {});
  });

  app.post('/requests', async (c) => {
    const principal = signedIn(c, 'firm');
    const form = await readForm(c);
    try {
      const key = parseForm(IdempotencyKeySchema, text(form, 'idempotencyKey'));
      const problems: FieldProblem[] = [];
      const request = parseForm(FundingRequestSchema, requestInput(form, problems), problems);
      const result = await submitRequest(c.get('deps'), principal, request, key);
      return c.redirect(`/firm/requests/${result.request.id}?ok=submitted`, 303);
    } catch (error) {
      if (error instanceof DomainError) return renderNewRequest(c, form, error);
      throw error;
    }
  });

  app.get('/requests/:id', (c) => renderRequest(c, signedIn(c, 'firm'), c.req.param('id')));

  app.post('/requests/:id/send', async (c) => {
    const principal = signedIn(c, 'firm');
    const id = c.req.param('id');
    const form = await readForm(c);
    const reveal = text(form, 'reveal') !== undefined;
    try {
      const picked = list(form, 'productIds');
      if (text(form, 'mode') !== 'top' && picked.length === 0) {
        throw new ValidationError([
          { path: 'productIds', zh: '请至少勾选一个产品', en: 'pick at least one product' },
        ]);
      }
      const choice = parseForm(
        SendSchema,
        text(form, 'mode') === 'top' ? { reveal } : { productIds: picked, reveal },
      );
      await sendRequest(c.get('deps'), principal, id, choice);
      return c.redirect(`/firm/requests/${id}?ok=sent`, 303);
    } catch (error) {
      if (shownOnPage(error)) return renderRequest(c, principal, id, { error, status: statusOf(error) });
      throw error;
    }
  });

  app.post('/requests/:id/withdraw', async (c) => {
    const principal = signedIn(c, 'firm');
    const id = c.req.param('id');
    try {
      await withdrawRequest(c.get('deps'), principal, id);
      return c.redirect(`/firm/requests/${id}?ok=withdrawn`, 303);
    } catch (error) {
      if (shownOnPage(error)) return renderRequest(c, principal, id, { error, status: statusOf(error) });
      throw error;
    }
  });

  /** Lead actions: the lead is loaded first (404 if not the firm's), so a failure re-renders its request. */
  app.post('/leads/:id/:action{reveal|respond|withdraw}', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const lead = await readLead(deps, principal, c.req.param('id'));
    const action = c.req.param('action');
    const form = await readForm(c);
    try {
      if (action === 'reveal') {
        await revealToInstitution(deps, principal, lead.id);
      } else {
        const problems: FieldProblem[] = [];
        const version = wholeNumber(form, 'version', problems);
        const input =
          action === 'respond' ? { action, answer: text(form, 'answer') ?? '' } : { action: 'withdraw' };
        await transitionLead(deps, principal, lead.id, parseForm(LeadActionSchema, input, problems), version);
      }
      const done = action === 'reveal' ? 'revealed' : action === 'respond' ? 'responded' : 'withdrawn';
      return c.redirect(`/firm/requests/${lead.requestId}?ok=${done}#lead-${lead.id}`, 303);
    } catch (error) {
      if (error instanceof DomainError) {
        return renderRequest(c, principal, lead.requestId, {
          failedLead: { leadId: lead.id, error, answer: text(form, 'answer') },
          status: statusOf(error),
        });
      }
      throw error;
    }
  });

  return app;
}
