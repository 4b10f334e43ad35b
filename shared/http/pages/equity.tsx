import { Hono } from 'hono';
import {
  type AnonymousProfile,
  HEADCOUNT_BAND_NAMES,
  STANDING_NAMES,
  YEARS_BAND_NAMES,
} from '#domain/anonymous-profile.ts';
import { BatchDecisionSchema, ComposeBatchSchema, MAX_BATCH_FIRMS } from '#domain/equity/batch.ts';
import {
  allowedEquityActions,
  EQUITY_LEAD_STATUS_NAMES,
  EquityLeadActionSchema,
  type EquityLeadRecord,
} from '#domain/equity/lead.ts';
import { EQUITY_STAGE_NAMES } from '#domain/equity/preferences.ts';
import { EQUITY_PASS_REASONS } from '#domain/equity/reasons.ts';
import { DomainError, ValidationError } from '#domain/errors.ts';
import { yuanZh } from '#domain/matching/money.ts';
import { industryName } from '#domain/matching/names.ts';
import { LEFT_OUT_REASONS } from '#domain/roadshow/planner.ts';
import {
  IntentCardInputSchema,
  PinsSchema,
  ROADSHOW_STATUS_NAMES,
  RoadshowDraftSchema,
  type RoadshowRecord,
  RsvpSchema,
  toShanghaiLocal,
} from '#domain/roadshow/roadshow.ts';
import type { BilingualText } from '#domain/text.ts';
import {
  answerBatchEntry,
  equityPool,
  listBatches,
  listEquityLeads,
  listFunds,
  pushBatch,
  revealEquityLead,
  transitionEquityLead,
} from '#usecases/equity.ts';
import {
  createRoadshow,
  fileIntentCard,
  listRoadshows,
  myRoadshows,
  planRoadshowFor,
  publishRoadshow,
  readRoadshow,
  roadshowCalendar,
  rsvpSeat,
  rsvpSlot,
  setParticipants,
  upcomingRoadshows,
} from '#usecases/roadshows.ts';
import type { AppEnv } from '../context.ts';
import { type BatchView, batchView, equityLeadView } from '../equity-views.ts';
import { type PageContext, signedIn, whoOf } from './common.ts';
import {
  Bi,
  CountInput,
  Empty,
  ErrorNotice,
  Field,
  Input,
  Notice,
  PostButton,
  Select,
  Submit,
  say,
  Text,
  useT,
} from './components.tsx';
import { industryLabel, regionLabel, yuanEn } from './format.ts';
import { type Form, list, messagesByField, parseForm, readForm, text } from './forms.ts';
import { langOf } from './lang.ts';
import { Layout, page } from './layout.tsx';

/**
 * Equity pages: the public list of upcoming roadshows; a firm's invitations, slots (RSVP,
 * .ics) and equity leads; a fund's batches (anonymised), equity leads, agenda with pitch cards
 * and intent cards; an operator's pool, batches and roadshows (plan preview, pins, publish,
 * attendance, outcomes). Every read and write goes through the same use cases as the API.
 */

const shanghai = (iso: string) => toShanghaiLocal(new Date(iso)).replace('T', ' ');
const DONE = { zh: '已完成', en: 'Done' };

/** Runs a form's action: on success back to `back` (303), on a domain failure the page again with the message. */
async function act(
  c: PageContext,
  back: string,
  run: (form: Form) => Promise<unknown>,
  render: (error: DomainError, form: Form) => Promise<Response>,
): Promise<Response> {
  const form = await readForm(c);
  try {
    await run(form);
  } catch (error) {
    if (error instanceof DomainError && error.code !== 'not_found') return render(error, form);
    throw error;
  }
  return c.redirect(`${back}${back.includes('?') ? '&' : '?'}ok=1`, 303);
}

/** The signed-in firm's or fund's calendar file of one roadshow. */
async function calendarFile(c: PageContext) {
  return c.body(await roadshowCalendar(c.get('deps'), c.get('principal'), c.req.param('id')!), 200, {
    'content-type': 'text/calendar; charset=utf-8',
  });
}

function Done(props: { c: PageContext }) {
  return props.c.req.query('ok') ? <Notice kind="ok" text={DONE} /> : null;
}

function VenueText(props: { r: RoadshowRecord | { venue: RoadshowRecord['venue'] } }) {
  const v = props.r.venue;
  return v.kind === 'onsite' ? <span>{v.address}</span> : <Bi zh="线上" en="Online" />;
}

/** A firm as a fund sees it before reveal: the anonymous profile's bands, never exact figures. */
function ProfileText(props: { p: AnonymousProfile }) {
  const p = props.p;
  return (
    <span>
      <Text text={STANDING_NAMES[p.standing]} /> · {industryLabel(p.industryDivision)} ·{' '}
      {regionLabel(p.cityCode)} · <Text text={HEADCOUNT_BAND_NAMES[p.headcountBand]} /> ·{' '}
      <Text text={YEARS_BAND_NAMES[p.yearsBand]} /> ·{' '}
      <Bi zh={`拟融资 ${yuanZh(p.amountYuan)}`} en={`seeks ${yuanEn(p.amountYuan)}`} />
    </span>
  );
}

/** "fund-1 batch 2 · 5 firms (3 SRDI) · CNY 80,000,000 sought", in the page's language. */
function BatchSummary(props: { batch: BatchView }) {
  const { fundId, number, summary } = props.batch;
  return (
    <Bi
      zh={`${fundId} 第${number}批 · ${summary.firms}家（专精特新${summary.srdiFirms}家）· 拟融资 ${yuanZh(summary.amountSoughtYuan)}`}
      en={`${fundId} batch ${number} · ${summary.firms} firm${summary.firms === 1 ? '' : 's'} (${summary.srdiFirms} SRDI) · ${yuanEn(summary.amountSoughtYuan)} sought`}
    />
  );
}

function ReasonChecks() {
  const t = useT();
  return (
    <fieldset>
      <legend>
        <Bi zh="原因（股权）" en="Reasons (equity)" />
      </legend>
      {Object.entries(EQUITY_PASS_REASONS).map(([code, name]) => (
        <label class="check">
          <input type="checkbox" name="reasons" value={code} /> <Text text={name} />
        </label>
      ))}
      <input
        name="note"
        placeholder={t({ zh: '说明', en: 'note' })}
        aria-label={t({ zh: '说明', en: 'note' })}
      />
    </fieldset>
  );
}

// ── public ──

export function publicRoadshowPages() {
  const app = new Hono<AppEnv>();
  app.get('/roadshows', async (c) => {
    const items = await upcomingRoadshows(c.get('deps'));
    return page(
      c,
      <Layout title={{ zh: '即将举行的路演', en: 'Upcoming roadshows' }} who={await whoOf(c)}>
        <h1>
          <Bi zh="即将举行的路演" en="Upcoming roadshows" />
        </h1>
        {items.length === 0 ? (
          <Empty text={{ zh: '暂无即将举行的路演', en: 'No upcoming roadshows' }} />
        ) : (
          <table>
            <thead>
              <tr>
                <th>
                  <Bi zh="路演" en="Roadshow" />
                </th>
                <th>
                  <Bi zh="时间（北京时间）" en="When (Asia/Shanghai)" />
                </th>
                <th>
                  <Bi zh="地点" en="Where" />
                </th>
                <th>
                  <Bi zh="产业链" en="Chain" />
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr>
                  <td>
                    {r.title}
                    {r.theme ? <div class="muted">{r.theme}</div> : null}
                  </td>
                  <td>
                    {r.sessions.map((s) => (
                      <div>
                        {shanghai(s.startsAt)}–{shanghai(s.endsAt).slice(11)}
                      </div>
                    ))}
                  </td>
                  <td>
                    <VenueText r={r} />
                  </td>
                  <td>{r.chain.map((p) => industryName(p).zh).join('、') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });
  return app;
}

// ── firm ──

export function firmEquityPages() {
  const app = new Hono<AppEnv>();
  const render = async (c: PageContext, error?: DomainError) => {
    const principal = signedIn(c, 'firm');
    const deps = c.get('deps');
    const [{ slots }, leads] = await Promise.all([
      myRoadshows(deps, principal),
      listEquityLeads(deps, principal, { limit: 50 }),
    ]);
    return page(
      c,
      <Layout title={{ zh: '股权融资与路演', en: 'Equity and roadshows' }} who={await whoOf(c)}>
        <h1>
          <Bi zh="股权融资与路演" en="Equity and roadshows" />
        </h1>
        <Done c={c} />
        <ErrorNotice error={error} />
        <h2>
          <Bi zh="路演邀请" en="Roadshow invitations" />
        </h2>
        {slots.length === 0 ? (
          <Empty text={{ zh: '暂无路演邀请', en: 'No invitations' }} />
        ) : (
          <table>
            <tbody>
              {slots.map((s) => (
                <tr>
                  <td>
                    {shanghai(s.startsAt)}–{shanghai(s.endsAt).slice(11)}（第{s.sessionId.slice(1)}场 第
                    {s.slot + 1}位）
                  </td>
                  <td>{s.status}</td>
                  <td>
                    <a href={`/firm/equity/roadshows/${s.roadshowId}/calendar.ics`}>.ics</a>{' '}
                    {s.status !== 'accepted' && (
                      <PostButton
                        action={`/firm/equity/roadshows/${s.roadshowId}/${s.sessionId}/${s.slot}/rsvp`}
                        zh="接受"
                        en="Accept"
                        class="primary"
                      >
                        <input type="hidden" name="answer" value="accept" />
                      </PostButton>
                    )}{' '}
                    <PostButton
                      action={`/firm/equity/roadshows/${s.roadshowId}/${s.sessionId}/${s.slot}/rsvp`}
                      zh="谢绝"
                      en="Decline"
                      class="danger"
                    >
                      <input type="hidden" name="answer" value="decline" />
                    </PostButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>
          <Bi zh="股权线索" en="Equity leads" />
        </h2>
        {leads.items.length === 0 ? (
          <Empty text={{ zh: '暂无基金表示兴趣', en: 'No fund has shown interest yet' }} />
        ) : (
          <table>
            <tbody>
              {leads.items.map((l) => (
                <tr>
                  <td>{l.fundId}</td>
                  <td>
                    <Text text={EQUITY_LEAD_STATUS_NAMES[l.status]} />
                  </td>
                  <td>
                    {l.termSheet
                      ? `意向书：${yuanZh(l.termSheet.amountYuan)}，投前估值 ${yuanZh(l.termSheet.preMoneyValuationYuan)}，占股 ${(l.termSheet.stakeBp / 100).toFixed(2)}%`
                      : ''}
                  </td>
                  <td>
                    {l.revealedAt ? (
                      <Bi zh="已公开身份" en="Revealed" />
                    ) : (
                      <PostButton
                        action={`/firm/equity/leads/${l.id}/reveal`}
                        zh="公开身份"
                        en="Reveal"
                        class="primary"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
      error ? 422 : 200,
    );
  };
  app.get('/equity', (c) => render(c));
  app.post('/equity/roadshows/:id/:sessionId/:slot/rsvp', (c) =>
    act(
      c,
      '/firm/equity',
      async (form) => {
        const { answer } = parseForm(RsvpSchema, { answer: text(form, 'answer') });
        const { id, sessionId, slot } = c.req.param();
        await rsvpSlot(c.get('deps'), c.get('principal'), id, sessionId, Number(slot), answer);
      },
      (e) => render(c, e),
    ),
  );
  app.post('/equity/leads/:id/reveal', (c) =>
    act(
      c,
      '/firm/equity',
      () => revealEquityLead(c.get('deps'), c.get('principal'), c.req.param('id')),
      (e) => render(c, e),
    ),
  );
  app.get('/equity/roadshows/:id/calendar.ics', calendarFile);
  return app;
}

// ── fund (officer) ──

const ACTION_NAMES: Record<string, { zh: string; en: string }> = {
  start_due_diligence: { zh: '开始尽调', en: 'Start due diligence' },
  sign_term_sheet: { zh: '签署投资意向书', en: 'Sign term sheet' },
  close_investment: { zh: '完成投资', en: 'Close investment' },
  pass: { zh: '放弃', en: 'Pass' },
};

function EquityLeadActions(props: { lead: EquityLeadRecord }) {
  const t = useT();
  const l = props.lead;
  const base = `/officer/equity/leads/${l.id}`;
  return (
    <>
      {allowedEquityActions(l.status, 'fund').map((a) => (
        <form class="inline" method="post" action={`${base}/${a}`}>
          {a === 'sign_term_sheet' && (
            <>
              <input
                name="amountYuan"
                placeholder={t({ zh: '投资金额（元）', en: 'amount invested (CNY)' })}
                aria-label={t({ zh: '投资金额（元）', en: 'amount invested (CNY)' })}
                required
              />
              <input
                name="preMoneyValuationYuan"
                placeholder={t({ zh: '投前估值（元）', en: 'pre-money valuation (CNY)' })}
                aria-label={t({ zh: '投前估值（元）', en: 'pre-money valuation (CNY)' })}
                required
              />
              <input name="on" type="date" aria-label={t({ zh: '日期', en: 'date' })} required />
            </>
          )}
          {a === 'close_investment' && (
            <>
              <input
                name="amountYuan"
                placeholder={t({ zh: '投资金额（元）', en: 'amount invested (CNY)' })}
                aria-label={t({ zh: '投资金额（元）', en: 'amount invested (CNY)' })}
                required
              />
              <input name="on" type="date" aria-label={t({ zh: '日期', en: 'date' })} required />
            </>
          )}
          {a === 'pass' && (
            <>
              <ReasonChecks />
              <input name="on" type="date" aria-label={t({ zh: '日期', en: 'date' })} required />
            </>
          )}
          <Submit
            zh={ACTION_NAMES[a]!.zh}
            en={ACTION_NAMES[a]!.en}
            class={a === 'pass' ? 'danger' : 'primary'}
          />
        </form>
      ))}
    </>
  );
}

export function officerEquityPages() {
  const app = new Hono<AppEnv>();
  const render = async (c: PageContext, error?: DomainError) => {
    const principal = signedIn(c, 'officer');
    const t = (text: BilingualText) => say(langOf(c), text);
    const deps = c.get('deps');
    const [funds, batches, leads, { seats }] = await Promise.all([
      listFunds(deps, principal),
      listBatches(deps, principal),
      listEquityLeads(deps, principal, { limit: 50 }),
      myRoadshows(deps, principal),
    ]);
    return page(
      c,
      <Layout title={{ zh: '基金：推送与路演', en: 'Fund: pushes and roadshows' }} who={await whoOf(c)}>
        <h1>
          <Bi zh="基金：推送、线索与路演" en="Fund: batches, leads and roadshows" />
        </h1>
        <Done c={c} />
        <ErrorNotice error={error} />
        <p>
          <Bi zh="本机构基金" en="Funds" />: {funds.map((f) => `${f.name.zh}（${f.id}）`).join('、') || '—'}
        </p>
        <h2>
          <Bi zh="收到的推送批次（匿名）" en="Batches received (anonymised)" />
        </h2>
        {batches.length === 0 && <Empty text={{ zh: '暂无推送', en: 'No batches yet' }} />}
        {batches.map((b) => {
          const v = batchView(principal, b);
          return (
            <section>
              <h3>
                <BatchSummary batch={v} />
              </h3>
              <table>
                <tbody>
                  {v.entries.map((e) => (
                    <tr>
                      <td>#{e.rank}</td>
                      <td>
                        <Bi zh={`匹配度 ${e.fit}`} en={`fit ${e.fit}`} />
                      </td>
                      <td>
                        <ProfileText p={e.profile} /> · <Text text={EQUITY_STAGE_NAMES[e.stage]} />
                      </td>
                      <td>
                        {e.outcome ? (
                          e.outcome.decision === 'interested' ? (
                            <Bi zh="感兴趣" en="Interested" />
                          ) : (
                            <Bi zh="不合适" en="Not for us" />
                          )
                        ) : (
                          <>
                            <PostButton
                              action={`/officer/equity/batches/${b.id}/${e.requestId}/interested`}
                              zh="感兴趣"
                              en="Interested"
                              class="primary"
                            />
                            <form
                              class="inline"
                              method="post"
                              action={`/officer/equity/batches/${b.id}/${e.requestId}/not_for_us`}
                            >
                              <ReasonChecks />
                              <Submit zh="不合适" en="Not for us" class="danger" />
                            </form>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          );
        })}
        <h2>
          <Bi zh="股权线索" en="Equity leads" />
        </h2>
        {leads.items.length === 0 && <Empty text={{ zh: '暂无股权线索', en: 'No equity leads' }} />}
        <table>
          <tbody>
            {leads.items.map((l) => (
              <tr>
                <td>{l.revealedAt ? l.firmName : <Bi zh="匿名企业" en="Anonymous firm" />}</td>
                <td>
                  <ProfileText p={equityLeadView(principal, l).profile} />
                </td>
                <td>
                  <Text text={EQUITY_LEAD_STATUS_NAMES[l.status]} />
                </td>
                <td>
                  <EquityLeadActions lead={l} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>
          <Bi zh="路演日程" en="Roadshow agenda" />
        </h2>
        {seats.length === 0 && <Empty text={{ zh: '暂无路演席位', en: 'No roadshow seats' }} />}
        <table>
          <tbody>
            {seats.map((s) => (
              <tr>
                <td>
                  {shanghai(s.startsAt)}–{shanghai(s.endsAt).slice(11)} · {s.fundId}
                </td>
                <td>{s.status}</td>
                <td>
                  <a href={`/officer/equity/roadshows/${s.roadshowId}/calendar.ics`}>.ics</a>{' '}
                  <PostButton
                    action={`/officer/equity/roadshows/${s.roadshowId}/${s.sessionId}/${s.fundId}/accept`}
                    zh="接受"
                    en="Accept"
                    class="primary"
                  />{' '}
                  <PostButton
                    action={`/officer/equity/roadshows/${s.roadshowId}/${s.sessionId}/${s.fundId}/decline`}
                    zh="谢绝"
                    en="Decline"
                    class="danger"
                  />
                  <form
                    class="inline"
                    method="post"
                    action={`/officer/equity/roadshows/${s.roadshowId}/${s.fundId}/intent`}
                  >
                    <input
                      name="requestId"
                      placeholder={t({ zh: '路演项目编号', en: 'request id' })}
                      aria-label={t({ zh: '路演项目编号', en: 'request id' })}
                      required
                    />
                    <label class="check">
                      <input type="checkbox" name="interested" value="yes" /> 感兴趣 / interested
                    </label>
                    <ReasonChecks />
                    <Submit zh="提交意向卡" en="File intent card" class="primary" />
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
      error ? 422 : 200,
    );
  };
  app.get('/equity', (c) => render(c));
  app.post('/equity/batches/:id/:requestId/:decision{interested|not_for_us}', (c) =>
    act(
      c,
      '/officer/equity',
      async (form) => {
        const { id, requestId, decision } = c.req.param();
        const input = parseForm(BatchDecisionSchema, {
          decision,
          ...(decision === 'not_for_us' ? { reasons: list(form, 'reasons') } : {}),
          ...(text(form, 'note') ? { note: text(form, 'note') } : {}),
        });
        await answerBatchEntry(c.get('deps'), c.get('principal'), id, requestId, input);
      },
      (e) => render(c, e),
    ),
  );
  app.post('/equity/leads/:id/:action{start_due_diligence|sign_term_sheet|close_investment|pass}', (c) =>
    act(
      c,
      '/officer/equity',
      async (form) => {
        const action = c.req.param('action');
        const on = text(form, 'on');
        const amount = (name: string) => {
          const raw = text(form, name)?.replace(/[,\s]/g, '');
          return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
        };
        const input = parseForm(EquityLeadActionSchema, {
          action,
          ...(action === 'sign_term_sheet'
            ? {
                amountYuan: amount('amountYuan'),
                preMoneyValuationYuan: amount('preMoneyValuationYuan'),
                signedOn: on,
              }
            : {}),
          ...(action === 'close_investment' ? { amountYuan: amount('amountYuan'), closedOn: on } : {}),
          ...(action === 'pass'
            ? {
                reasons: list(form, 'reasons'),
                passedOn: on,
                ...(text(form, 'note') ? { note: text(form, 'note') } : {}),
              }
            : {}),
        });
        await transitionEquityLead(c.get('deps'), c.get('principal'), c.req.param('id'), input);
      },
      (e) => render(c, e),
    ),
  );
  app.post('/equity/roadshows/:id/:sessionId/:fundId/:answer{accept|decline}', (c) =>
    act(
      c,
      '/officer/equity',
      async () => {
        const { id, sessionId, fundId, answer } = c.req.param();
        await rsvpSeat(
          c.get('deps'),
          c.get('principal'),
          id,
          sessionId,
          fundId,
          answer as 'accept' | 'decline',
        );
      },
      (e) => render(c, e),
    ),
  );
  app.post('/equity/roadshows/:id/:fundId/intent', (c) =>
    act(
      c,
      '/officer/equity',
      async (form) => {
        const interested = text(form, 'interested') === 'yes';
        const input = parseForm(IntentCardInputSchema, {
          requestId: text(form, 'requestId'),
          interested,
          ...(interested ? {} : { reasons: list(form, 'reasons') }),
          ...(text(form, 'note') ? { note: text(form, 'note') } : {}),
        });
        await fileIntentCard(
          c.get('deps'),
          c.get('principal'),
          c.req.param('id'),
          c.req.param('fundId'),
          input,
        );
      },
      (e) => render(c, e),
    ),
  );
  app.get('/equity/roadshows/:id/calendar.ics', calendarFile);
  return app;
}

// ── operator ──

/** The operator's forms name a roadshow's one session and its venue by their own fields. */
const fieldOfOperatorForms = (path: string) => {
  const [head, second, third] = path.split('.');
  if (head === 'sessions' && third) return third;
  if (head === 'venue' && second) return second;
  return head!;
};

export function operatorEquityPages() {
  const app = new Hono<AppEnv>();
  const render = async (c: PageContext, error?: DomainError, form?: Form) => {
    const principal = signedIn(c, 'operator');
    const fields = messagesByField(
      error instanceof ValidationError ? error : undefined,
      fieldOfOperatorForms,
    );
    const value = (name: string, otherwise = '') => (form ? (text(form, name) ?? '') : otherwise);
    const deps = c.get('deps');
    const [pool, funds, batches, roadshows] = await Promise.all([
      equityPool(deps, principal),
      listFunds(deps, principal),
      listBatches(deps, principal),
      listRoadshows(deps, principal),
    ]);
    return page(
      c,
      <Layout title={{ zh: '股权对接与路演', en: 'Equity matchmaking and roadshows' }} who={await whoOf(c)}>
        <h1>
          <Bi zh="股权对接与路演" en="Equity matchmaking and roadshows" />
        </h1>
        <Done c={c} />
        <ErrorNotice error={error} />
        <h2>
          <Bi zh="已同意推送的股权融资需求" en="Consenting equity requests (the pool)" />
        </h2>
        <p>
          <Bi
            zh={`${pool.length} 项 · 拟融资 ${yuanZh(pool.reduce((a, p) => a + p.profile.amountYuan, 0))}`}
            en={`${pool.length} request${pool.length === 1 ? '' : 's'} · ${yuanEn(pool.reduce((a, p) => a + p.profile.amountYuan, 0))} sought`}
          />
        </p>
        <h2>
          <Bi zh="向基金推送一批" en="Push a batch to a fund" />
        </h2>
        {funds.length === 0 ? (
          <Empty
            text={{
              zh: '本地区还没有基金：基金管理机构登记基金及其投资偏好后，可在此向其推送。',
              en: 'No fund invests in your region yet: once a fund manager registers a fund and its preferences, you can push to it here.',
            }}
          />
        ) : (
          <form class="stack" method="post" action="/operator/equity/batches">
            <div class="grid">
              <Field id="fundId" label={{ zh: '基金', en: 'Fund' }} problem={fields.get('fundId')} required>
                <Select
                  id="fundId"
                  name="fundId"
                  options={funds.map((f): [string, BilingualText] => [f.id, f.name])}
                  selected={value('fundId')}
                />
              </Field>
              <Field
                id="maxFirms"
                label={{ zh: '最多企业数', en: 'At most, firms' }}
                hint={{ zh: `1–${MAX_BATCH_FIRMS}`, en: `1–${MAX_BATCH_FIRMS}` }}
                problem={fields.get('maxFirms')}
                required
              >
                <CountInput
                  id="maxFirms"
                  name="maxFirms"
                  max={String(MAX_BATCH_FIRMS)}
                  value={value('maxFirms', '20')}
                />
              </Field>
              <Field
                id="minFit"
                label={{ zh: '最低匹配度', en: 'Lowest fit' }}
                hint={{
                  zh: '0–100，与基金偏好的契合分',
                  en: '0–100, the score against the fund’s preferences',
                }}
                problem={fields.get('minFit')}
                required
              >
                <CountInput id="minFit" name="minFit" min="0" max="100" value={value('minFit', '40')} />
              </Field>
            </div>
            <div class="actions">
              <Submit zh="推送" en="Push" class="primary" />
            </div>
          </form>
        )}
        <table>
          <tbody>
            {batches.map((b) => {
              const v = batchView(principal, b);
              return (
                <tr>
                  <td>
                    <BatchSummary batch={v} />
                  </td>
                  <td>
                    <Bi
                      zh={`感兴趣 ${v.outcomes.interested} · 不合适 ${v.outcomes.notForUs} · 待答复 ${v.outcomes.pending}`}
                      en={`interested ${v.outcomes.interested} · not for them ${v.outcomes.notForUs} · awaiting ${v.outcomes.pending}`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h2>
          <Bi zh="路演" en="Roadshows" />
        </h2>
        <table>
          <tbody>
            {roadshows.map((r) => (
              <tr>
                <td>
                  <a href={`/operator/equity/roadshows/${r.id}`}>{r.title}</a>
                </td>
                <td>{r.sessions[0] ? shanghai(r.sessions[0].startsAt) : ''}</td>
                <td>
                  <Text text={ROADSHOW_STATUS_NAMES[r.status]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>
          <Bi zh="新建路演" en="New roadshow" />
        </h3>
        <form class="stack" method="post" action="/operator/equity/roadshows">
          <div class="grid">
            <Field id="title" label={{ zh: '标题', en: 'Title' }} problem={fields.get('title')} required>
              <Input id="title" name="title" value={value('title')} />
            </Field>
            <Field
              id="chain"
              label={{ zh: '产业链', en: 'Industry chain' }}
              hint={{
                zh: 'GB/T 4754 代码，逗号分隔，如 C39,C26；留空为不限',
                en: 'GB/T 4754 codes, comma-separated, e.g. C39,C26; empty for any',
              }}
              problem={fields.get('chain')}
            >
              <Input id="chain" name="chain" value={value('chain')} autocomplete="off" />
            </Field>
            <Field
              id="address"
              label={{ zh: '地点', en: 'Venue address' }}
              hint={{ zh: '现场路演填写', en: 'for a roadshow on site' }}
              problem={fields.get('address')}
            >
              <Input id="address" name="address" value={value('address')} />
            </Field>
            <Field
              id="url"
              label={{ zh: '线上链接', en: 'Online link' }}
              hint={{ zh: '线上路演填写，https://', en: 'for an online roadshow, https://' }}
              problem={fields.get('url')}
            >
              <Input id="url" name="url" value={value('url')} placeholder="https://" />
            </Field>
            <Field
              id="startsAt"
              label={{ zh: '开始时间', en: 'Starts at' }}
              problem={fields.get('startsAt')}
              required
            >
              <Input id="startsAt" name="startsAt" type="datetime-local" value={value('startsAt')} />
            </Field>
            <Field
              id="slotMinutes"
              label={{ zh: '每位时长（分钟）', en: 'Minutes per firm' }}
              problem={fields.get('slotMinutes')}
              required
            >
              <CountInput id="slotMinutes" name="slotMinutes" value={value('slotMinutes', '10')} />
            </Field>
            <Field
              id="slots"
              label={{ zh: '路演企业数', en: 'Firms pitching' }}
              problem={fields.get('slots')}
              required
            >
              <CountInput id="slots" name="slots" value={value('slots', '6')} />
            </Field>
            <Field
              id="capacity"
              label={{ zh: '基金席位', en: 'Fund seats' }}
              problem={fields.get('capacity')}
              required
            >
              <CountInput id="capacity" name="capacity" value={value('capacity', '5')} />
            </Field>
          </div>
          <div class="actions">
            <Submit zh="创建" en="Create" class="primary" />
          </div>
        </form>
      </Layout>,
      error ? 422 : 200,
    );
  };

  const renderRoadshow = async (c: PageContext, error?: DomainError) => {
    const t = (text: BilingualText) => say(langOf(c), text);
    const principal = signedIn(c, 'operator');
    const deps = c.get('deps');
    const [{ roadshow: r, slots, seats, intents }, pool, funds] = await Promise.all([
      readRoadshow(deps, principal, c.req.param('id')!),
      equityPool(deps, principal),
      listFunds(deps, principal),
    ]);
    const base = `/operator/equity/roadshows/${r.id}`;
    const q = r.plan?.quality;
    return page(
      c,
      <Layout title={{ zh: r.title, en: 'Roadshow' }} who={await whoOf(c)}>
        <h1>{r.title}</h1>
        <Done c={c} />
        <ErrorNotice error={error} />
        <p>
          <Text text={ROADSHOW_STATUS_NAMES[r.status]} /> · <VenueText r={r} /> ·{' '}
          {r.sessions.map((s) => `${s.id} ${shanghai(s.startsAt)}`).join('；')}
        </p>
        {(r.status === 'draft' || r.status === 'planned') && (
          <>
            <h2>
              <Bi zh="候选企业与基金" en="Pool and funds" />
            </h2>
            <form method="post" action={`${base}/participants`}>
              <fieldset>
                <legend>
                  <Bi zh="候选企业（不选则按产业链推荐）" en="Candidates (none: proposed by chain)" />
                </legend>
                {pool.map((p) => (
                  <label class="check">
                    <input
                      type="checkbox"
                      name="requestIds"
                      value={p.requestId}
                      checked={r.candidates.includes(p.requestId)}
                    />{' '}
                    {p.firmName}（{industryName(p.profile.industryCode).zh}）
                  </label>
                ))}
              </fieldset>
              <fieldset>
                <legend>
                  <Bi zh="邀请基金" en="Funds invited" />
                </legend>
                {funds.map((f) => (
                  <label class="check">
                    <input type="checkbox" name="fundIds" value={f.id} checked={r.fundIds.includes(f.id)} />{' '}
                    {f.name.zh}
                  </label>
                ))}
              </fieldset>
              <Submit zh="保存" en="Save" class="primary" />
            </form>
            <PostButton action={`${base}/plan`} zh="排程" en="Plan" class="primary" />
          </>
        )}
        {r.plan && (
          <>
            <h2>
              <Bi zh="排程预览" en="Plan preview" />
            </h2>
            <p>
              时段 {String(q?.slotsFilled)}/{String(q?.slotsTotal)} · 席位 {String(q?.seatsFilled)}/
              {String(q?.seatsTotal)} · 平均匹配度 {String(q?.meanFit)} · 候补 {r.plan.waitlist.length}
            </p>
            <table>
              <tbody>
                {r.plan.sessions.map((s) => (
                  <tr>
                    <td>{s.sessionId}</td>
                    <td>{s.funds.map((f) => `${f.fundId}${f.pinned ? '📌' : ''}`).join('、')}</td>
                    <td>
                      {s.slots.map((k) => (
                        <div>
                          {k.slot + 1}.{' '}
                          {pool.find((p) => p.requestId === k.firmId)?.firmName ?? k.firmId ?? '—'}
                          {k.pinned ? '📌' : ''}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <Bi zh="未安排" en="Left out" />:{' '}
              {r.plan.leftOut
                .map(
                  (l) =>
                    `${pool.find((p) => p.requestId === l.firmId)?.firmName ?? l.firmId}（${LEFT_OUT_REASONS[l.reason as keyof typeof LEFT_OUT_REASONS]?.zh ?? l.reason}）`,
                )
                .join('、') || '—'}
            </p>
            {r.status === 'planned' && (
              <>
                <form method="post" action={`${base}/pin`}>
                  <input
                    name="firmId"
                    placeholder={t({ zh: '企业需求编号', en: 'request id' })}
                    aria-label={t({ zh: '企业需求编号', en: 'request id' })}
                    required
                  />
                  <input
                    name="sessionId"
                    placeholder={t({ zh: '场次，如 s1', en: 'session, e.g. s1' })}
                    aria-label={t({ zh: '场次，如 s1', en: 'session, e.g. s1' })}
                    required
                  />
                  <input
                    name="slot"
                    placeholder={t({ zh: '位次（从1起）', en: 'slot from 1' })}
                    aria-label={t({ zh: '位次（从1起）', en: 'slot from 1' })}
                    required
                  />
                  <Submit zh="固定并重新排程" en="Pin and re-plan" />
                </form>
                <PostButton action={`${base}/publish`} zh="发布" en="Publish" class="primary" />
              </>
            )}
          </>
        )}
        {slots.length > 0 && (
          <>
            <h2>
              <Bi zh="出席" en="Attendance" />
            </h2>
            <table>
              <tbody>
                {slots.map((s) => (
                  <tr>
                    <td>
                      {s.sessionId} #{s.slot + 1} {shanghai(s.startsAt)}
                    </td>
                    <td>{pool.find((p) => p.requestId === s.requestId)?.firmName ?? s.requestId ?? '—'}</td>
                    <td>{s.status}</td>
                    <td>{s.declinedBy.length ? `补位 ${s.declinedBy.length} 次` : ''}</td>
                  </tr>
                ))}
                {seats.map((s) => (
                  <tr>
                    <td>{s.sessionId}</td>
                    <td>{s.fundId}</td>
                    <td>{s.status}</td>
                    <td />
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>
              <Bi zh="意向卡" en="Intent cards" />
            </h2>
            <p>
              感兴趣 {intents.filter((i) => i.interested).length} · 不感兴趣{' '}
              {intents.filter((i) => !i.interested).length}
            </p>
          </>
        )}
      </Layout>,
      error ? 422 : 200,
    );
  };

  app.get('/equity', (c) => render(c));
  app.post('/equity/batches', (c) =>
    act(
      c,
      '/operator/equity',
      async (form) => {
        const input = parseForm(ComposeBatchSchema, {
          fundId: text(form, 'fundId'),
          maxFirms: Number(text(form, 'maxFirms') ?? 20),
          minFit: Number(text(form, 'minFit') ?? 40),
        });
        await pushBatch(c.get('deps'), c.get('principal'), input);
      },
      (e, form) => render(c, e, form),
    ),
  );
  app.post('/equity/roadshows', async (c) => {
    const principal = signedIn(c, 'operator');
    const form = await readForm(c);
    try {
      const url = text(form, 'url');
      const draft = parseForm(RoadshowDraftSchema, {
        title: text(form, 'title'),
        chain: (text(form, 'chain') ?? '').split(/[,，\s]+/).filter(Boolean),
        regionPrefix: principal.regionPrefix,
        venue: url ? { kind: 'online', url } : { kind: 'onsite', address: text(form, 'address') },
        slotMinutes: Number(text(form, 'slotMinutes')),
        sessions: [
          {
            startsAt: text(form, 'startsAt'),
            slots: Number(text(form, 'slots')),
            capacity: Number(text(form, 'capacity')),
          },
        ],
      });
      const r = await createRoadshow(c.get('deps'), principal, draft);
      return c.redirect(`/operator/equity/roadshows/${r.id}?ok=1`, 303);
    } catch (error) {
      if (error instanceof DomainError) return render(c, error, form);
      throw error;
    }
  });
  const back = (c: PageContext) => `/operator/equity/roadshows/${c.req.param('id')}`;
  app.get('/equity/roadshows/:id', (c) => renderRoadshow(c));
  app.post('/equity/roadshows/:id/participants', (c) =>
    act(
      c,
      back(c),
      async (form) => {
        const requestIds = list(form, 'requestIds');
        await setParticipants(c.get('deps'), c.get('principal'), c.req.param('id'), {
          ...(requestIds.length ? { requestIds } : {}),
          fundIds: list(form, 'fundIds'),
        });
      },
      (e) => renderRoadshow(c, e),
    ),
  );
  app.post('/equity/roadshows/:id/plan', (c) =>
    act(
      c,
      back(c),
      () => planRoadshowFor(c.get('deps'), c.get('principal'), c.req.param('id')),
      (e) => renderRoadshow(c, e),
    ),
  );
  app.post('/equity/roadshows/:id/pin', (c) =>
    act(
      c,
      back(c),
      async (form) => {
        const { roadshow } = await readRoadshow(c.get('deps'), c.get('principal'), c.req.param('id'));
        const pins = parseForm(PinsSchema, {
          ...roadshow.pins,
          firms: [
            ...roadshow.pins.firms,
            {
              firmId: text(form, 'firmId'),
              sessionId: text(form, 'sessionId'),
              slot: Number(text(form, 'slot')) - 1,
            },
          ],
        });
        await planRoadshowFor(c.get('deps'), c.get('principal'), c.req.param('id'), pins);
      },
      (e) => renderRoadshow(c, e),
    ),
  );
  app.post('/equity/roadshows/:id/publish', (c) =>
    act(
      c,
      back(c),
      () => publishRoadshow(c.get('deps'), c.get('principal'), c.req.param('id')),
      (e) => renderRoadshow(c, e),
    ),
  );
  return app;
}
