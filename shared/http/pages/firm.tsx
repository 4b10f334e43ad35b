import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { shanghaiDate } from '#domain/dates.ts';
import { DomainError, NotFoundError, UnprocessableError, ValidationError } from '#domain/errors.ts';
import type { Firm } from '#domain/firm.ts';
import { type FundingRequest, FundingRequestSchema, PURPOSE_NAMES } from '#domain/funding-request.ts';
import { LeadActionSchema, TERMINAL_STATUSES } from '#domain/lead.ts';
import { yuanZh } from '#domain/matching/money.ts';
import type { Principal } from '#domain/principal.ts';
import {
  currentTier,
  DEFAULT_SEND_INSTITUTIONS,
  MAX_SEND_INSTITUTIONS,
  type RequestRecord,
} from '#domain/request.ts';
import { type RequestStage, requestStage } from '#domain/request-lifecycle.ts';
import type { Specialist } from '#domain/specialist.ts';
import type { BilingualText } from '#domain/text.ts';
import { findInstitution, listInstitutions } from '#usecases/catalog.ts';
import {
  attachDocument,
  confirmUpload,
  directUpload,
  leadDocuments,
  shareDocument,
} from '#usecases/documents.ts';
import { readFirm } from '#usecases/firms.ts';
import { readLead, requestLeads, revealToInstitution, transitionLead } from '#usecases/leads.ts';
import { escalationsOfLead } from '#usecases/notifications.ts';
import {
  IdempotencyKeySchema,
  listRequests,
  readRequest,
  requestLostProducts,
  requestMatches,
  SendSchema,
  sendRequest,
  submitRequest,
  withdrawRequest,
} from '#usecases/requests.ts';
import { readSpecialist } from '#usecases/specialists.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { allowFormTarget } from '../guards.ts';
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
  Money,
  MoneyCell,
  Months,
  Notice,
  Num,
  Pager,
  RequestStageBadge,
  Submit,
  Text,
  Zh,
} from './components.tsx';
import { LostProducts } from './escalations.tsx';
import { type FailedLead, LeadCard, type UploadTarget } from './firm-lead-card.tsx';
import { MatchSections } from './firm-matches.tsx';
import { firmProfilePages } from './firm-profile.tsx';
import { formOf, KIND_NAMES, RequestForm, requestInput } from './firm-request-form.tsx';
import {
  certificateName,
  collateralNames,
  industryLabel,
  regionLabel,
  shanghaiTime,
  tierName,
  yuanEn,
} from './format.ts';
import {
  documentDownload,
  type FieldProblem,
  type Form,
  formFiles,
  list,
  parseForm,
  readForm,
  text,
  wholeNumber,
} from './forms.ts';
import { Layout, page } from './layout.tsx';

/**
 * `/firm/*`: a firm's requests, matches and leads. The new-request form, the match sections
 * and the lead cards live in firm-request-form.tsx, firm-matches.tsx and firm-lead-card.tsx.
 */

type FirmPrincipal = Extract<Principal, { role: 'firm' }>;

// ---------------------------------------------------------------- dashboard

/** A firm's facts: who it is, where, its current tier and certificates, its service specialist. */
export function FirmFacts(props: { firm: Firm; today: string; specialist?: Specialist }) {
  const { firm, specialist } = props;
  const tier = currentTier(firm.certifications, props.today);
  return (
    <div class="card">
      <dl class="facts">
        <Fact zh="企业" en="Firm">
          <Zh>{firm.name}</Zh>
        </Fact>
        <Fact zh="统一社会信用代码" en="USCC">
          {firm.uscc}
        </Fact>
        <Fact zh="所在地 / 行业" en="Region / industry">
          <Zh>
            {regionLabel(firm.regionCode)} · {industryLabel(firm.industryCode)}
          </Zh>
        </Fact>
        <Fact zh="当前梯度资质" en="Current tier">
          {tier ? (
            <Zh>{tierName(tier.tier, tier.level)}</Zh>
          ) : (
            <span class="muted">
              <Bi zh="无有效证书" en="no valid certificate" />
            </span>
          )}
        </Fact>
        <Fact zh="证书" en="Certificates">
          {firm.certifications.length ? (
            <ul class="plain">
              {firm.certifications.map((cert) => (
                <li>
                  <Zh>{certificateName(cert)}</Zh>{' '}
                  <span class={`small ${cert.expiresOn < props.today ? 'field-error' : 'muted'}`}>
                    {cert.issuedOn} — {cert.expiresOn}
                    {cert.expiresOn < props.today && (
                      <>
                        {' '}
                        <Bi zh="已过期" en="expired" />
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            '—'
          )}
        </Fact>
        <Fact zh="服务专员" en="Service specialist">
          {specialist ? (
            <Zh>{`${specialist.name}${specialist.phone ? ` · ${specialist.phone}` : ''}`}</Zh>
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

function RequestTable(props: { items: RequestRecord[]; stages: Map<string, RequestStage> }) {
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
          <td>
            <Text text={PURPOSE_NAMES[r.request.purpose]} />
          </td>
          <td>
            <Months n={r.request.termMonths} />
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

// ---------------------------------------------------------------- new request

async function renderNewRequest(c: PageContext, form: Form, error?: DomainError, from?: RequestRecord) {
  const { now, newId } = c.get('deps');
  return page(
    c,
    <Layout title={{ zh: '新建融资需求', en: 'New funding request' }} who={await whoOf(c)}>
      <h1>
        <Bi zh="新建融资需求" en="New funding request" />
      </h1>
      {from && (
        <Notice
          kind="info"
          text={{
            zh: `以下内容取自 ${shanghaiTime(from.createdAt)} 提交的需求；修改后提交将作为一个新的需求重新匹配，原需求不变。`,
            en: `Filled in from the request submitted on ${shanghaiTime(from.createdAt)}; submitting makes a new request with fresh matches, the old one stays as it is.`,
          }}
        />
      )}
      <ErrorNotice error={error} />
      <div class="card">
        {/* A fresh key per rendering: a double-click sends the same key twice and creates one request. */}
        <RequestForm form={form} idempotencyKey={newId()} today={shanghaiDate(now())} error={error} />
      </div>
    </Layout>,
    error ? (error instanceof ValidationError ? 400 : 422) : 200,
  );
}

/**
 * The idempotency key of a submitted form: the key the form was rendered with, joined with
 * what it says. A double-click sends the same content and gets the same request; going back
 * and changing the form is a new request, never a clash with the first one.
 */
function submissionKey(formKey: string, request: FundingRequest): string {
  const digest = createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 16);
  return `${formKey.slice(0, 100)}.${digest}`;
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
        <Months n={r.termMonths} />
      </Fact>
      <Fact zh="担保方式" en="Collateral">
        <Text text={collateralNames(r.collateral)} />
      </Fact>
      <Fact zh="融资类型" en="Kind">
        <Text text={KIND_NAMES[r.kind]} />
      </Fact>
      {r.needBy && (
        <Fact zh="最晚用款" en="Needed by">
          {r.needBy}
        </Fact>
      )}
      {r.maturingLoanYuan !== undefined && (
        <Fact zh="到期贷款" en="Maturing loan">
          <Money yuan={r.maturingLoanYuan} />
          {r.maturesOn ? <Bi zh={`，${r.maturesOn} 到期`} en={`, due ${r.maturesOn}`} /> : ''}
        </Fact>
      )}
      <Fact zh="提交时间" en="Submitted">
        {shanghaiTime(record.createdAt)}{' '}
        <span class="muted small">
          <Bi zh={`（匹配日 ${record.asOf}）`} en={`(matched as of ${record.asOf})`} />
        </span>
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
  const [result, leads, institutions, documents, lost] = await Promise.all([
    requestMatches(deps, principal, record.id),
    requestLeads(deps, principal, record.id),
    listInstitutions(deps),
    requestLeads(deps, principal, id).then((ls) =>
      Promise.all(ls.map((l) => leadDocuments(deps, principal, l.lead.id))),
    ),
    record.status === 'open' ? requestLostProducts(deps, principal, record.id) : [],
  ]);
  const [escalations, uploads] = await Promise.all([
    Promise.all(leads.map((l) => escalationsOfLead(deps.store, principal, l.lead.id))),
    Promise.all(
      leads.map((l) =>
        TERMINAL_STATUSES.has(l.lead.status) ? undefined : uploadTarget(c, principal, l.lead.id),
      ),
    ),
  ]);
  const institutionNames = new Map(institutions.map((i) => [i.id, i.name]));
  const institutionName = (iid: string): BilingualText => institutionNames.get(iid) ?? { zh: iid, en: iid };
  const productNames = new Map(result?.matches.map((m) => [m.productId, m.name]) ?? []);
  const productName = (pid: string): BilingualText => productNames.get(pid) ?? { zh: pid, en: pid };
  const r = record.request;
  const stage = requestStage(
    record.status,
    leads.map((l) => l.lead.status),
  );
  const today = shanghaiDate(deps.now());
  return page(
    c,
    <Layout title={{ zh: '融资需求', en: 'Funding request' }} who={await whoOf(c)}>
      <BackLink href="/firm" zh="← 我的融资需求" en="← My requests" />
      <div class="actions spread">
        <h1>
          <Bi
            zh={`融资需求 ${yuanZh(r.amountYuan)} · ${PURPOSE_NAMES[r.purpose].zh}`}
            en={`Funding request · ${yuanEn(r.amountYuan)} · ${PURPOSE_NAMES[r.purpose].en}`}
          />{' '}
          <RequestStageBadge stage={stage} />
        </h1>
        <div class="actions">
          <BiLink
            class="button secondary"
            href={`/firm/requests/new?from=${record.id}`}
            zh="修改后重新提交"
            en="Edit and resubmit"
          />
          {record.status === 'open' && (
            <BiLink
              class="button danger"
              href={`/firm/requests/${record.id}/withdraw`}
              zh="撤回需求…"
              en="Withdraw request…"
            />
          )}
        </div>
      </div>
      <DoneNotice text={doneMessage(c)} />
      <ErrorNotice error={extras.error} />
      <StageNotice stage={stage} />
      <div class="card">
        <RequestFacts record={record} />
      </div>

      {leads.length > 0 && (
        <>
          <h2>
            <Bi zh="线索进展" en="Leads" />
          </h2>
          {leads.map((l, i) => (
            <LeadCard
              documents={documents[i] ?? []}
              upload={uploads[i]}
              lead={firmLeadView(l.lead, l.nextBest)}
              institutionName={institutionName(l.lead.institutionId)}
              productName={productName}
              failed={extras.failedLead}
              today={today}
              nearMisses={result?.nearMisses ?? []}
              requestId={record.id}
              escalations={escalations[i] ?? []}
            />
          ))}
        </>
      )}

      <LostProducts lost={lost} />
      <MatchSections result={result} record={record} institutionName={institutionName} today={today} />
    </Layout>,
    extras.status ?? 200,
  );
}

/**
 * Where the firm uploads a lead's documents: to the app, or (AWS) straight to the bucket with a
 * form signed for this page, whose origin this page's CSP alone then allows as a form target.
 */
/**
 * A firm's action on one of its leads: done, back to the request at that lead's card with `ok`;
 * refused, the request page again with the card saying why (and the answer as it was typed).
 */
async function actOnLead(
  c: PageContext,
  principal: FirmPrincipal,
  lead: { id: string; requestId: string },
  ok: string,
  act: () => Promise<unknown>,
  answer?: string,
) {
  try {
    await act();
    return c.redirect(`/firm/requests/${lead.requestId}?ok=${ok}#lead-${lead.id}`, 303);
  } catch (error) {
    if (error instanceof DomainError) {
      return renderRequest(c, principal, lead.requestId, {
        failedLead: { leadId: lead.id, error, ...(answer === undefined ? {} : { answer }) },
        status: statusOf(error),
      });
    }
    throw error;
  }
}

async function uploadTarget(
  c: PageContext,
  principal: FirmPrincipal,
  leadId: string,
): Promise<UploadTarget | undefined> {
  const deps = c.get('deps');
  if (!deps.documents) return undefined;
  const origin = new URL(c.req.url).origin;
  const direct = await directUpload(
    deps,
    principal,
    leadId,
    (doc) => `${origin}/firm/leads/${leadId}/documents/${doc}/uploaded`,
  );
  if (!direct) return { kind: 'app' };
  allowFormTarget(c, new URL(direct.url).origin);
  return { kind: 'bucket', url: direct.url, fields: direct.fields, nameField: direct.nameField };
}

/** What the request's stage means for the firm, in one sentence. */
function StageNotice(props: { stage: RequestStage }) {
  const text: Record<RequestStage, BilingualText> = {
    open: {
      zh: '尚未发送：在下方勾选产品后发送给机构，机构才会看到这个需求。',
      en: 'Not sent yet: pick products below and send them; only then do institutions see this request.',
    },
    in_progress: {
      zh: '机构正在处理，进展见下方各条线索。',
      en: 'Institutions are working on it; see each lead below.',
    },
    funded: { zh: '已有机构放款。', en: 'An institution has disbursed.' },
    closed: {
      zh: '所有线索均已结束且未放款：可以看看下一步建议，或修改后重新提交。',
      en: 'Every lead ended without a disbursement: see the next steps, or edit and resubmit.',
    },
    withdrawn: {
      zh: '此需求已撤回。可以“修改后重新提交”作为新的需求。',
      en: 'This request was withdrawn. “Edit and resubmit” makes a new one.',
    },
  };
  return <Notice kind={props.stage === 'funded' ? 'ok' : 'info'} text={text[props.stage]} />;
}

/** A confirmation page: what will happen, what cannot be undone, and the button that does it. */
async function renderConfirm(
  c: PageContext,
  props: {
    title: BilingualText;
    consequences: BilingualText[];
    action: string;
    button: BilingualText;
    back: string;
    hidden?: Record<string, string>;
    danger?: boolean;
  },
) {
  return page(
    c,
    <Layout title={props.title} who={await whoOf(c)}>
      <h1>
        <Text text={props.title} />
      </h1>
      <div class="card">
        <p>
          <Bi zh="确认之前请了解：" en="Before you confirm:" />
        </p>
        <ul>
          {props.consequences.map((t) => (
            <li>
              <Text text={t} />
            </li>
          ))}
        </ul>
        <form method="post" action={props.action} class="actions">
          {Object.entries(props.hidden ?? {}).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="confirmed" value="1" />
          <Submit zh={props.button.zh} en={props.button.en} class={props.danger ? 'danger' : undefined} />
          <BiLink class="button secondary" href={props.back} zh="取消，返回" en="Cancel, go back" />
        </form>
      </div>
    </Layout>,
  );
}

// ---------------------------------------------------------------- routes

/** `/firm/*`, through the same use cases as /api/requests. */
export function firmPages() {
  const app = new Hono<AppEnv>();
  app.route('/', firmProfilePages());

  app.get('/', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const { now } = deps;
    const cursor = c.req.query('cursor');
    const [firm, specialist, list] = await Promise.all([
      readFirm(deps, principal, principal.uscc),
      readSpecialist(deps, principal, principal.uscc),
      listRequests(deps, principal, { limit: 20, cursor }),
    ]);
    const stages = new Map(
      await Promise.all(
        list.items.map(
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
    return page(
      c,
      <Layout title={{ zh: '我的融资需求', en: 'My requests' }} who={{ role: 'firm', name: firm.name }}>
        <div class="actions spread">
          <h1>
            <Bi zh="我的融资需求" en="My funding requests" />
          </h1>
          <BiLink class="button" href="/firm/requests/new" zh="新建融资需求" en="New request" />
        </div>
        <FirmFacts firm={firm} today={shanghaiDate(now())} specialist={specialist} />
        <RequestTable items={list.items} stages={stages} />
        {list.cursor && (
          <Pager href={`/firm?cursor=${encodeURIComponent(list.cursor)}`} zh="下一页" en="Next page" />
        )}
      </Layout>,
    );
  });

  app.get('/requests', (c) => c.redirect('/firm', 303));

  app.get('/requests/new', async (c) => {
    const principal = signedIn(c, 'firm');
    const fromId = c.req.query('from');
    if (!fromId) return renderNewRequest(c, {});
    const from = await readRequest(c.get('deps'), principal, fromId);
    return renderNewRequest(c, formOf(from.request), undefined, from);
  });

  app.post('/requests', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const form = await readForm(c);
    try {
      const formKey = parseForm(IdempotencyKeySchema, text(form, 'idempotencyKey'));
      const problems: FieldProblem[] = [];
      const input = requestInput(form, shanghaiDate(deps.now()), problems);
      const request = parseForm(FundingRequestSchema, input, problems);
      const result = await submitRequest(deps, principal, request, submissionKey(formKey, request));
      return c.redirect(`/firm/requests/${result.request.id}?ok=submitted`, 303);
    } catch (error) {
      if (error instanceof DomainError) return renderNewRequest(c, form, error);
      throw error;
    }
  });

  app.get('/requests/:id', (c) => renderRequest(c, signedIn(c, 'firm'), c.req.param('id')));

  app.post('/requests/:id/send', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const id = c.req.param('id');
    const form = await readForm(c);
    const reveal = text(form, 'reveal') !== undefined;
    try {
      const picked = list(form, 'productIds');
      const top = text(form, 'mode') === 'top';
      if (!top && picked.length === 0) {
        throw new ValidationError([
          { path: 'productIds', zh: '请至少勾选一个产品', en: 'pick at least one product' },
        ]);
      }
      const record = await readRequest(deps, principal, id);
      // The form says how many institutions it had seen; a second press of "send to the top 3"
      // (or a page sent twice) finds the request already moved on, and is not a new send.
      const seen = Number(text(form, 'sentCount') ?? record.sentTo.length);
      if (top && record.sentTo.length > seen) return c.redirect(`/firm/requests/${id}?ok=sent`, 303);
      const left = MAX_SEND_INSTITUTIONS - record.sentTo.length;
      if (top && left <= 0) {
        throw new UnprocessableError(
          `已发送给 ${record.sentTo.length} 家机构，已达上限`,
          `already sent to ${record.sentTo.length} institutions, the most a request may go to`,
        );
      }
      const choice = parseForm(
        SendSchema,
        top ? { reveal, topK: Math.min(DEFAULT_SEND_INSTITUTIONS, left) } : { productIds: picked, reveal },
      );
      await sendRequest(deps, principal, id, choice);
      return c.redirect(`/firm/requests/${id}?ok=sent`, 303);
    } catch (error) {
      if (shownOnPage(error)) return renderRequest(c, principal, id, { error, status: statusOf(error) });
      throw error;
    }
  });

  app.get('/requests/:id/withdraw', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const record = await readRequest(deps, principal, c.req.param('id'));
    const leads = (await requestLeads(deps, principal, record.id))
      .map((l) => l.lead)
      .filter((l) => !TERMINAL_STATUSES.has(l.status));
    const approved = leads.filter((l) => l.status === 'approved').length;
    return renderConfirm(c, {
      title: { zh: '撤回这个融资需求？', en: 'Withdraw this funding request?' },
      consequences: [
        leads.length
          ? {
              zh: `仍在进行的 ${leads.length} 条线索将一并撤回，相关机构会收到通知并停止处理。`,
              en: `Its ${leads.length} open lead(s) are withdrawn with it; those institutions are told and stop working on them.`,
            }
          : { zh: '此需求尚未发送给任何机构。', en: 'The request has not been sent to any institution.' },
        ...(approved
          ? [
              {
                zh: `其中 ${approved} 条已审批通过——撤回后这份审批将失效。`,
                en: `${approved} of them ${approved === 1 ? 'is' : 'are'} already approved — withdrawing gives up that approval.`,
              },
            ]
          : []),
        {
          zh: '撤回不能撤销；之后可以用“修改后重新提交”发起一个新的需求。',
          en: 'This cannot be undone; “Edit and resubmit” can start a new request afterwards.',
        },
      ],
      action: `/firm/requests/${record.id}/withdraw`,
      button: { zh: '确认撤回需求', en: 'Withdraw the request' },
      back: `/firm/requests/${record.id}`,
      danger: true,
    });
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

  /** Confirmation pages of the two lead actions that cannot be undone. */
  app.get('/leads/:id/:action{reveal|withdraw}', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const lead = await readLead(deps, principal, c.req.param('id'));
    const institution = (await findInstitution(deps, lead.institutionId))?.name ?? {
      zh: lead.institutionId,
      en: lead.institutionId,
    };
    const back = `/firm/requests/${lead.requestId}#lead-${lead.id}`;
    if (c.req.param('action') === 'reveal') {
      return renderConfirm(c, {
        title: { zh: `向${institution.zh}公开企业身份？`, en: `Show your identity to ${institution.en}?` },
        consequences: [
          {
            zh: `${institution.zh}将看到企业名称和统一社会信用代码，而不再只是匿名画像。`,
            en: `${institution.en} will see your firm's name and USCC instead of the anonymous profile.`,
          },
          {
            zh: '只对这一家机构公开；其他机构仍然看到匿名信息。',
            en: 'Only this institution; the others still see the anonymous profile.',
          },
          { zh: '公开后不能收回。', en: 'Once shown, it cannot be taken back.' },
        ],
        action: `/firm/leads/${lead.id}/reveal`,
        button: { zh: '确认公开', en: 'Show our identity' },
        back,
      });
    }
    return renderConfirm(c, {
      title: { zh: `撤回发给${institution.zh}的线索？`, en: `Withdraw the lead sent to ${institution.en}?` },
      consequences: [
        {
          zh: `${institution.zh}将停止处理这条线索${lead.status === 'approved' ? '，已给出的审批随之失效' : ''}。`,
          en: `${institution.en} stops working on it${lead.status === 'approved' ? ', and gives up the approval it granted' : ''}.`,
        },
        {
          zh: '撤回不能撤销，这家机构也不能再次发送给它。',
          en: 'This cannot be undone, and this request cannot be sent to that institution again.',
        },
      ],
      action: `/firm/leads/${lead.id}/withdraw`,
      button: { zh: '确认撤回线索', en: 'Withdraw the lead' },
      back,
      hidden: { version: String(lead.version) },
      danger: true,
    });
  });

  /** A document of one of the firm's leads, as a download. */
  app.get('/leads/:id/documents/:doc', documentDownload('firm'));

  /** Documents uploaded to the app (the embedded runtime): checked, stored, kept to the firm until it shares. */
  app.post('/leads/:id/documents', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const lead = await readLead(deps, principal, c.req.param('id'));
    return actOnLead(c, principal, lead, 'attached', async () => {
      const files = await formFiles(c, 'file');
      if (!files.length) {
        throw new ValidationError([{ path: 'file', zh: '请选择文件', en: 'choose a file' }]);
      }
      for (const file of files) await attachDocument(deps, principal, lead.id, file, false);
    });
  });

  /**
   * Where the bucket sends the browser back after a direct upload (AWS): the object's first bytes
   * are checked before it counts as a document; a refused one is deleted and the card says why.
   */
  app.get('/leads/:id/documents/:doc/uploaded', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const lead = await readLead(deps, principal, c.req.param('id'));
    return actOnLead(c, principal, lead, 'attached', () =>
      confirmUpload(deps, principal, lead.id, c.req.param('doc')),
    );
  });

  /** Sharing a document with the lead's institution: what it means first, then the button. */
  app.get('/leads/:id/documents/:doc/share', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const lead = await readLead(deps, principal, c.req.param('id'));
    const doc = (await leadDocuments(deps, principal, lead.id)).find((d) => d.id === c.req.param('doc'));
    if (!doc)
      throw new NotFoundError(`未找到文件 ${c.req.param('doc')}`, `document ${c.req.param('doc')} not found`);
    const institution = (await findInstitution(deps, lead.institutionId))?.name ?? {
      zh: lead.institutionId,
      en: lead.institutionId,
    };
    const back = `/firm/requests/${lead.requestId}#lead-${lead.id}`;
    if (doc.sharedAt) return c.redirect(back, 303);
    return renderConfirm(c, {
      title: {
        zh: `把“${doc.name}”分享给${institution.zh}？`,
        en: `Share “${doc.name}” with ${institution.en}?`,
      },
      consequences: [
        {
          zh: `${institution.zh}处理这条线索的人员将能查看和下载这份文件。`,
          en: `The people at ${institution.en} handling this lead will be able to open and download this file.`,
        },
        {
          zh: '只分享给这一家机构；其他机构和发给它们的线索都看不到。',
          en: 'Only this institution; other institutions and their leads do not see it.',
        },
        {
          zh: '分享后不能收回：机构可能已经下载了副本。',
          en: 'Sharing cannot be taken back: the institution may already have downloaded a copy.',
        },
      ],
      action: `/firm/leads/${lead.id}/documents/${doc.id}/share`,
      button: { zh: '确认分享', en: 'Share the file' },
      back,
    });
  });

  app.post('/leads/:id/documents/:doc/share', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const lead = await readLead(deps, principal, c.req.param('id'));
    await shareDocument(deps, principal, lead.id, c.req.param('doc'));
    return c.redirect(`/firm/requests/${lead.requestId}?ok=shared#lead-${lead.id}`, 303);
  });

  /** Lead actions: the lead is loaded first (404 if not the firm's), so a failure re-renders its request. */
  app.post('/leads/:id/:action{reveal|respond|withdraw}', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const lead = await readLead(deps, principal, c.req.param('id'));
    const action = c.req.param('action');
    const form = await readForm(c);
    const done = action === 'reveal' ? 'revealed' : action === 'respond' ? 'responded' : 'withdrawn';
    const act = async () => {
      if (action === 'reveal') return revealToInstitution(deps, principal, lead.id);
      // Files go with the answer: checked and stored first, so a refused file changes nothing else.
      if (action === 'respond') {
        for (const file of await formFiles(c, 'file')) {
          await attachDocument(deps, principal, lead.id, file, true);
        }
      }
      const problems: FieldProblem[] = [];
      const version = wholeNumber(form, 'version', problems);
      const input =
        action === 'respond' ? { action, answer: text(form, 'answer') ?? '' } : { action: 'withdraw' };
      return transitionLead(deps, principal, lead.id, parseForm(LeadActionSchema, input, problems), version);
    };
    return actOnLead(c, principal, lead, done, act, text(form, 'answer'));
  });

  return app;
}
