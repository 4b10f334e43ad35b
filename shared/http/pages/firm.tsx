import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { shanghaiDate } from '#domain/dates.ts';
import { DomainError, NotFoundError, ValidationError } from '#domain/errors.ts';
import type { Firm } from '#domain/firm.ts';
import {
  COLLATERAL,
  FINANCING_KINDS,
  type FinancingKind,
  FundingRequestSchema,
  PURPOSE_NAMES,
  PURPOSES,
} from '#domain/funding-request.ts';
import { allowedActions, DECLINE_REASONS, LeadActionSchema } from '#domain/lead.ts';
import type { MatchResult } from '#domain/matching/index.ts';
import { COLLATERAL_NAMES } from '#domain/matching/names.ts';
import { currentTier, MAX_SEND_INSTITUTIONS, type RequestRecord } from '#domain/request.ts';
import type { BilingualText } from '#domain/text.ts';
import { LEVEL_NAMES, TIER_NAMES } from '#domain/tiers.ts';
import type { Specialist } from '#store/firms.ts';
import { loadLeadFor, loadRequestFor } from '#usecases/access.ts';
import { leadsOfRequest, revealToInstitution, transitionLead } from '#usecases/leads.ts';
import { sendRequest, submitRequest, withdrawRequest } from '#usecases/requests.ts';
import type { Principal } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { IdempotencyKeySchema, SendSchema } from '../routes/requests.ts';
import { type FirmLeadView, firmLeadView } from '../views.ts';
import { doneMessage, type PageContext, signedIn, whoOf } from './common.ts';
import { industryLabel, months, percent, regionLabel, shanghaiDateTime, yuan, yuanShort } from './format.ts';
import {
  type FieldProblem,
  type Form,
  list,
  messagesByField,
  parseForm,
  readForm,
  text,
  wholeNumber,
} from './forms.ts';
import { Bi, Layout, Notice, StatusBadge, Text } from './layout.tsx';

type FirmPrincipal = Extract<Principal, { role: 'firm' }>;

const KIND_NAMES: Record<FinancingKind, BilingualText> = {
  debt: { zh: '债权融资（贷款等）', en: 'Debt (loans etc.)' },
  equity: { zh: '股权融资', en: 'Equity' },
  any: { zh: '均可', en: 'Either' },
};

const REQUEST_STATUS_NAMES: Record<RequestRecord['status'], BilingualText> = {
  open: { zh: '进行中', en: 'Open' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

function FieldError(props: { problem?: FieldProblem }) {
  if (!props.problem) return null;
  return (
    <p class="field-error">
      {props.problem.zh}
      <span class="en">{props.problem.en}</span>
    </p>
  );
}

function errorNotice(error: DomainError | undefined) {
  if (!error) return null;
  return (
    <Notice
      kind="error"
      text={{ zh: error.zh, en: error.en }}
      fields={error instanceof ValidationError ? error.fields : undefined}
    />
  );
}

// ---------------------------------------------------------------- dashboard

function FirmCard(props: { firm: Firm; today: string; specialist?: Specialist }) {
  const { firm } = props;
  const tier = currentTier(firm.certifications, props.today);
  return (
    <div class="card">
      <dl class="facts">
        <dt>
          <Bi zh="企业" en="Firm" />
        </dt>
        <dd>{firm.name}</dd>
        <dt>
          <Bi zh="统一社会信用代码" en="USCC" />
        </dt>
        <dd>{firm.uscc}</dd>
        <dt>
          <Bi zh="所在地 / 行业" en="Region / industry" />
        </dt>
        <dd>
          {regionLabel(firm.regionCode)} · {industryLabel(firm.industryCode)}
        </dd>
        <dt>
          <Bi zh="当前梯度资质" en="Current tier" />
        </dt>
        <dd>
          {tier ? (
            `${LEVEL_NAMES[tier.level].zh}${TIER_NAMES[tier.tier].zh}`
          ) : (
            <span class="muted">
              <Bi zh="无有效证书" en="no valid certificate" />
            </span>
          )}
        </dd>
        <dt>
          <Bi zh="服务专员" en="Service specialist" />
        </dt>
        <dd>
          {props.specialist ? (
            `${props.specialist.name}${props.specialist.phone ? ` · ${props.specialist.phone}` : ''}`
          ) : (
            <span class="muted">
              <Bi zh="尚未指派" en="not assigned yet" />
            </span>
          )}
        </dd>
      </dl>
    </div>
  );
}

function RequestTable(props: { items: RequestRecord[] }) {
  if (!props.items.length)
    return (
      <p class="muted">
        <Bi zh="还没有融资需求" en="No requests yet" />
      </p>
    );
  return (
    <table>
      <thead>
        <tr>
          <th>
            <Bi zh="提交时间" en="Submitted" />
          </th>
          <th class="num">
            <Bi zh="金额" en="Amount" />
          </th>
          <th>
            <Bi zh="用途" en="Purpose" />
          </th>
          <th>
            <Bi zh="期限" en="Term" />
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
            <td>
              <a href={`/firm/requests/${r.id}`}>{shanghaiDateTime(r.createdAt)}</a>
            </td>
            <td class="num">{yuanShort(r.request.amountYuan)}</td>
            <td>{PURPOSE_NAMES[r.request.purpose].zh}</td>
            <td>{months(r.request.termMonths)}</td>
            <td>{r.sentTo.length} 家</td>
            <td>
              <span class={`badge ${r.status}`}>{REQUEST_STATUS_NAMES[r.status].zh}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------- new request form

function RequestForm(props: { form: Form; idempotencyKey: string; error?: DomainError }) {
  const { form } = props;
  const fields = messagesByField(props.error instanceof ValidationError ? props.error : undefined);
  const value = (name: string) => text(form, name) ?? '';
  const cls = (name: string) => `field${fields.has(name) ? ' has-error' : ''}`;
  const collateral = form.collateral === undefined ? ['none'] : list(form, 'collateral');
  const purpose = value('purpose') || 'working_capital';
  const kind = value('kind') || 'debt';
  return (
    <form class="stack" method="post" action="/firm/requests">
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      <div class={cls('amountYuan')}>
        <label for="amountYuan">
          <Bi zh="融资金额（元）" en="Amount (CNY)" />
          <span class="hint">整数元，如 20000000 即 2000万元 / whole yuan, e.g. 20000000 = CNY 20M</span>
        </label>
        <input
          id="amountYuan"
          name="amountYuan"
          type="text"
          inputmode="numeric"
          value={value('amountYuan')}
        />
        <FieldError problem={fields.get('amountYuan')} />
      </div>
      <div class={cls('purpose')}>
        <label for="purpose">
          <Bi zh="资金用途" en="Purpose" />
        </label>
        <select id="purpose" name="purpose">
          {PURPOSES.map((p) => (
            <option value={p} selected={p === purpose}>
              {PURPOSE_NAMES[p].zh} / {PURPOSE_NAMES[p].en}
            </option>
          ))}
        </select>
        <FieldError problem={fields.get('purpose')} />
      </div>
      <div class={cls('termMonths')}>
        <label for="termMonths">
          <Bi zh="期限（月）" en="Term (months)" />
        </label>
        <input
          id="termMonths"
          name="termMonths"
          type="number"
          min="1"
          max="360"
          value={value('termMonths') || '12'}
        />
        <FieldError problem={fields.get('termMonths')} />
      </div>
      <fieldset class={cls('collateral')}>
        <legend>
          <Bi zh="可提供的担保方式" en="Collateral you can offer" />
        </legend>
        <div class="checks">
          {COLLATERAL.map((k) => (
            <label>
              <input type="checkbox" name="collateral" value={k} checked={collateral.includes(k)} />{' '}
              {COLLATERAL_NAMES[k].zh}
              <span class="en">{COLLATERAL_NAMES[k].en}</span>
            </label>
          ))}
        </div>
        <FieldError problem={fields.get('collateral')} />
      </fieldset>
      <div class={cls('kind')}>
        <label for="kind">
          <Bi zh="融资类型" en="Kind" />
        </label>
        <select id="kind" name="kind">
          {FINANCING_KINDS.map((k) => (
            <option value={k} selected={k === kind}>
              {KIND_NAMES[k].zh} / {KIND_NAMES[k].en}
            </option>
          ))}
        </select>
        <FieldError problem={fields.get('kind')} />
      </div>
      <div class={cls('needBy')}>
        <label for="needBy">
          <Bi zh="最晚用款日期（可选）" en="Needed by (optional)" />
        </label>
        <input id="needBy" name="needBy" type="date" value={value('needBy')} />
        <FieldError problem={fields.get('needBy')} />
      </div>
      <div class="bridge">
        <div class={cls('maturingLoanYuan')}>
          <label for="maturingLoanYuan">
            <Bi zh="到期贷款金额（元）" en="Maturing loan (CNY)" />
            <span class="hint">转贷需求必填 / required for bridge requests</span>
          </label>
          <input
            id="maturingLoanYuan"
            name="maturingLoanYuan"
            type="text"
            inputmode="numeric"
            value={value('maturingLoanYuan')}
          />
          <FieldError problem={fields.get('maturingLoanYuan')} />
        </div>
        <div class={cls('maturesOn')}>
          <label for="maturesOn">
            <Bi zh="贷款到期日" en="Loan matures on" />
          </label>
          <input id="maturesOn" name="maturesOn" type="date" value={value('maturesOn')} />
          <FieldError problem={fields.get('maturesOn')} />
        </div>
      </div>
      <div class="actions">
        <button type="submit">
          <Bi zh="提交并查看匹配" en="Submit and see matches" />
        </button>
        <a href="/firm">
          <Bi zh="取消" en="Cancel" />
        </a>
      </div>
    </form>
  );
}

/** The form's strings as the API's FundingRequest input (absent fields left out, so defaults apply). */
function requestInput(form: Form, problems: FieldProblem[]) {
  const collateral = list(form, 'collateral');
  return {
    amountYuan: wholeNumber(form, 'amountYuan', problems),
    purpose: text(form, 'purpose'),
    termMonths: wholeNumber(form, 'termMonths', problems),
    collateral: collateral.length ? collateral : undefined,
    kind: text(form, 'kind'),
    needBy: text(form, 'needBy'),
    maturingLoanYuan: wholeNumber(form, 'maturingLoanYuan', problems),
    maturesOn: text(form, 'maturesOn'),
  };
}

async function renderNewRequest(c: PageContext, form: Form, error?: DomainError) {
  return c.html(
    <Layout title={{ zh: '新建融资需求', en: 'New funding request' }} who={await whoOf(c)}>
      <h1>
        <Bi zh="新建融资需求" en="New funding request" />
      </h1>
      {errorNotice(error)}
      <div class="card">
        {/* A fresh key per rendering: a double-click sends the same key twice and creates one request. */}
        <RequestForm form={form} idempotencyKey={c.get('deps').newId()} error={error} />
      </div>
    </Layout>,
    error ? (error instanceof ValidationError ? 400 : 422) : 200,
  );
}

// ---------------------------------------------------------------- request page

function Money(props: { yuan: number }) {
  return <td class="num">{yuan(props.yuan)}</td>;
}

function MatchesTable(props: { result: MatchResult; record: RequestRecord }) {
  const { record } = props;
  const open = record.status === 'open';
  const left = MAX_SEND_INSTITUTIONS - record.sentTo.length;
  return (
    <form method="post" action={`/firm/requests/${record.id}/send`}>
      <table>
        <thead>
          <tr>
            {open && <th />}
            <th>
              <Bi zh="产品" en="Product" />
            </th>
            <th>
              <Bi zh="机构" en="Institution" />
            </th>
            <th class="num">
              <Bi zh="评分" en="Score" />
            </th>
            <th class="num">
              <Bi zh="年利率" en="Rate" />
            </th>
            <th class="num">
              <Bi zh="利息" en="Interest" />
            </th>
            <th class="num">
              <Bi zh="费用" en="Fees" />
            </th>
            <th class="num">
              <Bi zh="贴息" en="Subsidy" />
            </th>
            <th class="num">
              <Bi zh="净成本" en="Net cost" />
            </th>
          </tr>
        </thead>
        <tbody>
          {props.result.matches.map((m) => {
            const sent = record.sentTo.includes(m.institutionId);
            return (
              <tr>
                {open && (
                  <td>
                    <input
                      type="checkbox"
                      name="productIds"
                      value={m.productId}
                      disabled={sent}
                      aria-label={m.name.zh}
                    />
                  </td>
                )}
                <td>
                  <a href={`/products/${m.productId}`}>{m.name.zh}</a>
                  {m.demo && <span class="badge demo"> 演示</span>}
                  <div class="en">{m.name.en}</div>
                  {m.reasons.length > 0 && (
                    <ul class="small muted">
                      {m.reasons.map((r) => (
                        <li>{r.zh}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {m.institutionName.zh}
                  {sent && (
                    <div>
                      <span class="badge open">已发送</span>
                    </div>
                  )}
                </td>
                <td class="num">{m.score}</td>
                <td class="num">{percent(m.cost.annualRateBp)}</td>
                <Money yuan={m.cost.interestYuan} />
                <Money yuan={m.cost.feesYuan} />
                <Money yuan={m.cost.subsidyYuan} />
                <td class="num">
                  <strong>{yuan(m.cost.netCostYuan)}</strong>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {open && props.result.matches.length > 0 && (
        <div class="card" style="margin-top:1rem">
          <p class="small muted">
            {`每个需求最多发送给 ${MAX_SEND_INSTITUTIONS} 家机构，还可发送 ${Math.max(left, 0)} 家；只有您选择的机构会收到需求。`}
            <span class="en">
              At most {MAX_SEND_INSTITUTIONS} institutions per request ({Math.max(left, 0)} left); only those
              you pick receive it.
            </span>
          </p>
          <label style="font-weight:400">
            <input type="checkbox" name="reveal" value="1" />{' '}
            <Bi
              zh="同时向这些机构公开企业名称（默认匿名）"
              en="Also show them your firm’s name (anonymous by default)"
            />
          </label>
          <div class="actions" style="margin-top:.6rem">
            <button type="submit" name="mode" value="picked">
              <Bi zh="发送给所选产品的机构" en="Send to the picked products’ institutions" />
            </button>
            <button type="submit" class="secondary" name="mode" value="top">
              <Bi zh="发送给排名前 3 的机构" en="Send to the top 3" />
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

function Packages(props: { result: MatchResult }) {
  if (!props.result.packages.length) return null;
  return (
    <>
      <h2>
        <Bi zh="组合方案" en="Packages" />
      </h2>
      <div class="grid">
        {props.result.packages.map((p) => (
          <div class="card">
            <ul class="plain">
              {p.components.map((comp) => (
                <li>
                  {comp.name.zh}
                  <span class="muted small">
                    {' '}
                    {comp.effect === 'loan'
                      ? ''
                      : comp.effect === 'interest_subsidy'
                        ? `（减少 ${yuan(comp.yuan)}）`
                        : comp.yuan
                          ? `（${yuan(comp.yuan)}）`
                          : ''}
                  </span>
                </li>
              ))}
            </ul>
            <p>
              <Bi zh="净成本" en="Net cost" />: <strong>{yuan(p.cost.netCostYuan)}</strong>{' '}
              <span class="muted small">（年化 {percent(p.cost.effectiveAnnualRateBp)}）</span>
            </p>
            {p.guaranteeReplacesCollateral && (
              <p class="small">
                <Bi zh="担保可替代抵押" en="The guarantee stands in for collateral" />
              </p>
            )}
            {p.notes.map((n) => (
              <p class="small muted">{n.zh}</p>
            ))}
          </div>
        ))}
      </div>
    </>
  );
}

function NearMisses(props: { result: MatchResult; institutionName: (id: string) => string }) {
  const { nearMisses, unlocks } = props.result;
  if (!nearMisses.length && !unlocks.length) return null;
  return (
    <>
      <h2>
        <Bi zh="差一点就能申请" en="Near misses" />
      </h2>
      {unlocks.length > 0 && (
        <div class="notice info">
          <ul class="plain">
            {unlocks.map((u) => (
              <li>
                {u.summary.zh}
                <span class="en">{u.summary.en}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {nearMisses.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>
                <Bi zh="产品" en="Product" />
              </th>
              <th>
                <Bi zh="机构" en="Institution" />
              </th>
              <th>
                <Bi zh="未满足的条件" en="Not met" />
              </th>
              <th>
                <Bi zh="怎样满足" en="How to unlock" />
              </th>
            </tr>
          </thead>
          <tbody>
            {nearMisses.map((n) => (
              <tr>
                <td>
                  <a href={`/products/${n.productId}`}>{n.name.zh}</a>
                  <div class="en">{n.name.en}</div>
                </td>
                <td>{props.institutionName(n.institutionId)}</td>
                <td>
                  <ul class="plain">
                    {n.failed.map((f) => (
                      <li>{f.reason.zh}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ul class="plain">
                    {n.failed.map((f) => (
                      <li>{f.unlock.zh}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Benefits(props: { result: MatchResult }) {
  if (!props.result.benefits.length) return null;
  return (
    <>
      <h2>
        <Bi zh="可享受的惠企政策" en="Benefits you qualify for" />
      </h2>
      <div class="grid">
        {props.result.benefits.map((b) => (
          <div class="card">
            <h3>
              <Text text={b.name} />
            </h3>
            <p class="small">{b.description.zh}</p>
            <p class="small">
              {b.maxYuan !== undefined && <>最高 {yuanShort(b.maxYuan)} </>}
              {b.shareBp !== undefined && <>· 比例 {percent(b.shareBp)} </>}
              {b.oneOff && <span class="badge">一次性</span>}
            </p>
            {b.reasons.length > 0 && (
              <ul class="small muted">
                {b.reasons.map((r) => (
                  <li>{r.zh}</li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </>
  );
}

function LeadCard(props: {
  lead: FirmLeadView;
  institutionName: string;
  productName: (id: string) => string;
  failed?: { leadId: string; error: DomainError; answer?: string };
}) {
  const { lead } = props;
  const actions = allowedActions(lead.status, 'firm');
  const failed = props.failed?.leadId === lead.id ? props.failed : undefined;
  return (
    <div class="card" id={`lead-${lead.id}`}>
      <div class="actions" style="justify-content:space-between">
        <h3 style="margin:0">
          {props.institutionName} <StatusBadge status={lead.status} />
        </h3>
        <span class="muted small">
          发送于 {shanghaiDateTime(lead.createdAt)} · 应答期限 {lead.respondBy}
        </span>
      </div>
      {failed && errorNotice(failed.error)}
      <p class="small">
        <Bi zh="产品" en="Products" />: {lead.productIds.map(props.productName).join('、')}
      </p>
      <p class="small">
        {lead.revealedAt ? (
          <Bi zh={`已公开企业身份（${shanghaiDateTime(lead.revealedAt)}）`} en="identity revealed" />
        ) : (
          <Bi zh="机构看到的是匿名信息" en="the institution sees an anonymous profile" />
        )}
      </p>
      {lead.approval && (
        <Notice
          kind="ok"
          text={{
            zh: `已审批：${yuan(lead.approval.amountYuan)}，年利率 ${percent(lead.approval.annualRateBp)}，${months(lead.approval.termMonths)}`,
            en: `Approved: ${yuan(lead.approval.amountYuan)} at ${percent(lead.approval.annualRateBp)} for ${lead.approval.termMonths} months`,
          }}
        />
      )}
      {lead.disbursement && (
        <Notice
          kind="ok"
          text={{
            zh: `已放款：${yuan(lead.disbursement.amountYuan)}（${lead.disbursement.disbursedOn}）`,
            en: `Disbursed: ${yuan(lead.disbursement.amountYuan)} on ${lead.disbursement.disbursedOn}`,
          }}
        />
      )}
      {lead.decline && (
        <Notice
          kind="error"
          text={{
            zh: `未通过：${DECLINE_REASONS[lead.decline.reasonCode].zh}。${lead.decline.text}`,
            en: `Declined: ${DECLINE_REASONS[lead.decline.reasonCode].en}`,
          }}
        />
      )}
      {lead.nextBest?.length ? (
        <div>
          <p>
            <Bi zh="下一步可以考虑" en="Next best" />:
          </p>
          <ul>
            {lead.nextBest.map((n) => (
              <li>
                <a href={`/products/${n.productId}`}>{n.name.zh}</a>
                <span class="en">{n.name.en}</span> <span class="muted small">评分 {n.score}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {lead.messages.length > 0 && (
        <div>
          {lead.messages.map((m) => (
            <div class={`msg ${m.by}`}>
              <div class="muted small">
                {m.by === 'officer' ? '机构' : '我方'} · {shanghaiDateTime(m.at)}
              </div>
              {m.text}
            </div>
          ))}
        </div>
      )}
      {actions.includes('respond') && (
        <form class="stack" method="post" action={`/firm/leads/${lead.id}/respond`}>
          <input type="hidden" name="version" value={String(lead.version)} />
          <label for={`answer-${lead.id}`}>
            <Bi zh="回复机构的问题" en="Answer the institution" />
          </label>
          <textarea id={`answer-${lead.id}`} name="answer">
            {failed?.answer ?? ''}
          </textarea>
          <div class="actions">
            <button type="submit">
              <Bi zh="回复" en="Send answer" />
            </button>
          </div>
        </form>
      )}
      <div class="actions" style="margin-top:.6rem">
        {!lead.revealedAt && actions.length > 0 && (
          <form class="inline" method="post" action={`/firm/leads/${lead.id}/reveal`}>
            <button type="submit" class="secondary">
              <Bi zh="向该机构公开企业身份" en="Reveal identity" />
            </button>
          </form>
        )}
        {actions.includes('withdraw') && (
          <form class="inline" method="post" action={`/firm/leads/${lead.id}/withdraw`}>
            <input type="hidden" name="version" value={String(lead.version)} />
            <button type="submit" class="secondary">
              <Bi zh="撤回此线索" en="Withdraw this lead" />
            </button>
          </form>
        )}
      </div>
    </div>
  );
}

interface RequestPageExtras {
  error?: DomainError;
  /** A lead action that failed: shown on that lead's card. */
  failedLead?: { leadId: string; error: DomainError; answer?: string };
  status?: ContentfulStatusCode;
}

async function renderRequest(
  c: PageContext,
  principal: FirmPrincipal,
  id: string,
  extras: RequestPageExtras = {},
) {
  const { store } = c.get('deps');
  const record = await loadRequestFor(store, principal, id);
  const [result, leads, institutions] = await Promise.all([
    store.requests.getMatches<MatchResult>(record.id),
    leadsOfRequest(store, record),
    store.catalog.listInstitutions(),
  ]);
  const institutionNames = new Map(institutions.map((i) => [i.id, i.name.zh]));
  const institutionName = (iid: string) => institutionNames.get(iid) ?? iid;
  const productNames = new Map(result?.matches.map((m) => [m.productId, m.name.zh]) ?? []);
  const productName = (pid: string) => productNames.get(pid) ?? pid;
  const r = record.request;
  const done = doneMessage(c);
  return c.html(
    <Layout title={{ zh: '融资需求', en: 'Funding request' }} who={await whoOf(c)}>
      <p class="small">
        <a href="/firm">
          <Bi zh="← 我的融资需求" en="My requests" />
        </a>
      </p>
      <div class="actions" style="justify-content:space-between">
        <h1>
          融资需求 {yuanShort(r.amountYuan)} · {PURPOSE_NAMES[r.purpose].zh}
          <span class="en">Funding request · {PURPOSE_NAMES[r.purpose].en}</span>{' '}
          <span class={`badge ${record.status}`}>{REQUEST_STATUS_NAMES[record.status].zh}</span>
        </h1>
        {record.status === 'open' && (
          <form class="inline" method="post" action={`/firm/requests/${record.id}/withdraw`}>
            <button type="submit" class="danger">
              <Bi zh="撤回需求" en="Withdraw request" />
            </button>
          </form>
        )}
      </div>
      {done && <Notice kind="ok" text={done} />}
      {errorNotice(extras.error)}
      <div class="card">
        <dl class="facts">
          <dt>
            <Bi zh="金额" en="Amount" />
          </dt>
          <dd>
            {yuan(r.amountYuan)} <span class="muted">（{yuanShort(r.amountYuan)}）</span>
          </dd>
          <dt>
            <Bi zh="期限" en="Term" />
          </dt>
          <dd>{months(r.termMonths)}</dd>
          <dt>
            <Bi zh="担保方式" en="Collateral" />
          </dt>
          <dd>{r.collateral.map((k) => COLLATERAL_NAMES[k].zh).join('、')}</dd>
          <dt>
            <Bi zh="融资类型" en="Kind" />
          </dt>
          <dd>{KIND_NAMES[r.kind].zh}</dd>
          {r.needBy && (
            <>
              <dt>
                <Bi zh="最晚用款" en="Needed by" />
              </dt>
              <dd>{r.needBy}</dd>
            </>
          )}
          {r.maturingLoanYuan !== undefined && (
            <>
              <dt>
                <Bi zh="到期贷款" en="Maturing loan" />
              </dt>
              <dd>
                {yuan(r.maturingLoanYuan)}
                {r.maturesOn ? `，${r.maturesOn} 到期` : ''}
              </dd>
            </>
          )}
          <dt>
            <Bi zh="提交时间" en="Submitted" />
          </dt>
          <dd>
            {shanghaiDateTime(record.createdAt)} <span class="muted small">（匹配日 {record.asOf}）</span>
          </dd>
        </dl>
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

      <h2>
        <Bi zh="匹配结果" en="Matches" />
        {result && (
          <span class="muted small">
            {` · ${result.counts.matched} 个产品符合条件（本地区共 ${result.counts.candidates} 个）`}
          </span>
        )}
      </h2>
      {result?.matches.length ? (
        <MatchesTable result={result} record={record} />
      ) : (
        <p class="muted">
          <Bi
            zh="暂无符合条件的产品，请看下面差一点满足的产品"
            en="No product fits yet; see the near misses"
          />
        </p>
      )}
      {result && (
        <>
          {result.lpr && (
            <p class="small muted">
              LPR（{result.lpr.effectiveFrom}）：1年期 {percent(result.lpr.oneYearBp)}，5年期以上{' '}
              {percent(result.lpr.overFiveYearBp)}
            </p>
          )}
          <Packages result={result} />
          <NearMisses result={result} institutionName={institutionName} />
          <Benefits result={result} />
        </>
      )}
    </Layout>,
    extras.status ?? 200,
  );
}

// ---------------------------------------------------------------- routes

/** `/firm/*`: a firm's requests, matches and leads, through the same use cases as /api/requests. */
export function firmPages() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const principal = signedIn(c, 'firm');
    const { store, now } = c.get('deps');
    const cursor = c.req.query('cursor');
    const [firm, specialist, page] = await Promise.all([
      store.firms.require(principal.uscc),
      store.firms.specialist(principal.uscc),
      store.requests.listByFirm(principal.uscc, 20, cursor),
    ]);
    return c.html(
      <Layout title={{ zh: '我的融资需求', en: 'My requests' }} who={{ role: 'firm', name: firm.name }}>
        <div class="actions" style="justify-content:space-between">
          <h1>
            <Bi zh="我的融资需求" en="My funding requests" />
          </h1>
          <a class="button" href="/firm/requests/new">
            <Bi zh="新建融资需求" en="New request" />
          </a>
        </div>
        <FirmCard firm={firm} today={shanghaiDate(now())} specialist={specialist} />
        <RequestTable items={page.items} />
        {page.cursor && (
          <p class="pager">
            <a href={`/firm?cursor=${encodeURIComponent(page.cursor)}`}>
              <Bi zh="下一页" en="Next page" />
            </a>
          </p>
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
      if (error instanceof DomainError && !(error instanceof NotFoundError)) {
        return renderRequest(c, principal, id, { error, status: statusOf(error) });
      }
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
      if (error instanceof DomainError && !(error instanceof NotFoundError)) {
        return renderRequest(c, principal, id, { error, status: statusOf(error) });
      }
      throw error;
    }
  });

  /** Lead actions: the lead is loaded first (404 if not the firm's), so a failure re-renders its request. */
  app.post('/leads/:id/:action{reveal|respond|withdraw}', async (c) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const lead = await loadLeadFor(deps.store, principal, c.req.param('id'));
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
